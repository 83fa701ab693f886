/**
 * Which reminders a reservation gets: one per offset before its start, none already past at the
 * instant of the event that asks (so a replay plans what the live run planned). A reminder's id
 * is derived from the reservation, the causing event and the offset: a redelivered cause asks for
 * the same timers, and a reschedule (a new cause) asks for new ones. No ':' (BullMQ job ids).
 */
import { DEFAULT_SCHEDULING_SETTINGS } from '../shared/schedule.rules';

export interface PlannedReminder {
  reminderId: string;
  reservationId: string;
  offsetMinutes: number;
  /** The appointment start it reminds of; a reminder for another start is stale. */
  start: string;
  dueAt: string;
}

export const DEFAULT_REMINDER_OFFSETS = DEFAULT_SCHEDULING_SETTINGS.reminderOffsetsMinutes;

export const reminderIdFor = (reservationId: string, causeEventId: string, offsetMinutes: number): string =>
  `reminder-${reservationId}-${causeEventId}-${offsetMinutes}`;

export function planReminders(reservationId: string, start: string, offsets: readonly number[], causeEventId: string, at: string): PlannedReminder[] {
  const startMs = Date.parse(start);
  const atMs = Date.parse(at);
  return [...new Set(offsets)]
    .filter((o) => Number.isInteger(o) && o > 0)
    .sort((a, b) => b - a)
    .map((offsetMinutes) => ({ offsetMinutes, dueMs: startMs - offsetMinutes * 60_000 }))
    .filter(({ dueMs }) => dueMs > atMs)
    .map(({ offsetMinutes, dueMs }) => ({
      reminderId: reminderIdFor(reservationId, causeEventId, offsetMinutes),
      reservationId,
      offsetMinutes,
      start,
      dueAt: new Date(dueMs).toISOString(),
    }));
}
