import { CommandBus, ICommand } from '@nestjs/cqrs';
import { StoredEvent } from '@workbay/eventstore';
import { RequestContext } from '../context/request-context';
import { Projection } from '../projections/projection';
import { consoleProcessLog, ProcessLog, StatefulProcessManager, statefulProcessRunnable } from './stateful-process-manager';

/**
 * A durable process manager: it reacts to events with commands. It is driven by the worker's
 * checkpointed subscription (not @nestjs/cqrs sagas, which live in memory), so a crash only
 * means the events after the checkpoint are delivered again; each command carries an
 * idempotency key derived from the causing event, so a redelivery appends nothing new.
 * The stateless case of StatefulProcessManager (no instance, no state, no timers).
 */
export interface ProcessManager {
  /** Also the checkpoint name. */
  readonly name: string;
  readonly eventTypes: readonly string[];
  /** The commands this event calls for, in order; deterministic for a given event. */
  react(event: StoredEvent): ICommand[];
}

/** A stateless process manager as a stateful one that keeps no state. */
export function statelessProcess(pm: ProcessManager): StatefulProcessManager<null> {
  return {
    name: pm.name,
    eventTypes: pm.eventTypes,
    initialState: null,
    correlate: () => null,
    evolve: () => null,
    react: (_state, event) => ({ commands: pm.react(event) }),
  };
}

/**
 * Runs a process manager on the projection runtime: its checkpoint moves with each batch, its
 * effects are commands executed as `system:<name>` for the event's tenant (see
 * statefulProcessRunnable for keys, refusals and retries).
 */
export function processManagerRunnable(pm: ProcessManager, commands: CommandBus, context: RequestContext, log: ProcessLog = consoleProcessLog): Projection {
  return statefulProcessRunnable(statelessProcess(pm), commands, context, undefined, log);
}
