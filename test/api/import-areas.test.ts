// Polygon import (POST /api/import/areas) on a writable copy of the test county. A new grid set derived from the
// county's own grids (two neighbours merged, a few grids dropped, one re-coded) commits, and every incident,
// camera and key site is re-assigned: the stored codes are compared with a brute-force point-in-polygon over
// the file's features (no index), and the reported counts with counts computed here. Broken files (a bowtie,
// an overlapping sibling, a bad parent code, swapped coordinates, an unclosed ring) are 400s with
// feature-level reasons and leave the database's content fingerprint unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { union, featureCollection as turfFc, feature as turfFeature } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { createApp } from '../../server/app.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import type { Database } from '../../server/db/database.js';
import { databaseFingerprint } from '../../server/db/fingerprint.js';
import { openSignedInCountyCopy } from '../support/writable-county.js';
import { type Requester } from '../support/session.js';

let db: Database;
let dispose: () => void;
let app: ReturnType<typeof createApp>;
let request: Requester;
type Grid = { code: string; name: string; village_code: string; leader: string | null; members: number | null; households: number | null; geojson: string };
let grids: Grid[];
/** The outer ring of a grid (its first part when a MultiPolygon). */
const outer = (g: Grid): number[][] => { const x = JSON.parse(g.geojson); return x.type === 'Polygon' ? x.coordinates[0] : x.coordinates[0][0]; };

beforeAll(async () => {
  ({ db, app, request, dispose } = await openSignedInCountyCopy('admin'));
  grids = await db.query<Grid>('SELECT code, name, village_code, leader, members, households, geojson FROM grids ORDER BY code');
});
afterAll(() => dispose());

const post = async (query: string, body: unknown) => {
  const res = await request(`/api/import/areas${query}`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body, null, 1), headers: { 'content-type': 'application/geo+json' } });
  return { status: res.status, body: (await res.json()) as any };
};
const fc = (features: Feature[]) => ({ type: 'FeatureCollection', features });
const gridFeature = (g: Grid, geometry?: Polygon | MultiPolygon, props: Record<string, unknown> = {}): Feature => ({
  type: 'Feature', properties: { 网格编码: g.code, 网格名称: g.name, 网格长: g.leader, ...props }, geometry: geometry ?? JSON.parse(g.geojson),
});

describe('POST /api/import/areas: refusals', () => {
  it('refuses a bowtie, an overlapping sibling, a bad parent, a swapped file and an unclosed ring, by feature, and changes nothing', async () => {
    const before = await databaseFingerprint(db);
    const [a, b, c, d, e] = grids;
    const ring = outer(a);
    const [x0, y0] = ring[0], [x1, y1] = ring[2];
    const bowtie: Polygon = { type: 'Polygon', coordinates: [[[x0, y0], [x1, y1], [x1, y0], [x0, y1], [x0, y0]]] };
    const overlapping = JSON.parse(b.geojson) as Polygon; // c drawn over b: same polygon, different code
    const unclosed: Polygon = { type: 'Polygon', coordinates: [outer(e).slice(0, -1)] };
    const features = [
      gridFeature(a, bowtie),
      gridFeature(b),
      gridFeature(c, overlapping),
      gridFeature(d, undefined, { 网格编码: '220822999001001' }),
      gridFeature(e, unclosed),
      ...grids.slice(5).map((g) => gridFeature(g)),
    ];
    const { status, body } = await post('?level=grid', fc(features));
    expect(status).toBe(400);
    expect(body.error).toMatch(/5 feature\(s\) refused, nothing imported/);
    const reasons = Object.fromEntries(body.rejected.map((r: any) => [r.feature, r.reason]));
    expect(reasons[1]).toMatch(/invalid polygon: polygon's outer ring intersects itself/);
    expect(reasons[2]).toMatch(new RegExp(`overlaps ${c.code} \\(feature 3\\) by [\\d,]+ m² \\(100 % of the smaller\\)`));
    expect(reasons[3]).toMatch(new RegExp(`overlaps ${b.code} \\(feature 2\\)`));
    expect(reasons[4]).toMatch(/parent village 220822999001 is not in the database/);
    expect(reasons[5]).toMatch(/not closed/);
    // The same reasons in Chinese, with the same codes, feature numbers and areas.
    const zh = Object.fromEntries(body.rejected.map((r: any) => [r.feature, r.reasonZh]));
    expect(zh[1]).toMatch(/^多边形自相交：外环在 [\d.]+, [\d.]+ 处与自身相交$/);
    const m2 = reasons[2].match(/by ([\d,]+) m²/)[1];
    expect(zh[2]).toBe(`与同级单元 ${c.code}（要素 3）重叠 ${m2} 平方米（占较小者的 100 %）；允许误差为 500 平方米或较小面积的 1 %`);
    expect(zh[3]).toMatch(new RegExp(`^与同级单元 ${b.code}（要素 2）重叠`));
    expect(zh[4]).toBe('上级编码不存在：数据库中没有村/社区 220822999001（请先导入村/社区）');
    expect(zh[5]).toBe('多边形无效：外环未闭合（首尾坐标点不同）');
    expect(body.errorZh).toMatch(/^5 个要素不合格，未导入任何数据/);
    expect(body.rejected.length).toBe(5);
    // Line numbers: the file is pretty-printed, so feature k starts on a line of its own, in order.
    const lines = body.rejected.map((r: any) => r.line);
    expect(lines.every((l: number, i: number) => i === 0 || l > lines[i - 1])).toBe(true);
    expect(lines[0]).toBe(4); // {, "type", "features": [, then feature 1
    expect(await databaseFingerprint(db)).toBe(before);
  });

  it('detects swapped latitude/longitude, codes not extending the parent, missing codes and duplicates', async () => {
    const before = await databaseFingerprint(db);
    const swap = (g: Grid): Polygon => ({ type: 'Polygon', coordinates: [outer(g).map(([x, y]) => [y, x])] });
    const [a, b, c, d] = grids;
    const { status, body } = await post('?level=grid', fc([
      gridFeature(a, swap(a)),
      gridFeature(b, undefined, { parent: '220822001002' }),
      gridFeature(c, undefined, { 网格编码: '' }),
      gridFeature(d), gridFeature(d),
    ]));
    expect(status).toBe(400);
    expect(body.rejected.map((r: any) => [r.feature, r.reason])).toEqual([
      [1, expect.stringMatching(/latitude and longitude look swapped/)],
      [2, expect.stringMatching(new RegExp(`code ${b.code} does not extend its parent's code 220822001002`))],
      [3, expect.stringMatching(/missing code/)],
      [5, expect.stringMatching(new RegExp(`duplicate code ${d.code} \\(also feature 4\\)`))],
    ]);
    expect(await databaseFingerprint(db)).toBe(before);
  });

  it('refuses files that are not GeoJSON, bad parameters, and a village set that would orphan grids', async () => {
    expect((await post('?level=grid', 'not json')).body.error).toMatch(/not valid JSON/);
    expect((await post('?level=grid', { type: 'FeatureCollection' })).body.error).toMatch(/no "features" array/);
    expect((await post('?level=grid', fc([]))).body.error).toMatch(/no features/);
    const bad = await post('?level=county', fc([]));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/level must be township, village or grid/);
    expect((await post('?level=grid&mapping={"colour":"x"}', fc([]))).body.error).toMatch(/fields among code, name/);
    const villages = await db.query<{ code: string; name: string; geojson: string }>('SELECT code, name, geojson FROM villages ORDER BY code');
    const before = await databaseFingerprint(db);
    const { status, body } = await post('?level=village&dryRun=true', fc(villages.slice(1).map((v) => ({ type: 'Feature', properties: { code: v.code, name: v.name }, geometry: JSON.parse(v.geojson) }))));
    expect(status).toBe(400);
    expect(body.error).toMatch(new RegExp(`grids would lose their village \\(${villages[0].code}\\)`));
    expect(await databaseFingerprint(db)).toBe(before);
  });
});

describe('POST /api/import/areas: a new grid set', () => {
  it('replaces the grids and re-assigns every point, as brute force says; reports progress', async () => {
    // Village 0's first two grids merged into one (the first code), the last 5 grids of the county dropped,
    // one grid re-coded (same polygon, new code within its village).
    const [g0, g1] = grids.filter((g) => g.village_code === grids[0].village_code);
    const merged = union(turfFc([turfFeature(JSON.parse(g0.geojson)), turfFeature(JSON.parse(g1.geojson))]))!.geometry as Polygon | MultiPolygon;
    const dropped = new Set(grids.slice(-5).map((g) => g.code));
    const recoded = grids[100];
    const newCode = recoded.village_code + '901';
    const features: Feature[] = [];
    for (const g of grids) {
      if (g === g1 || dropped.has(g.code)) continue;
      if (g === g0) features.push(gridFeature(g, merged, { 户数: 999 }));
      else if (g === recoded) features.push(gridFeature(g, undefined, { 网格编码: newCode }));
      else features.push(gridFeature(g));
    }
    // Brute force: each point against every feature, no index.
    // The importer stores coordinates at 1e-7° (≈1 cm): the oracle sees the same polygons.
    const round = (g: any): any => (typeof g[0] === 'number' ? g.map((x: number) => Math.round(x * 1e7) / 1e7) : g.map(round));
    const polys = features.map((f) => ({ code: (f.properties as any).网格编码 as string, geometry: { ...(f.geometry as Polygon), coordinates: round((f.geometry as Polygon).coordinates) } as Polygon | MultiPolygon }));
    const expectedGrid = (lon: number, lat: number) => polys.find((p) => pointInGeometry(lon, lat, p.geometry))?.code ?? null;
    const incidentsBefore = await db.query<{ id: number; lon: number; lat: number; grid_code: string }>('SELECT id, lon, lat, grid_code FROM incidents ORDER BY id');
    const camerasBefore = await db.query<{ id: string; lon: number; lat: number; grid_code: string | null }>('SELECT id, lon, lat, grid_code FROM cameras ORDER BY id');
    const expectedInc = incidentsBefore.map((r) => expectedGrid(r.lon, r.lat));
    const expectedCam = camerasBefore.map((r) => expectedGrid(r.lon, r.lat));

    // Caches built before the import (polygon GeoJSON, hotspot study units) must not survive it.
    expect(((await (await request('/api/areas/geometry?level=grid')).json()) as any).features.length).toBe(grids.length);
    const gistarBefore = (await (await request('/api/hotspots/gistar?unit=grid')).json()) as any;
    const res = request('/api/import/areas?level=grid&job=test-job-1', { method: 'POST', body: JSON.stringify(fc(features)), headers: { 'content-type': 'application/json' } });
    // Poll while it runs: the checks yield, so progress is answered mid-import.
    const seen: { stage: string; done: number; total: number }[] = [];
    let finished = false;
    while (!finished) {
      await new Promise((r) => setTimeout(r, 20));
      const p = await request('/api/import/progress/test-job-1');
      if (p.status === 200) { const j = (await p.json()) as any; seen.push(j); finished = j.finished; }
    }
    const { status, body } = { status: (await res).status, body: (await (await res).json()) as any };
    expect(status, JSON.stringify(body.rejected?.slice(0, 3) ?? body.error)).toBe(200);
    expect(seen.some((p) => p.stage === 'checking' && p.done > 0 && p.done < p.total)).toBe(true);
    expect(seen.some((p) => p.stage.startsWith('reassigning') || p.stage === 'writing' || p.stage === 'done')).toBe(true);
    expect(body).toMatchObject({ committed: true, imported: grids.length - 6, replaced: { before: grids.length, after: grids.length - 6, kept: grids.length - 7, removed: 7, added: 1 } });

    const incAfter = await db.query<{ id: number; grid_code: string; village_code: string; township_code: string }>('SELECT id, grid_code, village_code, township_code FROM incidents ORDER BY id');
    let changed = 0, outside = 0, mismatches = 0;
    incAfter.forEach((r, i) => {
      const want = expectedInc[i];
      if ((want ?? '') !== r.grid_code) { mismatches++; console.log('mismatch', incidentsBefore[i], want, r.grid_code); }
      if (want === null) outside++;
      if ((want ?? '') !== incidentsBefore[i].grid_code) changed++;
      if (want) expect(r.village_code + r.township_code).toBe(want.slice(0, 12) + want.slice(0, 9));
    });
    expect(mismatches).toBe(0);
    expect(changed).toBeGreaterThan(0);
    expect(body.reassigned.incidents).toMatchObject({ points: incidentsBefore.length, outsideGrids: outside });
    // Changed unit: grid differs (every other code follows from the grid, except for points outside grids).
    expect(body.reassigned.incidents.changed).toBeGreaterThanOrEqual(changed);
    const camAfter = await db.query<{ id: string; grid_code: string | null }>('SELECT id, grid_code FROM cameras ORDER BY id');
    expect(camAfter.filter((r, i) => r.grid_code !== expectedCam[i]).length).toBe(0);
    expect(body.reassigned.cameras.outsideGrids).toBe(expectedCam.filter((x) => x === null).length);

    // Kept attributes for kept codes, given ones replace them; the APIs serve the new set at once.
    const [m] = await db.query<{ households: number; members: number | null }>('SELECT households, members FROM grids WHERE code = ?', [g0.code]);
    expect(m).toEqual({ households: 999, members: g0.members });
    const geo = (await (await request('/api/areas/geometry?level=grid')).json()) as any;
    expect(geo.features.length).toBe(grids.length - 6);
    expect(geo.features.some((f: any) => f.id === newCode)).toBe(true);
    const gistarAfter = (await (await request('/api/hotspots/gistar?unit=grid')).json()) as any;
    expect(JSON.stringify(gistarAfter)).toContain(newCode);
    expect(JSON.stringify(gistarBefore)).not.toContain(newCode);
    const health = (await (await request('/api/health')).json()) as any;
    expect(health.counts.grids).toBe(grids.length - 6);
    // The geocoder / locator sees the new grids (county context rebuilt).
    const rc = polys.find((p) => p.code === newCode)!;
    const pt = (rc.geometry as Polygon).coordinates[0];
    const inner = incidentsBefore.find((r, i) => expectedInc[i] === newCode);
    if (inner) {
      const rev = (await (await request(`/api/reverse-geocode?lon=${inner.lon}&lat=${inner.lat}`)).json()) as any;
      expect(JSON.stringify(rev)).toContain(newCode);
    } else expect(pt.length).toBeGreaterThan(3);
  });
});

describe('POST /api/import/areas: CRS, other levels, partial', () => {
  it('converts a GCJ-02 village file at the door (dry run: every feature valid, areas as stored)', async () => {
    const { convertPoint } = await import('../../server/analysis/crs.js');
    const { areaM2 } = await import('../../server/analysis/polygon-overlaps.js');
    const villages = await db.query<{ code: string; name: string; geojson: string }>('SELECT code, name, geojson FROM villages ORDER BY code');
    const toGcj = (c: any): any => (typeof c[0] === 'number' ? convertPoint(c[0], c[1], 'wgs84', 'gcj02') : c.map(toGcj));
    const features = villages.map((v) => { const g = JSON.parse(v.geojson); return { type: 'Feature', properties: { 村编码: v.code, 村名称: v.name }, geometry: { ...g, coordinates: toGcj(g.coordinates) } }; });
    const { body } = await post('?level=village&crs=gcj02&dryRun=true', fc(features as Feature[]));
    // The round trip WGS-84 → GCJ-02 → WGS-84 moves vertices by ~1e-7° (1 cm). A village ring that comes within
    // that distance of itself (the demo's villages are unions of grids, with near-pinches where grids meet at a
    // corner) then really crosses itself and is refused, as PostGIS's ST_IsValid would; no other refusal.
    expect(body.rejected.length, JSON.stringify(body.rejected)).toBeLessThanOrEqual(2);
    for (const r of body.rejected) expect(r.reason).toMatch(/intersects itself/);
    expect(body).toMatchObject({ features: villages.length, valid: villages.length - body.rejected.length, committed: false });
    const stored = new Map(villages.map((v) => [v.code, areaM2(JSON.parse(v.geojson)) / 1e6]));
    for (const p of body.preview) expect(Math.abs(p.areaKm2 - stored.get(p.code)!)).toBeLessThan(0.011);
  });

  it('re-imports the townships (same codes): points keep their units', async () => {
    const townships = await db.query<{ code: string; name: string; geojson: string }>('SELECT code, name, geojson FROM townships ORDER BY code');
    const before = await db.query<{ n: number }>('SELECT count(*)::INTEGER n FROM incidents');
    const { status, body } = await post('?level=township', fc(townships.map((t) => ({ type: 'Feature', properties: { code: t.code, name: t.name }, geometry: JSON.parse(t.geojson) }))));
    expect(status, JSON.stringify(body.rejected?.slice(0, 3) ?? body.error)).toBe(200);
    expect(body.reassigned.incidents).toMatchObject({ points: before[0].n, changed: 0 });
    // Dropping one township would orphan its villages: refused as a whole.
    const orphan = await post('?level=township', fc(townships.slice(1).map((t) => ({ type: 'Feature', properties: { code: t.code, name: t.name }, geometry: JSON.parse(t.geojson) }))));
    expect(orphan.status).toBe(400);
    expect(orphan.body.error).toMatch(new RegExp(`villages/grids would lose their township \\(${townships[0].code}\\)`));
  });

  it('with partial=true commits the good features only; points of the refused grid fall outside every grid', async () => {
    const now = await db.query<Grid>('SELECT code, name, village_code, leader, members, households, geojson FROM grids ORDER BY code');
    const victim = now[10];
    const ring = outer(victim);
    const [x0, y0] = ring[0], [x1, y1] = ring[2];
    const bowtie: Polygon = { type: 'Polygon', coordinates: [[[x0, y0], [x1, y1], [x1, y0], [x0, y1], [x0, y0]]] };
    const inVictim = (await db.query<{ n: number }>('SELECT count(*)::INTEGER n FROM incidents WHERE grid_code = ?', [victim.code]))[0].n;
    const { status, body } = await post('?level=grid&partial=true', fc(now.map((g) => gridFeature(g, g === victim ? bowtie : undefined))));
    expect(status).toBe(200);
    expect(body).toMatchObject({ committed: true, imported: now.length - 1, rejected: [expect.objectContaining({ feature: 11, code: victim.code })] });
    expect(body.reassigned.incidents.outsideGrids).toBeGreaterThanOrEqual(inVictim);
    expect((await db.query<{ n: number }>('SELECT count(*)::INTEGER n FROM incidents WHERE grid_code = ?', [victim.code]))[0].n).toBe(0);
    // Their village still comes from the village polygons.
    const [{ n }] = await db.query<{ n: number }>("SELECT count(*)::INTEGER n FROM incidents WHERE grid_code = '' AND village_code = ?", [victim.village_code]);
    expect(n).toBeGreaterThanOrEqual(inVictim > 0 ? 1 : 0);
  });
});
