// The county's own category vocabulary: categories are rows of the jurisdiction (seeded with the eleven),
// filters validate against the table, a category added through POST /api/categories is at once valid in
// filters, listed by /api/meta and usable by an import. An incident file with unfamiliar category and status
// names is refused value by value in the dry run with suggestions by name similarity; mapped, it imports
// (each row's category, status and SLA due date as mapped); the mapping is remembered for the next file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import type { Database } from '../../server/db/database.js';
import { databaseFingerprint } from '../../server/db/fingerprint.js';
import { CATEGORY_INFO, INCIDENT_CATEGORIES } from '../../shared/domain/categories.js';
import { nameSimilarity, suggestCategories } from '../../server/import/value-mapping.js';
import { BUILT_IN } from '../../server/db/categories.js';
import { openSignedInCountyCopy } from '../support/writable-county.js';
import { type Requester } from '../support/session.js';

let db: Database;
let dispose: () => void;
let app: ReturnType<typeof createApp>;
let request: Requester;
beforeAll(async () => {
  ({ db, app, request, dispose } = await openSignedInCountyCopy('admin'));
});
afterAll(() => dispose());

const get = async (url: string) => { const r = await request(url); return { status: r.status, body: (await r.json()) as any }; };
const postJson = async (url: string, body: unknown) => { const r = await request(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }); return { status: r.status, body: (await r.json()) as any }; };
const postCsv = async (query: string, csv: string) => {
  const r = await request(`/api/import/incidents${query}`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv; charset=utf-8' } });
  return { status: r.status, body: (await r.json()) as any };
};

describe('the category table', () => {
  it('is seeded with the eleven, with groups, and /api/meta serves it', async () => {
    const rows = await db.query<{ code: string; name_zh: string; parent_group: string; sla_days: number }>('SELECT code, name_zh, parent_group, sla_days FROM categories ORDER BY sort');
    expect(rows.map((r) => r.code)).toEqual([...INCIDENT_CATEGORIES]);
    expect(rows.map((r) => r.name_zh)).toEqual(INCIDENT_CATEGORIES.map((c) => CATEGORY_INFO[c].zh));
    expect(rows.find((r) => r.code === 'petition')!.parent_group).toBe('petition');
    const meta = await get('/api/meta');
    expect(meta.body.categories.length).toBe(11);
    expect(meta.body.categories[0]).toMatchObject({ id: 'theft', zh: '盗窃', en: 'Theft', color: [214, 39, 40], group: 'criminal', slaDays: 30 });
    expect(meta.body.categoryGroups.map((g: any) => g.zh)).toEqual(['刑事', '治安', '矛盾纠纷', '信访', '公共安全', '民生服务']);
  });

  it('validates filters against the table, and a category added is valid at once', async () => {
    const bad = await get('/api/incidents/summary?categories=theft,e_bike_theft');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/unknown category e_bike_theft; use one of theft, criminal/);
    const refused = await postJson('/api/categories', { zh: '', group: 'nowhere' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/give the Chinese name.*group must be one of criminal/);
    const dup = await postJson('/api/categories', { zh: '盗窃', group: 'criminal' });
    expect(dup.status).toBe(409);
    const added = await postJson('/api/categories', { zh: '电动车被盗', en: 'E-bike theft', group: 'criminal', color: '#008080', slaDays: 20, severity: 3 });
    expect(added.status).toBe(201);
    expect(added.body.category).toMatchObject({ code: 'e_bike_theft', zh: '电动车被盗', color: [0, 128, 128], slaDays: 20, group: 'criminal' });
    const ok = await get('/api/incidents/summary?categories=theft,e_bike_theft');
    expect(ok.status).toBe(200);
    expect(ok.body.byCategory.e_bike_theft).toBe(0);
    expect((await get('/api/meta')).body.categories.map((c: any) => c.id)).toContain('e_bike_theft');
    expect((await get('/api/categories')).body.categories.length).toBe(12);
  });
});

describe('suggestions by name similarity', () => {
  it('ranks the obvious category first for common county wordings', () => {
    const cases: [string, string][] = [['偷盗', 'theft'], ['盗窃案件', 'theft'], ['邻里矛盾纠纷', 'dispute'], ['电信网络诈骗', 'fraud'], ['交通事故（轻微）', 'traffic'], ['火灾事故', 'fire'], ['群众信访', 'petition'], ['治安纠纷', 'public_order']];
    for (const [value, want] of cases) expect(suggestCategories(value, BUILT_IN)[0]?.code, value).toBe(want);
    expect(nameSimilarity('盗窃', '盗窃')).toBe(1);
    expect(suggestCategories('飞碟目击', BUILT_IN)).toEqual([]);
  });
});

describe('an incident file with its own category and status names', () => {
  async function points(n: number) {
    const grids = await db.query<{ code: string; centre_lon: number; centre_lat: number; geojson: string }>('SELECT code, centre_lon, centre_lat, geojson FROM grids ORDER BY hash(code) LIMIT 100');
    return grids.filter((g) => pointInGeometry(g.centre_lon, g.centre_lat, JSON.parse(g.geojson))).slice(0, n);
  }
  const file = (pts: { code: string; centre_lon: number; centre_lat: number }[], prefix: string) => ['编号,事件类型,时间,经度,纬度,描述,办理状态',
    ...pts.map((p, i) => `${prefix}${i},${['邻里矛盾', '电动车盗窃', '偷盗', '噪音扰民'][i % 4]},2026-11-0${1 + (i % 5)} 09:30,${p.centre_lon},${p.centre_lat},事件${i},${['待处理', '已办结', '办理中'][i % 3]}`)].join('\n');

  it('lists each value with its rows, how it maps and suggestions; imports once mapped; remembers the mapping', async () => {
    const pts = await points(12);
    const csv = file(pts, 'CAT-A-');
    const before = await databaseFingerprint(db);
    const dry = await postCsv('?dryRun=true', csv);
    expect(dry.status).toBe(200);
    const byValue = Object.fromEntries(dry.body.values.category.map((v: any) => [v.value, v]));
    expect(byValue['偷盗']).toMatchObject({ rows: 3, mapped: 'theft', by: 'synonym' });
    expect(byValue['邻里矛盾']).toMatchObject({ rows: 3, mapped: null, by: null });
    expect(byValue['邻里矛盾'].suggestions[0].value).toBe('dispute');
    expect(byValue['电动车盗窃'].suggestions.map((s: any) => s.value)).toEqual(expect.arrayContaining(['e_bike_theft', 'theft']));
    expect(byValue['噪音扰民']).toMatchObject({ mapped: null });
    const statuses = Object.fromEntries(dry.body.values.status.map((v: any) => [v.value, v]));
    expect(statuses['待处理']).toMatchObject({ rows: 4, mapped: 'reported', by: 'synonym' });
    expect(statuses['已办结']).toMatchObject({ mapped: 'closed', by: 'vocabulary' });
    expect(statuses['办理中']).toMatchObject({ mapped: 'dispatched' });
    expect(dry.body.rejected.length).toBe(9); // the three unmapped values, 3 rows each
    expect(dry.body.rejected[0].reason).toMatch(/unknown category "邻里矛盾"/);
    expect(dry.body.rejected[0].reasonZh).toMatch(/电动车被盗/); // the table's names, including the one added
    expect(await databaseFingerprint(db)).toBe(before);

    const map = { 邻里矛盾: 'dispute', 电动车盗窃: 'e_bike_theft', 噪音扰民: 'public_order' };
    const q = `?categoryMap=${encodeURIComponent(JSON.stringify(map))}&statusMap=${encodeURIComponent(JSON.stringify({ 办理中: 'accepted' }))}`;
    const done = await postCsv(q, csv);
    expect(done.status, JSON.stringify(done.body.rejected?.slice(0, 2))).toBe(200);
    expect(done.body).toMatchObject({ committed: true, imported: 12 });
    const rows = await db.query<{ external_id: string; category: string; status: string; sla: number }>(
      "SELECT external_id, category, status, date_diff('day', reported_at, due_at)::INT AS sla FROM incidents WHERE external_id LIKE 'CAT-A-%' ORDER BY reported_at, external_id");
    const want = (i: number) => [['dispute', 15], ['e_bike_theft', 20], ['theft', 30], ['public_order', 15]][i % 4];
    for (const r of rows) {
      const i = Number(r.external_id.slice(6));
      expect([r.category, r.sla]).toEqual(want(i));
      expect(r.status).toBe(['reported', 'closed', 'accepted'][i % 3]);
    }
    expect(rows.length).toBe(12);
    // The next file with the same wordings needs no mapping: remembered.
    const next = await postCsv('?dryRun=true', file(pts, 'CAT-B-'));
    expect(next.body.rejected).toEqual([]);
    const remembered = Object.fromEntries(next.body.values.category.map((v: any) => [v.value, v]));
    expect(remembered['邻里矛盾']).toMatchObject({ mapped: 'dispute', by: 'remembered' });
    expect(Object.fromEntries(next.body.values.status.map((v: any) => [v.value, v.mapped]))['办理中']).toBe('accepted');
    // The filter knows the new category's incidents.
    const s = await get('/api/incidents/summary?categories=e_bike_theft');
    expect(s.body.total).toBe(3);
  });
});
