import { Pool } from 'pg';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { BenchEvent, Subject } from './subject';

/**
 * Emmett's PostgreSQL event store, through its public API. It has no tenant index, so a tenant
 * replay reads the tenant's streams; the replay data has one page (1000 events) per stream, so
 * it makes as many round trips as the paged readers of the other subjects.
 */
export function peerSubject(url: string, poolSize: number): Subject {
  const pool = new Pool({ connectionString: url, max: poolSize });
  const store = getPostgreSQLEventStore(url, { connectionOptions: { connectionString: url, pool } });
  return {
    name: 'peer',
    description: 'emmett-postgresql 0.42 appendToStream (expectedStreamVersion) / readStream per stream',
    async append(_tenantId: string, streamId: string, version: number, events: BenchEvent[]) {
      await store.appendToStream(streamId, events, { expectedStreamVersion: BigInt(version) });
    },
    async replay(_tenantId: string, streamIds: string[], pageSize: number) {
      let read = 0;
      for (const streamId of streamIds) {
        for (let from = 1n; ; from += BigInt(pageSize)) {
          const { events } = await store.readStream(streamId, { from, maxCount: BigInt(pageSize) });
          read += events.length;
          if (events.length < pageSize) break;
        }
      }
      return read;
    },
    async close() {
      await store.close();
      await pool.end().catch(() => undefined);
    },
  };
}
