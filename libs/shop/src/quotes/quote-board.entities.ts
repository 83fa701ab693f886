import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantScoped } from '@workbay/platform';

/** Read model: quotes with their lines and decisions (written by quote-board.projection.ts). */
@TenantScoped()
@Entity({ tableName: 'shop.quotes' })
export class QuoteRow {
  @PrimaryKey({ type: 'uuid', fieldName: 'tenant_id' }) tenantId: string;
  @PrimaryKey({ type: 'uuid' }) id: string;
  @Property({ type: 'uuid' }) customerId: string;
  @Property({ type: 'uuid' }) vehicleId: string;
  @Property({ type: 'uuid', nullable: true }) locationId: string | null;
  @Property({ type: 'text' }) status: string;
  @Property({ type: 'integer' }) revision: number;
  @Property({ type: 'Date', nullable: true }) revisedAt: Date | null;
  @Property({ type: 'text' }) currency: string;
  @Property({ type: new BigIntType('number') }) subtotalMinor: number;
  @Property({ type: new BigIntType('number') }) taxableSubtotalMinor: number;
  @Property({ type: new BigIntType('number') }) approvedSubtotalMinor: number;
  @Property({ type: new BigIntType('number') }) declinedSubtotalMinor: number;
  @Property({ type: new BigIntType('number') }) discountMinor: number;
  @Property({ type: 'uuid', nullable: true }) discountApprovalRequestId: string | null;
  @Property({ type: 'text', nullable: true }) approvedBy: string | null;
  @Property({ type: 'text', nullable: true }) decisionChannel: string | null;
  @Property({ type: 'text', nullable: true }) declineReason: string | null;
  @Property({ type: 'Date' }) createdAt: Date;
  @Property({ type: 'Date', nullable: true }) sentAt: Date | null;
  @Property({ type: 'Date', nullable: true }) decidedAt: Date | null;
  @Property({ type: 'integer' }) version: number;
  @Property({ type: 'Date' }) updatedAt: Date;
}

@TenantScoped()
@Entity({ tableName: 'shop.quote_lines' })
export class QuoteLineRow {
  @PrimaryKey({ type: 'uuid', fieldName: 'tenant_id' }) tenantId: string;
  @PrimaryKey({ type: 'uuid' }) quoteId: string;
  @PrimaryKey({ type: 'text' }) lineId: string;
  @Property({ type: 'integer' }) ordinal: number;
  @Property({ type: 'text' }) kind: string;
  @Property({ type: 'text' }) description: string;
  @Property({ type: 'decimal', columnType: 'numeric(12,2)' }) quantity: string;
  @Property({ type: new BigIntType('number') }) unitPriceMinor: number;
  @Property({ type: new BigIntType('number') }) totalMinor: number;
  @Property({ type: new BigIntType('number') }) discountMinor: number;
  @Property({ type: 'boolean' }) taxable: boolean;
  @Property({ type: 'text' }) decision: string;
}
