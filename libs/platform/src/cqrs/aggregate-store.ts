import { Inject, Injectable } from '@nestjs/common';
import { ConcurrencyError, Decider, EVENT_STORE, EventStore, fold, StoredEvent, streamIdFor } from '@workbay/eventstore';
import { createHash } from 'node:crypto';
import { IdGenerator } from '../context/clock';
import { RequestContext } from '../context/request-context';
import { NotFoundError } from '../errors/errors';

export interface CommandResult {
  /** Id of the aggregate the command acted on. */
  id: string;
  streamVersion: number;
  /** Global position of the last event written: pass it as minPosition to read your write. */
  position: number;
}

type DomainEvent = { type: string; data?: unknown };

export interface ExecuteOptions {
  /**
   * The version the caller decided against earlier (e.g. before reserving something in another
   * stream): the command fails with a ConcurrencyError (409) unless the stream is still there.
   */
  expectedVersion?: number;
}

/** Domain events are `{ type, data }`; the store's envelope adds the metadata around them. */
export const toDomainEvent = <E extends DomainEvent>(e: StoredEvent): E => ({ type: e.type, data: e.data }) as E;

/**
 * The one path every command takes: read the aggregate's stream, fold it with `evolve`, `decide`,
 * append with the version read as the expected version. Tenant, actor, correlation and the
 * idempotency key come from the request context, never from the command's caller.
 */
@Injectable()
export class AggregateStore {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly context: RequestContext,
    private readonly ids: IdGenerator,
  ) {}

  /**
   * Id for a new aggregate. Under an Idempotency-Key it is derived from (tenant, key, category),
   * so a retry after a crash between append and response reaches the same stream and the
   * store's idempotency check, instead of creating a twin.
   */
  newId(category: string): string {
    const key = this.context.idempotencyKey;
    return key ? this.derivedId(category, key) : this.ids.next();
  }

  /** A stable uuid for (tenant, category, ...parts): e.g. the one repair order of a quote. */
  derivedId(category: string, ...parts: string[]): string {
    const h = createHash('sha256').update([this.context.tenantId, category, ...parts].join('\u0000')).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  async execute<S, C, E extends DomainEvent>(
    decider: Decider<S, C, E>,
    category: string,
    id: string,
    command: C | ((state: S) => C),
    options: ExecuteOptions = {},
  ): Promise<CommandResult> {
    const tenantId = this.context.tenantId;
    const streamId = streamIdFor(tenantId, category, id);
    const stored = await this.store.readStream(tenantId, streamId);
    const current = stored.length === 0 ? 0 : stored[stored.length - 1].streamVersion;
    if (options.expectedVersion !== undefined && options.expectedVersion !== current) {
      throw new ConcurrencyError(streamId, options.expectedVersion, current);
    }
    const state = fold(decider, stored.map((e) => toDomainEvent<E>(e)));
    const resolved = typeof command === 'function' ? (command as (s: S) => C)(state) : command;
    const events = decider.decide(resolved, state);
    const key = this.context.idempotencyKey;
    const result = await this.store.append(
      tenantId,
      streamId,
      events.map((e) => ({ type: e.type, data: e.data ?? {} })),
      {
        expectedVersion: current,
        idempotencyKey: key ? `${category}:${id}:${key}` : undefined,
        metadata: {
          actor: this.context.actor,
          correlationId: this.context.correlationId,
          causationId: this.context.causationId,
          commandId: key,
        },
      },
    );
    return { id, streamVersion: result.streamVersion, position: result.globalPosition };
  }

  /** Current (or past, with `until`) state of an aggregate; 404 when it has no events. */
  async load<S, E extends DomainEvent>(
    decider: Pick<Decider<S, unknown, E>, 'initialState' | 'evolve'>,
    category: string,
    id: string,
    options: { until?: string; what?: string } = {},
  ): Promise<{ state: S; version: number }> {
    const tenantId = this.context.tenantId;
    const stored = await this.store.readStream(tenantId, streamIdFor(tenantId, category, id), { until: options.until });
    if (stored.length === 0) throw new NotFoundError(options.what ?? category, id);
    return { state: fold(decider, stored.map((e) => toDomainEvent<E>(e))), version: stored[stored.length - 1].streamVersion };
  }
}
