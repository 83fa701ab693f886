import type { StoredEvent } from '@workbay/eventstore/core';
import type { Reaction, StatefulProcessManager, TimerCommand } from '@workbay/platform';
import type { ReservationEvent } from '../reservations/reservation.events';
import { RESERVATION_EVENT_TYPES } from '../reservations/reservation.events';
import type { SchedulingSettingsChanged } from '../settings/settings.events';
import { DEFAULT_REMINDER_OFFSETS, planReminders, PlannedReminder } from './reminder-plan.rules';
import { SendReservationReminder } from './send-reservation-reminder';

export const RESERVATION_REMINDERS = 'scheduling.reservation-reminders';
export const SEND_REMINDER_TIMER = 'SendReservationReminder';

interface Tracked {
  start: string;
  /** A hold gets its reminders when confirmed. */
  held: boolean;
  /** Reminder (timer) ids scheduled and not yet sent. */
  reminders: string[];
}

/**
 * One instance per tenant: the settings' offsets and the reservations that still have reminders
 * ahead. A per-reservation instance could not see a settings change, and the runner loads one
 * instance per event. Entries leave when their last reminder is sent, the reservation ends, or
 * its start passes, so the state holds only upcoming reservations. `next` is what this event
 * asks of the timers: evolve computes it (react sees the state after the event, when the
 * timers to cancel are already gone from it).
 */
export interface ReminderState {
  offsets: number[] | null;
  reservations: Record<string, Tracked>;
  next: { schedule: PlannedReminder[]; cancel: string[] };
}

const initialState: ReminderState = { offsets: null, reservations: {}, next: { schedule: [], cancel: [] } };

type Handled = ReservationEvent | SchedulingSettingsChanged;

export function evolveReminders(previous: ReminderState, event: StoredEvent): ReminderState {
  const at = event.recordedAt;
  const reservations = { ...previous.reservations };
  const schedule: PlannedReminder[] = [];
  const cancel: string[] = [];
  const offsets = previous.offsets ?? DEFAULT_REMINDER_OFFSETS;
  const replan = (id: string, start: string, held: boolean, withOffsets = offsets) => {
    cancel.push(...(reservations[id]?.reminders ?? []));
    const planned = held ? [] : planReminders(id, start, withOffsets, event.eventId, at);
    schedule.push(...planned);
    reservations[id] = { start, held, reminders: planned.map((r) => r.reminderId) };
  };
  const drop = (id: string) => {
    cancel.push(...(reservations[id]?.reminders ?? []));
    delete reservations[id];
  };
  const e = { type: event.type, data: event.data } as Handled;
  let nextOffsets = previous.offsets;
  switch (e.type) {
    case 'SchedulingSettingsChanged': {
      nextOffsets = [...e.data.reminderOffsetsMinutes];
      const same = JSON.stringify([...nextOffsets].sort()) === JSON.stringify([...offsets].sort());
      if (!same) for (const [id, r] of Object.entries(previous.reservations)) replan(id, r.start, r.held, nextOffsets);
      break;
    }
    case 'SlotReserved':
      replan(e.data.reservationId, e.data.start, false);
      break;
    case 'SlotHeld':
      replan(e.data.reservationId, e.data.start, true);
      break;
    case 'HoldConfirmed': {
      const r = reservations[e.data.reservationId];
      if (r) replan(e.data.reservationId, r.start, false);
      break;
    }
    case 'ReservationRescheduled': {
      const r = reservations[e.data.reservationId];
      replan(e.data.reservationId, e.data.start, r?.held ?? false);
      break;
    }
    case 'ReservationReminderSent': {
      const r = reservations[e.data.reservationId];
      if (r) reservations[e.data.reservationId] = { ...r, reminders: r.reminders.filter((id) => id !== e.data.reminderId) };
      break;
    }
    // A customer who has arrived needs no reminder; the other ends free the slot.
    case 'ReservationCancelled': case 'ReservationMarkedNoShow': case 'ReservationCompleted': case 'HoldExpired': case 'ReservationCheckedIn':
      drop(e.data.reservationId);
      break;
    default: {
      const unhandled: never = e;
      return unhandled;
    }
  }
  for (const [id, r] of Object.entries(reservations)) {
    if ((!r.held && r.reminders.length === 0) || Date.parse(r.start) <= Date.parse(at)) delete reservations[id];
  }
  return { offsets: nextOffsets, reservations, next: { schedule, cancel } };
}

/**
 * Durable reminders before each reservation's start (the tenant's offsets, default 24 h and 2 h):
 * timers written with this process's checkpoint; a due one dispatches SendReservationReminder
 * keyed by its timer id, so a run delivered twice sends once.
 */
export const reservationReminders: StatefulProcessManager<ReminderState> = {
  name: RESERVATION_REMINDERS,
  eventTypes: [...RESERVATION_EVENT_TYPES, 'SchedulingSettingsChanged'],
  initialState,
  correlate: () => 'tenant',
  evolve: evolveReminders,
  react(state): Reaction {
    return {
      cancel: state.next.cancel,
      schedule: state.next.schedule.map((r) => ({
        timerId: r.reminderId,
        dueAt: new Date(r.dueAt),
        command: { type: SEND_REMINDER_TIMER, payload: { ...r } },
      })),
    };
  },
  timerCommand(command: TimerCommand) {
    const p = command.payload as unknown as PlannedReminder;
    return new SendReservationReminder(p.reservationId, p.reminderId, p.offsetMinutes, p.start);
  },
};
