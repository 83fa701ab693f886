import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Checkpoint } from '@workbay/eventstore';
import { CHECKPOINT_CHANNEL, checkpointNoticePayloads } from './checkpoint-channel';

/**
 * Own transaction, asynchronous commit (like the event store's AppendNotifier): a lost notice
 * costs a waiter its fallback poll, never a stale read, so this commit need not wait for a flush.
 * One statement for every projection that moved since the last one, their moves as the lines of
 * one notification (a few past the payload limit).
 */
const NOTIFY_SQL = `select set_config('synchronous_commit', 'off', true), pg_notify('${CHECKPOINT_CHANNEL}', n) from jsonb_array_elements_text(?::jsonb) n`;

/**
 * Announces checkpoint moves on CHECKPOINT_CHANNEL once their batch has committed, instead of
 * from inside the batch's transaction: a NOTIFY makes its transaction take a cluster-wide lock at
 * commit and hold it through the commit's WAL flush, so the worker's commits and the API's append
 * notices queued behind each other (measured: the API's notices fell 2.7-3.6x and the worker's
 * batches 10-40% slower with both running; see the platform README, projections/).
 *
 * Never before the commit: a waiter trusts the notice's checkpoint, so one woken early would read
 * the model before the batch is visible. At most one notice statement in flight; moves made meanwhile
 * go in the next one, each projection with its latest checkpoint (a waiter compares it with its
 * position, so skipping an intermediate one loses nothing).
 */
export class CheckpointNotifier {
  /** Statements sent (for tests and diagnostics). */
  sent = 0;
  private readonly pending = new Map<string, Checkpoint | null>();
  private flushing: Promise<void> | null = null;

  constructor(private readonly orm: MikroORM) {}

  /** The projection's batch, moving its checkpoint to `checkpoint`, has committed. */
  moved(projection: string, checkpoint: Checkpoint | null): void {
    this.pending.set(projection, checkpoint);
    if (!this.flushing) this.flushing = this.flush();
  }

  /** Every move of a pass of the runner, all committed: one notice statement for them (none for none). */
  movedAll(moves: ReadonlyMap<string, Checkpoint | null>): void {
    if (moves.size === 0) return;
    for (const [projection, checkpoint] of moves) this.pending.set(projection, checkpoint);
    if (!this.flushing) this.flushing = this.flush();
  }

  /** Resolves once every move announced so far has been notified (or failed to be). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    while (this.pending.size > 0) {
      const notices = [...this.pending].map(([name, checkpoint]) => `${name} ${checkpoint ?? ''}`);
      this.pending.clear();
      try {
        this.sent++;
        await (this.orm.em.fork() as EntityManager).execute(NOTIFY_SQL, [JSON.stringify(checkpointNoticePayloads(notices))]);
      } catch {
        // The waiters' fallback poll covers a notice that could not be sent (pool closing, server gone).
      }
    }
    this.flushing = null;
  }
}
