// npm run bench:build [-- --10m | --rows=3000000]: builds the benchmark county alone (var/bench/county-<n>k.duckdb,
// kept when it exists), printing each step's time, resident memory and peak resident memory, to measure the
// build's memory curve without running a benchmark after it.
import { BENCH_ROWS, benchCountyFile, machineLine } from './bench-county.js';

const rowsFlag = process.argv.find((a) => a.startsWith('--rows='));
const rows = rowsFlag ? Number(rowsFlag.slice('--rows='.length)) : BENCH_ROWS;
if (!Number.isInteger(rows) || rows <= 0 || rows % 1000) {
  console.error(`--rows needs a whole number of thousands of incidents, got ${rowsFlag}`);
  process.exit(2);
}
console.log(machineLine());
console.log(await benchCountyFile(rows));
