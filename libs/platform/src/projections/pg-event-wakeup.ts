import { EVENTS_APPENDED_CHANNEL } from '@workbay/eventstore';
import { Client } from 'pg';
import { PgListener, PgListenerOptions } from './pg-listener';
import { WakeSource } from './wake-signals';

/**
 * The worker's wake-up on PostgreSQL: `eventstore.append` NOTIFYs `eventstore_appended` with the
 * position it wrote (delivered on commit); one dedicated connection LISTENs for every runner of
 * the process. Started by the worker's start(), so the CLI (catch-up, rebuild) opens nothing.
 */
export class PgEventWakeup implements WakeSource {
  private readonly listeners = new Set<(position: number | null) => void>();
  private readonly listener: PgListener;
  private listenedBefore = false;

  constructor(connectionString: string, reconnect: Pick<PgListenerOptions, 'reconnectDelayMs' | 'maxReconnectDelayMs'> = {}) {
    this.listener = new PgListener(connectionString, EVENTS_APPENDED_CHANNEL, {
      ...reconnect,
      onNotify: (payload) => this.emit(payload === '' ? null : Number(payload)),
      onListening: (client) => {
        // At start the runners make their first pass anyway; after a drop, see announceHead.
        if (this.listenedBefore) void this.announceHead(client);
        else this.emit(null);
        this.listenedBefore = true;
      },
    });
  }

  get pid(): number | undefined {
    return this.listener.pid;
  }

  get listening(): boolean {
    return this.listener.listening;
  }

  subscribe(listener: (position: number | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): Promise<void> {
    return this.listener.start();
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }

  /**
   * After a reconnect. Appends made while nobody listened sent notifications nobody got. Their positions are at most
   * the head read once LISTEN is in place (later commits notify): announcing the head, not a bare
   * "look again", keeps the runners retrying until they have read it, even while an older
   * transaction elsewhere holds the read horizon back and the first look finds nothing.
   */
  private async announceHead(client: Client): Promise<void> {
    try {
      const { rows } = await client.query<{ head: string | null }>(`select max(global_position)::text as head from eventstore.events`);
      this.emit(rows[0]?.head == null ? null : Number(rows[0].head));
    } catch {
      this.emit(null); // the connection went again; the next reconnect announces once more
    }
  }

  private emit(position: number | null): void {
    for (const l of this.listeners) l(Number.isSafeInteger(position) ? position : null);
  }
}
