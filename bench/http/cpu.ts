import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/** CPU seconds (user + system) per process, from /proc (Linux; empty elsewhere). */
function cpuOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, hence the last ')'): utime is the 14th field, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

export type CpuSnapshot = Map<string, Map<number, number>>;

/**
 * CPU each subject has used so far: the node children by pid, and the backends connected to the
 * bench database by role: pg_app (the API's and the peer's sessions), pg_system (the worker's). CPU per
 * request is far less sensitive to what else loads the machine than requests per second, so it
 * says where a request's cost goes even on a busy box. PostgreSQL's shared background processes
 * (WAL writer, checkpointer) serve every database on the cluster and are left out.
 */
export async function cpuSnapshot(children: Record<string, number | undefined>, adminUrl: string, database: string): Promise<CpuSnapshot> {
  const out: CpuSnapshot = new Map();
  for (const [name, pid] of Object.entries(children)) {
    const cpu = pid === undefined ? undefined : cpuOf(pid);
    if (cpu !== undefined) out.set(name, new Map([[pid!, cpu]]));
  }
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ pid: number; usename: string }>(`select pid, usename from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [database]);
    // By role: the app role's sessions serve the API (and the peer), the system role's the worker.
    for (const name of ['pg_app', 'pg_system', 'pg_owner']) out.set(name, new Map());
    for (const { pid, usename } of rows) {
      const cpu = cpuOf(pid);
      const name = usename === 'workbay_app' ? 'pg_app' : usename === 'workbay_system' ? 'pg_system' : 'pg_owner';
      if (cpu !== undefined) out.get(name)!.set(pid, cpu);
    }
  } finally {
    await c.end();
  }
  return out;
}

/** Milliseconds of CPU per request between two snapshots, per subject (a backend born in between counts from zero). */
export function cpuPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, pids] of after) {
    let used = 0;
    for (const [pid, cpu] of pids) used += cpu - (before.get(name)?.get(pid) ?? 0);
    out[name] = Math.round((used * 1000 * 100) / Math.max(1, requests)) / 100;
  }
  return out;
}
