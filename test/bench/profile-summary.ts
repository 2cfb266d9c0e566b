// npx tsx test/bench/profile-summary.ts <file.cpuprofile> [--top 30] [--total name,name…] [--last seconds]
// Where a V8 CPU profile's time went (BENCH_CPU_PROF=<folder> npm run bench:load writes one per server thread):
// self time by function and by file or package, and the total (self + callees) time of named functions.
// --last N: only the profile's last N seconds (a bench stops its server right after its timed part, so the
// start-up's module loading and warming stay out).
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const file = process.argv[2];
const arg = (name: string) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
const top = Number(arg('--top') ?? 30);
const totals = (arg('--total') ?? '').split(',').filter(Boolean);
const lastS = arg('--last') === undefined ? Infinity : Number(arg('--last'));
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfMs = new Map<number, number>();
// sample i was taken at startTime + the deltas up to it (µs)
const at: number[] = [];
p.timeDeltas.reduce((t, d, i) => (at[i] = t + d), p.startTime);
p.samples.forEach((id, i) => { if (p.endTime - at[i] <= lastS * 1e6) selfMs.set(id, (selfMs.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000); });
const all = [...selfMs.values()].reduce((a, b) => a + b, 0);
const where = (u: string) => {
  const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(u);
  if (m) return m[1];
  const s = /\/(server|shared)\/(.*)$/.exec(u);
  return s ? `${s[1]}/${s[2]}` : u ? u.replace(/^.*\//, '') : '(native/vm)';
};
const label = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
const fnSelf = new Map<string, number>();
const fileSelf = new Map<string, number>();
const fnTotal = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const n = byId.get(id)!;
  add(fnSelf, label(n), ms);
  add(fileSelf, n.callFrame.url ? where(n.callFrame.url) : n.callFrame.functionName, ms);
  // total: each named function on the stack once
  const seen = new Set<string>();
  for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
    const f = byId.get(x)!.callFrame.functionName;
    for (const t of totals) if (f === t && !seen.has(t)) (seen.add(t), add(fnTotal, t, ms));
  }
}
const print = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${v.toFixed(0).padStart(8)} ms ${((v / all) * 100).toFixed(1).padStart(5)} %  ${k}`);
};
console.log(`${file}: ${((p.endTime - p.startTime) / 1e6).toFixed(1)} s profiled, ${all.toFixed(0)} ms sampled`);
print('self time by function', fnSelf);
print('self time by file or package', fileSelf);
if (totals.length) print('total time (self + callees)', fnTotal);
