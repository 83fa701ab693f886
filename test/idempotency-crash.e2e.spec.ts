import type { ChildProcess } from 'node:child_process';
import { TestDatabase } from '@workbay/eventstore/testing';
import { createMigratedTestDatabase } from '@workbay/platform/testing';
import { AppConfig } from '@workbay/platform';
import { Client } from 'pg';
import { ALL_MIGRATIONS } from '../apps/cli/src/migrations';
import { Answer, exited, freePort, post, requireCompiledApi, startApi, untilListening } from './support/api-child';
import { configFor, dropQueues } from './support/platform-harness';

const COMMANDS = 200;
const KILL_AFTER_ANSWERS = 20;
// Both processes: the first writes the leases its death leaves behind, the second honours them.
const LEASE_MS = 1000;

describe('idempotency after a crash of the API', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let owner: Client;
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    requireCompiledApi();
    db = await createMigratedTestDatabase('idem_crash', ALL_MIGRATIONS);
    config = configFor(db.url);
    owner = new Client({ connectionString: config.DATABASE_URL });
    await owner.connect();
  });
  afterAll(async () => {
    for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(running.map(exited));
    await owner?.end();
    if (config) await dropQueues(config);
    await db?.drop();
  });

  it('converges every key a SIGKILL left processing: each retry answers 2xx, stably, with exactly one event per key', async () => {
    const base = `http://127.0.0.1:${await freePort()}`;
    const takeoverBase = `http://127.0.0.1:${await freePort()}`;
    const first = startApi(config, Number(new URL(base).port), LEASE_MS);
    // The process that serves the retries boots meanwhile (a second instance behind the same
    // load balancer would be up already); it sees none of the first round, only the database.
    const second = startApi(config, Number(new URL(takeoverBase).port), LEASE_MS);
    running.push(first.process, second.process);
    await Promise.all([untilListening(base, first), untilListening(takeoverBase, second)]);
    const signup = await post(base, '/auth/signup', {
      companyName: 'Crash Motors', country: 'IN', currency: 'INR', plan: 'growth', ownerName: 'Owner',
      email: `crash.${Date.now()}@example.com`, password: 'correct horse battery',
    });
    expect(signup.status).toBe(201);
    const { accessToken, tenantId } = signup.body as unknown as { accessToken: string; tenantId: string };
    const auth = { Authorization: `Bearer ${accessToken}` };
    const keys = Array.from({ length: COMMANDS }, (_, i) => `crash-${i}`);
    const bodyOf = (i: number) => ({ firstName: 'Crash', lastName: `Customer ${i}`, phone: '+91 98450 12345' });

    // 200 keyed commands at once; the process dies by SIGKILL once a few have answered.
    const answeredFirst = new Map<string, Answer['body']>();
    await Promise.allSettled(keys.map(async (key, i) => {
      const answer = await post(base, '/customers', bodyOf(i), { ...auth, 'Idempotency-Key': key });
      if (answer.status === 201) answeredFirst.set(key, answer.body);
      if (answeredFirst.size === KILL_AFTER_ANSWERS) first.process.kill('SIGKILL');
    }));
    await exited(first.process);
    expect(first.process.signalCode).toBe('SIGKILL');
    const stuck = Number((await owner.query(`select count(*) as n from platform.idempotency_keys where status = 'processing'`)).rows[0].n);
    expect(stuck).toBeGreaterThan(0); // the crash did leave keys mid-command, as in the incident
    expect(answeredFirst.size).toBeLessThan(COMMANDS);

    // A client retrying each key with the same request, honouring Retry-After on 409.
    const retry = async (key: string, i: number): Promise<Answer> => {
      for (let attempt = 0; ; attempt++) {
        const answer = await post(takeoverBase, '/customers', bodyOf(i), { ...auth, 'Idempotency-Key': key });
        if (answer.status !== 409 || answer.body?.code !== 'IDEMPOTENCY_IN_PROGRESS' || attempt >= 20) return answer;
        expect(answer.retryAfter).toBeGreaterThanOrEqual(1);
        await new Promise((r) => setTimeout(r, Math.min(answer.retryAfter, 2) * 1000));
      }
    };
    const retried = await Promise.all(keys.map(retry));
    const result = { id: expect.any(String), streamVersion: 1, position: expect.any(Number) };
    for (const [i, answer] of retried.entries()) {
      expect({ key: keys[i], status: answer.status, body: answer.body }).toEqual({ key: keys[i], status: 201, body: result });
      if (answeredFirst.has(keys[i])) expect(answer.body).toEqual(answeredFirst.get(keys[i]));
    }
    const again = await Promise.all(keys.map((key, i) => post(takeoverBase, '/customers', bodyOf(i), { ...auth, 'Idempotency-Key': key })));
    expect(again.map((a) => ({ status: a.status, body: a.body }))).toEqual(retried.map((a) => ({ status: 201, body: a.body })));
    expect(new Set(retried.map((a) => a.body?.id)).size).toBe(COMMANDS);

    const { rows } = await owner.query<{ key: string; n: string; stream_id: string }>(
      `select metadata->>'commandId' as key, count(*) as n, min(stream_id) as stream_id from eventstore.events
        where tenant_id = $1 and type = 'CustomerRegistered' group by 1`, [tenantId],
    );
    expect(rows.map((r) => r.key).sort()).toEqual([...keys].sort());
    expect(rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
    const idOf = new Map(retried.map((a, i) => [keys[i], a.body?.id]));
    for (const r of rows) expect(r.stream_id.endsWith(idOf.get(r.key)!)).toBe(true);
    expect((await owner.query(`select count(*) as n from platform.idempotency_keys where status <> 'completed'`)).rows[0].n).toBe('0');
  }, 60_000);
});
