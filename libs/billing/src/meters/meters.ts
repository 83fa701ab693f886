/**
 * The platform's meters: what usage is measured, from which events, and how it adds up. Usage
 * arrives as usage events (RecordUsage, CloudEvents: `type` names the meter's event type) and
 * from domain events other contexts publish (the shop's BillableUsageSignalled, by `metric`).
 * Add a meter here, never change what an existing one means.
 */
export type Aggregation = 'COUNT' | 'SUM' | 'MAX' | 'UNIQUE_COUNT' | 'LATEST';

export interface MeterDefinition {
  id: string;
  description: string;
  /** CloudEvents / RecordUsage `type` that feeds this meter. */
  eventType: string;
  aggregation: Aggregation;
  /** Dot path in the event's `data` to the value (not used by COUNT). For UNIQUE_COUNT, the value counted once. */
  valuePath?: string;
  /** Dimensions usage is grouped by: name -> dot path in `data`. */
  groupBy?: Record<string, string>;
  /** The BillableUsageSignalled metric (shop's or scheduling's) that also feeds this meter, if any. */
  fromSignal?: string;
  /** Usage is counted per billing period of the tenant's plan. */
  unit: string;
}

export const METERS = [
  { id: 'customers_created', description: 'Customers registered', eventType: 'workbay.customers.created', aggregation: 'COUNT', fromSignal: 'shop.customers_created', unit: 'customer' },
  { id: 'tickets_created', description: 'Repair orders (tickets) opened', eventType: 'workbay.tickets.created', aggregation: 'COUNT', fromSignal: 'shop.tickets_created', unit: 'ticket' },
  { id: 'stripe_paid_amount', description: 'Money paid through Stripe, in minor units', eventType: 'workbay.payments.paid', aggregation: 'SUM', valuePath: 'amountMinor', groupBy: { currency: 'currency' }, fromSignal: 'shop.stripe_paid_amount', unit: 'minor unit' },
  { id: 'stripe_refunded_amount', description: 'Money refunded through Stripe, in minor units', eventType: 'workbay.payments.refunded', aggregation: 'SUM', valuePath: 'amountMinor', groupBy: { currency: 'currency' }, fromSignal: 'shop.stripe_refunded_amount', unit: 'minor unit' },
  { id: 'api_calls', description: 'Calls to the API by integrations', eventType: 'workbay.api.call', aggregation: 'COUNT', groupBy: { endpoint: 'endpoint' }, unit: 'call' },
  { id: 'sms_sent', description: 'Text messages sent', eventType: 'workbay.messages.sms_sent', aggregation: 'SUM', valuePath: 'segments', unit: 'segment' },
  { id: 'appointments_booked', description: 'Appointments booked', eventType: 'workbay.appointments.booked', aggregation: 'COUNT', groupBy: { channel: 'channel' }, fromSignal: 'scheduling.appointments_booked', unit: 'appointment' },
  { id: 'active_staff', description: 'Distinct staff members active in the period', eventType: 'workbay.staff.active', aggregation: 'UNIQUE_COUNT', valuePath: 'userId', unit: 'user' },
  { id: 'storage_gb', description: 'Peak storage used, in GB', eventType: 'workbay.storage.used', aggregation: 'MAX', valuePath: 'gb', unit: 'GB' },
  { id: 'locations', description: 'Locations in use (last reported)', eventType: 'workbay.locations.count', aggregation: 'LATEST', valuePath: 'count', unit: 'location' },
] as const satisfies readonly MeterDefinition[];

export type MeterId = (typeof METERS)[number]['id'];

export const METER_IDS: readonly MeterId[] = METERS.map((m) => m.id);

export function meterById(id: string): MeterDefinition | undefined {
  return METERS.find((m) => m.id === id);
}

export function meterForEventType(type: string): MeterDefinition | undefined {
  return METERS.find((m) => m.eventType === type);
}
