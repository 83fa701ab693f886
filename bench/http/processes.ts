import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A port the OS just handed out (and took back), for a child that needs one up front. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Child {
  name: string;
  process: ChildProcess;
  /** SIGTERM, then waits for the exit (the preload turns SIGTERM into a normal exit, so --cpu-prof is written). */
  stop(): Promise<void>;
}

/**
 * A node child with the bench preload; resolves once `ready` (a URL) answers 200, or once its
 * output contains `ready` (not a URL), so a crash at start is an error naming the child with
 * its last output, not a hang.
 */
export async function startNode(name: string, args: string[], env: Record<string, string>, ready: string, nodeFlags: string[] = []): Promise<Child> {
  const child = spawn(process.execPath, [...nodeFlags, '-r', require.resolve('./preload'), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => { tail = (tail + chunk.toString()).slice(-4000); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  const deadline = Date.now() + 180_000; // a loaded 2-core box can take a minute to start the API
  for (;;) {
    if (exited) throw new Error(`${name} exited at start:\n${tail}`);
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`${name} did not answer ${ready} within 180 s:\n${tail}`); }
    if (!ready.startsWith('http')) {
      if (tail.includes(ready)) break;
    } else {
      try {
        if ((await fetch(ready)).ok) break;
      } catch { /* not listening yet */ }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    name,
    process: child,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(killer);
    },
  };
}
