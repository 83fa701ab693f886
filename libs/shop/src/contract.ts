/**
 * What the shop promises other contexts (`@workbay/shop/contract`), the only shop file they may
 * import. Integration events: past tense, versioned by type name, ids and values only; a change
 * that breaks a consumer is a new event type, never an edit of one listed here.
 *
 * Queries others may ask through the QueryBus (read-only): `QuoteReferenceOf` (is this id a quote
 * of the tenant), `LocationReference` (a location's zone, name and whether it is open; null for an
 * id the caller's tenant has no location under), `CustomerReference` (is this id a customer of
 * the tenant, and how to reach them; 422 naming the caller's field otherwise).
 * Commands other contexts may send the shop, each handled by the shop's command handler like any
 * other: `ApplyApprovedDiscount` (approvals, when a discount request linked to a quote completes),
 * `OpenVisitQuote` (scheduling: a draft quote for a booked vehicle that checks in, one per visit).
 */
export type { BillableMetric, BillableUsageSignalled, UsageSignalEvent, UsageSource } from './usage/usage-signal.events';
export { BILLABLE_METRICS, usageSignalStreamCategory } from './usage/usage-signal.events';
export { QuoteReferenceOf } from './quotes/quote-reference.query';
export type { QuoteReference } from './quotes/quote-reference.query';
export { ApplyApprovedDiscount } from './quotes/apply-approved-discount';
export type { ApplyApprovedDiscountInput } from './quotes/apply-approved-discount';
export { LocationReference } from './locations/location-reference.query';
export type { LocationReferenceView } from './locations/location-reference.query';

/**
 * A customer was registered: scheduling shows the customer's name on its calendars (ids and
 * values only; the name is what the calendar displays, the id what bookings carry).
 */
export type { CustomerRegistered } from './customers/customer.events';
export { CustomerReference } from './customers/customer-reference.query';
export type { CustomerReferenceView } from './customers/customer-reference.query';
/** Location facts others react to (e.g. scheduling's resources follow a location's time zone). */
export type { LocationClosed, LocationOpened, LocationUpdated } from './locations/location.events';
export { OpenVisitQuote } from './quotes/open-visit-quote.command';
export type { VisitQuoteOpened, VisitQuoteRequest } from './quotes/open-visit-quote.command';
