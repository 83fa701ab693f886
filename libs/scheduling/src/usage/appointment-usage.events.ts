/**
 * Billable usage scheduling signals for metering to consume: a published contract (re-exported by
 * contract.ts), the same event type and shape as the shop's BillableUsageSignalled, plus the
 * dimensions a meter groups by. Stream: `${tenantId}.scheduling-usage-signal-${signalId}`, one
 * signal per stream, its id derived from the source event and metric, so a redelivered source
 * signals nothing twice.
 */
export const appointmentUsageStreamCategory = 'scheduling-usage-signal' as const;

/** What is counted. Add a metric here, never change what an existing one means. */
export type SchedulingBillableMetric =
  /** An appointment was booked (SlotReserved, or a hold confirmed); quantity 1, dimension `channel`: staff | online. */
  'scheduling.appointments_booked';

export const SCHEDULING_BILLABLE_METRICS: readonly SchedulingBillableMetric[] = ['scheduling.appointments_booked'];

export interface SchedulingUsageSource {
  eventId: string;
  type: string;
  streamId: string;
}

export interface SchedulingBillableUsageSignalled {
  type: 'BillableUsageSignalled';
  data: {
    signalId: string;
    metric: SchedulingBillableMetric;
    /** A whole number: a count. */
    quantity: number;
    /** Counts carry no currency. */
    currency: null;
    /** What the meter groups by, e.g. { channel: 'online' }. */
    dimensions: Record<string, string>;
    source: SchedulingUsageSource;
    /** When the appointment was booked (the source event's time). */
    occurredAt: string;
  };
}

export type AppointmentUsageEvent = SchedulingBillableUsageSignalled;
