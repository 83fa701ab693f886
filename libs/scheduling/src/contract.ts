/**
 * What scheduling promises other contexts (`@workbay/scheduling/contract`), the only scheduling
 * file they may import: integration events (past tense, ids and values only) and the commands
 * others may send.
 */

/** Billable usage (a booked appointment) for metering: the shop's BillableUsageSignalled shape, with dimensions. */
export type {
  SchedulingBillableMetric, SchedulingBillableUsageSignalled, SchedulingUsageSource,
} from './usage/appointment-usage.events';
export { appointmentUsageStreamCategory, SCHEDULING_BILLABLE_METRICS } from './usage/appointment-usage.events';
