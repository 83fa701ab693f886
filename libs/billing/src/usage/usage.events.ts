/**
 * Usage as it is kept in the tenant's event store: one UsageRecorded per accepted usage event,
 * so usage can be replayed and every figure recomputed from events alone. The usage event's id
 * (CloudEvents `id`) is the dedupe key: unique per tenant, forever.
 */
export interface UsageRecorded {
  type: 'UsageRecorded';
  data: {
    /** The emitter's id for the event (CloudEvents `id`); unique per tenant. */
    usageId: string;
    meter: string;
    /** The event type it came as (CloudEvents `type`). */
    eventType: string;
    /** The meter's value for this event: 1 for COUNT, the number at the meter's value path otherwise; a string for UNIQUE_COUNT. */
    value: number | string;
    /** The meter's group-by dimensions, read from `data`. */
    dimensions: Record<string, string>;
    /** When the usage happened (CloudEvents `time`), ISO-8601 UTC. */
    occurredAt: string;
    /** The billing period it counts in: `YYYY-MM` (UTC) for monthly plans. */
    period: string;
    /** `api` (RecordUsage JSON), `cloudevents`, or the source a context's signal names. */
    source: string;
    /** Who emitted it: the CloudEvents `source`, when it came as a CloudEvent. */
    emitter?: string;
    /** When set, a late correction of an earlier usage event (its usageId), counted in `period`, the period open when it was sent. */
    adjustmentOf?: string;
  };
}

export type UsageEvent = UsageRecorded;

/** One stream per usage event (`{tenant}.usage-{usageId}`): its existence is the dedupe, per tenant and forever. */
export const usageStreamCategory = 'usage';
