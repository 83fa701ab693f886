import { Pool } from 'pg';
import { EventStore } from '@workbay/eventstore';

/**
 * Read-your-writes: a command returns the global position it wrote; a read that passes it as
 * minPosition waits (briefly) until the projection's checkpoint has passed that event.
 */
export class ReadModelWaiter {
  constructor(private readonly store: EventStore, private readonly pool: Pool) {}

  /** Resolves true once caught up, false when the timeout passes first (the read then goes ahead, stale). */
  async waitFor(projection: string, position: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (let delay = 10; ; delay = Math.min(delay * 2, 100)) {
      const { rows } = await this.pool.query(`select checkpoint from platform.projection_checkpoints where name = $1`, [projection]);
      if (await this.store.isCheckpointPast(rows[0]?.checkpoint ?? null, position)) return true;
      if (Date.now() + delay > deadline) return false;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
