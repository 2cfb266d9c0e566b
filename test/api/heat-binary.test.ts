// The heat cells' binary form (shared/geo/heat-columns.ts), what the page asks for: the same cells and counts as
// the JSON form for every zoom band, with and without a viewport and categories; chosen by format or by Accept;
// kept apart from the JSON answer by the answer cache (the same URL with another Accept is another answer); declared
// in the OpenAPI document with both media types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { decodeHeatColumns, encodeHeatColumns, HEAT_BINARY_MEDIA_TYPE } from '../../shared/geo/heat-columns.js';
import { openTestCounty } from '../support/test-county.js';
import { signIn, type Requester } from '../support/session.js';

let db: Database;
let request: Requester;
beforeAll(async () => {
  db = await openTestCounty();
  request = await signIn(createApp(db), 'admin');
});
afterAll(() => db.close());

const binary = async (path: string, init?: RequestInit) => {
  const res = await request(path, init);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(HEAT_BINARY_MEDIA_TYPE);
  return decodeHeatColumns(await res.arrayBuffer());
};

describe('GET /api/incidents/heat in binary columns', () => {
  const windows = ['from=2025-01-01&to=2025-12-31', 'from=2026-03-01&to=2026-03-31&categories=theft,dispute', 'from=2024-06-01&to=2026-11-20&bbox=122.9,44.7,123.3,45.0'];
  for (const zoom of [0, 6, 8, 10, 12, 14, 16])
    it(`holds the JSON form's cells and counts at zoom ${zoom}`, async () => {
      for (const w of windows) {
        const url = `/api/incidents/heat?zoom=${zoom}&${w}`;
        const json = await (await request(`${url}&format=json`)).json();
        const cols = await binary(`${url}&format=binary`);
        expect({ cellDeg: cols.cellDeg, level: cols.level, max: cols.max, total: cols.total, count: cols.count }).toEqual({ cellDeg: json.cellDeg, level: json.level, max: json.max, total: json.total, count: json.points.length });
        // cell by cell: the float32 centre lands in the same cell as the JSON one (within a hundredth of a cell)
        const cell = (lon: number, lat: number) => `${Math.floor(lon / json.cellDeg)},${Math.floor(lat / json.cellDeg)}`;
        const fromJson = new Map<string, number>(json.points.map((p: number[]) => [cell(p[0], p[1]), p[2]]));
        for (let i = 0; i < cols.count; i++) {
          const [lon, lat] = [cols.positions[2 * i], cols.positions[2 * i + 1]];
          const offset = (v: number) => Math.abs(v / json.cellDeg - Math.floor(v / json.cellDeg) - 0.5);
          expect(offset(lon)).toBeLessThan(0.01);
          expect(offset(lat)).toBeLessThan(0.01);
          expect(fromJson.get(cell(lon, lat))).toBe(cols.weights[i]);
        }
        expect(cols.weights.reduce((a, b) => a + b, 0)).toBe(json.total);
      }
    });

  it('is chosen by Accept when no format is named, and kept apart from the JSON answer by the answer cache', async () => {
    const url = '/api/incidents/heat?zoom=10&from=2025-05-01&to=2025-05-31';
    const first = await request(url, { headers: { accept: HEAT_BINARY_MEDIA_TYPE } });
    expect(first.headers.get('content-type')).toBe(HEAT_BINARY_MEDIA_TYPE);
    expect(first.headers.get('vary')).toMatch(/Accept/);
    const cols = decodeHeatColumns(await first.arrayBuffer());
    // the same URL with a JSON Accept (or none) is JSON, not the kept binary answer, and has its own ETag
    const json = await request(url, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await json.json()).total).toBe(cols.total);
    expect(json.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect((await request(url)).headers.get('content-type')).toMatch(/^application\/json/);
    // a repeat is served from memory, and format beats Accept
    const again = await request(url, { headers: { accept: HEAT_BINARY_MEDIA_TYPE } });
    expect(again.headers.get('x-answer-cache')).toBe('hit');
    expect(decodeHeatColumns(await again.arrayBuffer()).total).toBe(cols.total);
    const named = await request(`${url}&format=json`, { headers: { accept: HEAT_BINARY_MEDIA_TYPE } });
    expect(named.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('answers an empty selection with a header and no cells, and refuses an unknown format with a reason', async () => {
    const empty = await binary('/api/incidents/heat?zoom=12&from=2030-01-01&to=2030-01-31&format=binary');
    expect(empty).toMatchObject({ count: 0, total: 0, max: 0 });
    const bad = await request('/api/incidents/heat?format=arrow');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/format must be json or binary/);
  });

  it('is declared with both media types in the OpenAPI document', async () => {
    const doc = await (await request('/api/openapi.json')).json();
    const heat = doc.paths['/api/incidents/heat'].get;
    expect(Object.keys(heat.responses['200'].content).sort()).toEqual(['application/json', HEAT_BINARY_MEDIA_TYPE]);
    expect(heat.parameters.find((p: { name: string }) => p.name === 'format').schema.enum).toEqual(['json', 'binary']);
  });
});

describe('the binary layout', () => {
  it('round-trips, and refuses a body that is not it', () => {
    const cells = { cellDeg: 0.004, level: 3, count: 2, positions: Float32Array.of(123.002, 44.806, 123.006, 44.81), weights: Float32Array.of(5, 7), max: 7, total: 12 };
    const bytes = encodeHeatColumns(cells);
    expect(bytes.byteLength).toBe(32 + 12 * 2);
    expect(decodeHeatColumns(bytes.buffer)).toEqual(cells);
    expect(() => decodeHeatColumns(new ArrayBuffer(8))).toThrow(/shorter than its header/);
    expect(() => decodeHeatColumns(new TextEncoder().encode('{"points":[[1,2,3]],"max":3,"total":3}').buffer as ArrayBuffer)).toThrow(/magic|hold/);
    expect(() => decodeHeatColumns(bytes.buffer.slice(0, 40))).toThrow(/does not hold 2 cells/);
  });
});
