import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Platform } from './platform-harness';

const ROOT = join(__dirname, '..', '..');

/** The environment a child process (the CLI, a worker) needs to reach the platform's databases and Redis prefix. */
export function childEnv(platform: Platform, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const c = platform.config;
  return {
    ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', BULLMQ_PREFIX: c.BULLMQ_PREFIX, REDIS_URL: c.REDIS_URL,
    DATABASE_URL: c.DATABASE_URL, APP_DATABASE_URL: c.APP_DATABASE_URL, SYSTEM_DATABASE_URL: c.SYSTEM_DATABASE_URL, ...extra,
  };
}

/** A worker in a process of its own (`entry`, a .ts file run through swc); resolves once it logged "worker started". */
export async function startWorkerChild(platform: Platform, entry: string, extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'test', 'support', 'swc-register.js'), entry], {
    cwd: ROOT,
    env: childEnv(platform, extraEnv),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('worker started') && resolve());
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before it started`)));
  });
  return child;
}

/** Sends `signal` and waits for the exit; a child already gone is left alone. */
export async function killChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}
