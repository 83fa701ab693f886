import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { MinorUnits } from '../shared/minor-units';
import { AGING_BUCKETS, REPAIR_ORDER_STATUSES } from './dashboard-rules';

const LOCATION = { nullable: true, type: String, description: 'null: records without a location (older quotes and repair orders)' };

@ObjectType('RepairOrderStatusCount')
export class RepairOrderStatusCountView {
  @Field() @ApiProperty({ enum: REPAIR_ORDER_STATUSES }) status: string;
  @Field(() => Int) @ApiProperty() count: number;
}

@ObjectType('RepairOrderStatusByLocation')
export class RepairOrderStatusRowView {
  @Field(() => String, { nullable: true }) @ApiProperty(LOCATION) locationId: string | null;
  @Field(() => [RepairOrderStatusCountView]) @ApiProperty({ type: [RepairOrderStatusCountView], description: 'every status, zeros included' })
  statuses: RepairOrderStatusCountView[];
  @Field(() => Int) @ApiProperty() total: number;
}

@ObjectType('RepairOrderStatusBoard')
export class RepairOrderStatusBoardView {
  @Field(() => [RepairOrderStatusRowView]) @ApiProperty({ type: [RepairOrderStatusRowView] }) locations: RepairOrderStatusRowView[];
  @Field(() => [RepairOrderStatusCountView]) @ApiProperty({ type: [RepairOrderStatusCountView], description: 'over the locations listed' })
  statuses: RepairOrderStatusCountView[];
  @Field(() => Int) @ApiProperty() total: number;
}

@ObjectType('TechnicianEfficiencyRow')
export class TechnicianEfficiencyRowView {
  @Field() @ApiProperty() technicianId: string;
  @Field(() => String, { nullable: true }) @ApiProperty(LOCATION) locationId: string | null;
  @Field(() => Int) @ApiProperty({ description: 'lines assigned to the technician and not completed, now (not limited by from/to)' })
  openLines: number;
  @Field(() => Int) @ApiProperty({ description: 'lines completed in the range with the technician on them' }) linesCompleted: number;
  @Field(() => Int) @ApiProperty({ description: 'closed clock intervals, by the day each stopped' }) clockedMinutes: number;
  @Field(() => Float) @ApiProperty({ description: 'labor hours of completed lines, split equally among the technicians on a line' })
  soldHours: number;
  @Field(() => Float, { nullable: true }) @ApiProperty({ nullable: true, type: Number, description: 'sold hours / clocked hours; null when nothing was clocked' })
  efficiency: number | null;
}

@ObjectType('TechnicianEfficiency')
export class TechnicianEfficiencyView {
  @Field(() => [TechnicianEfficiencyRowView]) @ApiProperty({ type: [TechnicianEfficiencyRowView] }) items: TechnicianEfficiencyRowView[];
}

@ObjectType('RevenueDay')
export class RevenueDayView {
  @Field() @ApiProperty({ example: '2025-06-01', description: "calendar day in the location's time zone (UTC without a location)" }) day: string;
  @Field(() => String, { nullable: true }) @ApiProperty(LOCATION) locationId: string | null;
  @Field() @ApiProperty() currency: string;
  @Field(() => Int) @ApiProperty({ description: 'invoices issued that day and not voided' }) invoiceCount: number;
  @Field(MinorUnits) @ApiProperty({ description: 'grand totals (tax included) of those invoices' }) invoicedMinor: number;
  @Field(MinorUnits) @ApiProperty() taxMinor: number;
  @Field(MinorUnits) @ApiProperty({ description: 'payments received that day minus refunds made that day' }) collectedMinor: number;
}

@ObjectType('RevenueTotal')
export class RevenueTotalView {
  @Field() @ApiProperty() currency: string;
  @Field(() => Int) @ApiProperty() invoiceCount: number;
  @Field(MinorUnits) @ApiProperty() invoicedMinor: number;
  @Field(MinorUnits) @ApiProperty() taxMinor: number;
  @Field(MinorUnits) @ApiProperty() collectedMinor: number;
}

@ObjectType('RevenueByDay')
export class RevenueByDayView {
  @Field(() => [RevenueDayView]) @ApiProperty({ type: [RevenueDayView], description: 'by day, then location, then currency' }) days: RevenueDayView[];
  @Field(() => [RevenueTotalView]) @ApiProperty({ type: [RevenueTotalView], description: 'per currency over the days listed' }) totals: RevenueTotalView[];
}

@ObjectType('QuoteApprovalByLocation')
export class QuoteApprovalRowView {
  @Field(() => String, { nullable: true }) @ApiProperty(LOCATION) locationId: string | null;
  @Field() @ApiProperty({ description: 'values are in this currency (a tenant normally has one)' }) currency: string;
  @Field(() => Int) @ApiProperty({ description: 'quotes first sent in the range' }) sent: number;
  @Field(() => Int) @ApiProperty({ description: 'approved with every line, decided in the range' }) approved: number;
  @Field(() => Int) @ApiProperty({ description: 'approved with some lines declined' }) partiallyApproved: number;
  @Field(() => Int) @ApiProperty() declined: number;
  @Field(() => Int) @ApiProperty() decided: number;
  @Field(() => Float, { nullable: true }) @ApiProperty({ nullable: true, type: Number, description: '(approved + partially approved) / decided' })
  approvalRate: number | null;
  @Field(MinorUnits) @ApiProperty({ description: 'pre-tax value of the decided quotes' }) quotedMinor: number;
  @Field(MinorUnits) @ApiProperty({ description: 'pre-tax value of the approved lines' }) approvedMinor: number;
  @Field(() => Float, { nullable: true }) @ApiProperty({ nullable: true, type: Number, description: 'approvedMinor / quotedMinor' })
  approvedValueShare: number | null;
}

@ObjectType('QuoteApprovalRate')
export class QuoteApprovalView {
  @Field(() => [QuoteApprovalRowView]) @ApiProperty({ type: [QuoteApprovalRowView] }) items: QuoteApprovalRowView[];
}

@ObjectType('OutstandingSummary')
export class OutstandingSummaryView {
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String, description: 'null in totals' }) locationId: string | null;
  @Field() @ApiProperty() currency: string;
  @Field(() => Int) @ApiProperty() invoiceCount: number;
  @Field(MinorUnits) @ApiProperty() balanceMinor: number;
  @Field(MinorUnits) @ApiProperty({ description: 'issued 0-30 days ago' }) days0To30Minor: number;
  @Field(MinorUnits) @ApiProperty() days31To60Minor: number;
  @Field(MinorUnits) @ApiProperty() days61To90Minor: number;
  @Field(MinorUnits) @ApiProperty({ description: 'issued more than 90 days ago' }) over90Minor: number;
}

@ObjectType('OutstandingInvoice')
export class OutstandingInvoiceView {
  @Field() @ApiProperty() invoiceId: string;
  @Field() @ApiProperty() number: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) locationId: string | null;
  @Field() @ApiProperty() customerId: string;
  @Field() @ApiProperty() currency: string;
  @Field(MinorUnits) @ApiProperty() grandTotalMinor: number;
  @Field(MinorUnits) @ApiProperty({ description: 'payments minus refunds' }) paidMinor: number;
  @Field(MinorUnits) @ApiProperty() balanceMinor: number;
  @Field() @ApiProperty() issuedAt: string;
  @Field(() => Int) @ApiProperty() ageDays: number;
  @Field() @ApiProperty({ enum: AGING_BUCKETS }) bucket: string;
}

@ObjectType('OutstandingBalances')
export class OutstandingBalancesView {
  @Field() @ApiProperty({ description: 'the instant ages were computed at' }) asOf: string;
  @Field(() => [OutstandingSummaryView]) @ApiProperty({ type: [OutstandingSummaryView], description: 'per currency, all locations listed' })
  totals: OutstandingSummaryView[];
  @Field(() => [OutstandingSummaryView]) @ApiProperty({ type: [OutstandingSummaryView] }) locations: OutstandingSummaryView[];
  @Field(() => [OutstandingInvoiceView]) @ApiProperty({ type: [OutstandingInvoiceView], description: 'largest balances first' })
  top: OutstandingInvoiceView[];
}
