export { PostgresEventStore } from './pg-event-store';
export {
  APP_FUNCTIONS,
  eventStoreSchemaSql,
  idleInTransactionTimeoutSql,
  RECOMMENDED_IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
  SYSTEM_FUNCTIONS,
} from './schema';
export type { EventStoreSchemaOptions } from './schema';
export { decodeCheckpoint, encodeCheckpoint } from './rows';
export type { PgCheckpoint } from './rows';
