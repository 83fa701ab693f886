import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { childEnv } from './child-process';
import type { Platform } from './platform-harness';

const ROOT = join(__dirname, '..', '..');

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

/** The real CLI (`apps/cli`), in a process of its own, as an operator runs it, against the platform's databases and Redis prefix. */
export function runCli(platform: Platform, args: string[]): Promise<CliRun> {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'test', 'support', 'swc-register.js'), join(ROOT, 'apps', 'cli', 'src', 'main.ts'), ...args], {
    cwd: ROOT,
    env: childEnv(platform),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  // 'close', not 'exit': the streams are read to their end (a CSV export on stdout is whole).
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}
