import { StoredEvent } from '@workbay/eventstore';

/**
 * Something that says "new events may be readable": the Postgres append's NOTIFY (see
 * PgEventWakeup). `position` is the global position the append wrote, or null for "anything may
 * have been missed" (the first listen; a reconnect announces the head position instead).
 */
export interface WakeSource {
  subscribe(listener: (position: number | null) => void): () => void;
}

const SEEN_CAPACITY = 20_000;
/** A notified position not read after this long is dropped (its reader long gave up waiting). */
const AWAITED_TTL_MS = 30_000;

/**
 * The runner's side of the wake-ups. A notification is sent on commit, but the catch-up reader
 * only returns transactions older than the oldest one still running anywhere in the cluster, so
 * the event it announces may not be readable yet: positions announced and not yet read are kept,
 * and while any are, the runner retries soon instead of going back to its slow poll. Positions
 * read before their notification arrived (the read and the notification race) are remembered for
 * a while so they are not awaited forever.
 */
export class WakeSignals {
  /** Bumped by every notification: a loop that sees it change during a pass goes again at once. */
  generation = 0;
  private wake?: () => void;
  private interrupted?: () => void;
  private readonly awaited = new Map<number, number>();
  private readonly seen = new Set<number>();
  private readonly seenRing: number[] = new Array(SEEN_CAPACITY);
  private seenAt = 0;

  notify(position: number | null): void {
    if (position !== null && Number.isSafeInteger(position) && !this.seen.has(position)) this.awaited.set(position, Date.now());
    this.generation++;
    this.wake?.();
  }

  markRead(events: readonly StoredEvent[]): void {
    for (const e of events) {
      this.awaited.delete(e.globalPosition);
      const evicted = this.seenRing[this.seenAt];
      if (evicted !== undefined) this.seen.delete(evicted);
      this.seenRing[this.seenAt] = e.globalPosition;
      this.seenAt = (this.seenAt + 1) % SEEN_CAPACITY;
      this.seen.add(e.globalPosition);
    }
  }

  /** True while an announced event has not been read yet. */
  get pending(): boolean {
    const stale = Date.now() - AWAITED_TTL_MS;
    for (const [position, at] of this.awaited) if (at < stale) this.awaited.delete(position);
    return this.awaited.size > 0;
  }

  /**
   * Resolves after `ms`, or sooner on a notification or `interrupt()`; with `notifications:
   * false` only `interrupt()` ends it early (the runner's short wait while the read horizon is
   * held: another append committing does not move it, so reading again at once finds nothing).
   */
  sleep(ms: number, options: { notifications?: boolean } = {}): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = undefined;
        if (this.interrupted === done) this.interrupted = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.interrupted = done;
      if (options.notifications !== false) this.wake = done;
    });
  }

  interrupt(): void {
    this.wake?.();
    this.interrupted?.();
  }
}
