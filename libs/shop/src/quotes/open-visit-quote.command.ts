import { Command } from '@nestjs/cqrs';

/** A visit another context hands the shop when the customer arrives (scheduling's CheckIn). */
export interface VisitQuoteRequest {
  /** The other context's id of the visit (a reservation): one quote per visit, however often it is sent. */
  visitId: string;
  customerId: string;
  vehicleId: string;
  locationId: string | null;
  /** The first line of the quote: what was booked. */
  description: string;
  /** Its price in minor units of `currency`; a currency other than the shop's prices it at 0 for the advisor to set. */
  priceMinor: number;
  currency: string;
}

export interface VisitQuoteOpened {
  quoteId: string;
  /** False when this visit's quote was opened before (a retry): nothing new was written. */
  opened: boolean;
  position: number | null;
}

/**
 * Public command of the shop (see contract.ts): opens a draft quote for the customer's vehicle
 * with one line for the visit, keyed by the visit, so a retried check-in opens one quote. Unknown
 * customer, vehicle or location (or a vehicle of another customer): 422 naming the field.
 */
export class OpenVisitQuote extends Command<VisitQuoteOpened> {
  constructor(readonly request: VisitQuoteRequest) {
    super();
  }
}
