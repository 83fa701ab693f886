/**
 * What the shop promises other contexts (`@workbay/shop/contract`), the only shop file they may
 * import. Integration events: past tense, versioned by type name, ids and values only; a change
 * that breaks a consumer is a new event type, never an edit of one listed here.
 *
 * Commands other contexts may send the shop: none yet. One that is needed is added here (its
 * command class and payload) and handled by the shop's command handler like any other.
 */
export type { BillableMetric, BillableUsageSignalled, UsageSignalEvent, UsageSource } from './usage/usage-signal.events';
export { BILLABLE_METRICS, usageSignalStreamCategory } from './usage/usage-signal.events';
