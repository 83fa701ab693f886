import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Checkpoint, EventStore, ReadAllBatch, StoredEvent } from '@workbay/eventstore';
import { CheckpointNotifier } from './checkpoint-notifier';
import { Projection } from './projection';
import { StatementBatch } from './statement-batch';
import { WakeSignals, WakeSource } from './wake-signals';

export interface RunnerOptions {
  batchSize?: number;
  /** Events read per batch by a rebuild (default 2000): larger pages, fewer round trips. */
  rebuildBatchSize?: number;
  /** Idle poll without a wake-up source (e.g. on EventStoreDB), in ms. */
  idleDelayMs?: number;
  /** With a wake-up source: the slow poll that covers a lost notification, in ms (default 5000). */
  fallbackPollMs?: number;
  /** Wakes the loop when events are appended (PgEventWakeup on PostgreSQL). */
  wake?: WakeSource;
  /** Called after each committed batch (tests use it to kill the worker mid-stream). */
  onBatch?: (projection: string, events: number) => void;
}

/** Projections that share a checkpoint share one read of the global stream. */
interface Group {
  checkpoint: Checkpoint | null;
  members: Projection[];
}

const SOON_FIRST_MS = 5;
const SOON_MAX_MS = 50;

/**
 * Drives projections from the store's catch-up reader, reading each batch of the global stream
 * once for all projections at the same checkpoint (in steady state: all of them) and handing each
 * the events of its types. Each projection still applies its batch and moves its own checkpoint
 * in its own transaction (exactly-once effect, and one failing projection does not stop the
 * others). A projection at another checkpoint (rebuilt, failing, or new) reads alone, so a far
 * behind one never holds the others back; once its batch reaches the event where another group
 * stands, the batch is cut there, its checkpoint becomes that group's, and it rejoins it.
 *
 * The checkpoint row is locked FOR UPDATE SKIP LOCKED, and the batch applied only if the
 * checkpoint is still where the batch was read from: two workers, or a rebuild and a worker, never
 * apply the same batch twice, and a projection being rebuilt (its row locked for the rebuild's
 * long transaction) is skipped instead of stalling the pass for the others.
 */
export class ProjectionRunner {
  private running = false;
  private loop?: Promise<void>;
  private readonly signals = new WakeSignals();
  private unsubscribe?: () => void;
  private readonly types = new Map<Projection, ReadonlySet<string>>();
  /** Last event id of the batch that moved a group to a checkpoint, by checkpoint (in this process). */
  private lastEventAt = new Map<string, string>();
  private rowsEnsured = false;
  private soonMs = SOON_FIRST_MS;
  /** Wakes read-your-writes waiters once a batch has committed (not from inside it). */
  private readonly notifier: CheckpointNotifier;

  constructor(
    private readonly store: EventStore,
    private readonly orm: MikroORM,
    private readonly projections: readonly Projection[],
    private readonly options: RunnerOptions = {},
  ) {
    const names = new Set<string>();
    for (const p of projections) {
      if (names.has(p.name)) throw new Error(`projection ${p.name} registered twice`);
      names.add(p.name);
      this.types.set(p, new Set(p.eventTypes));
    }
    this.notifier = new CheckpointNotifier(orm);
  }

  /** One pass for one projection alone; returns how many events it read. */
  async runBatch(projection: Projection): Promise<number> {
    return this.pass([projection]);
  }

  /** Runs until the projection has seen everything committed so far. */
  async catchUp(projection: Projection): Promise<void> {
    while ((await this.runBatch(projection)) > 0);
  }

  /** Runs every projection (fanned out) until they have seen everything committed so far. */
  async catchUpAll(): Promise<void> {
    while ((await this.pass(this.projections)) > 0);
  }

  /**
   * Rebuild from position 0 in ONE transaction: readers keep seeing the old rows (MVCC) until
   * the rebuilt ones commit, so the API does not stop; rows are deleted, not truncated, to avoid
   * the ACCESS EXCLUSIVE lock TRUNCATE would take. The projection reads alone; the running loop
   * finds it at another checkpoint afterwards and lets it rejoin the others once it catches up.
   */
  async rebuild(name: string): Promise<number> {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new Error(`unknown projection ${name}; known: ${this.projections.map((p) => p.name).join(', ')}`);
    const em = this.orm.em.fork() as EntityManager;
    return em.transactional(async (tx): Promise<{ total: number; checkpoint: Checkpoint | null }> => {
      await this.lockCheckpoint(tx, projection.name);
      for (const table of projection.tables) await tx.execute(`delete from ${table}`);
      let checkpoint: Checkpoint | null = null;
      let total = 0;
      let last = 0;
      const size = this.options.rebuildBatchSize ?? 2000;
      // The next page is read (on the store's own connection) while this one is written.
      let next = this.store.readAll(null, size);
      for (;;) {
        const batch = await next;
        if (batch.events.length === 0) break;
        next = this.store.readAll(batch.checkpoint, size);
        // Should this page fail, the read ahead must not become an unhandled rejection.
        next.catch(() => undefined);
        await this.applyEvents(tx, projection, batch.events);
        checkpoint = batch.checkpoint;
        total += batch.events.length;
        for (const e of batch.events) last = Math.max(last, e.globalPosition);
      }
      await tx.execute(`update platform.projection_checkpoints set checkpoint = ?, position = ?, updated_at = now() where name = ?`, [
        checkpoint,
        last,
        projection.name,
      ]);
      return { total, checkpoint };
    }).then(async ({ total, checkpoint }) => {
      // Awaited: a rebuild is rare, and its caller (the CLI) may close the pool right after.
      this.notifier.moved(projection.name, checkpoint);
      await this.notifier.drain();
      return total;
    });
  }

  /** Resolves once the checkpoint moves committed so far have been announced (tests; a caller about to close the pool). */
  async announced(): Promise<void> {
    await this.notifier.drain();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.options.wake?.subscribe((position) => this.signals.notify(position));
    this.loop = (async () => {
      while (this.running) {
        const generation = this.signals.generation;
        let work = 0;
        try {
          work = await this.pass(this.projections, true);
        } catch (error) {
          console.error(JSON.stringify({ level: 'error', msg: 'projection pass failed', error: String(error) }));
        }
        if (!this.running) break;
        if (work > 0) {
          this.soonMs = SOON_FIRST_MS;
          continue;
        }
        // Nothing read although events were announced: an older transaction somewhere holds the
        // read horizon. Further notices (other appends committing) do not move it, so the next
        // look waits the short retry (5 ms doubling to 50) instead of following each notice: under
        // 16 concurrent commands that was one empty pass (two round trips) per command.
        const held = this.options.wake !== undefined && this.signals.pending;
        if (!held && this.signals.generation !== generation) {
          this.soonMs = SOON_FIRST_MS;
          continue;
        }
        await this.signals.sleep(this.idleWait(), { notifications: !held });
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.signals.interrupt();
    await this.loop;
    // The last notices go out before the caller closes the ORM's pool.
    await this.notifier.drain();
  }

  private idleWait(): number {
    if (!this.options.wake) return this.options.idleDelayMs ?? 100;
    // Announced but not readable yet (an older transaction elsewhere still runs): retry soon.
    if (this.signals.pending) {
      const ms = this.soonMs;
      this.soonMs = Math.min(this.soonMs * 2, SOON_MAX_MS);
      return ms;
    }
    this.soonMs = SOON_FIRST_MS;
    return this.options.fallbackPollMs ?? 5_000;
  }

  /**
   * One read per group of projections at the same checkpoint; returns the events read and
   * committed. The checkpoint moves of the whole pass are announced together once it ends (one
   * notice statement per pass, not one per committed transaction: per RegisterCustomer the worker
   * sent 12 notices, a quarter of its round trips), still only after their commits.
   */
  private async pass(projections: readonly Projection[], inLoop = false): Promise<number> {
    const moves = new Map<string, Checkpoint | null>();
    try {
      return await this.passAnnouncingLater(projections, moves, inLoop);
    } finally {
      this.notifier.movedAll(moves);
    }
  }

  private async passAnnouncingLater(projections: readonly Projection[], moves: Map<string, Checkpoint | null>, inLoop: boolean): Promise<number> {
    const groups = await this.groups(projections);
    const lastEventAt = new Map<string, string>();
    for (const g of groups) {
      const id = this.lastEventAt.get(key(g.checkpoint));
      if (id) lastEventAt.set(key(g.checkpoint), id);
    }
    this.lastEventAt = lastEventAt;
    let work = 0;
    for (const group of groups) {
      if (inLoop && !this.running) break;
      const read = await this.store.readAll(group.checkpoint, this.options.batchSize ?? 500);
      this.signals.markRead(read.events);
      if (read.events.length === 0) continue;
      const batch = groups.length > 1 ? this.joinAhead(read, group, groups) : read;
      let moved = false;
      const idle = group.members.filter((p) => !this.wants(p, batch));
      if (idle.length > 0) {
        try {
          if (await this.moveIdle(idle, group.checkpoint, batch, moves)) moved = true;
        } catch (error) {
          console.error(JSON.stringify({ level: 'error', msg: 'projection checkpoint move failed', projections: idle.map((p) => p.name), error: String(error) }));
        }
      }
      for (const projection of group.members) {
        if (idle.includes(projection)) continue;
        try {
          if (await this.applyBatch(projection, group.checkpoint, batch, moves)) moved = true;
        } catch (error) {
          // A failing projection must not stop the others; it stays behind and retries alone.
          console.error(JSON.stringify({ level: 'error', msg: 'projection batch failed', projection: projection.name, error: String(error) }));
        }
      }
      if (moved) {
        this.lastEventAt.set(key(batch.checkpoint), batch.events[batch.events.length - 1].eventId);
        work += batch.events.length;
      }
    }
    return work;
  }

  private async groups(projections: readonly Projection[]): Promise<Group[]> {
    const em = this.orm.em.fork() as EntityManager;
    if (!this.rowsEnsured) {
      for (const p of this.projections) {
        await em.execute(`insert into platform.projection_checkpoints (name) values (?) on conflict (name) do nothing`, [p.name]);
      }
      this.rowsEnsured = true;
    }
    // The whole table (a row per projection and process manager): cheaper than binding a list.
    const rows: Array<{ name: string; checkpoint: string | null }> = await em.execute(`select name, checkpoint from platform.projection_checkpoints`);
    const at = new Map(rows.map((r) => [r.name, r.checkpoint ?? null]));
    const groups = new Map<string, Group>();
    for (const p of projections) {
      const checkpoint = at.get(p.name) ?? null;
      const group = groups.get(key(checkpoint)) ?? { checkpoint, members: [] };
      group.members.push(p);
      groups.set(key(checkpoint), group);
    }
    return [...groups.values()];
  }

  /**
   * A group behind another reads, sooner or later, the last event of the batch that moved the
   * one ahead: cut its batch there and take that group's checkpoint, so the two share reads from
   * then on (same event, same place in the read order, same checkpoint in either adapter).
   */
  private joinAhead(batch: ReadAllBatch, own: Group, groups: readonly Group[]): ReadAllBatch {
    const index = new Map(batch.events.map((e, i) => [e.eventId, i]));
    let cut = -1;
    let checkpoint: Checkpoint | null = batch.checkpoint;
    for (const g of groups) {
      if (g === own) continue;
      const id = this.lastEventAt.get(key(g.checkpoint));
      const i = id === undefined ? undefined : index.get(id);
      if (i !== undefined && (cut < 0 || i < cut)) {
        cut = i;
        checkpoint = g.checkpoint;
      }
    }
    return cut < 0 ? batch : { events: batch.events.slice(0, cut + 1), checkpoint };
  }

  private wants(projection: Projection, batch: ReadAllBatch): boolean {
    const wanted = this.types.get(projection)!;
    return batch.events.some((e) => wanted.has(e.type));
  }

  /**
   * The members with nothing in the batch only move their checkpoints: one guarded statement for
   * all of them (not one per projection: a worker runs dozens, and every batch moves the idle
   * ones), no transaction of its own. A row locked elsewhere (a rebuild) or already moved (another
   * worker) is skipped, as in applyBatch.
   */
  private async moveIdle(idle: readonly Projection[], from: Checkpoint | null, batch: ReadAllBatch, moves: Map<string, Checkpoint | null>): Promise<boolean> {
    const em = this.orm.em.fork() as EntityManager;
    const last = batch.events[batch.events.length - 1];
    const rows: Array<{ name: string }> = await em.execute(
      `with free as (select name from platform.projection_checkpoints
           where name in (select jsonb_array_elements_text(?::jsonb)) and checkpoint is not distinct from ? for update skip locked),
       moved as (update platform.projection_checkpoints c set checkpoint = ?, position = greatest(position, ?), updated_at = now()
         from free where c.name = free.name returning c.name)
       select name from moved`,
      [JSON.stringify(idle.map((p) => p.name)), from, batch.checkpoint, last.globalPosition],
    );
    for (const { name } of rows) this.committed(name, batch, moves);
    return rows.length > 0;
  }

  /**
   * Applies the projection's share of the batch and moves its checkpoint, if it still stands
   * where the batch was read from. The checkpoint's update is held with the projection's last
   * writes and goes out in the same round trip: begin, lock, writes + checkpoint, commit.
   */
  private async applyBatch(projection: Projection, from: Checkpoint | null, batch: ReadAllBatch, moves: Map<string, Checkpoint | null>): Promise<boolean> {
    const em = this.orm.em.fork() as EntityManager;
    const last = batch.events[batch.events.length - 1];
    const moved = await em.transactional(async (tx) => {
      // SKIP LOCKED: a rebuild (or another worker) holding the row has it; the others go on.
      const [row] = await tx.execute(`select checkpoint from platform.projection_checkpoints where name = ? for update skip locked`, [projection.name]);
      if (!row || ((row.checkpoint as string | null) ?? null) !== from) return false;
      await this.applyEvents(tx, projection, batch.events, {
        text: `update platform.projection_checkpoints set checkpoint = ?, position = greatest(position, ?), updated_at = now() where name = ?`,
        values: [batch.checkpoint, last.globalPosition, projection.name],
      });
      return true;
    });
    if (moved) this.committed(projection.name, batch, moves);
    return moved;
  }

  /** After the commit: a test that kills the worker here has the batch and its checkpoint stored. The move is announced when the pass ends. */
  private committed(name: string, batch: ReadAllBatch, moves: Map<string, Checkpoint | null>): void {
    moves.set(name, batch.checkpoint);
    this.options.onBatch?.(name, batch.events.length);
  }

  /**
   * Applies the projection's events through a StatementBatch: its writes go out together when it
   * next reads or the batch ends (a few round trips per batch, not one per statement), with
   * `last` (the checkpoint's move) held behind them, and one ORM flush at the end covers
   * anything it persisted through the ORM (in the same transaction, so its place after the held
   * statements changes nothing a reader can see).
   */
  private async applyEvents(tx: EntityManager, projection: Projection, events: readonly StoredEvent[], last?: { text: string; values: unknown[] }): Promise<void> {
    const wanted = this.types.get(projection)!;
    const batch = new StatementBatch(tx);
    if (projection.applyBatch) {
      await projection.applyBatch(batch.em, events.filter((e) => wanted.has(e.type)));
    } else {
      for (const event of events) {
        if (!wanted.has(event.type)) continue;
        tx.setFilterParams('tenant', { tenantId: event.tenantId });
        await projection.apply(batch.em, event);
      }
    }
    if (last) await batch.em.execute(last.text, last.values);
    await batch.flush();
    await tx.flush();
  }

  private async lockCheckpoint(tx: EntityManager, name: string): Promise<Checkpoint | null> {
    await tx.execute(`insert into platform.projection_checkpoints (name) values (?) on conflict (name) do nothing`, [name]);
    const [row] = await tx.execute(`select checkpoint from platform.projection_checkpoints where name = ? for update`, [name]);
    return (row?.checkpoint as string | null) ?? null;
  }
}

function key(checkpoint: Checkpoint | null): string {
  return checkpoint ?? '';
}
