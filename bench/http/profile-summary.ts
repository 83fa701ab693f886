/**
 * Self time of a V8 `.cpuprofile` (node --cpu-prof), by function and by package.
 * `node dist/bench/http/profile-summary.js <file.cpuprofile> [top]` prints both tables. Shares
 * are of the busy (non-idle) samples.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

export interface Entry { name: string; where: string; ms: number; share: number }

/** `node_modules/<pkg>` (scoped too), our source folder (`libs/platform/...`), node internals, or V8's own. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const ours = url.match(/dist\/((apps|libs|bench)\/[^/]+(\/src\/[^/]+)?)/);
  return ours ? ours[1] : url;
}

export function summarise(profile: Profile, top = 15): { totalMs: number; idleMs: number; byFunction: Entry[]; byPackage: Entry[]; byOurCaller: Entry[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  // Each sample is charged the time until the next one (timeDeltas[i + 1]).
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  });
  // Shares are of the busy time: while the anchor and the peer are measured the API sits idle.
  let idle = 0;
  for (const [id, us] of selfUs) if (byId.get(id)!.callFrame.functionName === '(idle)') { idle += us; selfUs.delete(id); }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** The innermost frame of our own code (dist/apps, dist/libs) on the sample's stack: who in Workbay asked for the work. */
  const ourCaller = (id: number): ProfileNode | undefined => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur)!;
      if (/\/dist\/(apps|libs)\//.test(n.callFrame.url)) return n;
    }
    return undefined;
  };
  const mine = new Map<string, Entry>();
  const fn = new Map<string, Entry>();
  const pkg = new Map<string, Entry>();
  const add = (m: Map<string, Entry>, key: string, name: string, where: string, us: number) => {
    const e = m.get(key) ?? { name, where, ms: 0, share: 0 };
    e.ms += us / 1000;
    m.set(key, e);
  };
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const name = functionName || '(anonymous)';
    const file = url.replace(/^file:\/\//, '').replace(/^.*?\/(dist|node_modules)\//, '$1/');
    add(fn, `${name}@${url}:${lineNumber}`, name, url ? `${file}:${lineNumber + 1}` : '', us);
    // A native frame (a socket write, a hash) is charged to the package of the JS that called it.
    // Node's own stream and net frames in between are skipped: the package that wrote is the owner.
    let owner = url;
    for (let cur = parent.get(id); !owner && !name.startsWith('(') && cur !== undefined; cur = parent.get(cur)) {
      const u = byId.get(cur)!.callFrame.url;
      if (u && !u.startsWith('node:')) owner = u;
    }
    const p = owner ? packageOf(owner, name) : packageOf(url, name);
    add(pkg, p, p, '', us);
    const caller = ourCaller(id);
    if (caller) {
      const c = caller.callFrame;
      add(mine, `${c.functionName}@${c.url}:${c.lineNumber}`, c.functionName || '(anonymous)', `${c.url.replace(/^.*\/dist\//, '')}:${c.lineNumber + 1}`, us);
    } else add(mine, '(no Workbay frame on the stack)', '(no Workbay frame on the stack)', 'framework, I/O callbacks, GC', us);
  }
  const rank = (m: Map<string, Entry>) =>
    [...m.values()].map((e) => ({ ...e, ms: Math.round(e.ms), share: Number((e.ms / (total / 1000)).toFixed(4)) })).sort((a, b) => b.ms - a.ms).slice(0, top);
  return { totalMs: Math.round(total / 1000), idleMs: Math.round(idle / 1000), byFunction: rank(fn), byPackage: rank(pkg), byOurCaller: rank(mine) };
}

export function printSummary(s: ReturnType<typeof summarise>): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`\nCPU profile: ${s.totalMs} ms busy (${s.idleMs} ms idle left out)\n\n| # | self | function | where |\n|--:|--:|---|---|`);
  s.byFunction.forEach((e, i) => console.log(`| ${i + 1} | ${pct(e.share)} | ${e.name} | ${e.where} |`));
  console.log(`\n| # | self | package / folder |\n|--:|--:|---|`);
  s.byPackage.forEach((e, i) => console.log(`| ${i + 1} | ${pct(e.share)} | ${e.name} |`));
  console.log(`\nself time charged to the innermost Workbay frame on the stack (compiled line)\n\n| # | self | Workbay function | where |\n|--:|--:|---|---|`);
  s.byOurCaller.forEach((e, i) => console.log(`| ${i + 1} | ${pct(e.share)} | ${e.name} | ${e.where} |`));
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  printSummary(summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(top ?? 15)));
}
