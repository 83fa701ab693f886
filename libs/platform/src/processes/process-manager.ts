import { CommandBus, ICommand } from '@nestjs/cqrs';
import { DomainError, StoredEvent } from '@workbay/eventstore';
import { RequestContext } from '../context/request-context';
import { Projection } from '../projections/projection';

/**
 * A durable process manager: it reacts to events with commands. It is driven by the worker's
 * checkpointed subscription (not @nestjs/cqrs sagas, which live in memory), so a crash only
 * means the events after the checkpoint are delivered again; each command carries an
 * idempotency key derived from the causing event, so a redelivery appends nothing new.
 */
export interface ProcessManager {
  /** Also the checkpoint name. */
  readonly name: string;
  readonly eventTypes: readonly string[];
  /** The commands this event calls for, in order; deterministic for a given event. */
  react(event: StoredEvent): ICommand[];
}

export interface ProcessLog {
  refused(process: string, event: StoredEvent, error: DomainError): void;
}

const consoleLog: ProcessLog = {
  refused: (process, event, error) =>
    console.warn(JSON.stringify({
      level: 'warn', msg: 'process step refused by the domain', process, tenantId: event.tenantId,
      eventId: event.eventId, type: event.type, code: error.code, error: error.message,
    })),
};

/**
 * Runs a process manager on the projection runtime: its checkpoint moves with each batch, its
 * effects are commands executed as `system:<name>` for the event's tenant. A DomainError is a
 * final answer (the same command would be refused again), so it is logged and the process moves
 * on; any other error fails the batch, which is retried from the checkpoint.
 */
export function processManagerRunnable(pm: ProcessManager, commands: CommandBus, context: RequestContext, log: ProcessLog = consoleLog): Projection {
  return {
    name: pm.name,
    eventTypes: pm.eventTypes,
    tables: [],
    async apply(_em, event) {
      for (const [i, command] of pm.react(event).entries()) {
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
          log.refused(pm.name, event, error);
        }
      }
    },
  };
}
