import { Migration } from '@mikro-orm/migrations';
import { EntityManager } from '@mikro-orm/postgresql';
import { NewEvent, StoredEvent } from '@workbay/eventstore';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { SYSTEM_ROLE } from '../database/database-roles';
import { ProjectionSpec, startProjectionSpec } from '../testing/projection-spec';
import { Projection } from './projection';
import { RowChanges } from './row-changes';

class MigrationSpecRows extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema spec_rows`);
    for (const table of ['one_by_one', 'batched']) {
      this.addSql(`create table spec_rows.${table} (tenant_id uuid not null, id text not null, title text, tags text[] not null default '{}',
        n int not null default 0, at timestamptz, primary key (tenant_id, id))`);
      this.addSql(`grant select, insert, update, delete on spec_rows.${table} to ${SYSTEM_ROLE}`);
    }
    this.addSql(`grant usage on schema spec_rows to ${SYSTEM_ROLE}`);
  }
}

interface Change {
  id: string;
  title?: string | null;
  tags?: string[];
  n?: number;
  at?: string;
}

/**
 * Writes every event twice: into `one_by_one` as one plain statement per event (what a projection
 * did before), and into `batched` through RowChanges. Any difference in rows is a bug of the fold.
 */
const twin: Projection = {
  name: 'spec.row-changes',
  eventTypes: ['Opened', 'Changed'],
  tables: ['spec_rows.one_by_one', 'spec_rows.batched'],
  apply: (em, e) => twin.applyBatch!(em, [e]),
  async applyBatch(em: EntityManager, events: readonly StoredEvent[]) {
    const batched = new RowChanges('spec_rows.batched', ['tenant_id', 'id']);
    for (const e of events) {
      const d = e.data as Change;
      const key = { tenant_id: e.tenantId, id: d.id };
      if (e.type === 'Opened') {
        await em.execute(`insert into spec_rows.one_by_one (tenant_id, id, title, tags, n, at) values (?, ?, ?, ?::text[], ?, ?) on conflict do nothing`, [
          e.tenantId, d.id, d.title ?? null, pgArray(d.tags ?? []), d.n ?? 0, d.at ?? null,
        ]);
        batched.insertIfAbsent({ ...key, title: d.title ?? null, tags: d.tags ?? [], n: d.n ?? 0, at: d.at ?? null });
      } else {
        const set: Record<string, unknown> = {};
        if ('title' in d) set.title = d.title;
        if (d.tags) set.tags = d.tags;
        if (d.n !== undefined) set.n = d.n;
        if (d.at) set.at = d.at;
        const columns = Object.keys(set);
        if (columns.length === 0) continue;
        await em.execute(
          `update spec_rows.one_by_one set ${columns.map((c) => (c === 'tags' ? `${c} = ?::text[]` : `${c} = ?`)).join(', ')} where tenant_id = ? and id = ?`,
          [...columns.map((c) => (c === 'tags' ? pgArray(set.tags as string[]) : set[c])), e.tenantId, d.id],
        );
        batched.update(key, set);
      }
    }
    await batched.flush(em);
  },
};

function pgArray(tags: string[]): string {
  return `{${tags.map((t) => `"${t.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

// Text a multi-row JSON parameter must carry unchanged: quotes, backslashes, `?`, unicode, JSON-looking text.
const text = fc.oneof(fc.constantFrom(`O'Brien "x"`, 'back\\slash', 'why?', 'ताला', '', '{"a":1}', 'null'), fc.string({ maxLength: 6 }));
const change = (ids: string[]) =>
  fc.record(
    {
      id: fc.constantFrom(...ids),
      title: fc.option(text, { nil: null }),
      tags: fc.array(text, { maxLength: 3 }),
      n: fc.integer({ min: -5, max: 1000 }),
      at: fc.integer({ min: 0, max: 10 ** 6 }).map((s) => new Date(Date.UTC(2026, 0, 1) + s * 1000).toISOString()),
    },
    { requiredKeys: ['id'] },
  );
// Opened twice, changed before it was opened, changed and never opened: what a fold must get right.
const program = fc.array(fc.tuple(fc.constantFrom('Opened', 'Changed', 'Changed'), change(['a', 'b', 'c', 'd'])), { minLength: 1, maxLength: 40 });

describe('RowChanges (a batch of events as a few multi-row statements)', () => {
  let spec: ProjectionSpec;
  const tenants: string[] = [];
  const rows = (table: string) => spec.sql(`select tenant_id, id, title, tags, n, at from spec_rows.${table} order by tenant_id, id`);

  beforeAll(async () => {
    // Pages of 7 events: a row's changes are split across pages as often as not.
    spec = await startProjectionSpec(twin, { migrations: [MigrationSpecRows], batchSize: 7, rebuildBatchSize: 11 });
  });
  afterAll(() => spec?.close());

  it('leaves exactly the rows one statement per event leaves, for any order of inserts and updates', async () => {
    await fc.assert(
      fc.asyncProperty(program, async (steps) => {
        const tenant = randomUUID();
        tenants.push(tenant);
        const events: NewEvent[] = steps.map(([type, data]) => ({ type, data }));
        await spec.given(tenant, 'program', 'p', events);
        await spec.run();
        const mine = async (table: string) => (await rows(table)).filter((r) => r.tenant_id === tenant).map(({ tenant_id: _t, ...r }) => r);
        expect(await mine('batched')).toEqual(await mine('one_by_one'));
      }),
      { numRuns: 30 },
    );
    expect((await rows('one_by_one')).length).toBeGreaterThan(30);
  });

  it('matches one statement per event when every batch is delivered again over its rows, and after a rebuild', async () => {
    const expected = await rows('one_by_one');
    // Over existing rows an update before the insert now lands (event by event too): not the first rows, the same rows.
    await spec.redeliver();
    expect(await rows('batched')).toEqual(await rows('one_by_one'));
    await spec.rebuild();
    expect(await rows('one_by_one')).toEqual(expected);
    expect(await rows('batched')).toEqual(expected);
  });

  it('writes a batch of many rows in a few statements', async () => {
    const tenant = randomUUID();
    const events: NewEvent[] = [];
    for (let i = 0; i < 50; i++) events.push({ type: 'Opened', data: { id: `r${i}`, title: `t${i}` } }, { type: 'Changed', data: { id: `r${i}`, n: i } });
    const sent: string[] = [];
    const batched = new RowChanges('spec_rows.batched', ['tenant_id', 'id']);
    const em = { execute: async (sql: string, params: unknown[]) => (sent.push(sql), spec.sql(sql.replace('?', '$1'), params)) } as unknown as EntityManager;
    for (const e of events) {
      const d = e.data as Change;
      if (e.type === 'Opened') batched.insertIfAbsent({ tenant_id: tenant, id: d.id, title: d.title });
      else batched.update({ tenant_id: tenant, id: d.id }, { n: d.n });
    }
    await batched.flush(em);
    expect(sent).toHaveLength(1);
    const written = await spec.sql<{ n: number }>(`select n from spec_rows.batched where tenant_id = $1 order by n`, [tenant]);
    expect(written.map((r) => r.n)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('refuses a table or column name that is not a plain identifier, and an update of a key column', () => {
    expect(() => new RowChanges('batched; drop table x', ['id'])).toThrow(/schema-qualified/);
    const changes = new RowChanges('spec_rows.batched', ['tenant_id', 'id']);
    expect(() => changes.update({ tenant_id: 't', id: 'a' }, { 'title = null --': 1 })).toThrow(/plain column/);
    expect(() => changes.update({ tenant_id: 't', id: 'a' }, { id: 'b' })).toThrow(/key column/);
    expect(() => changes.insertIfAbsent({ id: 'a' })).toThrow(/tenant_id is missing/);
  });
});
