import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TestDatabase } from '@workbay/eventstore/testing';
import { createMigratedTestDatabase } from '@workbay/platform/testing';
import { AppConfig } from '@workbay/platform';
import { Client } from 'pg';
import { ALL_MIGRATIONS } from '../apps/cli/src/migrations';
import { configFor, dropQueues } from './support/platform-harness';

// `npm test` compiles to dist (tsconfig.json outDir) before Jest runs.
const API = join(__dirname, '..', 'dist', 'apps', 'api', 'src', 'main.js');
const COMMANDS = 200;
const KILL_AFTER_ANSWERS = 20;
// Both processes: the first writes the leases its death leaves behind, the second honours them.
const LEASE_MS = 1000;

interface Answer { status: number; retryAfter: number; body: { id?: string; position?: number; streamVersion?: number; code?: string } | null }

async function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, retryAfter: Number(res.headers.get('retry-after') ?? 0), body: (await res.json().catch(() => null)) as Answer['body'] };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function startApi(config: AppConfig, port: number): { process: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, [API], {
    env: {
      ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: String(port), IDEMPOTENCY_LEASE_MS: String(LEASE_MS),
      DATABASE_URL: config.DATABASE_URL, APP_DATABASE_URL: config.APP_DATABASE_URL, SYSTEM_DATABASE_URL: config.SYSTEM_DATABASE_URL,
      REDIS_URL: config.REDIS_URL, BULLMQ_PREFIX: config.BULLMQ_PREFIX,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => { stderr += chunk; });
  return { process: child, stderr: () => stderr };
}

async function untilListening(base: string, api: ReturnType<typeof startApi>): Promise<void> {
  // Generous: a loaded 2-core CI box has taken over 40 s to boot the API.
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (api.process.exitCode !== null) throw new Error(`the API exited (${api.process.exitCode}): ${api.stderr()}`);
    const up = await fetch(`${base}/health`).then((r) => r.status < 500, () => false);
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the API did not listen within 90 s: ${api.stderr()}`);
}

const exited = (child: ChildProcess) => new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.once('exit', r)));

describe('idempotency after a crash of the API', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let owner: Client;
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    if (!existsSync(API)) throw new Error(`${API} is missing: run npm run compile first (npm test does)`);
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
    const first = startApi(config, Number(new URL(base).port));
    // The process that serves the retries boots meanwhile (a second instance behind the same
    // load balancer would be up already); it sees none of the first round, only the database.
    const second = startApi(config, Number(new URL(takeoverBase).port));
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
