import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { LoadResult } from './load';
import { BenchPath } from './paths';

export interface PathReport {
  id: string;
  request: string;
  /** Per repetition, in order. */
  reps: Array<Omit<LoadResult, 'firstBad'> & { vs_anchor: number; vs_peer: number | null }>;
  median: { rps: number; p50: number; p99: number; vs_anchor: number; vs_peer: number | null };
  peer: string | null;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const r2 = (n: number) => Number(n.toFixed(2));
const r3 = (n: number) => Number(n.toFixed(3));
/** Whole req/s, or one decimal below 100 (a loaded box brings some paths to single digits). */
const r0 = (n: number) => (n < 100 ? Number(n.toFixed(1)) : Math.round(n));

/** Ratios are taken within a repetition (same minute of machine load), then the median of them. */
export function buildReport(paths: BenchPath[], runs: Map<string, LoadResult[]>): PathReport[] {
  const anchor = runs.get('anchor')!;
  return paths.map((p) => {
    const mine = runs.get(p.id)!;
    const peer = p.peer ? runs.get(p.peer) : undefined;
    const reps = mine.map(({ firstBad: _drop, ...r }, i) => ({
      ...r,
      rps: r0(r.rps),
      vs_anchor: r3(r.rps / anchor[i].rps),
      vs_peer: peer ? r3(r.rps / peer[i].rps) : null,
    }));
    return {
      id: p.id,
      request: p.request,
      peer: p.peer ?? null,
      reps,
      median: {
        rps: r0(median(mine.map((r) => r.rps))),
        p50: median(mine.map((r) => r.p50)),
        p99: median(mine.map((r) => r.p99)),
        vs_anchor: r3(median(reps.map((r) => r.vs_anchor))),
        vs_peer: peer ? r3(median(reps.map((r) => r.vs_peer!))) : null,
      },
    };
  });
}

export function printTable(rows: PathReport[], workload: string): void {
  const pct = (x: number | null) => (x === null ? '' : `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`);
  const header = ['request', 'req/s', 'vs bare', 'vs peer', 'p50 ms', 'p99 ms', 'req/s per rep'];
  const body = rows.map((r) => [
    r.request, String(r.median.rps), pct(r.median.vs_anchor), r.peer ? `${pct(r.median.vs_peer)} of ${r.peer}` : '',
    String(r.median.p50), String(r.median.p99), r.reps.map((x) => x.rps).join(' / '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(`\n${workload}\n`);
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

export function writeJson(path: string, content: Record<string, unknown>): void {
  mkdirSync(dirname(path), { recursive: true });
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: r2(totalmem() / 2 ** 30), node: process.version, loadavg: loadavg().map(r2) };
  writeFileSync(path, `${JSON.stringify({ at: new Date().toISOString(), machine, ...content }, null, 2)}\n`);
}
