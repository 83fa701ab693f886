import { Migration } from '@mikro-orm/migrations';
import { EntityManager } from '@mikro-orm/postgresql';
import { NewEvent, StoredEvent } from '@workbay/eventstore';
import { randomUUID } from 'node:crypto';
import { SYSTEM_ROLE } from '../database/database-roles';
import { ProjectionSpec, startProjectionSpec } from '../testing/projection-spec';
import { Projection } from './projection';

class MigrationSpecNotes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema spec_notes`);
    this.addSql(`create table spec_notes.notes (tenant_id uuid not null, id text not null, title text, tags text[], notes int not null default 0,
      seen_notes int, last_at timestamptz, primary key (tenant_id, id))`);
    this.addSql(`grant usage on schema spec_notes to ${SYSTEM_ROLE}`);
    this.addSql(`grant select, insert, update, delete on spec_notes.notes to ${SYSTEM_ROLE}`);
  }
}

/** Set by a test to make the projection fail on the n-th event it applies (a crash mid-rebuild). */
let failAt: number | undefined;
let applied = 0;

/** Inserts, updates, and a read of its own earlier writes (the count it saw), as the shop projections do. */
const notes: Projection = {
  name: 'spec.notes',
  eventTypes: ['Opened', 'Noted', 'Counted'],
  tables: ['spec_notes.notes'],
  async apply(em: EntityManager, e: StoredEvent) {
    if (failAt !== undefined && ++applied === failAt) throw new Error('crash mid-rebuild');
    const d = e.data as { id: string; title?: string; tags?: string[] };
    if (e.type === 'Opened') {
      await em.execute(`insert into spec_notes.notes (tenant_id, id, title, tags, last_at) values (?, ?, ?, ?::text[], ?) on conflict do nothing`, [
        e.tenantId, d.id, d.title ?? null, `{${(d.tags ?? []).map((t) => `"${t}"`).join(',')}}`, e.recordedAt,
      ]);
    } else if (e.type === 'Noted') {
      await em.execute(`update spec_notes.notes set notes = notes + 1, title = coalesce(?, title), last_at = ? where tenant_id = ? and id = ?`, [
        d.title ?? null, e.recordedAt, e.tenantId, d.id,
      ]);
    } else {
      const [row] = await em.execute<{ notes: number }[]>(`select notes from spec_notes.notes where tenant_id = ? and id = ?`, [e.tenantId, d.id]);
      await em.execute(`update spec_notes.notes set seen_notes = ? where tenant_id = ? and id = ?`, [row.notes, e.tenantId, d.id]);
    }
  },
};

// Titles a batch must carry unchanged: quotes, a backslash and a `?` (sent alone), unicode, null.
const TITLES = [`O'Brien's "car"`, 'back\\slash', 'why?', 'ताला', null, '', 'semi; colon -- not a comment'];

function eventsFor(n: number, i: number): NewEvent[] {
  const id = `n${i}`;
  const list: NewEvent[] = [{ type: 'Opened', data: { id, title: TITLES[i % TITLES.length], tags: ['a', `t${i}`] } }];
  for (let k = 1; k < n; k++) {
    list.push(k % 3 === 0 ? { type: 'Counted', data: { id } } : { type: 'Noted', data: { id, title: k % 4 === 0 ? TITLES[(i + k) % TITLES.length] : undefined } });
  }
  return list;
}

describe('ProjectionRunner rebuild (batched writes)', () => {
  let spec: ProjectionSpec;
  const tenant = randomUUID();
  const rows = () => spec.sql(`select id, title, tags, notes, seen_notes, last_at from spec_notes.notes order by id`);
  let total = 0;

  beforeAll(async () => {
    spec = await startProjectionSpec(notes, { migrations: [MigrationSpecNotes], batchSize: 100, rebuildBatchSize: 250 });
    for (let i = 0; i < 120; i++) {
      await spec.given(tenant, 'note', `n${i}`, eventsFor(10, i));
      total += 10;
    }
    await spec.run();
  });
  afterAll(() => spec?.close());

  it('rebuilds, across many pages, exactly the rows the live projection wrote event by event', async () => {
    const live = await rows();
    expect(live).toHaveLength(120);
    expect(live.find((r) => r.id === 'n1')).toMatchObject({ title: 'why?', tags: ['a', 't1'], notes: 6, seen_notes: 6 });
    expect(await spec.rebuild()).toBe(total);
    expect(await rows()).toEqual(live);
  });

  it('sends a page of writes as a few statements, not one per event (reads still see earlier writes)', async () => {
    const live = await rows();
    const execute = jest.spyOn(EntityManager.prototype, 'execute');
    try {
      expect(await spec.rebuild()).toBe(total);
      // 1,200 events, 840 writes and 360 reads that must see them; each read flushes first.
      // One execute per event and per write-after-read would be well over 1,200.
      expect(execute.mock.calls.length).toBeLessThan(total * 0.8);
      const reads = execute.mock.calls.filter(([sql]) => typeof sql === 'string' && sql.startsWith('select notes')).length;
      expect(reads).toBe(360);
    } finally {
      execute.mockRestore();
    }
    expect(await rows()).toEqual(live);
  });

  it('leaves the old rows and checkpoint after a crash mid-rebuild, and a rerun completes', async () => {
    const live = await rows();
    const [before] = await spec.sql(`select checkpoint, position from platform.projection_checkpoints where name = 'spec.notes'`);
    failAt = Math.floor(total * 0.6); // several pages in
    applied = 0;
    try {
      await expect(spec.rebuild()).rejects.toThrow('crash mid-rebuild');
    } finally {
      failAt = undefined;
    }
    expect(await spec.sql(`select checkpoint, position from platform.projection_checkpoints where name = 'spec.notes'`)).toEqual([before]);
    expect(await rows()).toEqual(live);
    expect(await spec.rebuild()).toBe(total);
    expect(await rows()).toEqual(live);
  });
});
