import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { BenchEvent, Subject } from './subject';

const COLUMNS = `tenant_id uuid, stream_id text, stream_version int, event_id uuid, type text,
  schema_version int, data jsonb, metadata jsonb, recorded_at timestamptz`;

/**
 * The floor of the cost: the same rows, one INSERT per append, into a table with no key, no
 * index, no constraint, no trigger. Replay reads a copy with one (tenant_id, id) index, since
 * paging an unindexed table would measure sorting, not reading.
 */
export async function ceilingSubject(url: string, poolSize: number): Promise<Subject> {
  const pool = new Pool({ connectionString: url, max: poolSize });
  await pool.query(`create table if not exists ceiling_events (id bigserial, ${COLUMNS})`);
  return {
    name: 'ceiling',
    description: 'plain multi-row INSERT into an unindexed table / keyset SELECT on an indexed copy',
    async append(tenantId: string, streamId: string, version: number, events: BenchEvent[]) {
      // A plain multi-row INSERT ... VALUES with one parameter per column: no function, no
      // unnest, no array parsing (jsonb[] parameters are slow to parse and made this erratic).
      const params: unknown[] = [tenantId, streamId];
      const rows = events.map((e, i) => {
        params.push(version + i + 1, randomUUID(), e.type, JSON.stringify(e.data), JSON.stringify(e.metadata));
        const p = params.length;
        return `($1, $2, $${p - 4}, $${p - 3}, $${p - 2}, 1, $${p - 1}, $${p}, now())`;
      });
      await pool.query(
        `insert into ceiling_events (tenant_id, stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at)
         values ${rows.join(', ')}`,
        params,
      );
    },
    async prepareReplay(tenantId: string) {
      await pool.query(`create table ceiling_replay as select * from ceiling_events where tenant_id = $1 order by id`, [tenantId]);
      await pool.query(`create index on ceiling_replay (tenant_id, id)`);
      await pool.query(`analyze ceiling_replay`);
    },
    async replay(tenantId: string, _streams: string[], pageSize: number) {
      let read = 0;
      for (let after = 0; ; ) {
        const { rows } = await pool.query<{ id: string }>(
          `select * from ceiling_replay where tenant_id = $1 and id > $2 order by id limit $3`,
          [tenantId, after, pageSize],
        );
        read += rows.length;
        if (rows.length < pageSize) return read;
        after = Number(rows[rows.length - 1].id);
      }
    },
    async close() {
      await pool.end();
    },
  };
}
