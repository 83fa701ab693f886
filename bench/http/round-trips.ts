import { BenchPath, Fixtures } from './paths';
import { Servers } from './platform';

export interface RoundTrips { id: string; roundTrips: number; statements: string[] }

/**
 * Queries the API process sends to PostgreSQL for one request of each Workbay path, counted by
 * the preload's wrapped `pg.Client.query` (bench/http/preload.ts). Requests go one at a time;
 * the fewest of 5 is reported (a background query landing inside one request cannot lower it).
 */
export async function countRoundTrips(servers: Servers, paths: BenchPath[], f: Fixtures, position: number): Promise<RoundTrips[]> {
  const variants: Array<{ id: string; path: BenchPath; headers?: Record<string, string> }> = [];
  for (const p of paths.filter((x) => x.server === 'api')) {
    variants.push({ id: p.id, path: p });
    if (p.id === 'quote_by_id') variants.push({ id: 'quote_by_id + X-Min-Position', path: p, headers: { 'x-min-position': String(position) } });
  }
  const out: RoundTrips[] = [];
  for (const v of variants) {
    let best: RoundTrips | undefined;
    for (let i = 0; i < 5; i++) {
      const [template] = v.path.requests(f);
      const req = template.setupRequest ? template.setupRequest({ ...template }, {}) : template;
      await fetch(`${servers.apiQueries}/reset`);
      const res = await fetch(`${servers.api}${req.path}`, { method: req.method, headers: { ...req.headers, ...v.headers }, body: req.body });
      const text = await res.text();
      if (!res.ok || text.includes('"errors"')) throw new Error(`round trips of ${v.id}: ${res.status} ${text.slice(0, 300)}`);
      const counted = (await (await fetch(servers.apiQueries)).json()) as { count: number; statements: string[] };
      if (!best || counted.count < best.roundTrips) best = { id: v.id, roundTrips: counted.count, statements: counted.statements };
    }
    out.push(best!);
  }
  return out;
}
