import { Pool } from 'pg';

/** Connection pool of the BYPASSRLS system role, for the few cross-tenant look-ups the API needs. */
export const SYSTEM_POOL = Symbol('SYSTEM_POOL');
/** Connection pool of the app role, for the event store in the API. */
export const APP_POOL = Symbol('APP_POOL');

export function createPool(connectionString: string, max = 10): Pool {
  const pool = new Pool({ connectionString, max, idleTimeoutMillis: 10_000 });
  // A pool emits 'error' for idle clients whose server went away; without a listener it crashes.
  pool.on('error', () => undefined);
  return pool;
}
