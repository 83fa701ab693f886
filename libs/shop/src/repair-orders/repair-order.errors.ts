/**
 * The rules a repair order command can break. `kind` picks the HTTP status (see
 * libs/platform/src/errors/problem-details.ts): 'conflict' 409 names the current state,
 * 'rule' 422 names the field, 'forbidden' 403 is an action allowed, but not to this actor.
 */
import { DomainError } from '@workbay/eventstore/core';

export const REPAIR_ORDER_STATUSES = ['open', 'awaiting_review', 'approved'] as const;
export type RepairOrderStatus = (typeof REPAIR_ORDER_STATUSES)[number];
export const REPAIR_ORDER_LINE_STATUSES = ['pending', 'assigned', 'in_progress', 'completed'] as const;
export type RepairOrderLineStatus = (typeof REPAIR_ORDER_LINE_STATUSES)[number];

export class RepairOrderNotFound extends DomainError {
  readonly code = 'REPAIR_ORDER_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor() {
    super('repair order does not exist');
  }
}

export class RepairOrderAlreadyOpened extends DomainError {
  readonly code = 'REPAIR_ORDER_ALREADY_OPENED';
  override readonly kind = 'conflict' as const;
  constructor(readonly status: RepairOrderStatus) {
    super(`repair order already exists and is ${status}`);
  }
}

/** Work on the floor (assign, start, complete, request review) needs an open repair order. */
export class RepairOrderNotOpen extends DomainError {
  readonly code = 'REPAIR_ORDER_NOT_OPEN';
  override readonly kind = 'conflict' as const;
  constructor(readonly status: RepairOrderStatus, action: string) {
    super(`repair order is ${status}; ${action} needs an open repair order`);
  }
}

/** Approving or returning work needs a repair order awaiting review. */
export class RepairOrderNotAwaitingReview extends DomainError {
  readonly code = 'REPAIR_ORDER_NOT_AWAITING_REVIEW';
  override readonly kind = 'conflict' as const;
  constructor(readonly status: RepairOrderStatus, action: string) {
    super(`repair order is ${status}; ${action} needs a repair order awaiting review`);
  }
}

/** The line's own state does not allow the command now; the message names it. */
export abstract class RepairOrderLineConflict extends DomainError {
  override readonly kind = 'conflict' as const;
  constructor(readonly lineId: string, readonly lineStatus: RepairOrderLineStatus, rule: string) {
    super(`line ${lineId} is ${lineStatus}; ${rule}`);
  }
}

/** Reassigning, starting or completing a line whose work is completed (until an advisor returns it). */
export class RepairOrderLineCompleted extends RepairOrderLineConflict {
  readonly code = 'REPAIR_ORDER_LINE_COMPLETED';
  constructor(lineId: string, action: string) {
    super(lineId, 'completed', `completed work cannot be ${action} unless an advisor returns it`);
  }
}

/** Completing a line nobody is clocked in on. */
export class WorkNotStarted extends RepairOrderLineConflict {
  readonly code = 'WORK_NOT_STARTED';
  constructor(lineId: string, lineStatus: RepairOrderLineStatus) {
    super(lineId, lineStatus, 'only a line in progress can be completed');
  }
}

/** Clocking in twice on the same line. */
export class WorkAlreadyStarted extends RepairOrderLineConflict {
  readonly code = 'WORK_ALREADY_STARTED';
  constructor(lineId: string, readonly technicianId: string, startedAt: string) {
    super(lineId, 'in_progress', `technician ${technicianId} is already clocked in since ${startedAt}`);
  }
}

/** Review is for the whole repair order, so every line must be completed first. */
export class RepairOrderLinesNotCompleted extends DomainError {
  readonly code = 'REPAIR_ORDER_LINES_NOT_COMPLETED';
  override readonly kind = 'conflict' as const;
  constructor(readonly lines: { lineId: string; status: RepairOrderLineStatus }[]) {
    super(`not every line is completed: ${lines.map((l) => `line ${l.lineId} is ${l.status}`).join(', ')}`);
  }
}

/** A command names a line that is not on this repair order. */
export class UnknownRepairOrderLine extends DomainError {
  readonly code = 'REPAIR_ORDER_LINE_UNKNOWN';
  constructor(readonly field: string, readonly lineId: string) {
    super(`${field}: '${lineId}' is not a line of this repair order`);
  }
}

/** A value on the command is malformed; `field` names it, e.g. 'deferred[0].followUpOn'. */
export class InvalidRepairOrderField extends DomainError {
  readonly code = 'REPAIR_ORDER_FIELD_INVALID';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

export class RepairOrderLinesRequired extends DomainError {
  readonly code = 'REPAIR_ORDER_LINES_REQUIRED';
  readonly field = 'lines';
  constructor() {
    super('a repair order needs at least one approved line');
  }
}

export class DuplicateRepairOrderLineId extends DomainError {
  readonly code = 'REPAIR_ORDER_LINE_ID_DUPLICATE';
  constructor(readonly field: string, lineId: string) {
    super(`${field}: line id '${lineId}' is used by another line`);
  }
}

export class TechniciansRequired extends DomainError {
  readonly code = 'TECHNICIANS_REQUIRED';
  readonly field = 'technicians';
  constructor() {
    super('assign at least one technician to the line');
  }
}

/** Only users holding the 'technician' role can be put on a line. */
export class UserNotTechnician extends DomainError {
  readonly code = 'USER_NOT_TECHNICIAN';
  constructor(readonly field: string, readonly userId: string) {
    super(`${field}: user ${userId} does not have the technician role`);
  }
}

/** A technician works at the repair order's location or not at all on it. */
export class TechnicianAtOtherLocation extends DomainError {
  readonly code = 'TECHNICIAN_AT_OTHER_LOCATION';
  constructor(readonly field: string, readonly userId: string, userLocationId: string | null, locationId: string) {
    super(`${field}: technician ${userId} is at ${userLocationId === null ? 'no location' : `location ${userLocationId}`}, not at location ${locationId}`);
  }
}

/** Stopping a clock before it started would give negative labor time. */
export class ClockStoppedBeforeStart extends DomainError {
  readonly code = 'CLOCK_STOPPED_BEFORE_START';
  constructor(readonly field: string, readonly technicianId: string, startedAt: string) {
    super(`${field}: is before technician ${technicianId} clocked in at ${startedAt}`);
  }
}

export class ReturnReasonRequired extends DomainError {
  readonly code = 'RETURN_REASON_REQUIRED';
  constructor(readonly field: string) {
    super(`${field}: say why the work goes back`);
  }
}

/** 403: only a technician assigned to the line may clock in on it or complete it. */
export class NotAssignedTechnician extends DomainError {
  readonly code = 'NOT_ASSIGNED_TECHNICIAN';
  override readonly kind = 'forbidden' as const;
  constructor(readonly lineId: string, readonly userId: string) {
    super(`user ${userId} is not assigned to line ${lineId}`);
  }
}

/** 403: approving or returning work is a service advisor's call (or a manager's, admin's, owner's). */
export class ReviewerRoleRequired extends DomainError {
  readonly code = 'REVIEWER_ROLE_REQUIRED';
  override readonly kind = 'forbidden' as const;
  constructor(readonly userId: string, action: string) {
    super(`user ${userId} cannot ${action}: needs the service_advisor, manager, admin or owner role`);
  }
}
