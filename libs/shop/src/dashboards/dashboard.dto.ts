import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { MinorUnits } from '@workbay/platform';
import { AGING_BUCKETS, REPAIR_ORDER_STATUSES } from './dashboard.rules';
import { RepairOrderStatusEnum } from '../shared/shop-enums';

const LOCATION = { nullable: true, type: String, description: 'null: records without a location (older quotes and repair orders)' };

@ObjectType('RepairOrderStatusCount', { description: 'How many repair orders are in one status' })
export class RepairOrderStatusCountView {
  @Field(() => RepairOrderStatusEnum, { description: 'a repair order status' })
  @ApiProperty({ enum: RepairOrderStatusEnum, description: 'a repair order status' })
  status: string;

  @Field(() => Int, { description: 'repair orders in it' })
  @ApiProperty({ type: 'integer', description: 'repair orders in it' })
  count: number;
}

@ObjectType('RepairOrderStatusByLocation', { description: "One location's repair orders by status" })
export class RepairOrderStatusRowView {
  @Field(() => ID, { nullable: true, description: 'the location; null: records without a location (older quotes and repair orders)' })
  @ApiProperty({ ...LOCATION, format: 'uuid', description: 'the location; null: records without a location (older quotes and repair orders)' })
  locationId: string | null;

  @Field(() => [RepairOrderStatusCountView], { description: 'every status, zeros included' })
  @ApiProperty({ type: [RepairOrderStatusCountView], description: 'every status, zeros included' })
  statuses: RepairOrderStatusCountView[];
  @Field(() => Int, { description: "the location's repair orders" })
  @ApiProperty({ type: 'integer', description: "the location's repair orders" })
  total: number;
}

@ObjectType('RepairOrderStatusBoard', { description: 'Repair orders by status, per location and over all of them' })
export class RepairOrderStatusBoardView {
  @Field(() => [RepairOrderStatusRowView], { description: 'per location' })
  @ApiProperty({ type: [RepairOrderStatusRowView], description: 'per location' })
  locations: RepairOrderStatusRowView[];

  @Field(() => [RepairOrderStatusCountView], { description: 'over the locations listed' })
  @ApiProperty({ type: [RepairOrderStatusCountView], description: 'over the locations listed' })
  statuses: RepairOrderStatusCountView[];
  @Field(() => Int, { description: 'repair orders over the locations listed' })
  @ApiProperty({ type: 'integer', description: 'repair orders over the locations listed' })
  total: number;
}

@ObjectType('TechnicianEfficiencyRow', { description: "One technician's work at one location" })
export class TechnicianEfficiencyRowView {
  @Field(() => ID, { description: 'the technician (a user id)' })
  @ApiProperty({ format: 'uuid', description: 'the technician (a user id)' })
  technicianId: string;

  @Field(() => ID, { nullable: true, description: 'the location; null: records without a location (older quotes and repair orders)' })
  @ApiProperty({ ...LOCATION, format: 'uuid', description: 'the location; null: records without a location (older quotes and repair orders)' })
  locationId: string | null;

  @Field(() => Int, { description: 'lines assigned to the technician and not completed, now (not limited by from/to)' })
  @ApiProperty({ description: 'lines assigned to the technician and not completed, now (not limited by from/to)', type: 'integer' })
  openLines: number;
  @Field(() => Int, { description: 'lines completed in the range with the technician on them' })
  @ApiProperty({ description: 'lines completed in the range with the technician on them', type: 'integer' })
  linesCompleted: number;

  @Field(() => Int, { description: 'closed clock time, minutes (2 decimals)' })
  @ApiProperty({ description: 'closed clock intervals, by the day each stopped', type: 'integer' })
  clockedMinutes: number;

  @Field(() => Float, { description: 'labor hours of completed lines, split equally among the technicians on a line' })
  @ApiProperty({ description: 'labor hours of completed lines, split equally among the technicians on a line' })
  soldHours: number;
  @Field(() => Float, { nullable: true, description: 'sold hours / clocked hours; null when nothing was clocked' })
  @ApiProperty({ nullable: true, type: Number, description: 'sold hours / clocked hours; null when nothing was clocked' })
  efficiency: number | null;
}

@ObjectType('TechnicianEfficiency', { description: 'Technician workload and efficiency' })
export class TechnicianEfficiencyView {
  @Field(() => [TechnicianEfficiencyRowView], { description: 'per technician and location' })
  @ApiProperty({ type: [TechnicianEfficiencyRowView], description: 'per technician and location' })
  items: TechnicianEfficiencyRowView[];
}

@ObjectType('RevenueDay', { description: 'Revenue of one local day at one location, in one currency' })
export class RevenueDayView {
  @Field({ description: "calendar day in the location's time zone (UTC without a location)" })
  @ApiProperty({ example: '2025-06-01', description: "calendar day in the location's time zone (UTC without a location)", format: 'date' })
  day: string;

  @Field(() => ID, { nullable: true, description: 'the location; null: records without a location (older quotes and repair orders)' })
  @ApiProperty({ ...LOCATION, format: 'uuid', description: 'the location; null: records without a location (older quotes and repair orders)' })
  locationId: string | null;

  @Field({ description: 'ISO 4217 code of the amounts' })
  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'INR', description: 'ISO 4217 code of the amounts' })
  currency: string;

  @Field(() => Int, { description: 'invoices counted' })
  @ApiProperty({ description: 'invoices issued that day and not voided', type: 'integer' })
  invoiceCount: number;

  @Field(MinorUnits, { description: 'grand totals of the invoices issued and not voided, less the credit notes issued that day, minor units' })
  @ApiProperty({ description: 'grand totals (tax included) of those invoices, less the credit notes issued that day', type: 'integer' })
  invoicedMinor: number;

  @Field(MinorUnits, { description: 'output tax of those invoices less the tax the day\'s credit notes reversed, minor units' })
  @ApiProperty({ type: 'integer', description: 'output tax of those invoices less the tax the day\'s credit notes reversed, minor units' })
  taxMinor: number;

  @Field(MinorUnits, { description: 'payments received minus refunds made, minor units; a refund that fails at Stripe counts back on the day its failure is booked' })
  @ApiProperty({ description: 'payments received that day minus refunds made that day, plus refunds booked before that failed at Stripe that day', type: 'integer' })
  collectedMinor: number;
}

@ObjectType('RevenueTotal', { description: 'Revenue over the days listed, in one currency' })
export class RevenueTotalView {
  @Field({ description: 'ISO 4217 code of the amounts' })
  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'INR', description: 'ISO 4217 code of the amounts' })
  currency: string;

  @Field(() => Int, { description: 'invoices issued in the range and not voided' })
  @ApiProperty({ type: 'integer', description: 'invoices issued in the range and not voided' })
  invoiceCount: number;

  @Field(MinorUnits, { description: 'grand totals of the invoices issued and not voided, less credit notes, minor units' })
  @ApiProperty({ type: 'integer', description: 'grand totals of the invoices issued and not voided, less credit notes, minor units' })
  invoicedMinor: number;

  @Field(MinorUnits, { description: 'output tax of those invoices less the tax credit notes reversed, minor units' })
  @ApiProperty({ type: 'integer', description: 'output tax of those invoices less the tax credit notes reversed, minor units' })
  taxMinor: number;

  @Field(MinorUnits, { description: 'payments received minus refunds made, minor units' })
  @ApiProperty({ type: 'integer', description: 'payments received minus refunds made, minor units' })
  collectedMinor: number;
}

@ObjectType('RevenueByDay', { description: 'Revenue per local day and location' })
export class RevenueByDayView {
  @Field(() => [RevenueDayView], { description: 'by day, then location, then currency' })
  @ApiProperty({ type: [RevenueDayView], description: 'by day, then location, then currency' })
  days: RevenueDayView[];

  @Field(() => [RevenueTotalView], { description: 'per currency over the days listed' })
  @ApiProperty({ type: [RevenueTotalView], description: 'per currency over the days listed' })
  totals: RevenueTotalView[];
}

@ObjectType('QuoteApprovalByLocation', { description: 'Quote decisions at one location, in one currency' })
export class QuoteApprovalRowView {
  @Field(() => ID, { nullable: true, description: 'the location; null: records without a location (older quotes and repair orders)' })
  @ApiProperty({ ...LOCATION, format: 'uuid', description: 'the location; null: records without a location (older quotes and repair orders)' })
  locationId: string | null;

  @Field({ description: 'ISO 4217 code of the amounts' })
  @ApiProperty({ description: 'values are in this currency (a tenant normally has one)', pattern: '^[A-Z]{3}$', example: 'INR' })
  currency: string;

  @Field(() => Int, { description: 'quotes first sent in the range' })
  @ApiProperty({ description: 'quotes first sent in the range', type: 'integer' })
  sent: number;

  @Field(() => Int, { description: 'approved with every line, decided in the range' })
  @ApiProperty({ description: 'approved with every line, decided in the range', type: 'integer' })
  approved: number;

  @Field(() => Int, { description: 'approved with some lines declined' })
  @ApiProperty({ description: 'approved with some lines declined', type: 'integer' })
  partiallyApproved: number;

  @Field(() => Int, { description: 'declined in full, decided in the range' })
  @ApiProperty({ type: 'integer', description: 'declined in full, decided in the range' })
  declined: number;

  @Field(() => Int, { description: 'approved, partially approved or declined in the range' })
  @ApiProperty({ type: 'integer', description: 'approved, partially approved or declined in the range' })
  decided: number;

  @Field(() => Float, { nullable: true, description: '(approved + partially approved) / decided' })
  @ApiProperty({ nullable: true, type: Number, description: '(approved + partially approved) / decided' })
  approvalRate: number | null;
  @Field(MinorUnits, { description: 'pre-tax value of the decided quotes' })
  @ApiProperty({ description: 'pre-tax value of the decided quotes', type: 'integer' })
  quotedMinor: number;

  @Field(MinorUnits, { description: 'pre-tax value of the approved lines' })
  @ApiProperty({ description: 'pre-tax value of the approved lines', type: 'integer' })
  approvedMinor: number;

  @Field(() => Float, { nullable: true, description: 'approvedMinor / quotedMinor' })
  @ApiProperty({ nullable: true, type: Number, description: 'approvedMinor / quotedMinor' })
  approvedValueShare: number | null;
}

@ObjectType('QuoteApprovalRate', { description: 'Quote approval rate per location' })
export class QuoteApprovalView {
  @Field(() => [QuoteApprovalRowView], { description: 'per location and currency' })
  @ApiProperty({ type: [QuoteApprovalRowView], description: 'per location and currency' })
  items: QuoteApprovalRowView[];
}

@ObjectType('OutstandingSummary', { description: 'Balances due, with their aging' })
export class OutstandingSummaryView {
  @Field(() => ID, { nullable: true, description: 'the location; null in totals' })
  @ApiProperty({ nullable: true, type: String, description: 'null in totals', format: 'uuid' })
  locationId: string | null;

  @Field({ description: 'ISO 4217 code of the amounts' })
  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'INR', description: 'ISO 4217 code of the amounts' })
  currency: string;

  @Field(() => Int, { description: 'invoices with a balance due' })
  @ApiProperty({ type: 'integer', description: 'invoices with a balance due' })
  invoiceCount: number;

  @Field(MinorUnits, { description: 'balances due, minor units' })
  @ApiProperty({ type: 'integer', description: 'balances due, minor units' })
  balanceMinor: number;

  @Field(MinorUnits, { description: 'balance of invoices issued 0-30 days ago' })
  @ApiProperty({ description: 'issued 0-30 days ago', type: 'integer' })
  days0To30Minor: number;

  @Field(MinorUnits, { description: 'balance of invoices issued 31-60 days ago' })
  @ApiProperty({ type: 'integer', description: 'balance of invoices issued 31-60 days ago' })
  days31To60Minor: number;

  @Field(MinorUnits, { description: 'balance of invoices issued 61-90 days ago' })
  @ApiProperty({ type: 'integer', description: 'balance of invoices issued 61-90 days ago' })
  days61To90Minor: number;

  @Field(MinorUnits, { description: 'balance of invoices issued more than 90 days ago' })
  @ApiProperty({ description: 'issued more than 90 days ago', type: 'integer' })
  over90Minor: number;
}

@ObjectType('OutstandingInvoice', { description: 'An invoice with a balance due' })
export class OutstandingInvoiceView {
  @Field(() => ID, { description: 'the invoice' })
  @ApiProperty({ format: 'uuid', description: 'the invoice' })
  invoiceId: string;

  @Field({ description: 'the invoice number' })
  @ApiProperty({ description: 'the invoice number' })
  number: string;

  @Field(() => ID, { nullable: true, description: 'the location; null for an invoice without one' })
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the location; null for an invoice without one' })
  locationId: string | null;

  @Field(() => ID, { description: 'the customer' })
  @ApiProperty({ format: 'uuid', description: 'the customer' })
  customerId: string;

  @Field({ description: 'ISO 4217 code of the amounts' })
  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'INR', description: 'ISO 4217 code of the amounts' })
  currency: string;

  @Field(MinorUnits, { description: 'subtotal plus tax, minor units' })
  @ApiProperty({ type: 'integer', description: 'subtotal plus tax, minor units' })
  grandTotalMinor: number;

  @Field(MinorUnits, { description: 'payments received minus refunds, minor units' })
  @ApiProperty({ description: 'payments minus refunds', type: 'integer' })
  paidMinor: number;

  @Field(MinorUnits, { description: 'credit notes issued against it, minor units' })
  @ApiProperty({ type: 'integer', description: 'credit notes issued against it, minor units' })
  creditedMinor: number;

  @Field(MinorUnits, { description: 'grand total minus credited minus paid, minor units' })
  @ApiProperty({ type: 'integer', description: 'grand total minus credited minus paid, minor units' })
  balanceMinor: number;

  @Field({ description: 'when the invoice was issued' })
  @ApiProperty({ format: 'date-time', description: 'when the invoice was issued' })
  issuedAt: string;

  @Field(() => Int, { description: 'whole days since issue' })
  @ApiProperty({ type: 'integer', description: 'whole days since issue' })
  ageDays: number;

  @Field({ description: 'aging bucket by days since issue: 0-30, 31-60, 61-90 or 90+' })
  @ApiProperty({ enum: AGING_BUCKETS, description: 'aging bucket by days since issue: 0-30, 31-60, 61-90 or 90+' })
  bucket: string;
}

@ObjectType('OutstandingBalances', { description: 'Outstanding balances with aging' })
export class OutstandingBalancesView {
  @Field({ description: 'the instant ages were computed at' })
  @ApiProperty({ description: 'the instant ages were computed at', format: 'date-time' })
  asOf: string;

  @Field(() => [OutstandingSummaryView], { description: 'per currency, all locations listed' })
  @ApiProperty({ type: [OutstandingSummaryView], description: 'per currency, all locations listed' })
  totals: OutstandingSummaryView[];
  @Field(() => [OutstandingSummaryView], { description: 'per location and currency' })
  @ApiProperty({ type: [OutstandingSummaryView], description: 'per location and currency' })
  locations: OutstandingSummaryView[];

  @Field(() => [OutstandingInvoiceView], { description: 'largest balances first' })
  @ApiProperty({ type: [OutstandingInvoiceView], description: 'largest balances first' })
  top: OutstandingInvoiceView[];
}
