/**
 * The pure rules behind the shop dashboards: how a repair order's status follows its events,
 * how sold hours are split, efficiency, the local calendar day of an instant, quote approval
 * figures and invoice aging. No I/O, no clock: the projection and the queries pass everything in.
 */
import type { RepairOrderState } from '../repair-orders/repair-order.decider';

export type RepairOrderStatus = Exclude<RepairOrderState['status'], 'none'>;
/** Every status the decider knows, in the order a repair order goes through them. */
export const REPAIR_ORDER_STATUSES: readonly RepairOrderStatus[] = ['open', 'awaiting_review', 'approved'];

/**
 * The status after `eventType`, following the decider's `evolve` exactly: review is requested
 * only from open, work is returned from awaiting_review (or open, when one ReturnWork wrote
 * several events), approved only from awaiting_review. Anything else leaves the status alone.
 */
export function nextRepairOrderStatus(status: RepairOrderStatus | 'none', eventType: string): RepairOrderStatus | 'none' {
  switch (eventType) {
    case 'RepairOrderOpened':
      return status === 'none' ? 'open' : status;
    case 'AdvisorReviewRequested':
      return status === 'open' ? 'awaiting_review' : status;
    case 'WorkReturned':
      return status === 'awaiting_review' || status === 'open' ? 'open' : status;
    case 'WorkApproved':
      return status === 'awaiting_review' ? 'approved' : status;
    default:
      return status;
  }
}

/**
 * Sold hours of a completed line credited to each technician on it. A labor line's sold hours
 * are its quantity; a part line sells no hours. When several technicians are on the line at
 * completion, the hours are split equally among them (2 technicians on a 1.5 h line: 0.75 h
 * each), whoever clocked more: the flat-rate book pays the job, not the clock.
 */
export function soldHoursShare(line: { kind: string; quantity: number }, technicians: number): number {
  if (line.kind !== 'labor' || technicians <= 0) return 0;
  return line.quantity / technicians;
}

/** Milliseconds of a closed clock interval (never negative: the decider refuses a stop before a start). */
export function clockedMs(interval: { startedAt: string; stoppedAt: string }): number {
  return Math.max(0, Date.parse(interval.stoppedAt) - Date.parse(interval.startedAt));
}

/** Sold hours per clocked hour; null when nothing was clocked (no division by zero, no Infinity). */
export function efficiency(soldHours: number, clockedMilliseconds: number): number | null {
  if (clockedMilliseconds <= 0) return null;
  return round(soldHours / (clockedMilliseconds / 3_600_000), 4);
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round((value + Number.EPSILON) * f) / f + 0;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The calendar day (`YYYY-MM-DD`) of a UTC instant in an IANA time zone; UTC when there is no
 * location (null) or the zone is unknown to this runtime, so a projection never stalls on it.
 */
export function localDay(instant: string, timeZone: string | null): string {
  const at = new Date(instant);
  let f: Intl.DateTimeFormat;
  try {
    f = formatterFor(timeZone ?? 'UTC');
  } catch {
    f = formatterFor('UTC');
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export type QuoteOutcome = 'approved' | 'partial' | 'declined';

/** Fully approved when no line was declined; partially when some were. */
export function quoteOutcome(approval: { declinedLineIds: readonly string[] }): Exclude<QuoteOutcome, 'declined'> {
  return approval.declinedLineIds.length === 0 ? 'approved' : 'partial';
}

export interface ApprovalCounts {
  approved: number;
  partial: number;
  declined: number;
}

/** (approved + partially approved) / decided; null before any quote is decided. */
export function approvalRate({ approved, partial, declined }: ApprovalCounts): number | null {
  const decided = approved + partial + declined;
  return decided === 0 ? null : round((approved + partial) / decided, 4);
}

/** Approved value / quoted value of the decided quotes; null when nothing of value was decided. */
export function valueShare(approvedMinor: number, quotedMinor: number): number | null {
  return quotedMinor <= 0 ? null : round(approvedMinor / quotedMinor, 4);
}

export type AgingBucket = '0-30' | '31-60' | '61-90' | '90+';
export const AGING_BUCKETS: readonly AgingBucket[] = ['0-30', '31-60', '61-90', '90+'];

/** Whole days from issue to `now` (an invoice issued 30 days and 23 hours ago is 30 days old). */
export function ageInDays(issuedAt: Date | string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(issuedAt).getTime()) / 86_400_000));
}

/** 0-30, 31-60, 61-90 and over 90 days since issue. */
export function agingBucket(ageDays: number): AgingBucket {
  if (ageDays <= 30) return '0-30';
  if (ageDays <= 60) return '31-60';
  if (ageDays <= 90) return '61-90';
  return '90+';
}
