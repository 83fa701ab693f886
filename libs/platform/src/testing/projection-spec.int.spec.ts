import { Migration } from '@mikro-orm/migrations';
import { EntityManager } from '@mikro-orm/postgresql';
import { StoredEvent } from '@workbay/eventstore';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { SYSTEM_ROLE } from '../database/database-roles';
import { Projection } from '../projections/projection';
import { ProjectionSpec, startProjectionSpec } from './projection-spec';

/** A one-table read model for the harness's own spec: how many events of a stream it applied. */
class MigrationSpecCounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema spec_counts`);
    this.addSql(`create table spec_counts.counts (tenant_id uuid not null, stream_id text not null, events int not null, primary key (tenant_id, stream_id))`);
    this.addSql(`grant usage on schema spec_counts to ${SYSTEM_ROLE}`);
    this.addSql(`grant select, insert, update, delete on spec_counts.counts to ${SYSTEM_ROLE}`);
  }
}

const counting: Projection = {
  name: 'spec.counts',
  eventTypes: ['Noted'],
  tables: ['spec_counts.counts'],
  async apply(em: EntityManager, event: StoredEvent) {
    await em.execute(
      `insert into spec_counts.counts (tenant_id, stream_id, events) values (?, ?, 1)
       on conflict (tenant_id, stream_id) do update set events = spec_counts.counts.events + 1`,
      [event.tenantId, event.streamId],
    );
  },
};

describe('startProjectionSpec (given/then harness)', () => {
  let spec: ProjectionSpec;
  const tenant = randomUUID();

  beforeAll(async () => {
    spec = await startProjectionSpec(counting, { migrations: [MigrationSpecCounts], batchSize: 2 });
  });
  afterAll(() => spec?.close());

  it('appends real envelopes per tenant and runs the projection through the runner, across batches', async () => {
    const last = await spec.given(tenant, 'note', 'a', [{ type: 'Noted', data: {} }, { type: 'Ignored', data: {} }, { type: 'Noted', data: {} }]);
    expect(await spec.thenRows(`select stream_id, events from spec_counts.counts`)).toEqual([{ stream_id: `${tenant}.note-a`, events: 2 }]);
    expect(await spec.sql(`select position::int from platform.projection_checkpoints where name = 'spec.counts'`)).toEqual([{ position: last }]);
  });

  it('waits for events held back by an older transaction still open elsewhere in the cluster', async () => {
    // An open transaction with an xid older than the append: the catch-up reader must not pass it,
    // so a single catch-up returns nothing; the harness has to wait for the checkpoint instead.
    const blocker = new Client({ connectionString: spec.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('select pg_current_xact_id()');
      await spec.given(tenant, 'note', 'b', [{ type: 'Noted', data: {} }]);
      const commitLater = new Promise((resolve) => setTimeout(resolve, 300)).then(() => blocker.query('commit'));
      expect(await spec.thenRows(`select events from spec_counts.counts where stream_id = $1`, [`${tenant}.note-b`])).toEqual([{ events: 1 }]);
      await commitLater;
    } finally {
      await blocker.end();
    }
  });

  it('redelivers every event with the rows kept (a non-idempotent projection shows it), and rebuilds from empty tables', async () => {
    await spec.redeliver();
    expect(await spec.sql(`select stream_id, events from spec_counts.counts order by stream_id`))
      .toEqual([{ stream_id: `${tenant}.note-a`, events: 4 }, { stream_id: `${tenant}.note-b`, events: 2 }]);
    expect(await spec.rebuild()).toBeGreaterThanOrEqual(0);
    expect(await spec.sql(`select stream_id, events from spec_counts.counts order by stream_id`))
      .toEqual([{ stream_id: `${tenant}.note-a`, events: 2 }, { stream_id: `${tenant}.note-b`, events: 1 }]);
  });
});
