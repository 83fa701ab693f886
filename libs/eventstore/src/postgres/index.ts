export { PostgresEventStore } from './pg-event-store';
export type { PostgresEventStoreOptions } from './pg-event-store';
export type { GroupCommitOptions, GroupCommitStats } from './append-batcher';
export {
  APP_FUNCTIONS,
  eventStoreSchemaSql,
  idleInTransactionTimeoutSql,
  RECOMMENDED_IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
  SYSTEM_FUNCTIONS,
} from './schema';
export type { EventStoreSchemaOptions } from './schema';
export { EVENTS_APPENDED_CHANNEL } from './sql-append';
export { checkpointPastSql, decodeCheckpoint, encodeCheckpoint } from './rows';
export type { PgCheckpoint } from './rows';
