export { EsdbEventStore } from './esdb-event-store';
export type { EsdbEventStoreOptions } from './esdb-event-store';
export { AppendTooLarge, EsdbPositionMissing, StreamRetentionUnsupported, UnsupportedEsdbOption } from './esdb-errors';
export { esdbConnectionProblem, ESDB_MAX_APPEND_BYTES } from './esdb-limits';
