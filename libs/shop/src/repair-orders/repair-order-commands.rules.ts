/** What can be asked of a repair order. Time, ids, the actor and the actor's roles come from the handler. */
import { QuoteLine } from '../quotes/quote.events';
import { DeferredRecommendation } from './repair-order.events';
import { TechnicianCandidate } from './repair-order-lines.rules';

/** Sent by the quote-approval process manager with exactly the approved and declined lines. */
export interface OpenRepairOrder {
  type: 'OpenRepairOrder';
  repairOrderId: string;
  quoteId: string;
  customerId: string;
  vehicleId: string;
  locationId: string | null;
  currency: string;
  lines: QuoteLine[];
  /** The declined lines, each with the follow-up date the caller chose (e.g. +90 days). */
  deferred: DeferredRecommendation[];
  openedAt: string;
  actor: string;
}

/** Replaces the line's technicians; the handler resolves each user's roles and location. */
export interface AssignTechnician {
  type: 'AssignTechnician';
  lineId: string;
  technicians: TechnicianCandidate[];
  assignedAt: string;
  actor: string;
}

/** The acting technician clocks in on the line. */
export interface StartWork {
  type: 'StartWork';
  lineId: string;
  startedAt: string;
  actor: string;
}

/** The acting technician signs the line off; every running clock on it stops. */
export interface CompleteWork {
  type: 'CompleteWork';
  lineId: string;
  completedAt: string;
  actor: string;
}

export interface RequestAdvisorReview {
  type: 'RequestAdvisorReview';
  requestedAt: string;
  actor: string;
}

/** One review decision may send several lines back, each with its own reason. */
export interface ReturnWork {
  type: 'ReturnWork';
  lines: { lineId: string; reason: string }[];
  returnedAt: string;
  actor: string;
  actorRoles: string[];
}

export interface ApproveWork {
  type: 'ApproveWork';
  approvedAt: string;
  actor: string;
  actorRoles: string[];
}

export type RepairOrderCommand =
  | OpenRepairOrder
  | AssignTechnician
  | StartWork
  | CompleteWork
  | RequestAdvisorReview
  | ReturnWork
  | ApproveWork;
