/**
 * Billable usage the shop signals for metering to consume: a published contract, not shop
 * internals. Metering projects these events; it never calls the shop, and the shop never calls it.
 * Stream: `${tenantId}.usage-signal-${signalId}`, one signal per stream, the id derived from the
 * source event and metric, so a signal exists at most once however often its source is delivered.
 */
export const usageSignalStreamCategory = 'usage-signal' as const;

/** What is counted. Add a metric here, never change what an existing one means. */
export type BillableMetric =
  /** A customer was registered; quantity 1. */
  | 'shop.customers_created'
  /** A repair order (ticket) was opened; quantity 1. */
  | 'shop.tickets_created'
  /** Money the shop's customers paid through Stripe; quantity in minor units of `currency`. */
  | 'shop.stripe_paid_amount'
  /** Of that, money refunded to them (net Stripe volume = paid - refunded); minor units of `currency`. */
  | 'shop.stripe_refunded_amount';

export const BILLABLE_METRICS: readonly BillableMetric[] = [
  'shop.customers_created', 'shop.tickets_created', 'shop.stripe_paid_amount', 'shop.stripe_refunded_amount',
];

export interface UsageSource {
  eventId: string;
  type: string;
  streamId: string;
}

export interface BillableUsageSignalled {
  type: 'BillableUsageSignalled';
  data: {
    signalId: string;
    metric: BillableMetric;
    /** A whole number: a count, or minor units when `currency` is set. */
    quantity: number;
    /** ISO 4217 for money metrics; null for counts. */
    currency: string | null;
    /** The event this usage was read from. */
    source: UsageSource;
    /** When the usage happened (the source event's time), not when it was signalled. */
    occurredAt: string;
  };
}

export type UsageSignalEvent = BillableUsageSignalled;
