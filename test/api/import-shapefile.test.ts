// Grid polygons as a county sends them: a zipped Shapefile in CGCS2000 3-degree Gauss-Krüger, attributes in
// GBK with no .cpg. The file is built here from the test county's own grids (projected by proj4: the
// projection itself is checked against PROJ's cs2cs in test/unit/epsg.test.ts), imported through
// POST /api/import/areas, and the stored polygons and every incident's grid are checked by brute force.
// Then what the dry run says about files without a .prj (the CRS guessed from the positions, to confirm), a
// wrong CRS chosen by hand, a GeoJSON that names its projected CRS, and broken zips.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { createApp } from '../../server/app.js';
import { fromWgs84 } from '../../server/analysis/epsg.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import type { Database } from '../../server/db/database.js';
import { databaseFingerprint } from '../../server/db/fingerprint.js';
import { openSignedInCountyCopy } from '../support/writable-county.js';
import { zipShapefile } from '../support/shapefile-writer.js';
import { type Requester } from '../support/session.js';

const prjs = JSON.parse(readFileSync(new URL('../fixtures/crs/esri-prj.json', import.meta.url), 'utf8')) as Record<string, string>;

let db: Database;
let dispose: () => void;
let app: ReturnType<typeof createApp>;
let request: Requester;
type Grid = { code: string; name: string; geojson: string };
let grids: Grid[];

beforeAll(async () => {
  ({ db, app, request, dispose } = await openSignedInCountyCopy('admin'));
  grids = await db.query<Grid>('SELECT code, name, geojson FROM grids ORDER BY code');
});
afterAll(() => dispose());

type Geom = Polygon | MultiPolygon;
const mapGeom = (g: Geom, fn: (p: number[]) => number[]): Geom =>
  g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(fn)) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(fn))) };
const positions = (g: Geom): number[][] => (g.type === 'Polygon' ? g.coordinates.flat() : g.coordinates.flat(2));

/** The county's grids in EPSG:`code`, with Chinese attribute names (a DBF field name has 10 bytes: in UTF-8
 * that is 3 Chinese characters, so UTF-8 files get Latin names) and values. */
function projectedGrids(code: number, names: [string, string] = ['网格编码', '网格名称']): FeatureCollection<Geom> {
  return {
    type: 'FeatureCollection',
    features: grids.map((g): Feature<Geom> => ({ type: 'Feature', properties: { [names[0]]: g.code, [names[1]]: g.name }, geometry: mapGeom(JSON.parse(g.geojson), ([x, y]) => fromWgs84(code, x, y)) })),
  };
}

const post = async (query: string, body: Uint8Array | string) => {
  const form = new FormData();
  form.append('file', new Blob([body as BlobPart]), typeof body === 'string' ? 'grids.geojson' : 'grids.zip');
  const res = await request(`/api/import/areas${query}`, { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as any };
};

describe('POST /api/import/areas with a zipped Shapefile', () => {
  it('reads a GBK Shapefile in CGCS2000 3° Gauss-Krüger zone 41 (no .cpg), says so in the dry run, and imports it where brute force puts it', async () => {
    const zip = await zipShapefile(projectedGrids(4529), { name: '网格', prj: prjs['4529'], encoding: 'gbk' });
    const before = await databaseFingerprint(db);
    const dry = await post('?level=grid&dryRun=true', zip);
    expect(dry.status, JSON.stringify(dry.body.rejected?.slice(0, 2) ?? dry.body.error)).toBe(200);
    expect(dry.body.source).toMatchObject({
      format: 'shapefile',
      shapefile: { layer: '网格.shp', encoding: 'gbk', encodingSource: 'detected', otherLayers: [] },
      crs: { id: 'epsg:4529', source: 'prj', declared: 'CGCS2000_3_Degree_GK_Zone_41', confirm: false, insideShare: 1, note: null },
    });
    expect(dry.body.source.crs.name).toBe('EPSG:4529 CGCS2000 / 3-degree Gauss-Kruger zone 41');
    expect(dry.body.properties).toEqual(['网格编码', '网格名称']);
    expect(dry.body.rejected).toEqual([]);
    expect(dry.body.valid).toBe(grids.length);
    expect(dry.body.preview.slice(0, 20).map((p: any) => [p.code, p.name])).toEqual(grids.slice(0, 20).map((g) => [g.code, g.name]));
    expect(await databaseFingerprint(db)).toBe(before);

    const { status, body } = await post('?level=grid', zip);
    expect(status, JSON.stringify(body.rejected?.slice(0, 2) ?? body.error)).toBe(200);
    expect(body).toMatchObject({ committed: true, imported: grids.length, replaced: { kept: grids.length, added: 0, removed: 0 } });
    // Stored polygons: the originals to within the storage precision and the projection's round trip.
    const stored = await db.query<Grid>('SELECT code, name, geojson FROM grids ORDER BY code');
    expect(stored.map((g) => [g.code, g.name])).toEqual(grids.map((g) => [g.code, g.name]));
    // (Shapefile rings run clockwise, GeoJSON's anticlockwise: each position is matched to the nearest one of
    // the same grid, both ways.)
    const nearest = (p: number[], qs: number[][]) => Math.min(...qs.map((q) => Math.max(Math.abs(p[0] - q[0]), Math.abs(p[1] - q[1]))));
    let worst = 0;
    stored.forEach((g, i) => {
      const a = positions(JSON.parse(g.geojson)), b = positions(JSON.parse(grids[i].geojson));
      expect(a.length).toBe(b.length);
      for (const p of a) worst = Math.max(worst, nearest(p, b));
      for (const p of b) worst = Math.max(worst, nearest(p, a));
    });
    expect(worst).toBeLessThan(2e-7); // ≈ 2 cm
    // Every incident in the grid that contains it, by brute force over the stored polygons.
    const polys = stored.map((g) => ({ code: g.code, geometry: JSON.parse(g.geojson) as Geom }));
    const incidents = await db.query<{ lon: number; lat: number; grid_code: string | null }>('SELECT lon, lat, grid_code FROM incidents USING SAMPLE 3000 ROWS');
    const wrong = incidents.filter((r) => (polys.find((p) => pointInGeometry(r.lon, r.lat, p.geometry))?.code ?? null) !== (r.grid_code || null));
    expect(wrong.length).toBe(0);
  });

  it('with no .prj, guesses the system from the positions and asks to confirm: zone-prefixed and bare eastings', async () => {
    const prefixed = await post('?level=grid&dryRun=true', await zipShapefile(projectedGrids(4529), { prj: null, encoding: 'gbk' }));
    expect(prefixed.body.source.crs).toMatchObject({ id: 'epsg:4529', source: 'coordinates', confirm: true, insideShare: 1, declared: null });
    expect(prefixed.body.rejected).toEqual([]);
    const bare = await post('?level=grid&dryRun=true', await zipShapefile(projectedGrids(4550), { prj: null, encoding: 'gbk' }));
    expect(bare.body.source.crs).toMatchObject({ id: 'epsg:4550', source: 'coordinates', confirm: true, insideShare: 1 });
    // The 6° system with the same central meridian is offered as an equally good alternative.
    expect(bare.body.source.crs.alternatives.map((a: any) => a.id)).toContain('epsg:4510');
    expect(bare.body.valid).toBe(grids.length);
  });

  it('reads a UTF-8 file by its .cpg; a CRS chosen by hand wins, and a wrong one shows as nothing inside', async () => {
    const zip = await zipShapefile(projectedGrids(4490, ['CODE', 'NAME']), { prj: prjs['4490'], encoding: 'utf-8', cpg: 'UTF-8' });
    const dry = await post('?level=grid&dryRun=true', zip);
    expect(dry.body.rejected.slice(0, 2)).toEqual([]);
    expect(dry.body.source.shapefile).toMatchObject({ encoding: 'utf-8', encodingSource: 'cpg' });
    expect(dry.body.source.crs).toMatchObject({ id: 'epsg:4490', source: 'prj', insideShare: 1 });
    expect(dry.body.preview[0].name).toBe(grids[0].name);
    const gk = await zipShapefile(projectedGrids(4529), { prj: prjs['4529'], encoding: 'gbk' });
    const wrong = await post('?level=grid&dryRun=true&crs=epsg:4550', gk);
    expect(wrong.body.source.crs).toMatchObject({ id: 'epsg:4550', source: 'parameter', insideShare: 0, declared: 'CGCS2000_3_Degree_GK_Zone_41' });
    expect(wrong.body.valid).toBe(0);
    expect(wrong.body.rejected.length).toBe(grids.length);
    // GBK chosen by hand for a file whose bytes are GBK: the same names.
    const asked = await post('?level=grid&dryRun=true&encoding=gbk', gk);
    expect(asked.body.source.shapefile).toMatchObject({ encoding: 'gbk', encodingSource: 'parameter' });
    expect(asked.body.preview[0].name).toBe(grids[0].name);
  });

  it('converts a GeoJSON that names its projected CRS, and refuses unknown systems and broken zips with reasons', async () => {
    const fc = { ...projectedGrids(4529), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4529' } } };
    const gj = await post('?level=grid&dryRun=true', JSON.stringify(fc));
    expect(gj.body.source).toMatchObject({ format: 'geojson', crs: { id: 'epsg:4529', source: 'geojson' } });
    expect(gj.body.valid).toBe(grids.length);
    const unknown = await post('?level=grid&dryRun=true', JSON.stringify({ ...fc, crs: { type: 'name', properties: { name: 'EPSG:3857' } } }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatch(/could not be recognised \(EPSG:3857\)/);
    expect(unknown.body.errorZh).toMatch(/无法识别坐标系/);
    const badParam = await post('?level=grid&dryRun=true&crs=epsg:9999', JSON.stringify(fc));
    expect(badParam.status).toBe(400);
    expect(badParam.body.error).toMatch(/crs must be wgs84, gcj02, bd09 or epsg:NNNN/);
    const { zipSync } = await import('fflate');
    const noShp = await post('?level=grid', zipSync({ 'readme.txt': new TextEncoder().encode('hi') }));
    expect(noShp.status).toBe(400);
    expect(noShp.body.error).toMatch(/no \.shp file/);
    const broken = await post('?level=grid', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]));
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatch(/could not be opened/);
  });
});
