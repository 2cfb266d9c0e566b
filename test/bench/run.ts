// npm run bench [-- --10m] [api hotspots …]: runs the benchmarks one after another, each in its own process,
// passing every flag (e.g. --10m) to every one of them (an `a && b && c` npm script would hand npm's appended
// arguments to the last command only). Names pick benchmarks; none runs them all. Stops at the first failure.
import { spawnSync } from 'node:child_process';
import { machineLine } from './bench-county.js';

const ALL = ['api', 'hotspots', 'patrol', 'coverage', 'import', 'empty-import', 'reassign', 'cases', 'history-commit', 'jurisdictions', 'geocoder'];
const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !ALL.includes(n));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${ALL.join(', ')}`);
  process.exit(2);
}
for (const name of names.length ? names : ALL) {
  console.log(`\n=== ${name}.bench.ts ${flags.join(' ')} — ${machineLine()}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `test/bench/${name}.bench.ts`, ...flags], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
