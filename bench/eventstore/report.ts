import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { Measurement, WorkloadConfig, WorkloadId } from './workloads';

export interface Row {
  workload: WorkloadId;
  description: string;
  events_per_run: number;
  ours: number;
  peer: number;
  ceiling: number;
  ours_over_peer: number;
  ours_over_ceiling: number;
  runs: Record<string, number[]>;
}

const round = (n: number, digits = 0) => Number(n.toFixed(digits));

export function toRows(measurements: Measurement[], descriptions: Record<WorkloadId, string>): Row[] {
  const ids = [...new Set(measurements.map((m) => m.workload))];
  return ids.map((workload) => {
    const of = (subject: string) => measurements.find((m) => m.workload === workload && m.subject === subject)!;
    const [ours, peer, ceiling] = [of('ours'), of('peer'), of('ceiling')];
    return {
      workload,
      description: descriptions[workload],
      events_per_run: ours.events,
      ours: round(ours.median),
      peer: round(peer.median),
      ceiling: round(ceiling.median),
      ours_over_peer: round(ours.median / peer.median, 2),
      ours_over_ceiling: round(ours.median / ceiling.median, 2),
      runs: Object.fromEntries([ours, peer, ceiling].map((m) => [m.subject, m.runs.map((r) => round(r))])),
    };
  });
}

export function printTable(rows: Row[]): void {
  const header = ['workload (events/s, median)', 'ours', 'peer', 'ceiling', 'ours/peer', 'ours/ceiling'];
  const body = rows.map((r) => [r.workload, String(r.ours), String(r.peer), String(r.ceiling), `${r.ours_over_peer}x`, `${Math.round(r.ours_over_ceiling * 100)}%`]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const b of body) console.log(line(b));
  for (const r of rows) console.log(`  ${r.workload}: ${r.description}; runs ${JSON.stringify(r.runs)}`);
}

export function writeJson(path: string, rows: Row[], config: WorkloadConfig, server: Record<string, string>, subjects: Record<string, string>): void {
  const cpuList = cpus();
  const report = {
    timestamp: new Date().toISOString(),
    machine: {
      cpus: cpuList.length,
      cpu_model: cpuList[0]?.model ?? 'unknown',
      memory_gb: round(totalmem() / 2 ** 30, 1),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      pg_version: server.version,
      pg_synchronous_commit: server.synchronousCommit,
      pg_shared_buffers: server.sharedBuffers,
    },
    config,
    subjects,
    goal: 'ours >= 2x peer and >= 50% of ceiling on single_appends and batch_appends',
    workloads: Object.fromEntries(rows.map(({ workload, ...rest }) => [workload, rest])),
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
