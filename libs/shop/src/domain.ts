/**
 * The pure shop domain (customers, vehicles, quotes) for the application layer: deciders, their
 * commands, events, states and errors, and the pure helpers (VIN checks, quote totals). Nothing
 * here does I/O or reads the clock.
 */
export * from './customers/customer.events';
export * from './customers/customer';
export * from './vehicles/vehicle.events';
export * from './vehicles/vehicle';
export * from './vehicles/vin';
export * from './quotes/quote.events';
export * from './quotes/quote';
export * from './quotes/quote-totals';
export * from './invoices/tax';
