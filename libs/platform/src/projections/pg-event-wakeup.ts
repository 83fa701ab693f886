import { EVENTS_APPENDED_CHANNEL } from '@workbay/eventstore';
import { PgListener } from './pg-listener';
import { WakeSource } from './wake-signals';

/**
 * The worker's wake-up on PostgreSQL: `eventstore.append` NOTIFYs `eventstore_appended` with the
 * position it wrote (delivered on commit); one dedicated connection LISTENs for every runner of
 * the process. Started by the worker's start(), so the CLI (catch-up, rebuild) opens nothing.
 */
export class PgEventWakeup implements WakeSource {
  private readonly listeners = new Set<(position: number | null) => void>();
  private readonly listener: PgListener;

  constructor(connectionString: string) {
    this.listener = new PgListener(connectionString, EVENTS_APPENDED_CHANNEL, {
      onNotify: (payload) => this.emit(payload === '' ? null : Number(payload)),
      // Appends made while nobody listened sent notifications nobody got.
      onListening: () => this.emit(null),
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

  private emit(position: number | null): void {
    for (const l of this.listeners) l(Number.isSafeInteger(position) ? position : null);
  }
}
