// A committed import and its audit row are one transaction (auth/audit.ts importCommitAudit): for every import
// kind that writes into a jurisdiction (incidents, cameras, sites, roads, polygons), when the audit row cannot be
// written the import is rolled back and the request fails visibly (500, the error in the server log), the
// data untouched and no row claiming it; when it can, the data and exactly one row are there together. (The
// jurisdiction import passes the same hook; it needs an empty database: test/api/import-jurisdiction.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import type { Requester } from '../support/session.js';
import { openSignedInCountyCopy } from '../support/writable-county.js';

let db: Database;
let admin: Requester;
let dispose: () => void;
let grid: { centre_lon: number; centre_lat: number };
let seat: [number, number];
let townships: unknown;

beforeAll(async () => {
  ({ db, request: admin, dispose } = await openSignedInCountyCopy('admin'));
  [grid] = await db.query<typeof grid>("SELECT centre_lon, centre_lat FROM grids WHERE kind = 'residential' ORDER BY code LIMIT 1");
  const [c] = await db.query<{ seat_lon: number; seat_lat: number }>('SELECT seat_lon, seat_lat FROM county');
  seat = [c.seat_lon, c.seat_lat];
  townships = await (await admin('/api/areas/geometry?level=township')).json();
}, 120_000);
afterAll(() => dispose?.());

const AUDIT_COLUMNS = `id BIGINT PRIMARY KEY DEFAULT nextval('audit_log_id'), logged_at TIMESTAMP NOT NULL, username VARCHAR, role VARCHAR,
  address VARCHAR, action VARCHAR NOT NULL, ok BOOLEAN NOT NULL, detail VARCHAR`;
/** The audit table rebuilt empty, refusing import rows when `refuseImports` (a full disk, a broken file: the row fails). */
async function auditTable(refuseImports: boolean): Promise<void> {
  await db.exec('DROP TABLE audit_log');
  await db.exec(`CREATE TABLE audit_log (${AUDIT_COLUMNS}${refuseImports ? ", CHECK (action NOT IN ('import', 'areas.replace'))" : ''})`);
}
const csv = (body: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'text/csv' }, body });
const geojson = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::INTEGER n FROM ${table}`))[0].n;
/** What the table looks like (a replaced level keeps its count: its content is compared). */
const fingerprint = async (table: string) => (await db.query<{ f: string }>(`SELECT count(*)::VARCHAR || ':' || coalesce(sum(hash(t)), 0)::VARCHAR f FROM ${table} t`))[0].f;
const importRows = async () => (await db.query<{ n: number }>("SELECT count(*)::INTEGER n FROM audit_log WHERE action IN ('import', 'areas.replace')"))[0].n;

/** One import of each kind, with a file that commits, the table it writes and the audit detail it logs. */
const KINDS: { kind: string; table: string; url: string; init: (n: number) => RequestInit; detail: RegExp; action: string }[] = [
  { kind: 'incidents', table: 'incidents', url: '/api/import/incidents', action: 'import', detail: /^incidents: 1 imported, 0 refused$/,
    init: (n) => csv(`编号,类别,时间,经度,纬度,地址,描述\nATX-${n},矛盾纠纷,2025/07/01 09:30,${grid.centre_lon},${grid.centre_lat},地址,a\n`) },
  { kind: 'cameras', table: 'cameras', url: '/api/import/cameras', action: 'import', detail: /^cameras: 1 imported, 0 refused$/,
    init: (n) => csv(`编号,名称,类型,经度,纬度,朝向,视角,监控距离,状态,安装日期\nATX-${n},测试,公共监控,${grid.centre_lon},${grid.centre_lat},90,50,25,在线,2024-01-01\n`) },
  { kind: 'sites', table: 'key_sites', url: '/api/import/sites', action: 'import', detail: /^sites: 1 imported, 0 refused$/,
    init: (n) => csv(`名称,类型,经度,纬度\n原子性试验幼儿园${n},学校,${grid.centre_lon + n * 0.002},${grid.centre_lat}\n`) },
  { kind: 'stations', table: 'police_stations', url: '/api/import/stations', action: 'import', detail: /^stations: 1 imported, 0 refused$/,
    init: (n) => csv(`名称,经度,纬度\n原子性试验派出所${n},${grid.centre_lon + n * 0.002},${grid.centre_lat}\n`) },
  { kind: 'roads', table: 'roads', url: '/api/import/roads', action: 'import', detail: /^roads: 1 imported, 0 refused$/,
    init: (n) => geojson({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 道路名称: `原子路${n}`, 道路等级: '县道' }, geometry: { type: 'LineString', coordinates: [0, 1, 2].map((i) => [seat[0] + 0.01 * n + i * 0.01, seat[1] + i * 0.004]) } }] }) },
  { kind: 'township', table: 'townships', url: '/api/import/areas?level=township', action: 'areas.replace', detail: /^township: \d+ imported, 0 refused$/,
    init: () => geojson(townships) },
];

describe('an import and its audit row commit together', () => {
  it.each(KINDS)('$kind: an audit row that cannot be written rolls the import back; one that can is there with the rows', async (k) => {
    await auditTable(true);
    const before = await fingerprint(k.table);
    const failed = await admin(k.url, k.init(1));
    expect(failed.status, await failed.clone().text()).toBe(500);
    expect(await fingerprint(k.table)).toBe(before);
    expect(await importRows()).toBe(0);

    await auditTable(false);
    const ok = await admin(k.url, k.init(2));
    expect(ok.status, await ok.clone().text()).toBeLessThan(300);
    if (k.kind !== 'township') expect(await count(k.table)).toBeGreaterThan(Number(before.split(':')[0]));
    const rows = await db.query<{ action: string; detail: string; ok: boolean; username: string }>('SELECT action, detail, ok, username FROM audit_log WHERE action = ?', [k.action]);
    expect(rows).toEqual([{ action: k.action, detail: expect.stringMatching(k.detail), ok: true, username: 'admin' }]);
  }, 180_000);
});
