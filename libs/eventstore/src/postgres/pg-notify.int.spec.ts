import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { events, meta, sleep, streamOf } from '../testing/contract-support';
import { createPgFixture, PgFixture, storeOnClient } from '../testing/pg-fixture';
import { EVENTS_APPENDED_CHANNEL } from './sql-append';

/**
 * The worker's wake-up: every committed append is announced on `eventstore_appended`, but from
 * outside the append's transaction (a NOTIFY in it would serialize the appends' commits).
 */
describe('eventstore_appended notifications', () => {
  let fx: PgFixture;
  let listener: Client;
  let heard: number[] = [];

  /** Resolves once a notification at or past `position` arrived; rejects after `ms`. */
  const heardUpTo = async (position: number, ms = 5_000) => {
    const until = Date.now() + ms;
    while (!heard.some((p) => p >= position)) {
      if (Date.now() > until) throw new Error(`no notification for position ${position}; heard ${heard.join(', ')}`);
      await sleep(5);
    }
  };

  beforeAll(async () => {
    fx = await createPgFixture('es_notify');
    listener = await fx.client();
    listener.on('notification', (n) => n.channel === EVENTS_APPENDED_CHANNEL && heard.push(Number(n.payload)));
    await listener.query(`listen ${EVENTS_APPENDED_CHANNEL}`);
  });
  afterAll(async () => {
    await fx?.close();
  });
  beforeEach(() => {
    heard = [];
  });

  it('announces an append on a pool with its position, once it has committed', async () => {
    const tenant = randomUUID();
    const stream = streamOf(tenant);
    const { globalPosition } = await fx.store.append(tenant, stream, events(2), { expectedVersion: 0, metadata: meta() });
    await heardUpTo(globalPosition);
    // Whoever is woken can read what was announced.
    const read = await fx.store.readStream(tenant, stream);
    expect(read.map((e) => e.globalPosition)).toContain(Math.max(...heard));
  });

  it('announces concurrent appends with at most one notification each, the last at the highest position', async () => {
    const tenant = randomUUID();
    const sentBefore = fx.store.notificationsSent!;
    const results = await Promise.all(
      Array.from({ length: 40 }, () => fx.store.append(tenant, streamOf(tenant), events(1), { expectedVersion: 0, metadata: meta() })),
    );
    const highest = Math.max(...results.map((r) => r.globalPosition));
    await heardUpTo(highest);
    const sent = fx.store.notificationsSent! - sentBefore;
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(sent).toBeLessThanOrEqual(40);
    expect(Math.max(...heard)).toBe(highest);
  });

  it('sends no NOTIFY from eventstore.append itself (its transaction would hold the notify lock through its commit)', async () => {
    const tenant = randomUUID();
    const writer = await fx.client();
    await writer.query('begin');
    await writer.query(`select * from eventstore.append($1::uuid, $2::text, 0, null, array[$3::uuid], array['Noted'], array[1], '[{}]'::jsonb, '{"actor":"t"}'::jsonb, now(), array[sha256('x')])`, [tenant, streamOf(tenant), randomUUID()]);
    await writer.query('commit');
    await sleep(300);
    expect(heard).toEqual([]);
  });

  it("on a caller's connection, announces the append when the caller commits, and never when it rolls back", async () => {
    const tenant = randomUUID();
    const writer = await fx.client();
    const store = storeOnClient(writer);
    await writer.query('begin');
    const rolledBack = await store.append(tenant, streamOf(tenant), events(1), { expectedVersion: 0, metadata: meta() });
    await writer.query('rollback');
    await writer.query('begin');
    const committed = await store.append(tenant, streamOf(tenant), events(1), { expectedVersion: 0, metadata: meta() });
    await sleep(200);
    expect(heard).toEqual([]);
    await writer.query('commit');
    await heardUpTo(committed.globalPosition);
    expect(heard).not.toContain(rolledBack.globalPosition);
  });
  it('announces an appendMany on a pool once, after commit, at its highest position', async () => {
    const tenant = randomUUID();
    const sentBefore = fx.store.notificationsSent!;
    const results = await fx.store.appendMany(tenant, Array.from({ length: 5 }, () => ({ streamId: streamOf(tenant), events: events(1), expectedVersion: 0 })), meta());
    const highest = Math.max(...results.map((r) => (r.status === 'appended' ? r.globalPosition : 0)));
    await heardUpTo(highest);
    expect(fx.store.notificationsSent! - sentBefore).toBe(1);
    expect(Math.max(...heard)).toBe(highest);
  });

  it('sends no notification for an appendMany that wrote nothing (every item a conflict)', async () => {
    const tenant = randomUUID();
    const stream = streamOf(tenant);
    const first = await fx.store.append(tenant, stream, events(1), { expectedVersion: 0, metadata: meta() });
    await heardUpTo(first.globalPosition);
    const sentBefore = fx.store.notificationsSent!;
    const [only] = await fx.store.appendMany(tenant, [{ streamId: stream, events: events(1), expectedVersion: 0 }], meta());
    expect(only.status).toBe('conflict');
    await sleep(100);
    expect(fx.store.notificationsSent! - sentBefore).toBe(0);
  });

  it('sends no NOTIFY from eventstore.append_many itself (its transaction would hold the notify lock through its commit)', async () => {
    const tenant = randomUUID();
    const writer = await fx.client();
    await writer.query('begin');
    const { rows } = await writer.query(`select * from eventstore.append_many($1::uuid, array[$2::text], array[0], array[null]::text[], array[1], array[$3::uuid], array['Noted'], array[1], '[{}]'::jsonb, '{"actor":"t"}'::jsonb, now(), array[sha256('x')])`, [tenant, streamOf(tenant), randomUUID()]);
    await writer.query('commit');
    expect(rows[0].status).toBe('appended');
    await sleep(300);
    expect(heard).toEqual([]);
  });

  it("on a caller's connection, announces an appendMany when the caller commits, and never when it rolls back", async () => {
    const tenant = randomUUID();
    const writer = await fx.client();
    const store = storeOnClient(writer);
    const one = () => [{ streamId: streamOf(tenant), events: events(1), expectedVersion: 0 }];
    await writer.query('begin');
    const [rolledBack] = await store.appendMany(tenant, one(), meta());
    await writer.query('rollback');
    await writer.query('begin');
    const [committed] = await store.appendMany(tenant, one(), meta());
    await sleep(200);
    expect(heard).toEqual([]);
    await writer.query('commit');
    if (committed.status !== 'appended' || rolledBack.status !== 'appended') throw new Error('expected both appended');
    await heardUpTo(committed.globalPosition);
    expect(heard).not.toContain(rolledBack.globalPosition);
  });
});
