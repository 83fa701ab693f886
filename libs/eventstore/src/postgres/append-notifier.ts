import { Pool } from 'pg';
import { EVENTS_APPENDED_CHANNEL } from './sql-append';

/**
 * Own transaction, asynchronous commit: a lost wake-up costs the listener one slow poll, never an
 * event, so this commit need not wait for a WAL flush (and holds the cluster's notify lock only
 * for an instant).
 */
const NOTIFY_SQL = `select set_config('synchronous_commit', 'off', true), pg_notify('${EVENTS_APPENDED_CHANNEL}', $1)`;
const NOTIFY_STATEMENT = 'workbay_eventstore_notify_appended';

/**
 * Announces appends on `eventstore_appended` after they committed, instead of from inside their
 * transaction. A NOTIFY makes its transaction take a cluster-wide lock at commit and hold it
 * until the commit is flushed, so notifying appends commit one at a time (measured: half the
 * append throughput at 16 clients, `bench/http/pg-statements.ts`). Here the appends commit
 * freely and the notification goes in a transaction of its own, at most one in flight per store:
 * whatever commits meanwhile is announced by the next one, with the highest position (a listener
 * reads everything new anyway). At low load that is one notification per append, right after it.
 *
 * A process that dies between an append's commit and its notification leaves that append to the
 * listener's slow poll.
 */
export class AppendNotifier {
  /** Notifications sent (for tests and diagnostics). */
  sent = 0;
  private pending: number | null = null;
  private flushing: Promise<void> | null = null;

  constructor(private readonly pool: Pool) {}

  /** An append committed with `position` as its last global position. */
  appended(position: number): void {
    this.pending = this.pending === null ? position : Math.max(this.pending, position);
    if (!this.flushing) this.flushing = this.flush();
  }

  /** Resolves once every append announced so far has been notified (or failed to be). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    while (this.pending !== null) {
      const position = this.pending;
      this.pending = null;
      try {
        this.sent++;
        await this.pool.query({ name: NOTIFY_STATEMENT, text: NOTIFY_SQL, values: [String(position)] });
      } catch {
        // The listener's slow poll covers a wake-up that could not be sent (pool closing, server gone).
      }
    }
    this.flushing = null;
  }
}

/** On one connection (the caller's transaction): the NOTIFY joins it, so it is delivered on its commit and dropped on rollback. */
export const IN_TRANSACTION_NOTIFY_SQL = `select pg_notify('${EVENTS_APPENDED_CHANNEL}', $1)`;
