import { EsdbEventStore, EventStore, PostgresEventStore } from '@workbay/eventstore';
import { Pool } from 'pg';
import { AppConfig } from '../config/config';

/** The event store on the system role: cross-tenant reads (catch-up waits, health, verification). */
export const SYSTEM_EVENT_STORE = Symbol('SYSTEM_EVENT_STORE');

/**
 * The adapter chosen by EVENT_STORE. With PostgreSQL the pool's role decides what the store may
 * do (the app role only appends and reads its tenant through the SECURITY DEFINER functions);
 * EventStoreDB has no such roles, so there the adapter's stream-prefix check is the tenant guard.
 */
export function openEventStore(config: AppConfig, pool: Pool): EventStore {
  if (config.EVENT_STORE === 'eventstoredb') {
    // loadConfig refuses EVENT_STORE=eventstoredb without EVENTSTORE_URL.
    return new EsdbEventStore(config.EVENTSTORE_URL as string);
  }
  return new PostgresEventStore(pool);
}
