import { EntityManager } from '@mikro-orm/postgresql';
import { CommandBus, ICommand } from '@nestjs/cqrs';
import { DomainError, StoredEvent } from '@workbay/eventstore';
import { RequestContext } from '../context/request-context';
import { Projection } from '../projections/projection';
import { TimerQueue } from './timer-queue';

/** A command a timer dispatches when due: stored as data, turned back into a command by the process manager. */
export interface TimerCommand {
  type: string;
  payload: Record<string, unknown>;
}

export interface TimerRequest {
  /**
   * Derived from its cause (e.g. `approval-deadline-<eventId>`), so a redelivered cause schedules
   * the same timer; also the BullMQ job id, hence no ':'. Rescheduling is cancel + a new id.
   */
  timerId: string;
  dueAt: Date;
  command: TimerCommand;
  /** Defaults to the causing event's tenant; the command runs in this tenant's context. */
  tenantId?: string;
}

export interface Reaction {
  commands?: ICommand[];
  schedule?: TimerRequest[];
  /** Timer ids: a scheduled timer is marked cancelled and never fires; a fired one stays fired. */
  cancel?: string[];
}

/**
 * A durable, stateful process manager. Each event it subscribes to belongs to one instance
 * (`correlate`); the instance's state is folded with `evolve` and kept in
 * platform.process_states in the same transaction as the checkpoint, then `react` sees the
 * state *after* this event. Everything here must be deterministic for a given event and state:
 * a crash redelivers the events after the checkpoint against the state committed with it.
 */
export interface StatefulProcessManager<S = unknown> {
  /** Also the checkpoint name and the actor (`system:<name>`) of its commands. */
  readonly name: string;
  readonly eventTypes: readonly string[];
  readonly initialState: S;
  /** The instance an event belongs to; null: no state kept for it (react sees initialState). */
  correlate(event: StoredEvent): string | null;
  evolve(state: S, event: StoredEvent): S;
  react(state: S, event: StoredEvent): Reaction;
  /** Turns a due timer's stored command back into a command; it runs as `system:<name>`, keyed by the timer id. */
  timerCommand?(command: TimerCommand): ICommand;
}

export interface ProcessLog {
  refused(process: string, cause: { tenantId: string; id: string; type: string }, error: DomainError): void;
}

export const consoleProcessLog: ProcessLog = {
  refused: (process, cause, error) =>
    console.warn(JSON.stringify({
      level: 'warn', msg: 'process step refused by the domain', process, tenantId: cause.tenantId,
      causeId: cause.id, type: cause.type, code: error.code, error: error.message,
    })),
};

/**
 * Runs a stateful process manager on the projection runtime. Per event, in the batch's
 * transaction: load the instance's state, evolve, save, react; the reaction's timers are inserted
 * (and cancellations marked) in that transaction too, so they commit with the checkpoint or not
 * at all. Commands run as `system:<name>` with the key `<name>:<eventId>:<i>`: a redelivered
 * event re-dispatches them and the aggregate store answers with what the first run appended. A
 * DomainError is a final answer (logged, the process moves on); any other error fails the batch,
 * retried from the checkpoint.
 *
 * Timer jobs are added to BullMQ inside the transaction (best effort): a job that runs before
 * the commit, or for a batch that rolled back, finds no scheduled row and does nothing, and the
 * sweeper re-enqueues due rows whose job is gone or already finished.
 */
export function statefulProcessRunnable<S>(
  pm: StatefulProcessManager<S>, commands: CommandBus, context: RequestContext, timers?: TimerQueue, log: ProcessLog = consoleProcessLog,
): Projection {
  return {
    name: pm.name,
    eventTypes: pm.eventTypes,
    tables: [],
    async apply(em: EntityManager, event: StoredEvent) {
      const instanceId = pm.correlate(event);
      const before = instanceId === null ? pm.initialState : await loadState(em, pm, event.tenantId, instanceId);
      const state = instanceId === null ? before : pm.evolve(before, event);
      if (instanceId !== null) await saveState(em, pm.name, event.tenantId, instanceId, state);
      const reaction = pm.react(state, event);
      for (const timerId of reaction.cancel ?? []) {
        await em.execute(
          `update platform.timers set status = 'cancelled', cancelled_at = now() where timer_id = ? and process_name = ? and status = 'scheduled'`,
          [timerId, pm.name],
        );
      }
      const scheduled: { timerId: string; dueAt: Date }[] = [];
      for (const timer of reaction.schedule ?? []) {
        if (!timer.timerId || timer.timerId.includes(':')) throw new Error(`${pm.name}: timer id "${timer.timerId}" must be non-empty without ':' (it is the BullMQ job id)`);
        if (!pm.timerCommand) throw new Error(`${pm.name} schedules timers but has no timerCommand()`);
        // A timer id already taken (a redelivery, or a cancelled timer asked for again) is left as it is.
        await em.execute(
          `insert into platform.timers (timer_id, process_name, tenant_id, due_at, command_type, command_payload, correlation_id, causation_id)
           values (?, ?, ?, ?, ?, ?::jsonb, ?, ?) on conflict (timer_id) do nothing`,
          [timer.timerId, pm.name, timer.tenantId ?? event.tenantId, timer.dueAt.toISOString(), timer.command.type, JSON.stringify(timer.command.payload),
            event.metadata.correlationId ?? event.eventId, event.eventId],
        );
        scheduled.push(timer);
      }
      for (const [i, command] of (reaction.commands ?? []).entries()) {
        const act = {
          actor: `system:${pm.name}`,
          correlationId: event.metadata.correlationId ?? event.eventId,
          causationId: event.eventId,
          idempotencyKey: `${pm.name}:${event.eventId}:${i}`,
        };
        try {
          await context.runAsSystemFor(event.tenantId, act, () => commands.execute(command));
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          log.refused(pm.name, { tenantId: event.tenantId, id: event.eventId, type: event.type }, error);
        }
      }
      for (const timer of scheduled) await timers?.trigger(timer.timerId, timer.dueAt);
    },
  };
}

async function loadState<S>(em: EntityManager, pm: StatefulProcessManager<S>, tenantId: string, instanceId: string): Promise<S> {
  const [row] = await em.execute(
    `select state from platform.process_states where process_name = ? and tenant_id = ? and instance_id = ? for update`,
    [pm.name, tenantId, instanceId],
  );
  return row ? (row.state as S) : pm.initialState;
}

async function saveState(em: EntityManager, name: string, tenantId: string, instanceId: string, state: unknown): Promise<void> {
  await em.execute(
    `insert into platform.process_states (process_name, tenant_id, instance_id, state) values (?, ?, ?, ?::jsonb)
     on conflict (process_name, tenant_id, instance_id) do update set state = excluded.state, version = process_states.version + 1, updated_at = now()`,
    [name, tenantId, instanceId, JSON.stringify(state ?? null)],
  );
}
