import { Inject, Injectable } from '@nestjs/common';
import { ConcurrencyError, Decider, EVENT_STORE, EventStore, fold, StoredEvent, streamIdFor } from '@workbay/eventstore';
import { createHash } from 'node:crypto';
import { Clock, IdGenerator } from '../context/clock';
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
   * 0 says the stream must not exist yet: the command is decided on the initial state without
   * reading the stream (the append's expected version 0 refuses a stream that exists).
   */
  expectedVersion?: number;
}

/**
 * Who acts and when, stamped on a command by the helper so no handler needs the clock or the
 * principal for it: read once per command, and working alike for a user's request and for
 * `system:<component>` work (a process manager, a timer, a webhook) that has no principal.
 */
export interface CommandStamp {
  /** UTC ISO-8601 instant from the injected Clock. */
  now: string;
  /** `RequestContext.actor`: the user's id, or `system:<component>`. */
  actor: string;
}

/** What a command is built against besides the state: the stamp, and the stream version the state is at (the append expects it). */
export interface CommandBasis extends CommandStamp {
  version: number;
}

/**
 * Builds the command from the aggregate's state. It may be async, for a handler that needs
 * another read (other streams, a price list) before it can say what it asks: the aggregate's
 * stream is still read only once, and the append expects the version read, so a write that lands
 * while the builder awaits is a ConcurrencyError (409), never a decision on a stale state.
 */
export type CommandBuilder<S, C> = (state: S, basis: CommandBasis) => C | Promise<C>;

/** Domain events are `{ type, data }`; the store's envelope adds the metadata around them. */
export const toDomainEvent = <E extends DomainEvent>(e: StoredEvent): E => ({ type: e.type, data: e.data }) as E;

/** Conflicts a sequence append retries on before giving up with the ConcurrencyError (409). */
const SEQUENCE_ATTEMPTS = 50;
/** Streams whose last version is remembered; past that the memory starts over (a miss costs one 409 round trip). */
const SEQUENCE_HEADS_LIMIT = 10_000;
/** Ids minted by newId and not yet executed on; past that the memory starts over (a miss costs one read). */
const FRESH_STREAMS_LIMIT = 10_000;

/**
 * The one path every command takes: read the aggregate's stream, fold it with `evolve`, build the
 * command (stamped with time and actor), `decide`, append with the version read as the expected
 * version. Tenant, actor, correlation and the idempotency key come from the request context,
 * never from the command's caller.
 */
@Injectable()
export class AggregateStore {
  /** Last version seen per sequence stream, in this process. */
  private readonly sequenceHeads = new Map<string, number>();
  /**
   * Streams of ids newId minted, until the first command on them: known to be empty (a random
   * uuid), or, under an Idempotency-Key, empty unless an earlier run of that key wrote them, in
   * which case the append's key answers with that run's result. Either way the first command
   * needs no read: it is decided on the initial state and appended expecting version 0.
   */
  private readonly freshStreams = new Set<string>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly context: RequestContext,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  /**
   * Id for a new aggregate. Under an Idempotency-Key it is derived from (tenant, key, category),
   * so a retry after a crash between append and response reaches the same stream and the
   * store's idempotency check, instead of creating a twin.
   */
  newId(category: string): string {
    const key = this.context.idempotencyKey;
    const id = key ? this.derivedId(category, key) : this.ids.next();
    const tenantId = this.context.tenantIdOrNull;
    if (tenantId) {
      if (this.freshStreams.size >= FRESH_STREAMS_LIMIT) this.freshStreams.clear();
      this.freshStreams.add(streamIdFor(tenantId, category, id));
    }
    return id;
  }

  /** A stable uuid for (tenant, category, ...parts): e.g. the one repair order of a quote. */
  derivedId(category: string, ...parts: string[]): string {
    const h = createHash('sha256').update([this.context.tenantId, category, ...parts].join('\u0000')).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /**
   * Runs one command. Handlers pass a builder, `(state, { now, actor, version }) => command`, so
   * the stamp comes from here (a plain command is for callers that stamped it themselves); the
   * builder is not called when the idempotency key shows the command already ran.
   *
   * The first command on an id from newId, or one with `expectedVersion: 0`, sends no read: the
   * stream is expected empty and the append (expected version 0) refuses it if it is not, with
   * a ConcurrencyError, or, when this key already wrote it, with that first result. Such a repeat
   * builds the command once more (on the initial state) but appends nothing.
   */
  async execute<S, C, E extends DomainEvent>(
    decider: Decider<S, C, E>,
    category: string,
    id: string,
    // NoInfer: the decider alone says what a command is, so a builder's literal `type` stays a literal.
    command: NoInfer<C | CommandBuilder<S, C>>,
    options: ExecuteOptions = {},
  ): Promise<CommandResult> {
    const tenantId = this.context.tenantId;
    const streamId = streamIdFor(tenantId, category, id);
    // delete() also spends the mark: a second command on the stream reads what the first wrote.
    const fresh = this.freshStreams.delete(streamId) || options.expectedVersion === 0;
    const stored = fresh ? [] : await this.store.readStream(tenantId, streamId);
    const key = this.context.idempotencyKey;
    // This command already ran under this key (a repeat whose first run died before its answer):
    // deciding again would refuse it ("already registered") before the append's dedup could
    // answer, so answer here with what the store's dedup would return.
    const earlier = key ? lastEventOf(stored, key) : undefined;
    if (earlier) return { id, streamVersion: earlier.streamVersion, position: earlier.globalPosition };
    const current = stored.length === 0 ? 0 : stored[stored.length - 1].streamVersion;
    if (options.expectedVersion !== undefined && options.expectedVersion !== current) {
      throw new ConcurrencyError(streamId, options.expectedVersion, current);
    }
    const state = fold(decider, stored.map((e) => toDomainEvent<E>(e)));
    const actor = this.context.actor;
    const resolved = typeof command === 'function'
      ? await (command as CommandBuilder<S, C>)(state, { now: this.clock.now().toISOString(), actor, version: current })
      : command;
    const events = decider.decide(resolved, state);
    const result = await this.store.append(
      tenantId,
      streamId,
      events.map((e) => ({ type: e.type, data: e.data ?? {} })),
      {
        expectedVersion: current,
        idempotencyKey: key ? `${category}:${id}:${key}` : undefined,
        metadata: {
          actor,
          correlationId: this.context.correlationId,
          causationId: this.context.causationId,
          commandId: key,
        },
      },
    );
    return { id, streamVersion: result.streamVersion, position: result.globalPosition };
  }

  /**
   * The next number of a tenant-wide sequence (e.g. invoice numbers) for `owner`, without reading
   * the stream, which only ever grows: one event per number, so a number is the version of its
   * event. The append guesses the version last seen here and learns the real one from the store's
   * refusal. The owner is the append's idempotency key, so asking again for the same owner (a
   * retry after a crash) returns its number instead of taking another.
   */
  async takeNext(category: string, id: string, owner: string, event: (sequence: number) => DomainEvent): Promise<number> {
    const tenantId = this.context.tenantId;
    const streamId = streamIdFor(tenantId, category, id);
    let expected = this.sequenceHeads.get(streamId) ?? 0;
    for (let attempt = 1; ; attempt++) {
      const next = event(expected + 1);
      try {
        const result = await this.store.append(tenantId, streamId, [{ type: next.type, data: next.data ?? {} }], {
          expectedVersion: expected,
          idempotencyKey: `${category}:${id}:${owner}`,
          metadata: { actor: this.context.actor, correlationId: this.context.correlationId, causationId: this.context.causationId },
        });
        if (!result.duplicate) this.rememberHead(streamId, result.streamVersion);
        return result.streamVersion;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= SEQUENCE_ATTEMPTS) throw error;
        expected = error.actualVersion;
      }
    }
  }

  private rememberHead(streamId: string, version: number): void {
    if (this.sequenceHeads.size >= SEQUENCE_HEADS_LIMIT) this.sequenceHeads.clear();
    this.sequenceHeads.set(streamId, version);
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

/** The last event one command (by its idempotency key) appended to a stream, if it did. */
function lastEventOf(stored: StoredEvent[], commandId: string): StoredEvent | undefined {
  for (let i = stored.length - 1; i >= 0; i--) if (stored[i].metadata?.commandId === commandId) return stored[i];
  return undefined;
}
