import { EntityManager } from '@mikro-orm/postgresql';
import { StoredEvent } from '@workbay/eventstore';
import { Projection } from '@workbay/platform';
import { invoiceDecider, InvoiceState } from '../invoices/invoice.decider';
import type { InvoiceEvent } from '../invoices/invoice.events';
import { repairOrderDecider, RepairOrderState } from '../repair-orders/repair-order.decider';
import type { RepairOrderEvent } from '../repair-orders/repair-order.events';
import type { VehicleEvent } from './vehicle.events';

const RO_EVENTS = ['RepairOrderOpened', 'TechnicianAssigned', 'WorkStarted', 'WorkCompleted', 'AdvisorReviewRequested', 'WorkReturned', 'WorkApproved'];
const INVOICE_EVENTS = ['InvoiceIssued', 'PaymentRecorded', 'PaymentRefunded', 'InvoicePaid', 'InvoiceVoided', 'InvoiceCredited', 'PaymentDisputed', 'PaymentDisputeUpdated', 'PaymentRefundFailed'];

async function one<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T | undefined> {
  return (await em.execute<T[]>(sql, params))[0];
}

/** Every repair order of a vehicle with its lines, technicians, clocked time, mileage and invoice: the service history. */
export const vehicleHistoryProjection: Projection = {
  name: 'shop.vehicle-history',
  eventTypes: ['VehicleAdded', 'MileageRecorded', ...RO_EVENTS, ...INVOICE_EVENTS],
  tables: ['shop.vehicle_service_visits', 'shop.vehicle_history_vehicles'],
  async apply(em: EntityManager, stored: StoredEvent) {
    const t = stored.tenantId;
    const event = { type: stored.type, data: stored.data } as VehicleEvent | RepairOrderEvent | InvoiceEvent;
    switch (event.type) {
      case 'VehicleAdded':
        await em.execute(
          `insert into shop.vehicle_history_vehicles (tenant_id, vehicle_id, customer_id, vin, year, make, model, mileage)
           values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
          [t, event.data.vehicleId, event.data.customerId, event.data.vin, event.data.year, event.data.make, event.data.model, event.data.mileage],
        );
        return;
      case 'MileageRecorded':
        await em.execute(`update shop.vehicle_history_vehicles set mileage = ? where tenant_id = ? and vehicle_id = ?`, [
          event.data.mileage, t, event.data.vehicleId,
        ]);
        return;
      case 'RepairOrderOpened': {
        const d = event.data;
        const vehicle = await one<{ mileage: number }>(em, `select mileage from shop.vehicle_history_vehicles where tenant_id = ? and vehicle_id = ?`, [t, d.vehicleId]);
        const state = repairOrderDecider.evolve(repairOrderDecider.initialState(), event);
        await em.execute(
          `insert into shop.vehicle_service_visits (tenant_id, repair_order_id, vehicle_id, opened_at, mileage_at_intake, repair_order)
           values (?, ?, ?, ?, ?, ?::jsonb) on conflict do nothing`,
          [t, d.repairOrderId, d.vehicleId, d.openedAt, vehicle?.mileage ?? null, JSON.stringify(state)],
        );
        return;
      }
      case 'InvoiceIssued': {
        const state = invoiceDecider.evolve(invoiceDecider.initialState(), event);
        await em.execute(`update shop.vehicle_service_visits set invoice_id = ?, invoice = ?::jsonb where tenant_id = ? and repair_order_id = ?`, [
          event.data.invoiceId, JSON.stringify(state), t, event.data.repairOrderId,
        ]);
        return;
      }
      default:
        if (RO_EVENTS.includes(event.type)) return evolveRepairOrder(em, t, event as RepairOrderEvent);
        if (INVOICE_EVENTS.includes(event.type)) return evolveInvoice(em, t, event as InvoiceEvent);
    }
  },
};

async function evolveRepairOrder(em: EntityManager, tenantId: string, event: RepairOrderEvent) {
  const id = event.data.repairOrderId;
  const row = await one<{ repair_order: RepairOrderState }>(
    em, `select repair_order from shop.vehicle_service_visits where tenant_id = ? and repair_order_id = ? for update`, [tenantId, id],
  );
  if (!row) return;
  await em.execute(`update shop.vehicle_service_visits set repair_order = ?::jsonb where tenant_id = ? and repair_order_id = ?`, [
    JSON.stringify(repairOrderDecider.evolve(row.repair_order, event)), tenantId, id,
  ]);
}

async function evolveInvoice(em: EntityManager, tenantId: string, event: InvoiceEvent) {
  const id = event.data.invoiceId;
  const row = await one<{ invoice: InvoiceState }>(em, `select invoice from shop.vehicle_service_visits where tenant_id = ? and invoice_id = ? for update`, [tenantId, id]);
  if (!row) return;
  await em.execute(`update shop.vehicle_service_visits set invoice = ?::jsonb where tenant_id = ? and invoice_id = ?`, [
    JSON.stringify(invoiceDecider.evolve(row.invoice, event)), tenantId, id,
  ]);
}
