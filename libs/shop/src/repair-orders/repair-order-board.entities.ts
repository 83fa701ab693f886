import { BigIntType, Entity, JsonType, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantScoped } from '@workbay/platform';
import type { DeferredRecommendation } from './repair-order.events';
import type { RunningClock } from './repair-order-lines.rules';

/**
 * Read model: repair orders on the shop floor (written by repair-order-board.projection.ts).
 * shop.repair_order_clock (one row per closed clock interval) is read with plain SQL sums.
 */
@TenantScoped()
@Entity({ tableName: 'shop.repair_orders' })
export class RepairOrderRow {
  @PrimaryKey({ type: 'uuid', fieldName: 'tenant_id' }) tenantId: string;
  @PrimaryKey({ type: 'uuid' }) id: string;
  @Property({ type: 'uuid' }) quoteId: string;
  @Property({ type: 'uuid' }) customerId: string;
  @Property({ type: 'uuid' }) vehicleId: string;
  @Property({ type: 'uuid', nullable: true }) locationId: string | null;
  @Property({ type: 'text' }) status: string;
  @Property({ type: 'text', columnType: 'char(3)' }) currency: string;
  @Property({ type: 'integer' }) lineCount: number;
  @Property({ type: 'integer' }) completedLineCount: number;
  @Property({ type: 'decimal', columnType: 'numeric(12,2)' }) soldHours: string;
  @Property({ type: 'decimal', columnType: 'numeric(14,4)' }) clockedMinutes: string;
  @Property({ type: 'integer' }) returnsCount: number;
  @Property({ type: JsonType, columnType: 'jsonb' }) deferred: DeferredRecommendation[];
  @Property({ type: 'Date' }) openedAt: Date;
  @Property({ type: 'Date', nullable: true }) reviewRequestedAt: Date | null;
  @Property({ type: 'Date', nullable: true }) approvedAt: Date | null;
  @Property({ type: 'integer' }) version: number;
  @Property({ type: 'Date' }) updatedAt: Date;
}

@TenantScoped()
@Entity({ tableName: 'shop.repair_order_lines' })
export class RepairOrderLineRow {
  @PrimaryKey({ type: 'uuid', fieldName: 'tenant_id' }) tenantId: string;
  @PrimaryKey({ type: 'uuid' }) repairOrderId: string;
  @PrimaryKey({ type: 'text' }) lineId: string;
  @Property({ type: 'integer' }) ordinal: number;
  @Property({ type: 'text' }) kind: string;
  @Property({ type: 'text' }) description: string;
  @Property({ type: 'decimal', columnType: 'numeric(12,2)' }) quantity: string;
  @Property({ type: new BigIntType('number') }) unitPriceMinor: number;
  @Property({ type: 'boolean' }) taxable: boolean;
  @Property({ type: 'text' }) status: string;
  @Property({ type: 'string[]', columnType: 'uuid[]' }) technicianIds: string[];
  @Property({ type: JsonType, columnType: 'jsonb' }) runningClocks: RunningClock[];
  @Property({ type: 'decimal', columnType: 'numeric(14,4)' }) clockedMinutes: string;
  @Property({ type: 'Date', nullable: true }) completedAt: Date | null;
  @Property({ type: 'integer' }) returnsCount: number;
  @Property({ type: 'text', nullable: true }) lastReturnReason: string | null;
  @Property({ type: JsonType, columnType: 'jsonb' }) returns: { reason: string; returnedAt: string }[];
}
