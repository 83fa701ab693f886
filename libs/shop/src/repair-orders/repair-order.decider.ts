/**
 * RepairOrder aggregate: the approved lines of a quote, worked by technicians and signed off by
 * a service advisor. open -> awaiting_review -> approved (ready to invoice), and back from
 * awaiting_review to open when the advisor returns a line. Pure: time, ids, the actor and the
 * actor's roles arrive on the command.
 *
 * Labor clock: `StartWork` clocks the acting technician in on a line; `CompleteWork` by any
 * technician assigned to that line signs the line off and stops every clock still running on it
 * at that instant (a finished job has nobody working on it). Taking a technician off a line
 * (`AssignTechnician` with a new set) stops their running clock at the reassignment. Every
 * stopped clock is written as an interval on the event, so clocked time per technician per line
 * comes from events alone (`clockedMinutesByTechnician`).
 *
 * Review is of the whole repair order: it is requested once every line is completed; the
 * advisor either approves it or returns one or more lines, each with a reason, which reopens
 * those lines (technicians kept) and the repair order; review is then requested again.
 */
import { Decider } from '@workbay/eventstore/core';
import { currencyCodeOf, readRequiredText, TEXT_REQUIRED_MESSAGE, TextRule } from '@workbay/platform/fields';
import { QuoteLine } from '../quotes/quote.events';
import { DeferredRecommendation, RepairOrderEvent, WorkReturned } from './repair-order.events';
import { ApproveWork, OpenRepairOrder, RepairOrderCommand, ReturnWork } from './repair-order-commands.rules';
import {
  DuplicateRepairOrderLineId,
  InvalidRepairOrderField,
  NotAssignedTechnician,
  RepairOrderAlreadyOpened,
  RepairOrderLineCompleted,
  RepairOrderLinesNotCompleted,
  RepairOrderLinesRequired,
  RepairOrderNotAwaitingReview,
  RepairOrderNotFound,
  RepairOrderNotOpen,
  ReturnReasonRequired,
  ReviewerRoleRequired,
  UnknownRepairOrderLine,
  WorkAlreadyStarted,
  WorkNotStarted,
} from './repair-order.errors';
import {
  calendarDate,
  ClockedTime,
  clockedMinutesOfLines,
  instant,
  isReviewer,
  newLine,
  RepairOrderLineState,
  stopClocks,
  validTechnicians,
  withStatus,
} from './repair-order-lines.rules';

interface RepairOrderContent {
  repairOrderId: string;
  quoteId: string;
  customerId: string;
  vehicleId: string;
  locationId: string | null;
  currency: string;
  openedAt: string;
  lines: RepairOrderLineState[];
  deferred: DeferredRecommendation[];
}

/** Why an advisor sends a line back: checked by this rule here and by the DTO. */
export const RETURN_REASON: TextRule = { max: 500, multiline: true };

export type RepairOrderState =
  | { status: 'none' }
  | (RepairOrderContent & { status: 'open' })
  | (RepairOrderContent & { status: 'awaiting_review'; reviewRequestedAt: string })
  | (RepairOrderContent & { status: 'approved'; reviewRequestedAt: string; approvedAt: string });

type Existing = Exclude<RepairOrderState, { status: 'none' }>;
type Open = Extract<RepairOrderState, { status: 'open' }>;

/** Clocked labor per technician per line (closed clocks only); empty before the order opens. */
export function clockedMinutesByTechnician(state: RepairOrderState): ClockedTime[] {
  return state.status === 'none' ? [] : clockedMinutesOfLines(state.lines);
}

function existing(state: RepairOrderState): Existing {
  if (state.status === 'none') throw new RepairOrderNotFound();
  return state;
}

function open(state: RepairOrderState, action: string): Open {
  const ro = existing(state);
  if (ro.status !== 'open') throw new RepairOrderNotOpen(ro.status, action);
  return ro;
}

function lineOf(ro: Existing, lineId: string, field = 'lineId'): RepairOrderLineState {
  const line = ro.lines.find((l) => l.lineId === lineId);
  if (line === undefined) throw new UnknownRepairOrderLine(field, lineId);
  return line;
}

function assigned(line: RepairOrderLineState, userId: string): RepairOrderLineState {
  if (!line.technicianIds.includes(userId)) throw new NotAssignedTechnician(line.lineId, userId);
  return line;
}

function reviewer(command: ReturnWork | ApproveWork, action: string): void {
  if (!isReviewer(command.actorRoles)) throw new ReviewerRoleRequired(command.actor, action);
}

/** Only the line's values go on the event, whatever else the caller's objects carry. */
/** A quote line's values; its share of the quote's discount goes along (the invoice bills the discounted amount). */
function lineValues({ lineId, kind, description, quantity, unitPriceMinor, taxable, discountMinor, hsnSac, taxCategory }: QuoteLine): QuoteLine {
  return {
    lineId, kind, description, quantity, unitPriceMinor, taxable,
    ...(discountMinor ? { discountMinor } : {}), ...(hsnSac ? { hsnSac } : {}), ...(taxCategory ? { taxCategory } : {}),
  };
}

function decideOpen(command: OpenRepairOrder, state: RepairOrderState): RepairOrderEvent[] {
  if (state.status !== 'none') throw new RepairOrderAlreadyOpened(state.status);
  const { repairOrderId, quoteId, customerId, vehicleId, locationId } = command;
  for (const [field, value] of Object.entries({ repairOrderId, quoteId, customerId, vehicleId })) {
    if (value.trim() === '') throw new InvalidRepairOrderField(field, 'must not be empty');
  }
  const currency = currencyCodeOf(command.currency);
  if (currency === undefined) throw new InvalidRepairOrderField('currency', `'${command.currency}' is not an ISO 4217 currency code`);
  const openedAt = instant(command.openedAt, 'openedAt');
  if (command.lines.length === 0) throw new RepairOrderLinesRequired();
  const seen = new Set<string>();
  const claim = (lineId: string, field: string) => {
    if (seen.has(lineId)) throw new DuplicateRepairOrderLineId(field, lineId);
    seen.add(lineId);
  };
  const lines = command.lines.map((line, i) => {
    claim(line.lineId, `lines[${i}].lineId`);
    return lineValues(line);
  });
  const deferred = command.deferred.map((line, i) => {
    claim(line.lineId, `deferred[${i}].lineId`);
    const field = `deferred[${i}].followUpOn`;
    const followUpOn = calendarDate(line.followUpOn, field);
    if (followUpOn <= openedAt.slice(0, 10)) throw new InvalidRepairOrderField(field, 'the follow-up date must be after the day the repair order opens');
    return { ...lineValues(line), followUpOn };
  });
  return [{ type: 'RepairOrderOpened', data: { repairOrderId, quoteId, customerId, vehicleId, locationId, currency, lines, deferred, openedAt } }];
}

function decideReturn(command: ReturnWork, state: RepairOrderState): WorkReturned[] {
  const ro = existing(state);
  reviewer(command, 'return work');
  if (ro.status !== 'awaiting_review') throw new RepairOrderNotAwaitingReview(ro.status, 'returning work');
  const returnedAt = instant(command.returnedAt, 'returnedAt');
  if (command.lines.length === 0) throw new InvalidRepairOrderField('lines', 'name at least one line to return');
  const seen = new Set<string>();
  return command.lines.map(({ lineId, reason }, i) => {
    const line = lineOf(ro, lineId, `lines[${i}].lineId`);
    if (seen.has(lineId)) throw new InvalidRepairOrderField(`lines[${i}].lineId`, `line ${lineId} is returned twice`);
    seen.add(lineId);
    const read = readRequiredText(reason, RETURN_REASON);
    if (!read.ok && read.problem === TEXT_REQUIRED_MESSAGE) throw new ReturnReasonRequired(`lines[${i}].reason`);
    if (!read.ok) throw new InvalidRepairOrderField(`lines[${i}].reason`, read.problem);
    const why = read.text;
    return { type: 'WorkReturned', data: { repairOrderId: ro.repairOrderId, lineId: line.lineId, reason: why, returnedAt } };
  });
}

function updateLine(state: Existing, lineId: string, change: (line: RepairOrderLineState) => Omit<RepairOrderLineState, 'status'>) {
  return state.lines.map((line) => (line.lineId === lineId ? withStatus(change(line)) : line));
}

function content(state: Existing): RepairOrderContent {
  const { repairOrderId, quoteId, customerId, vehicleId, locationId, currency, openedAt, lines, deferred } = state;
  return { repairOrderId, quoteId, customerId, vehicleId, locationId, currency, openedAt, lines, deferred };
}

export const repairOrderDecider: Decider<RepairOrderState, RepairOrderCommand, RepairOrderEvent> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'OpenRepairOrder':
        return decideOpen(command, state);
      case 'AssignTechnician': {
        const ro = open(state, 'assigning technicians');
        const line = lineOf(ro, command.lineId);
        if (line.status === 'completed') throw new RepairOrderLineCompleted(line.lineId, 'reassigned');
        const technicianIds = validTechnicians(command.technicians, ro.locationId);
        const assignedAt = instant(command.assignedAt, 'assignedAt');
        const unchanged = technicianIds.length === line.technicianIds.length && technicianIds.every((id) => line.technicianIds.includes(id));
        if (unchanged) return [];
        const removed = line.runningClocks.filter((clock) => !technicianIds.includes(clock.technicianId));
        const stoppedClocks = stopClocks(removed, assignedAt, 'assignedAt');
        return [{ type: 'TechnicianAssigned', data: { repairOrderId: ro.repairOrderId, lineId: line.lineId, technicianIds, assignedAt, stoppedClocks } }];
      }
      case 'StartWork': {
        const ro = open(state, 'starting work');
        const line = assigned(lineOf(ro, command.lineId), command.actor);
        if (line.status === 'completed') throw new RepairOrderLineCompleted(line.lineId, 'started again');
        const running = line.runningClocks.find((clock) => clock.technicianId === command.actor);
        if (running) throw new WorkAlreadyStarted(line.lineId, command.actor, running.startedAt);
        const startedAt = instant(command.startedAt, 'startedAt');
        return [{ type: 'WorkStarted', data: { repairOrderId: ro.repairOrderId, lineId: line.lineId, technicianId: command.actor, startedAt } }];
      }
      case 'CompleteWork': {
        const ro = open(state, 'completing work');
        const line = assigned(lineOf(ro, command.lineId), command.actor);
        if (line.status === 'completed') throw new RepairOrderLineCompleted(line.lineId, 'completed again');
        if (line.status !== 'in_progress') throw new WorkNotStarted(line.lineId, line.status);
        const completedAt = instant(command.completedAt, 'completedAt');
        const stoppedClocks = stopClocks(line.runningClocks, completedAt, 'completedAt');
        return [{ type: 'WorkCompleted', data: { repairOrderId: ro.repairOrderId, lineId: line.lineId, technicianId: command.actor, completedAt, stoppedClocks } }];
      }
      case 'RequestAdvisorReview': {
        const ro = open(state, 'requesting review');
        const unfinished = ro.lines.filter((l) => l.status !== 'completed').map(({ lineId, status }) => ({ lineId, status }));
        if (unfinished.length > 0) throw new RepairOrderLinesNotCompleted(unfinished);
        const requestedAt = instant(command.requestedAt, 'requestedAt');
        return [{ type: 'AdvisorReviewRequested', data: { repairOrderId: ro.repairOrderId, requestedAt } }];
      }
      case 'ReturnWork':
        return decideReturn(command, state);
      case 'ApproveWork': {
        const ro = existing(state);
        reviewer(command, 'approve work');
        if (ro.status !== 'awaiting_review') throw new RepairOrderNotAwaitingReview(ro.status, 'approving work');
        const approvedAt = instant(command.approvedAt, 'approvedAt');
        return [{ type: 'WorkApproved', data: { repairOrderId: ro.repairOrderId, approvedAt } }];
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown repair order command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'RepairOrderOpened': {
        if (state.status !== 'none') return state;
        const { lines, ...rest } = event.data;
        return { status: 'open', ...rest, lines: lines.map(newLine) };
      }
      case 'TechnicianAssigned': {
        if (state.status !== 'open') return state;
        const { lineId, technicianIds, stoppedClocks } = event.data;
        const stopped = new Set(stoppedClocks.map((c) => c.technicianId));
        const lines = updateLine(state, lineId, (line) => ({
          ...line,
          technicianIds,
          runningClocks: line.runningClocks.filter((c) => !stopped.has(c.technicianId)),
          clocked: [...line.clocked, ...stoppedClocks],
        }));
        return { ...state, lines };
      }
      case 'WorkStarted': {
        if (state.status !== 'open') return state;
        const { lineId, technicianId, startedAt } = event.data;
        return { ...state, lines: updateLine(state, lineId, (line) => ({ ...line, runningClocks: [...line.runningClocks, { technicianId, startedAt }] })) };
      }
      case 'WorkCompleted': {
        if (state.status !== 'open') return state;
        const { lineId, completedAt, stoppedClocks } = event.data;
        const stopped = new Set(stoppedClocks.map((c) => c.technicianId));
        const lines = updateLine(state, lineId, (line) => ({
          ...line,
          runningClocks: line.runningClocks.filter((c) => !stopped.has(c.technicianId)),
          clocked: [...line.clocked, ...stoppedClocks],
          completedAt,
        }));
        return { ...state, lines };
      }
      case 'AdvisorReviewRequested':
        return state.status === 'open' ? { ...state, status: 'awaiting_review', reviewRequestedAt: event.data.requestedAt } : state;
      case 'WorkReturned': {
        // One ReturnWork may return several lines: the first event reopens the order, the rest find it open.
        if (state.status !== 'awaiting_review' && state.status !== 'open') return state;
        const { lineId, reason, returnedAt } = event.data;
        const lines = updateLine(state, lineId, (line) => ({ ...line, completedAt: null, returns: [...line.returns, { reason, returnedAt }] }));
        return { ...content(state), status: 'open', lines };
      }
      case 'WorkApproved':
        return state.status === 'awaiting_review' ? { ...state, status: 'approved', approvedAt: event.data.approvedAt } : state;
      default:
        return state;
    }
  },
};
