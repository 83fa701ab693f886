/**
 * Loaded (`node -r`) into every process the bench starts.
 * - SIGTERM becomes a normal exit, so `--cpu-prof` writes its profile (it does not on a signal death).
 * - With BENCH_QUERY_COUNTER_PORT, every pg `Client.query` (the ORM's, the event store's, ours)
 *   is counted, and a small HTTP server answers the count since the last reset: round trips per
 *   request, measured in the process that makes them, whatever library sends them.
 *   `/profile/start` and `/profile/stop` take a CPU profile of just the load phase (not the
 *   start-up, signup and seeding that `--cpu-prof` would mix in); stop answers the profile.
 */
import { createServer } from 'node:http';
import { Session } from 'node:inspector';

process.on('SIGTERM', () => process.exit(0));

const port = Number(process.env.BENCH_QUERY_COUNTER_PORT ?? 0);
if (port > 0) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg');
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let count = 0;
  let statements: string[] = [];
  proto.query = function counted(this: unknown, ...args: unknown[]) {
    count++;
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === 'string' ? first : first?.text ?? '?';
    if (statements.length < 200) statements.push(text.replace(/\s+/g, ' ').slice(0, 160));
    return original.apply(this, args);
  };
  const session = new Session();
  const post = (method: string) => new Promise<unknown>((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result))));
  createServer((req, res) => {
    if (req.url === '/profile/start') {
      session.connect();
      void post('Profiler.enable').then(() => post('Profiler.start')).then(() => res.writeHead(200).end('{}'), (e) => res.writeHead(500).end(String(e)));
      return;
    }
    if (req.url === '/profile/stop') {
      void post('Profiler.stop').then((r) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify((r as { profile: unknown }).profile));
        session.disconnect();
      }, (e) => res.writeHead(500).end(String(e)));
      return;
    }
    const body = JSON.stringify({ count, statements });
    if (req.url === '/reset') { count = 0; statements = []; }
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  }).listen(port, '127.0.0.1').unref();
}
