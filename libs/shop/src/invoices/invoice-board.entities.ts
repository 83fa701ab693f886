import { BigIntType, Entity, JsonType, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantScoped } from '@workbay/platform';
import type { DisputeState, RefundState } from './invoice.decider';
import type { TaxComponent, TaxJurisdiction } from './tax.rules';
import type { TaxId } from './tax-id.rules';
import type { BillingAddress } from '../customers/customer-billing.rules';

/** Read model: an invoice with its totals and balance (written by invoice-board.projection.ts). */
@TenantScoped()
@Entity({ tableName: 'shop.invoices' })
export class InvoiceRow {
  @PrimaryKey({ type: 'uuid', fieldName: 'tenant_id' }) tenantId: string;
  @PrimaryKey({ type: 'uuid' }) id: string;
  @Property({ type: 'text' }) number: string;
  @Property({ type: 'text' }) status: string;
  @Property({ type: 'uuid' }) repairOrderId: string;
  @Property({ type: 'uuid' }) customerId: string;
  @Property({ type: 'uuid' }) vehicleId: string;
  @Property({ type: 'uuid' }) locationId: string;
  @Property({ type: 'text', columnType: 'char(3)' }) currency: string;
  @Property({ type: 'integer' }) currencyExponent: number;
  @Property({ type: JsonType, columnType: 'jsonb' }) jurisdiction: TaxJurisdiction;
  @Property({ type: 'text', nullable: true }) placeOfSupply: string | null;
  @Property({ type: 'text', nullable: true }) placeOfSupplySource: string | null;
  @Property({ type: JsonType, columnType: 'jsonb', nullable: true }) sellerTaxId: TaxId | null;
  @Property({ type: JsonType, columnType: 'jsonb', nullable: true }) buyerTaxId: TaxId | null;
  @Property({ type: JsonType, columnType: 'jsonb', nullable: true }) buyerBillingAddress: BillingAddress | null;
  /** 'customer' or 'household' (whose billing details the buyer's are); null on invoices issued before it was kept. */
  @Property({ type: 'text', nullable: true }) recipientSource: string | null;
  @Property({ type: 'uuid', nullable: true }) recipientHouseholdId: string | null;
  @Property({ type: 'boolean' }) reverseCharge: boolean;
  @Property({ type: 'text', nullable: true }) taxNote: string | null;
  @Property({ type: JsonType, columnType: 'jsonb' }) taxSummary: TaxComponent[];
  @Property({ type: new BigIntType('number') }) subtotalMinor: number;
  @Property({ type: new BigIntType('number') }) taxableSubtotalMinor: number;
  @Property({ type: new BigIntType('number') }) taxTotalMinor: number;
  @Property({ type: new BigIntType('number') }) grandTotalMinor: number;
  @Property({ type: new BigIntType('number') }) paidMinor: number;
  /** Credit notes' grand totals. */
  @Property({ type: new BigIntType('number') }) creditedMinor: number;
  /** The receivable, grand total - credited - paid: below 0 a credit balance owed back to the customer. */
  @Property({ type: new BigIntType('number') }) balanceDueMinor: number;
  @Property({ type: 'Date' }) issuedAt: Date;
  @Property({ type: 'Date', nullable: true }) paidAt: Date | null;
  @Property({ type: 'Date', nullable: true }) voidedAt: Date | null;
  @Property({ type: 'text', nullable: true }) voidReason: string | null;
  @Property({ type: 'integer' }) version: number;
  @Property({ type: 'Date' }) updatedAt: Date;
}

@TenantScoped()
@Entity({ tableName: 'shop.invoice_lines' })
export class InvoiceLineRow {
  @PrimaryKey({ type: 'uuid', fieldName: 'tenant_id' }) tenantId: string;
  @PrimaryKey({ type: 'uuid' }) invoiceId: string;
  @PrimaryKey({ type: 'text' }) lineId: string;
  @Property({ type: 'integer' }) ordinal: number;
  @Property({ type: 'text' }) kind: string;
  @Property({ type: 'text' }) description: string;
  @Property({ type: 'text', nullable: true }) hsnSac: string | null;
  @Property({ type: 'text' }) taxCategory: string;
  @Property({ type: 'decimal', columnType: 'numeric(12,2)' }) quantity: string;
  @Property({ type: new BigIntType('number') }) unitPriceMinor: number;
  @Property({ type: 'boolean' }) taxable: boolean;
  @Property({ type: new BigIntType('number') }) amountMinor: number;
  @Property({ type: JsonType, columnType: 'jsonb' }) taxComponents: TaxComponent[];
  @Property({ type: new BigIntType('number') }) taxMinor: number;
  @Property({ type: new BigIntType('number') }) totalMinor: number;
}

@TenantScoped()
@Entity({ tableName: 'shop.invoice_payments' })
export class InvoicePaymentRow {
  @PrimaryKey({ type: 'uuid', fieldName: 'tenant_id' }) tenantId: string;
  @PrimaryKey({ type: 'uuid' }) invoiceId: string;
  @PrimaryKey({ type: 'uuid' }) paymentId: string;
  @Property({ type: 'text' }) method: string;
  @Property({ type: new BigIntType('number') }) amountMinor: number;
  @Property({ type: new BigIntType('number') }) refundedMinor: number;
  @Property({ type: 'text', nullable: true }) reference: string | null;
  @Property({ type: 'Date' }) receivedAt: Date;
  @Property({ type: JsonType, columnType: 'jsonb' }) refunds: RefundState[];
  /** Withdrawn by Stripe for disputes of it, now. */
  @Property({ type: new BigIntType('number') }) disputedMinor: number;
  @Property({ type: JsonType, columnType: 'jsonb' }) disputes: DisputeState[];
}
