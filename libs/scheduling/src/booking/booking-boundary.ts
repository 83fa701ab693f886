import { Inject, Injectable } from '@nestjs/common';
import { ConcurrencyError, EVENT_STORE, EventStore, NewEvent, StoredEvent, streamIdFor } from '@workbay/eventstore';
import { AggregateStore, Clock, CommandResult, ConflictError, IdGenerator, RequestContext } from '@workbay/platform';
import { KeyedMutex } from './keyed-mutex';
import { SlotUnavailable } from './booking.errors';

/** Re-reads and re-decisions after a lost append before the request gets 409 (another process, or the hold timer, won each time). */
const ATTEMPTS = 8;
/** The stream a booking path answers for (its id is the command's answer id); a series has none of its own. */
const MAIN_CATEGORY = 'reservation';

/** What one attempt read: each stream's events and the version its append will expect. */
export class BoundaryReads {
  readonly versions = new Map<string, number>();
  /** An event this request's Idempotency-Key wrote before (a repeat whose first run's answer was lost). */
  earlier: StoredEvent | null = null;
  /** Every such event read, on any stream: the first run's write, as far as this attempt read it. */
  readonly keyed: StoredEvent[] = [];

  constructor(private readonly store: EventStore, readonly tenantId: string, private readonly key: string | undefined) {}

  async read<E>(category: string, id: string): Promise<E[]> {
    const streamId = streamIdFor(this.tenantId, category, id);
    const stored = await this.store.readStream(this.tenantId, streamId);
    this.versions.set(streamId, stored.length ? stored[stored.length - 1].streamVersion : 0);
    if (this.key) {
      for (const e of stored) {
        if (e.metadata?.commandId !== this.key) continue;
        this.earlier = e;
        this.keyed.push(e);
      }
    }
    return stored.map((e: StoredEvent) => ({ type: e.type, data: e.data }) as E);
  }

  /** The same reads at once (the boundary's hot path: every day a booking touches). */
  readAll<E>(category: string, ids: readonly string[]): Promise<Array<E[]>> {
    return Promise.all(ids.map((id) => this.read<E>(category, id)));
  }
}

export interface BoundaryAppend {
  category: string;
  id: string;
  events: Array<{ type: string; data: unknown }>;
  /** The stream must be new (a reservation id just minted); otherwise it must have been read this attempt. */
  fresh?: boolean;
  /** The request's Idempotency-Key goes on the one stream that stands for the command (the reservation's). */
  keyed?: boolean;
}

/** 409 with the appointment in the way (RFC 9457 extension `conflict: { start, end }`). */
export class SlotTaken extends ConflictError {
  constructor(readonly refusal: SlotUnavailable) {
    super(refusal.message, refusal.code);
  }

  override get details(): Record<string, unknown> {
    return { conflict: refusal(this.refusal) };
  }
}

const refusal = (r: SlotUnavailable) => ({ start: r.conflict.start, end: r.conflict.end });

/**
 * The consistency boundary of every booking path. An attempt reads the resource-day streams (and
 * reservation streams) it decides against, decides purely, and appends to every stream it read and
 * changes in ONE all-or-nothing write (`EventStore.appendAtomically`) expecting the versions it
 * read. A concurrent booking of any of those streams makes the write a conflict that changes
 * nothing; the attempt then reads again and decides again. Inside this process, attempts over the
 * same days queue on a keyed mutex (sorted keys) so 500 concurrent requests wait their turn
 * instead of all losing but one.
 */
@Injectable()
export class BookingBoundary {
  private readonly locks = new KeyedMutex();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly context: RequestContext,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly aggregates: AggregateStore,
  ) {}

  /**
   * Id of a new reservation (or series): under an Idempotency-Key derived from it, as
   * AggregateStore.newId does, so a retry reaches the same streams and their key. Not newId
   * itself: that marks the stream as known-empty for AggregateStore.execute, and the first
   * write here does not go through it.
   */
  newId(category: string): string {
    const key = this.context.idempotencyKey;
    return key ? this.aggregates.derivedId(category, key) : this.ids.next();
  }

  now(): string {
    return this.clock.now().toISOString();
  }

  /**
   * Runs `attempt` under the locks of `lockKeys` (stream ids or any key naming what is decided)
   * until its write lands, the command turns out to have run already (its Idempotency-Key), or
   * ATTEMPTS conflicts in a row (409). `attempt` returns the appends and the id to answer with;
   * it throws a DomainError to refuse.
   */
  async decide(
    id: string,
    lockKeys: readonly string[],
    attempt: (reads: BoundaryReads, now: string) => Promise<BoundaryAppend[]>,
  ): Promise<CommandResult> {
    const tenantId = this.context.tenantId;
    const key = this.context.idempotencyKey;
    const metadata = { actor: this.context.actor, correlationId: this.context.correlationId, causationId: this.context.causationId, commandId: key };
    return this.locks.runExclusive(lockKeys.map((k) => `${tenantId}/${k}`), async () => {
      for (let n = 1; ; n++) {
        const reads = new BoundaryReads(this.store, tenantId, key);
        let appends: BoundaryAppend[];
        try {
          appends = await attempt(reads, this.now());
        } catch (error) {
          // The command ran under this key already: answer as the first run did, not with the refusal its own effect causes now.
          if (reads.earlier) return this.firstAnswer(tenantId, id, reads, key!);
          throw error instanceof SlotUnavailable ? new SlotTaken(error) : error;
        }
        const items = appends.filter((a) => a.events.length > 0).map((a) => {
          const streamId = streamIdFor(tenantId, a.category, a.id);
          const expectedVersion = a.fresh ? 0 : reads.versions.get(streamId);
          if (expectedVersion === undefined) throw new Error(`booking boundary: ${streamId} is appended to without being read`);
          return {
            streamId, expectedVersion, events: a.events.map((e): NewEvent => ({ type: e.type, data: e.data ?? {} })),
            idempotencyKey: a.keyed && key ? `${a.category}:${a.id}:${key}` : undefined,
          };
        });
        const mainStream = streamIdFor(tenantId, appends[0]?.category ?? MAIN_CATEGORY, id);
        if (items.length === 0) {
          return { id: id, streamVersion: reads.versions.get(mainStream) ?? 0, position: 0 };
        }
        const outcome = await this.store.appendAtomically(tenantId, items, metadata);
        if (outcome.status === 'appended') {
          const at = items.findIndex((i) => i.streamId === mainStream);
          const position = Math.max(...outcome.results.map((r) => r.globalPosition));
          return { id: id, streamVersion: at >= 0 ? outcome.results[at].streamVersion : 0, position };
        }
        if (outcome.status === 'duplicate') return { id: id, streamVersion: outcome.streamVersion, position: outcome.globalPosition };
        if (n >= ATTEMPTS) {
          const c = outcome.conflicts[0];
          throw new ConcurrencyError(c.streamId, items[c.index].expectedVersion, c.streamVersion);
        }
      }
    });
  }

  /**
   * The answer the first run under `key` gave (its reply lost to a crash before the key's
   * bookkeeping completed): the main stream's version after its keyed event, and the highest
   * position of the write (every item of one atomic write carries the key). Not the version of
   * whichever stream the attempt happened to find the key on: a resource-day stream's version
   * is not the reservation's (found by the API crash spec, issue #14). A new reservation's
   * stream is not read by its attempt, so it is read here, on this rare path only.
   */
  private async firstAnswer(tenantId: string, id: string, reads: BoundaryReads, key: string): Promise<CommandResult> {
    const mainStream = streamIdFor(tenantId, MAIN_CATEGORY, id);
    const main = (await this.store.readStream(tenantId, mainStream)).filter((e) => e.metadata?.commandId === key);
    const written = [...reads.keyed, ...main];
    return {
      id,
      streamVersion: main.length ? main[main.length - 1].streamVersion : 0,
      position: Math.max(...written.map((e) => e.globalPosition)),
    };
  }
}
