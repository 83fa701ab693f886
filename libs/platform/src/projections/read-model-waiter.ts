import { OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { EventStore, checkpointPastSql } from '@workbay/eventstore';
import { CHECKPOINT_CHANNEL, parseCheckpointNotices } from './checkpoint-channel';
import { PgListener } from './pg-listener';

export interface ReadModelWaiterOptions {
  /**
   * Where to LISTEN for checkpoint moves (the system role's URL). Without it the waiter polls
   * the checkpoint table (10 ms doubling to 100 ms), as before.
   */
  listenUrl?: string;
  /** With a listener: the slow re-check that covers a lost notification, in ms (default 1000). */
  fallbackPollMs?: number;
}

interface Waiter {
  position: number;
  done(caughtUp: boolean): void;
}

/** Re-check while the listening connection is down (reconnecting). */
const UNLISTENED_POLL_MS = 100;

/**
 * Read-your-writes: a command returns the global position it wrote; a read that passes it as
 * minPosition waits (briefly) until the projection's checkpoint has passed that event.
 *
 * The projection runner NOTIFYs the names and checkpoints a pass moved once it has committed; this process LISTENs once (a
 * dedicated connection, opened on the first wait) and re-checks only that projection's waiters,
 * so a read returns as soon as the batch holding its event commits, with no fixed sleep.
 */
export class ReadModelWaiter implements OnModuleDestroy {
  private readonly waiting = new Map<string, Set<Waiter>>();
  /** Projections with a check under way; `true` when a notification came during it. */
  private readonly checking = new Map<string, boolean>();
  private readonly listener?: PgListener;
  private listenerStarted = false;

  constructor(
    private readonly store: EventStore,
    private readonly pool: Pool,
    private readonly options: ReadModelWaiterOptions = {},
  ) {
    if (options.listenUrl) {
      this.listener = new PgListener(options.listenUrl, CHECKPOINT_CHANNEL, {
        onNotify: (payload) => this.notified(payload),
        // Moves made while nobody listened sent notifications nobody got.
        onListening: () => {
          for (const projection of this.waiting.keys()) this.recheck(projection);
        },
      });
    }
  }

  /** Resolves true once caught up, false when the timeout passes first (the read then goes ahead, stale). */
  async waitFor(projection: string, position: number, timeoutMs: number): Promise<boolean> {
    if (!this.listener) return this.poll(projection, position, timeoutMs);
    if (!this.listenerStarted) {
      this.listenerStarted = true;
      void this.listener.start();
    }
    return new Promise<boolean>((resolve) => {
      let fallback: NodeJS.Timeout | undefined;
      const waiters = this.waiting.get(projection) ?? new Set<Waiter>();
      this.waiting.set(projection, waiters);
      let settled = false;
      const waiter: Waiter = {
        position,
        done: (caughtUp) => {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          clearTimeout(fallback);
          waiters.delete(waiter);
          if (waiters.size === 0 && this.waiting.get(projection) === waiters) this.waiting.delete(projection);
          resolve(caughtUp);
        },
      };
      const deadline = setTimeout(() => waiter.done(false), timeoutMs);
      const poll = () => {
        fallback = setTimeout(() => {
          this.recheck(projection);
          poll();
        }, this.listener!.listening ? (this.options.fallbackPollMs ?? 1_000) : UNLISTENED_POLL_MS);
      };
      // Registered before the first check: a commit between the check and the registration
      // would otherwise notify nobody.
      waiters.add(waiter);
      poll();
      this.recheck(projection);
    });
  }

  async onModuleDestroy(): Promise<void> {
    for (const waiters of this.waiting.values()) for (const w of [...waiters]) w.done(false);
    await this.listener?.stop();
  }

  /**
   * The notice carries the new checkpoints (a line per projection): each waiter of a projection
   * named is checked against its checkpoint at once (one query each, in parallel), not queued
   * behind a check already under way.
   */
  private notified(payload: string): void {
    if (this.waiting.size === 0) return;
    for (const { projection, checkpoint } of parseCheckpointNotices(payload)) {
      const waiters = this.waiting.get(projection);
      if (!waiters?.size) continue;
      if (checkpoint === null) {
        this.recheck(projection);
        continue;
      }
      for (const w of [...waiters]) {
        this.store.isCheckpointPast(checkpoint, w.position).then((past) => past && w.done(true), () => undefined);
      }
    }
  }

  /** Reads the checkpoint (first check, fallback poll, reconnect); coalesced: one at a time per projection, plus one more if asked meanwhile. */
  private recheck(projection: string): void {
    if (!this.waiting.get(projection)?.size) return;
    if (this.checking.has(projection)) {
      this.checking.set(projection, true);
      return;
    }
    this.checking.set(projection, false);
    void (async () => {
      try {
        do {
          this.checking.set(projection, false);
          await this.checkOnce(projection).catch(() => undefined); // the fallback poll retries
        } while (this.checking.get(projection) && this.waiting.get(projection)?.size);
      } finally {
        this.checking.delete(projection);
      }
    })();
  }

  private async checkOnce(projection: string): Promise<void> {
    const waiters = this.waiting.get(projection);
    if (!waiters?.size) return;
    for (const w of [...waiters]) {
      if (await this.isPast(projection, w.position)) w.done(true);
    }
  }

  private async poll(projection: string, position: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (let delay = 10; ; delay = Math.min(delay * 2, 100)) {
      if (await this.isPast(projection, position)) return true;
      if (Date.now() + delay > deadline) return false;
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  /**
   * The stored checkpoint read and compared in one statement (a read waiting for a position pays
   * one round trip for it, not two). No checkpoint row, a null checkpoint or a position never
   * written: false, so the wait ends at its timeout as before.
   */
  private async isPast(projection: string, position: number): Promise<boolean> {
    const { rows } = await this.pool.query<{ past: boolean }>(PAST_SQL, [projection, position]);
    return rows[0]?.past === true;
  }
}

const PAST_SQL = `select ${checkpointPastSql('c.checkpoint', '$2')} as past from platform.projection_checkpoints c where c.name = $1`;
