// Building a jurisdiction's database from scratch, for the four seed jurisdictions (通榆县 220822, 铁岭县
// 211221, 喀喇沁左翼蒙古族自治县 211324, 睢县 411422): DEMO=full (the generated demo) and DEMO=none (the
// jurisdiction alone). Each build runs in its own process (npm run generate) so its peak RSS is its own.
// Prints seconds, file size (MB) and peak RSS (MB) per build. `-- --full-only` / `--none-only` pick one kind,
// `--counties=220822,211221` some of the jurisdictions.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineLine } from './bench-county.js';

const ALL_SEEDS = ['220822', '211221', '211324', '411422'];
const picked = process.argv.find((a) => a.startsWith('--counties='))?.slice('--counties='.length).split(',');
const SEEDS = picked ?? ALL_SEEDS;
const kinds = process.argv.includes('--full-only') ? ['full'] : process.argv.includes('--none-only') ? ['none'] : ['full', 'none'];
const dir = mkdtempSync(join(tmpdir(), 'pingan-bench-build-'));
console.log(`jurisdiction builds — ${machineLine()}`);
console.log('county  demo  seconds  file MB  peak RSS MB');
try {
  for (const demo of kinds)
    for (const county of SEEDS) {
      const out = join(dir, `${county}-${demo}.duckdb`);
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/demo/cli.ts', '--county', county, '--demo', demo, '--out', out], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`build of ${county} (${demo}) failed:\n${r.stderr}`);
      const last = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { seconds: number; bytes: number; maxRssMB: number };
      console.log(`${county}  ${demo.padEnd(4)}  ${last.seconds.toFixed(1).padStart(7)}  ${(last.bytes / 1e6).toFixed(1).padStart(7)}  ${last.maxRssMB.toFixed(0).padStart(11)}`);
      rmSync(out, { force: true });
    }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
