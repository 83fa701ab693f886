import { Client } from 'pg';

export interface PgListenerOptions {
  /** First reconnect delay after the connection drops; doubles up to `maxReconnectDelayMs`. */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /** Called with each notification's payload. */
  onNotify(payload: string): void;
  /**
   * Called each time LISTEN is in place (first connect and every reconnect): notifications sent
   * while no connection listened are lost, so the caller re-checks what it waits for. `client` is
   * the listening connection, for a look-up that belongs with the re-check (e.g. the head position).
   */
  onListening?(client: Client): void;
}

/**
 * LISTEN on one channel over a dedicated connection (a pooled one would hand the LISTEN to
 * whoever borrows it next). Idle, it costs one idle connection and no queries. If the server
 * drops it (restart, pg_terminate_backend), it reconnects with a backoff; the caller's slow
 * fallback poll covers the gap.
 */
export class PgListener {
  private client?: Client;
  private stopped = false;
  private delay: number;
  private retry?: NodeJS.Timeout;
  private connecting?: Promise<void>;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly options: PgListenerOptions,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`unsupported channel name: ${channel}`);
    this.delay = options.reconnectDelayMs ?? 100;
  }

  /** True while a connection is listening. */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Backend pid of the listening connection (tests terminate it to check the reconnect). */
  get pid(): number | undefined {
    return (this.client as unknown as { processID?: number } | undefined)?.processID;
  }

  /** Resolves once the first attempt to listen ended (listening or scheduled to retry). */
  start(): Promise<void> {
    this.stopped = false;
    this.connecting ??= this.connect();
    return this.connecting;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.connectionString });
    let dropped = false;
    const drop = () => {
      if (dropped) return;
      dropped = true;
      if (this.client === client) this.client = undefined;
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', (n) => {
      if (n.channel === this.channel) this.options.onNotify(n.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`listen ${this.channel}`);
    } catch {
      drop();
      return;
    } finally {
      this.connecting = undefined;
    }
    if (this.stopped || dropped) {
      if (!dropped) await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.delay = this.options.reconnectDelayMs ?? 100;
    this.options.onListening?.(client);
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    clearTimeout(this.retry);
    const delay = this.delay;
    this.delay = Math.min(this.delay * 2, this.options.maxReconnectDelayMs ?? 5_000);
    this.retry = setTimeout(() => {
      if (!this.stopped) this.connecting ??= this.connect();
    }, delay);
    this.retry.unref?.();
  }
}
