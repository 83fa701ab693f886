import { Module } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Decider, EventStore, StoredEvent, streamIdFor } from '@workbay/eventstore';
import { AggregateStore, CommandResult, StatefulProcessManager } from '@workbay/platform';

/**
 * A test-only process manager with a durable timer: `ReminderRequested { reminderId, dueAt }`
 * schedules a timer that rings the reminder's bell at dueAt; `ReminderWithdrawn` cancels it.
 * Its state (the timer id of the instance) lives in platform.process_states.
 */
export class RingBell extends Command<CommandResult> {
  constructor(readonly bellId: string) {
    super();
  }
}

type BellRung = { type: 'BellRung'; data: { bellId: string } };

// Every ring appends: only the idempotency key keeps a re-fired timer from ringing twice.
const bellDecider: Decider<number, RingBell, BellRung> = {
  initialState: () => 0,
  evolve: (n) => n + 1,
  decide: (command) => [{ type: 'BellRung', data: { bellId: command.bellId } }],
};

@CommandHandler(RingBell)
export class RingBellHandler implements ICommandHandler<RingBell> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute(command: RingBell): Promise<CommandResult> {
    return this.aggregates.execute(bellDecider, 'test-bell', command.bellId, command);
  }
}

@Module({ providers: [RingBellHandler] })
export class BellModule {}

type ReminderState = { timerId: string | null };

export const reminders: StatefulProcessManager<ReminderState> = {
  name: 'test.reminders',
  eventTypes: ['ReminderRequested', 'ReminderWithdrawn'],
  initialState: { timerId: null },
  correlate: (event) => (event.data as { reminderId: string }).reminderId,
  evolve: (state, event) => (event.type === 'ReminderRequested' ? { timerId: `reminder-${event.eventId}` } : state),
  react(state, event: StoredEvent) {
    const data = event.data as { reminderId: string; dueAt: string };
    if (event.type === 'ReminderRequested') {
      return { schedule: [{ timerId: state.timerId!, dueAt: new Date(data.dueAt), command: { type: 'RingBell', payload: { bellId: data.reminderId } } }] };
    }
    return { cancel: state.timerId ? [state.timerId] : [] };
  },
  timerCommand: (command) => new RingBell(String(command.payload.bellId)),
};

export async function requestReminder(store: EventStore, tenantId: string, reminderId: string, dueAt: Date): Promise<void> {
  await store.append(tenantId, streamIdFor(tenantId, 'test-reminder', reminderId), [{ type: 'ReminderRequested', data: { reminderId, dueAt: dueAt.toISOString() } }], { expectedVersion: 'any', metadata: { actor: 'test' } });
}

export async function withdrawReminder(store: EventStore, tenantId: string, reminderId: string): Promise<void> {
  await store.append(tenantId, streamIdFor(tenantId, 'test-reminder', reminderId), [{ type: 'ReminderWithdrawn', data: { reminderId } }], { expectedVersion: 'any', metadata: { actor: 'test' } });
}
