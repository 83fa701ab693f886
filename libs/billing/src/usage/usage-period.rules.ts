/**
 * Which billing period a usage event counts in (issue #11 item 5). Periods are calendar months
 * in UTC (`YYYY-MM`). A period stays open for late events until a grace window after its end;
 * past that, usage only lands as an explicit adjustment, in the period open when it is sent, so
 * a closed (possibly invoiced) period never changes.
 */

/** Emitters' clocks drift: an event this far ahead of ours is still taken as "now-ish". */
export const USAGE_FUTURE_SKEW_MS = 5 * 60_000;

export type PeriodDecision =
  | { ok: true; period: string }
  | { ok: false; reason: 'period_closed' | 'in_future'; message: string };

export function periodOf(instant: Date): string {
  return instant.toISOString().slice(0, 7);
}

/** The instant a period ends (the next one's first millisecond). */
export function periodEnd(period: string): Date {
  const [year, month] = period.split('-').map(Number);
  return new Date(Date.UTC(year, month, 1));
}

export interface PeriodInput {
  occurredAt: Date;
  now: Date;
  lateGraceMs: number;
  adjustment: boolean;
}

export function decidePeriod({ occurredAt, now, lateGraceMs, adjustment }: PeriodInput): PeriodDecision {
  if (occurredAt.getTime() > now.getTime() + USAGE_FUTURE_SKEW_MS) {
    return { ok: false, reason: 'in_future', message: `is more than ${USAGE_FUTURE_SKEW_MS / 60_000} minutes ahead of the server's clock` };
  }
  const open = periodOf(now);
  if (adjustment) return { ok: true, period: open };
  const period = periodOf(occurredAt);
  if (period >= open) return { ok: true, period };
  const closesAt = periodEnd(period).getTime() + lateGraceMs;
  if (now.getTime() < closesAt) return { ok: true, period };
  return {
    ok: false,
    reason: 'period_closed',
    message: `falls in period ${period}, closed since ${new Date(closesAt).toISOString()} (its end plus ${lateGraceMs / 3_600_000} h of grace); send it as an adjustment (adjustmentOf) to count it in ${open}`,
  };
}
