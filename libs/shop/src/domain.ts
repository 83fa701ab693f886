/**
 * The pure shop domain (locations, customers, vehicles, quotes, repair orders, invoice tax) for the application layer: deciders, their
 * commands, events, states and errors, and the pure helpers (VIN checks, quote totals). Nothing
 * here does I/O or reads the clock.
 */
export * from './locations/location.events';
export * from './locations/location.decider';
export * from './locations/location.rules';
export * from './locations/location-name.decider';
export * from './locations/location-seat.decider';
export * from './customers/customer.events';
export * from './customers/customer.decider';
export * from './vehicles/vehicle.events';
export * from './vehicles/vehicle.decider';
export * from './vehicles/vin.rules';
export * from './quotes/quote.events';
export * from './quotes/quote.decider';
export * from './quotes/quote-totals.rules';
export * from './job-catalog/canned-job.events';
export * from './job-catalog/canned-job.decider';
export * from './job-catalog/canned-job-totals.rules';
export * from './job-catalog/canned-job-quote-lines.rules';
export * from './invoices/tax.rules';
export * from './invoices/invoice.events';
export * from './invoices/invoice.decider';
export * from './invoices/invoice-number.rules';
export * from './repair-orders/repair-order.events';
export * from './repair-orders/repair-order-commands.rules';
export * from './repair-orders/repair-order.errors';
export * from './repair-orders/repair-order.decider';
export { clockedMinutesOfLines, REVIEWER_ROLES } from './repair-orders/repair-order-lines.rules';
export type { ClockedTime, RepairOrderLineState, RunningClock, TechnicianCandidate } from './repair-orders/repair-order-lines.rules';
export * from './households/household.events';
export * from './households/household.decider';
export * from './usage/usage-signal.events';
export * from './usage/usage-signal.decider';
