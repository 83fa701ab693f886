/**
 * The per-line half of the repair order: line state, who may work a line, clocks and the
 * clocked-time helper. Pure, like the decider that uses it.
 */
import { QuoteLine } from '../quotes/quote.events';
import { ClockInterval } from './repair-order.events';
import {
  ClockStoppedBeforeStart,
  InvalidRepairOrderField,
  RepairOrderLineStatus,
  TechnicianAtOtherLocation,
  TechniciansRequired,
  UserNotTechnician,
} from './repair-order.errors';

export interface RunningClock {
  technicianId: string;
  startedAt: string;
}

/**
 * A line of approved work. `status` is derived, never set by hand (see `withStatus`):
 * completed once signed off, else in_progress while any clock runs, else assigned while it has
 * technicians, else pending.
 */
export interface RepairOrderLineState extends QuoteLine {
  status: RepairOrderLineStatus;
  technicianIds: string[];
  runningClocks: RunningClock[];
  /** Closed clock intervals, oldest first, across every round of work (returns included). */
  clocked: ClockInterval[];
  completedAt: string | null;
  /** Each time an advisor sent the line back, oldest first. */
  returns: { reason: string; returnedAt: string }[];
}

export function withStatus(line: Omit<RepairOrderLineState, 'status'> & { status?: RepairOrderLineStatus }): RepairOrderLineState {
  const status: RepairOrderLineStatus =
    line.completedAt !== null ? 'completed'
      : line.runningClocks.length > 0 ? 'in_progress'
        : line.technicianIds.length > 0 ? 'assigned'
          : 'pending';
  return { ...line, status };
}

export function newLine(line: QuoteLine): RepairOrderLineState {
  return withStatus({ ...line, technicianIds: [], runningClocks: [], clocked: [], completedAt: null, returns: [] });
}

/** Who the handler says a user is: their roles and their home location, from the identity store. */
export interface TechnicianCandidate {
  userId: string;
  roles: string[];
  locationId: string | null;
}

/**
 * The user ids to put on a line: at least one, no repeats, each holding the 'technician' role
 * and, when the repair order has a location, at that same location. A user with no location is
 * refused then: "at that location" is read strictly until locations say otherwise.
 */
export function validTechnicians(candidates: TechnicianCandidate[], locationId: string | null): string[] {
  if (candidates.length === 0) throw new TechniciansRequired();
  const seen = new Set<string>();
  return candidates.map((candidate, i) => {
    const userId = candidate.userId.trim();
    if (userId === '') throw new InvalidRepairOrderField(`technicians[${i}].userId`, 'user id must not be empty');
    if (seen.has(userId)) throw new InvalidRepairOrderField(`technicians[${i}].userId`, `user ${userId} is listed twice`);
    seen.add(userId);
    if (!candidate.roles.includes('technician')) throw new UserNotTechnician(`technicians[${i}].roles`, userId);
    if (locationId !== null && candidate.locationId !== locationId) {
      throw new TechnicianAtOtherLocation(`technicians[${i}].locationId`, userId, candidate.locationId, locationId);
    }
    return userId;
  });
}

/** Roles that may approve or return a technician's work; mirrors who may approve a quote. */
export const REVIEWER_ROLES: readonly string[] = ['service_advisor', 'manager', 'admin', 'owner'];

export function isReviewer(roles: string[]): boolean {
  return roles.some((role) => REVIEWER_ROLES.includes(role));
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** An ISO-8601 UTC instant such as the Clock provider gives; the round trip refuses 2025-02-30. */
export function instant(value: string, field: string): string {
  const ms = INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== value.slice(0, 19)) {
    throw new InvalidRepairOrderField(field, `'${value}' is not an ISO-8601 UTC time like 2025-03-01T09:00:00.000Z`);
  }
  return value;
}

/** A calendar date `YYYY-MM-DD`. */
export function calendarDate(value: string, field: string): string {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw new InvalidRepairOrderField(field, `'${value}' is not a date like 2025-06-01`);
  }
  return value;
}

/** Closes running clocks at `stoppedAt` (`field` names it), refusing a stop before any start. */
export function stopClocks(clocks: RunningClock[], stoppedAt: string, field: string): ClockInterval[] {
  return clocks.map(({ technicianId, startedAt }) => {
    if (Date.parse(stoppedAt) < Date.parse(startedAt)) throw new ClockStoppedBeforeStart(field, technicianId, startedAt);
    return { technicianId, startedAt, stoppedAt };
  });
}

export interface ClockedTime {
  lineId: string;
  technicianId: string;
  /** Exact minutes, possibly fractional; round for display, not before summing. */
  minutes: number;
}

/**
 * Clocked labor per technician per line from the closed clock intervals, in line order, then in
 * the order each technician first clocked off. Running clocks do not count until they stop. For
 * "technician efficiency": compare with the line's sold hours (`quantity` of a labor line).
 */
export function clockedMinutesOfLines(lines: readonly RepairOrderLineState[]): ClockedTime[] {
  return lines.flatMap((line) => {
    const ms = new Map<string, number>();
    for (const { technicianId, startedAt, stoppedAt } of line.clocked) {
      ms.set(technicianId, (ms.get(technicianId) ?? 0) + Date.parse(stoppedAt) - Date.parse(startedAt));
    }
    return [...ms].map(([technicianId, total]) => ({ lineId: line.lineId, technicianId, minutes: total / 60_000 }));
  });
}
