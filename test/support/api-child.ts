import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { AppConfig } from '@workbay/platform';

// `npm test` compiles to dist (tsconfig.json outDir) before Jest runs.
const API = join(__dirname, '..', '..', 'dist', 'apps', 'api', 'src', 'main.js');

export interface Answer { status: number; retryAfter: number; body: { id?: string; position?: number; streamVersion?: number; code?: string } | null }

export interface ApiChild { process: ChildProcess; stderr: () => string }

/** A JSON POST as a client sends it, with the status, Retry-After and body it got. */
export async function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, retryAfter: Number(res.headers.get('retry-after') ?? 0), body: (await res.json().catch(() => null)) as Answer['body'] };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Fails the test file at once, with what to run, when the compiled API is not there. */
export function requireCompiledApi(): void {
  if (!existsSync(API)) throw new Error(`${API} is missing: run npm run compile first (npm test does)`);
}

/** The compiled API (dist) as a process of its own on `port`, on the platform's databases and Redis prefix; `leaseMs`: its idempotency lease. */
export function startApi(config: AppConfig, port: number, leaseMs: number): ApiChild {
  const child = spawn(process.execPath, [API], {
    env: {
      ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: String(port), IDEMPOTENCY_LEASE_MS: String(leaseMs),
      DATABASE_URL: config.DATABASE_URL, APP_DATABASE_URL: config.APP_DATABASE_URL, SYSTEM_DATABASE_URL: config.SYSTEM_DATABASE_URL,
      REDIS_URL: config.REDIS_URL, BULLMQ_PREFIX: config.BULLMQ_PREFIX,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => { stderr += chunk; });
  return { process: child, stderr: () => stderr };
}

export async function untilListening(base: string, api: ApiChild): Promise<void> {
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

/** Resolves once the child has exited (at once if it already has). */
export const exited = (child: ChildProcess) => new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.once('exit', r)));
