import { Entity, JsonType, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantScoped } from '@workbay/platform';
import type { ExistingInvoice } from '../invoices/invoice.decider';
import type { RepairOrderState } from '../repair-orders/repair-order.decider';

/** The odometer as the history knows it (vehicle-history.projection.ts keeps its own copy). */
@TenantScoped()
@Entity({ tableName: 'shop.vehicle_history_vehicles' })
export class HistoryVehicleRow {
  @PrimaryKey({ type: 'uuid', fieldName: 'tenant_id' }) tenantId: string;
  @PrimaryKey({ type: 'uuid' }) vehicleId: string;
  @Property({ type: 'uuid' }) customerId: string;
  @Property({ type: 'text' }) vin: string;
  @Property({ type: 'integer' }) year: number;
  @Property({ type: 'text' }) make: string;
  @Property({ type: 'text' }) model: string;
  @Property({ type: 'integer' }) mileage: number;
}

/**
 * One repair order of a vehicle with its invoice. `repairOrder` and `invoice` hold the aggregates'
 * own state, folded with their deciders' `evolve`, so the history shows exactly what the domain
 * knows (line status, technicians, clocked time, payments) without a second copy of its rules.
 */
@TenantScoped()
@Entity({ tableName: 'shop.vehicle_service_visits' })
export class ServiceVisitRow {
  @PrimaryKey({ type: 'uuid', fieldName: 'tenant_id' }) tenantId: string;
  @PrimaryKey({ type: 'uuid' }) repairOrderId: string;
  @Property({ type: 'uuid' }) vehicleId: string;
  @Property({ type: 'Date' }) openedAt: Date;
  @Property({ type: 'integer', nullable: true }) mileageAtIntake: number | null;
  @Property({ type: JsonType, columnType: 'jsonb' }) repairOrder: Exclude<RepairOrderState, { status: 'none' }>;
  @Property({ type: 'uuid', nullable: true }) invoiceId: string | null;
  @Property({ type: JsonType, columnType: 'jsonb', nullable: true }) invoice: ExistingInvoice | null;
}
