import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Checkpoint, EventStore } from '@workbay/eventstore';
import { Projection } from './projection';

export interface RunnerOptions {
  batchSize?: number;
  idleDelayMs?: number;
  /** Called after each committed batch (tests use it to kill the worker mid-stream). */
  onBatch?: (projection: string, events: number) => void;
}

/**
 * Drives projections from the store's catch-up reader. The checkpoint row is locked FOR UPDATE
 * at the start of each batch transaction: two workers (or a rebuild and a worker) never apply
 * the same batch twice; the second waits and then continues from the new checkpoint.
 */
export class ProjectionRunner {
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly store: EventStore,
    private readonly orm: MikroORM,
    private readonly projections: readonly Projection[],
    private readonly options: RunnerOptions = {},
  ) {}

  /** Applies at most one batch; returns how many events were read. */
  async runBatch(projection: Projection): Promise<number> {
    const em = this.orm.em.fork() as EntityManager;
    return em.transactional((tx) => this.applyNextBatch(tx, projection));
  }

  /** Runs until the projection has seen everything committed so far. */
  async catchUp(projection: Projection): Promise<void> {
    while ((await this.runBatch(projection)) > 0);
  }

  async catchUpAll(): Promise<void> {
    for (const p of this.projections) await this.catchUp(p);
  }

  /**
   * Rebuild from position 0 in ONE transaction: readers keep seeing the old rows (MVCC) until
   * the rebuilt ones commit, so the API does not stop; rows are deleted, not truncated, to avoid
   * the ACCESS EXCLUSIVE lock TRUNCATE would take.
   */
  async rebuild(name: string): Promise<number> {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new Error(`unknown projection ${name}; known: ${this.projections.map((p) => p.name).join(', ')}`);
    const em = this.orm.em.fork() as EntityManager;
    return em.transactional(async (tx) => {
      await this.lockCheckpoint(tx, projection.name);
      for (const table of projection.tables) await tx.execute(`delete from ${table}`);
      await tx.execute(`update platform.projection_checkpoints set checkpoint = null, position = 0 where name = ?`, [projection.name]);
      let total = 0;
      for (let n = await this.applyNextBatch(tx, projection, true); n > 0; n = await this.applyNextBatch(tx, projection, true)) total += n;
      return total;
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let work = 0;
        for (const p of this.projections) {
          if (!this.running) break;
          try {
            work += await this.runBatch(p);
          } catch (error) {
            // A failing projection must not stop the others; it retries on the next turn.
            console.error(JSON.stringify({ level: 'error', msg: 'projection batch failed', projection: p.name, error: String(error) }));
          }
        }
        if (work === 0) await new Promise((r) => setTimeout(r, this.options.idleDelayMs ?? 100));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async lockCheckpoint(tx: EntityManager, name: string): Promise<Checkpoint | null> {
    await tx.execute(`insert into platform.projection_checkpoints (name) values (?) on conflict (name) do nothing`, [name]);
    const [row] = await tx.execute(`select checkpoint from platform.projection_checkpoints where name = ? for update`, [name]);
    return (row?.checkpoint as string | null) ?? null;
  }

  private async applyNextBatch(tx: EntityManager, projection: Projection, locked = false): Promise<number> {
    const checkpoint = locked
      ? ((await tx.execute(`select checkpoint from platform.projection_checkpoints where name = ?`, [projection.name]))[0]?.checkpoint ?? null)
      : await this.lockCheckpoint(tx, projection.name);
    const batch = await this.store.readAll(checkpoint, this.options.batchSize ?? 500);
    if (batch.events.length === 0) return 0;
    for (const event of batch.events) {
      if (!projection.eventTypes.includes(event.type)) continue;
      tx.setFilterParams('tenant', { tenantId: event.tenantId });
      await projection.apply(tx, event);
      await tx.flush();
    }
    const last = batch.events[batch.events.length - 1];
    await tx.execute(
      `update platform.projection_checkpoints set checkpoint = ?, position = greatest(position, ?), updated_at = now() where name = ?`,
      [batch.checkpoint, last.globalPosition, projection.name],
    );
    this.options.onBatch?.(projection.name, batch.events.length);
    return batch.events.length;
  }
}
