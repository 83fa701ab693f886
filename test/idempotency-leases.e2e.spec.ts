import { INestApplication } from '@nestjs/common';
import { TestDatabase } from '@workbay/eventstore/testing';
import { createMigratedTestDatabase } from '@workbay/platform/testing';
import { AppConfig } from '@workbay/platform';
import { Client } from 'pg';
import request from 'supertest';
import { createApi } from '../apps/api/src/create-api';
import { ALL_MIGRATIONS } from '../apps/cli/src/migrations';
import { IdempotencyKeys } from '../libs/platform/src/idempotency/idempotency-keys';
import { configFor, dropQueues, Platform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';

const LEASE_MS = 1000;
const customer = (n: number) => ({ firstName: 'Asha', lastName: `Rao ${n}`, phone: '+91 98450 12345' });

/**
 * What an API process that died mid-command leaves behind, made without killing one (the SIGKILL
 * itself is test/idempotency-crash.e2e.spec.ts): a key still `processing`, whether or not the
 * command's events were committed, under a lease that runs or has run out.
 */
describe('Idempotency-Key leases', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let app: INestApplication;
  let owner: Client;
  let shop: ShopClient;

  beforeAll(async () => {
    db = await createMigratedTestDatabase('idem_lease', ALL_MIGRATIONS);
    config = configFor(db.url, { IDEMPOTENCY_LEASE_MS: String(LEASE_MS) });
    app = await createApi(config);
    await app.init();
    owner = new Client({ connectionString: config.DATABASE_URL });
    await owner.connect();
    const platform = { app, config, http: () => request(app.getHttpServer()) } as unknown as Platform;
    shop = await ShopClient.signup(platform);
  });
  afterAll(async () => {
    await owner?.end();
    await app?.close();
    if (config) await dropQueues(config);
    await db?.drop();
  });

  /** As the crash leaves it: the key back to `processing`, its lease ending `inMs` from now (negative: over). */
  const leaveProcessing = (key: string, inMs: number) => owner.query(
    `update platform.idempotency_keys set status = 'processing', response_body = null, claim_id = gen_random_uuid(),
            lease_expires_at = now() + $3 * interval '1 millisecond' where tenant_id = $1 and key = $2`,
    [shop.tenantId, key, inMs],
  );
  const eventsOf = async (key: string) => (await owner.query(
    `select type from eventstore.events where tenant_id = $1 and metadata->>'commandId' = $2`, [shop.tenantId, key],
  )).rows;
  const statusOf = async (key: string) => (await owner.query(
    `select status from platform.idempotency_keys where tenant_id = $1 and key = $2`, [shop.tenantId, key],
  )).rows[0]?.status;

  it('answers a repeat while the lease still runs with 409 IDEMPOTENCY_IN_PROGRESS and Retry-After', async () => {
    const first = await shop.post('/customers', customer(1), { 'Idempotency-Key': 'lease-running' }).expect(201);
    await leaveProcessing('lease-running', 60_000);
    const repeat = await shop.post('/customers', customer(1), { 'Idempotency-Key': 'lease-running' }).expect(409);
    expect(repeat.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(Number(repeat.headers['retry-after'])).toBeGreaterThanOrEqual(50);
    expect(Number(repeat.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(first.body.id).toBeDefined();
  });

  it('takes over a key whose lease ran out after its events were committed, answering the first result and appending nothing', async () => {
    const first = await shop.post('/customers', customer(2), { 'Idempotency-Key': 'crashed-after-append' }).expect(201);
    await leaveProcessing('crashed-after-append', -1);
    const retry = await shop.post('/customers', customer(2), { 'Idempotency-Key': 'crashed-after-append' }).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(await eventsOf('crashed-after-append')).toEqual([{ type: 'CustomerRegistered' }]);
    expect(await statusOf('crashed-after-append')).toBe('completed');
    const again = await shop.post('/customers', customer(2), { 'Idempotency-Key': 'crashed-after-append' }).expect(201);
    expect(again.body).toEqual(first.body);
  });

  it('runs the command on takeover when the dead run wrote nothing', async () => {
    // The same request under another key has the same request hash: that is the row a run that
    // died before its append leaves.
    await shop.post('/customers', customer(3), { 'Idempotency-Key': 'template' }).expect(201);
    await owner.query(
      `insert into platform.idempotency_keys (tenant_id, key, request_hash, status, claim_id, lease_expires_at)
       select tenant_id, 'crashed-before-append', request_hash, 'processing', gen_random_uuid(), now() - interval '1 second'
         from platform.idempotency_keys where tenant_id = $1 and key = 'template'`,
      [shop.tenantId],
    );
    const retry = await shop.post('/customers', customer(3), { 'Idempotency-Key': 'crashed-before-append' }).expect(201);
    expect(retry.body).toEqual({ id: expect.any(String), streamVersion: 1, position: expect.any(Number) });
    expect(await eventsOf('crashed-before-append')).toEqual([{ type: 'CustomerRegistered' }]);
    expect(await statusOf('crashed-before-append')).toBe('completed');
  });

  it('lets exactly one of several concurrent repeats take over an expired key; the others get 409 or the same result', async () => {
    for (let round = 0; round < 10; round++) {
      const key = `race-${round}`;
      const first = await shop.post('/customers', customer(100 + round), { 'Idempotency-Key': key }).expect(201);
      await leaveProcessing(key, -1);
      const repeats = await Promise.all(
        Array.from({ length: 4 }, () => shop.post('/customers', customer(100 + round), { 'Idempotency-Key': key })),
      );
      for (const r of repeats) {
        if (r.status === 409) expect(r.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
        else expect({ status: r.status, body: r.body }).toEqual({ status: 201, body: first.body });
      }
      expect(repeats.some((r) => r.status === 201)).toBe(true);
      expect(await eventsOf(key)).toHaveLength(1);
      expect(await statusOf(key)).toBe('completed');
    }
  });

  it('grants an expired claim to exactly one of many concurrent claimers', async () => {
    const keys = app.get(IdempotencyKeys);
    for (let round = 0; round < 10; round++) {
      const key = `claim-race-${round}`;
      await owner.query(
        `insert into platform.idempotency_keys (tenant_id, key, request_hash, status, claim_id, lease_expires_at)
         values ($1, $2, 'h', 'processing', gen_random_uuid(), now() - interval '1 second')`,
        [shop.tenantId, key],
      );
      const claims = await Promise.all(Array.from({ length: 6 }, () => keys.claim(shop.tenantId, key, 'h')));
      expect(claims.filter((c) => c.kind === 'claimed')).toEqual([expect.objectContaining({ takenOver: true })]);
      expect(claims.filter((c) => c.kind === 'in-progress')).toHaveLength(5);
    }
  });

  it('answers with the command result when recording it fails, and the key converges after its lease', async () => {
    // A real failure of the bookkeeping update (as a lost connection or a full disk would be).
    await owner.query(`create function platform.refuse_completion() returns trigger language plpgsql as
      $$ begin raise exception 'completion refused'; end $$`);
    await owner.query(`create trigger refuse_completion before update on platform.idempotency_keys for each row
      when (new.key = 'completion-fails' and new.status = 'completed') execute function platform.refuse_completion()`);
    let first: request.Response;
    try {
      first = await shop.post('/customers', customer(4), { 'Idempotency-Key': 'completion-fails' });
    } finally {
      await owner.query(`drop trigger refuse_completion on platform.idempotency_keys`);
      await owner.query(`drop function platform.refuse_completion()`);
    }
    expect({ status: first.status, body: first.body }).toEqual({ status: 201, body: { id: expect.any(String), streamVersion: 1, position: expect.any(Number) } });
    expect(await statusOf('completion-fails')).toBe('processing');
    await new Promise((r) => setTimeout(r, LEASE_MS + 100));
    const retry = await shop.post('/customers', customer(4), { 'Idempotency-Key': 'completion-fails' }).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(await eventsOf('completion-fails')).toHaveLength(1);
    expect(await statusOf('completion-fails')).toBe('completed');
  });
  // Identity commands change tables in one transaction each: after a crash it committed or not.
  it('answers a retried invitation whose transaction committed before the crash with a clear 409, every time', async () => {
    const invitation = { email: 'late.answer@example.com', displayName: 'Late Answer', roles: ['technician'] };
    await shop.post('/auth/invitations', invitation, { 'Idempotency-Key': 'invite-crashed' }).expect(201);
    await leaveProcessing('invite-crashed', -1);
    for (let i = 0; i < 2; i++) {
      const retry = await shop.post('/auth/invitations', invitation, { 'Idempotency-Key': 'invite-crashed' }).expect(409);
      expect(retry.body.code).toBe('USER_EXISTS');
    }
    const users = await shop.get('/users?role=technician').expect(200);
    expect(users.body.items.filter((u: { email: string }) => u.email === invitation.email)).toHaveLength(1);
  });

  it('answers a retried user update whose transaction committed before the crash with the user as the update left it', async () => {
    const invited = await shop.post('/auth/invitations', { email: 'moved@example.com', displayName: 'Moved', roles: ['technician'] }).expect(201);
    const first = await shop.patch(`/users/${invited.body.userId}`, { roles: ['service_advisor'] }, { 'Idempotency-Key': 'update-crashed' }).expect(200);
    await leaveProcessing('update-crashed', -1);
    const retry = await shop.patch(`/users/${invited.body.userId}`, { roles: ['service_advisor'] }, { 'Idempotency-Key': 'update-crashed' }).expect(200);
    expect(retry.body).toEqual(first.body);
    expect(await statusOf('update-crashed')).toBe('completed');
  });
});
