/**
 * The pure shop domain (locations, customers, vehicles, quotes, repair orders, invoice tax) for the application layer: deciders, their
 * commands, events, states and errors, and the pure helpers (VIN checks, quote totals). Nothing
 * here does I/O or reads the clock.
 */
export * from './locations/location.events';
export * from './locations/location';
export * from './locations/location-rules';
export * from './locations/location-name';
export * from './customers/customer.events';
export * from './customers/customer';
export * from './vehicles/vehicle.events';
export * from './vehicles/vehicle';
export * from './vehicles/vin';
export * from './quotes/quote.events';
export * from './quotes/quote';
export * from './quotes/quote-totals';
export * from './job-catalog/canned-job.events';
export * from './job-catalog/canned-job';
export * from './job-catalog/canned-job-totals';
export * from './job-catalog/canned-job-quote-lines';
export * from './invoices/tax';
export * from './invoices/invoice.events';
export * from './invoices/invoice';
export * from './invoices/invoice-number';
export * from './repair-orders/repair-order.events';
export * from './repair-orders/repair-order-commands';
export * from './repair-orders/repair-order-errors';
export * from './repair-orders/repair-order';
export { clockedMinutesOfLines, REVIEWER_ROLES } from './repair-orders/repair-order-lines';
export type { ClockedTime, RepairOrderLineState, RunningClock, TechnicianCandidate } from './repair-orders/repair-order-lines';
export * from './households/household.events';
export * from './households/household';
export * from './usage/usage-signal.events';
export * from './usage/usage-signal';
