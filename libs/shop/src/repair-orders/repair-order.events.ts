/**
 * Facts about a repair order: the approved work of a quote, done by technicians on the shop floor
 * and signed off by a service advisor. Stream: `${tenantId}.repair-order-${repairOrderId}`; the
 * actor is in the metadata. Times are ISO-8601 UTC instants; follow-up dates are `YYYY-MM-DD`.
 */
import { QuoteLine } from '../quotes/quote.events';

export const repairOrderStreamCategory = 'repair-order' as const;

/** A line the customer declined, kept to offer again on or after `followUpOn` (a date, no time). */
export interface DeferredRecommendation extends QuoteLine {
  followUpOn: string;
}

/**
 * One closed stretch of a technician's clock on a line. Clocked time is only ever derived from
 * these two instants (see `clockedMinutesByTechnician`), never stored as a second number that
 * could disagree with them.
 */
export interface ClockInterval {
  technicianId: string;
  startedAt: string;
  stoppedAt: string;
}

export interface RepairOrderOpened {
  type: 'RepairOrderOpened';
  data: {
    repairOrderId: string;
    quoteId: string;
    customerId: string;
    vehicleId: string;
    /** The shop location doing the work; null until locations are modelled on quotes. */
    locationId: string | null;
    /** ISO 4217, upper case, as on the quote. */
    currency: string;
    /** Exactly the approved quote lines, in quote order; never empty. */
    lines: QuoteLine[];
    /** The declined quote lines, in quote order; may be empty. */
    deferred: DeferredRecommendation[];
    openedAt: string;
  };
}

/** The full set of technicians on a line after (re)assignment, replacing the previous set. */
export interface TechnicianAssigned {
  type: 'TechnicianAssigned';
  data: {
    repairOrderId: string;
    lineId: string;
    technicianIds: string[];
    assignedAt: string;
    /** Clocks of technicians taken off the line, stopped at `assignedAt`; usually empty. */
    stoppedClocks: ClockInterval[];
  };
}

/** A technician clocked in on a line. */
export interface WorkStarted {
  type: 'WorkStarted';
  data: { repairOrderId: string; lineId: string; technicianId: string; startedAt: string };
}

/** An assigned technician finished the line; every clock still running on it stops at `completedAt`. */
export interface WorkCompleted {
  type: 'WorkCompleted';
  data: {
    repairOrderId: string;
    lineId: string;
    /** The technician who signed the line off (one of the assigned technicians). */
    technicianId: string;
    completedAt: string;
    stoppedClocks: ClockInterval[];
  };
}

/** Every line is completed; the repair order waits for a service advisor. */
export interface AdvisorReviewRequested {
  type: 'AdvisorReviewRequested';
  data: { repairOrderId: string; requestedAt: string };
}

/** The advisor sent one line back for more work; the repair order is open again. */
export interface WorkReturned {
  type: 'WorkReturned';
  data: { repairOrderId: string; lineId: string; reason: string; returnedAt: string };
}

/** The advisor accepted the work: the repair order is ready to invoice. */
export interface WorkApproved {
  type: 'WorkApproved';
  data: { repairOrderId: string; approvedAt: string };
}

export type RepairOrderEvent =
  | RepairOrderOpened
  | TechnicianAssigned
  | WorkStarted
  | WorkCompleted
  | AdvisorReviewRequested
  | WorkReturned
  | WorkApproved;
