import type { StoredEvent } from '@workbay/eventstore/core';
import { reminderIdFor } from './reminder-plan.rules';
import { evolveReminders, reservationReminders, ReminderState } from './reservation-reminders.process';

const AT = '2030-03-01T08:00:00.000Z';
let seq = 0;
const event = (type: string, data: Record<string, unknown>, recordedAt = AT): StoredEvent => ({
  eventId: `e${++seq}`, type, data, schemaVersion: 1, tenantId: 't', streamId: 's', streamVersion: 1, globalPosition: seq, recordedAt,
  metadata: { actor: 'test' }, contentHash: '', chainHash: '',
} as unknown as StoredEvent);
const run = (events: StoredEvent[]) => events.reduce<{ state: ReminderState; reactions: ReturnType<typeof reservationReminders.react>[] }>(
  (acc, e) => {
    const state = evolveReminders(acc.state, e);
    return { state, reactions: [...acc.reactions, reservationReminders.react(state, e)] };
  },
  { state: reservationReminders.initialState, reactions: [] },
);
const reserved = (id: string, start: string) => event('SlotReserved', { reservationId: id, start });

describe('reservation reminders: which timers each event asks for', () => {
  it('schedules the default 24 h and 2 h reminders, skipping one already past', () => {
    const r = reserved('r1', '2030-03-02T10:00:00.000Z');
    const { reactions } = run([r, reserved('r2', '2030-03-01T12:00:00.000Z')]);
    expect(reactions[0].schedule!.map((t) => [t.timerId, t.dueAt.toISOString()])).toEqual([
      [reminderIdFor('r1', r.eventId, 1440), '2030-03-01T10:00:00.000Z'],
      [reminderIdFor('r1', r.eventId, 120), '2030-03-02T08:00:00.000Z'],
    ]);
    // Four hours ahead: the day-ahead reminder is past.
    expect(reactions[1].schedule!.map((t) => t.command.payload.offsetMinutes)).toEqual([120]);
    expect(reactions[0].schedule!.every((t) => !t.timerId.includes(':'))).toBe(true);
  });

  it('cancels the open reminders on a reschedule and schedules new ids for the new start', () => {
    const r = reserved('r1', '2030-03-03T10:00:00.000Z');
    const moved = event('ReservationRescheduled', { reservationId: 'r1', start: '2030-03-04T10:00:00.000Z' });
    const { reactions } = run([r, moved]);
    expect(reactions[1].cancel).toEqual(reactions[0].schedule!.map((t) => t.timerId));
    expect(reactions[1].schedule!.map((t) => t.timerId)).toEqual([reminderIdFor('r1', moved.eventId, 1440), reminderIdFor('r1', moved.eventId, 120)]);
  });

  it.each(['ReservationCancelled', 'ReservationMarkedNoShow', 'ReservationCompleted', 'ReservationCheckedIn'])('cancels what is left on %s, and forgets the reservation', (type) => {
    const { state, reactions } = run([reserved('r1', '2030-03-03T10:00:00.000Z'), event(type, { reservationId: 'r1' })]);
    expect(reactions[1]).toEqual({ cancel: reactions[0].schedule!.map((t) => t.timerId), schedule: [] });
    expect(state.reservations).toEqual({});
  });

  it('waits for a hold to be confirmed, and drops it when it expires', () => {
    const held = event('SlotHeld', { reservationId: 'h1', start: '2030-03-03T10:00:00.000Z' });
    const confirmed = event('HoldConfirmed', { reservationId: 'h1' });
    const { reactions } = run([held, confirmed]);
    expect(reactions[0].schedule).toEqual([]);
    expect(reactions[1].schedule!.map((t) => t.timerId)).toEqual([reminderIdFor('h1', confirmed.eventId, 1440), reminderIdFor('h1', confirmed.eventId, 120)]);
    const expired = run([held, event('HoldExpired', { reservationId: 'h1' })]);
    expect(expired.state.reservations).toEqual({});
  });

  it("re-plans every upcoming reservation on new offsets, and nothing when they are the same", () => {
    const settings = (offsets: number[]) => event('SchedulingSettingsChanged', { reminderOffsetsMinutes: offsets });
    const same = settings([120, 1440]);
    const changed = settings([60]);
    const { reactions } = run([reserved('r1', '2030-03-03T10:00:00.000Z'), same, changed]);
    expect(reactions[1]).toEqual({ cancel: [], schedule: [] });
    expect(reactions[2].cancel).toEqual(reactions[0].schedule!.map((t) => t.timerId));
    expect(reactions[2].schedule!.map((t) => t.timerId)).toEqual([reminderIdFor('r1', changed.eventId, 60)]);
  });

  it('forgets a reservation once its last reminder is sent', () => {
    const r = reserved('r1', '2030-03-01T12:00:00.000Z');
    const { state } = run([r, event('ReservationReminderSent', { reservationId: 'r1', reminderId: reminderIdFor('r1', r.eventId, 120) })]);
    expect(state.reservations).toEqual({});
  });
});
