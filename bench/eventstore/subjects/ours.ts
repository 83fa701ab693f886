import { Pool } from 'pg';
import { PostgresEventStore } from '@workbay/eventstore';
import { BenchEvent, Subject } from './subject';

/** Our PostgreSQL adapter, as the API uses it (its default group commit: concurrent appends may share a transaction). */
export function oursSubject(url: string, poolSize: number): Subject {
  const pool = new Pool({ connectionString: url, max: poolSize });
  const store = new PostgresEventStore(pool);
  return {
    name: 'ours',
    description: 'PostgresEventStore.append (hash chain, expected version) / readTenant',
    async append(tenantId: string, streamId: string, version: number, events: BenchEvent[]) {
      await store.append(
        tenantId,
        streamId,
        events.map((e) => ({ type: e.type, data: e.data })),
        { expectedVersion: version, metadata: events[0].metadata },
      );
    },
    async replay(tenantId: string, _streams: string[], pageSize: number) {
      let read = 0;
      for (let after = 0; ; ) {
        const page = await store.readTenant(tenantId, after, pageSize);
        read += page.length;
        if (page.length < pageSize) return read;
        after = page[page.length - 1].globalPosition;
      }
    },
    async close() {
      await store.close();
      await pool.end();
    },
  };
}
