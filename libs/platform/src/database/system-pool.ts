import { Pool } from 'pg';

/** Connection pool of the BYPASSRLS system role, for the few cross-tenant look-ups the API needs. */
export const SYSTEM_POOL = Symbol('SYSTEM_POOL');
/** Connection pool of the app role, for the event store in the API. */
export const APP_POOL = Symbol('APP_POOL');

/** Default wait for a pooled connection (config: DATABASE_CONNECT_TIMEOUT_MS); pg's own default waits forever. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/**
 * `connectionTimeoutMillis` bounds both the wait for a free client and a new connection's
 * handshake: an exhausted pool fails with "timeout exceeded when trying to connect" (a 503)
 * instead of holding the request forever.
 */
export function createPool(connectionString: string, max = 10, connectionTimeoutMillis = DEFAULT_CONNECT_TIMEOUT_MS): Pool {
  const pool = new Pool({ connectionString, max, idleTimeoutMillis: 10_000, connectionTimeoutMillis });
  // A pool emits 'error' for idle clients whose server went away; without a listener it crashes.
  pool.on('error', () => undefined);
  return pool;
}
