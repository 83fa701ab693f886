import { isCalendarDate } from './dashboard.args';
import {
  ageInDays, agingBucket, approvalRate, clockedMs, efficiency, localDay, nextRepairOrderStatus, quoteOutcome, soldHoursShare, valueShare,
} from './dashboard.rules';

describe('dashboard rules', () => {
  describe('repair order status, as the decider derives it', () => {
    type Status = ReturnType<typeof nextRepairOrderStatus>;
    const follow = (types: string[]) => types.reduce<Status>((status, type) => nextRepairOrderStatus(status, type), 'none');

    it('goes open -> awaiting_review -> approved', () => {
      expect(follow(['RepairOrderOpened'])).toBe('open');
      expect(follow(['RepairOrderOpened', 'TechnicianAssigned', 'WorkCompleted', 'AdvisorReviewRequested'])).toBe('awaiting_review');
      expect(follow(['RepairOrderOpened', 'AdvisorReviewRequested', 'WorkApproved'])).toBe('approved');
    });

    it('reopens on returned work, also when one return writes several WorkReturned events', () => {
      expect(follow(['RepairOrderOpened', 'AdvisorReviewRequested', 'WorkReturned', 'WorkReturned'])).toBe('open');
      expect(follow(['RepairOrderOpened', 'AdvisorReviewRequested', 'WorkReturned', 'AdvisorReviewRequested', 'WorkApproved'])).toBe('approved');
    });

    it('ignores events that do not apply in the current status, like evolve does', () => {
      expect(follow(['RepairOrderOpened', 'WorkApproved'])).toBe('open');
      expect(follow(['RepairOrderOpened', 'AdvisorReviewRequested', 'WorkApproved', 'WorkReturned'])).toBe('approved');
      expect(follow(['WorkApproved'])).toBe('none');
      expect(follow(['RepairOrderOpened', 'RepairOrderOpened'])).toBe('open');
    });
  });

  describe('sold hours and efficiency', () => {
    it('splits a labor line equally among the technicians on it at completion', () => {
      expect(soldHoursShare({ kind: 'labor', quantity: 1.5 }, 1)).toBe(1.5);
      expect(soldHoursShare({ kind: 'labor', quantity: 1.5 }, 2)).toBe(0.75);
      expect(soldHoursShare({ kind: 'labor', quantity: 1 }, 3) * 3).toBeCloseTo(1, 12);
    });

    it('sells no hours for a part line', () => {
      expect(soldHoursShare({ kind: 'part', quantity: 4 }, 1)).toBe(0);
    });

    it('measures a clock interval in milliseconds', () => {
      expect(clockedMs({ startedAt: '2025-06-01T09:00:00.000Z', stoppedAt: '2025-06-01T10:30:00.000Z' })).toBe(90 * 60_000);
    });

    it('is sold hours per clocked hour: 1.5 h sold in 75 minutes is 1.2', () => {
      expect(efficiency(1.5, 75 * 60_000)).toBe(1.2);
      expect(efficiency(0.75, 90 * 60_000)).toBe(0.5);
    });

    it('has no efficiency when nothing was clocked', () => {
      expect(efficiency(2, 0)).toBeNull();
    });
  });

  describe('local day', () => {
    it("puts 20:00 UTC on the next day in Kolkata (UTC+5:30) and the same day in New York", () => {
      expect(localDay('2025-06-01T20:00:00.000Z', 'Asia/Kolkata')).toBe('2025-06-02');
      expect(localDay('2025-06-01T20:00:00.000Z', 'America/New_York')).toBe('2025-06-01');
    });

    it('splits at local midnight: 18:29 UTC is 23:59 in Kolkata, 18:30 UTC is the next day', () => {
      expect(localDay('2025-06-01T18:29:59.999Z', 'Asia/Kolkata')).toBe('2025-06-01');
      expect(localDay('2025-06-01T18:30:00.000Z', 'Asia/Kolkata')).toBe('2025-06-02');
    });

    it('puts an early UTC morning on the previous day in Los Angeles, across a year end', () => {
      expect(localDay('2026-01-01T03:00:00.000Z', 'America/Los_Angeles')).toBe('2025-12-31');
    });

    it('uses UTC without a location, and for a zone the runtime does not know', () => {
      expect(localDay('2025-06-01T23:59:59.000Z', null)).toBe('2025-06-01');
      expect(localDay('2025-06-01T23:59:59.000Z', 'Mars/Olympus_Mons')).toBe('2025-06-01');
    });
  });

  describe('quote approval', () => {
    it('tells full from partial approval by the declined lines', () => {
      expect(quoteOutcome({ declinedLineIds: [] })).toBe('approved');
      expect(quoteOutcome({ declinedLineIds: ['l2'] })).toBe('partial');
    });

    it('rates (approved + partial) over decided: 1 full, 1 partial, 2 declined is 0.5', () => {
      expect(approvalRate({ approved: 1, partial: 1, declined: 2 })).toBe(0.5);
      expect(approvalRate({ approved: 2, partial: 0, declined: 1 })).toBe(0.6667);
      expect(approvalRate({ approved: 0, partial: 0, declined: 0 })).toBeNull();
    });

    it('shares approved value over quoted value of the decided quotes', () => {
      expect(valueShare(7_500, 10_000)).toBe(0.75);
      expect(valueShare(0, 0)).toBeNull();
    });
  });

  describe('aging', () => {
    const now = new Date('2025-06-30T12:00:00.000Z');

    it('counts whole days since issue', () => {
      expect(ageInDays('2025-06-30T11:00:00.000Z', now)).toBe(0);
      expect(ageInDays('2025-05-31T12:00:00.000Z', now)).toBe(30);
      expect(ageInDays('2025-05-31T12:00:00.001Z', now)).toBe(29);
      expect(ageInDays('2025-07-01T00:00:00.000Z', now)).toBe(0);
    });

    it('buckets 0-30, 31-60, 61-90 and over 90 days', () => {
      expect([0, 30, 31, 60, 61, 90, 91, 400].map(agingBucket)).toEqual(['0-30', '0-30', '31-60', '31-60', '61-90', '61-90', '90+', '90+']);
    });
  });

  it('accepts only real calendar dates as YYYY-MM-DD', () => {
    expect(['2025-06-01', '2024-02-29'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2025-02-30', '2025-6-1', '2025-06-01T00:00:00Z', 20250601].map(isCalendarDate)).toEqual([false, false, false, false]);
  });
});
