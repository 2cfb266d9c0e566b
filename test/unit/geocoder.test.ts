// The geocoder on a test set of addresses written for the demo county from its own names (independent of
// the geocoder: expected codes and points are read from the tables), in the shapes people write them:
// complete, without suffixes, with one wrong character, with levels left out, streets with numbers, key
// sites, and names shared by several places; in traditional characters, names that start with the county's
// own name, and addresses elsewhere in China (test/support/geocoder-cases.ts). Accuracy is reported per shape
// and must stay high; the bench (test/bench/geocoder.bench.ts) prints the same figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { countyContext, type CountyContext } from '../../server/import/county-context.js';
import { editDistance, editDistanceAtMost1 } from '../../server/analysis/edit-distance.js';
import { openTestCounty } from '../support/test-county.js';
import { accuracyLines, geocoderCases, scoreGeocoder, type GeocoderCase } from '../support/geocoder-cases.js';

let db: Database;
let ctx: CountyContext;
let cases: GeocoderCase[] = [];

beforeAll(async () => {
  db = await openTestCounty();
  ctx = await countyContext(db);
  cases = await geocoderCases(db);
});
afterAll(() => db.close());

describe('edit distance', () => {
  it('agrees with the full Levenshtein programme on every pair of a small alphabet', () => {
    const words = ['', '村', '永和', '永和村', '水和村', '永和屯', '永村', '和永村', '永和村委'];
    for (const a of words) for (const b of words) expect(editDistanceAtMost1(a, b)).toBe(editDistance(a, b) <= 1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('geocoder test set', () => {
  it('has at least 200 addresses of every shape', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cases.map((c) => c.kind)).size).toBe(12);
  });

  it('finds the right unit at the right level for ≥ 95 % of addresses (per shape ≥ 85 %), and says "outside" for other places', () => {
    const byKind = scoreGeocoder(ctx.geocoder.geocode.bind(ctx.geocoder), cases);
    console.log(`geocoder accuracy:\n  ${accuracyLines(byKind).join('\n  ')}`);
    for (const [kind, k] of byKind) if (k.fails.length) console.log(`  ${kind} misses:\n    ${k.fails.slice(0, 5).join('\n    ')}`);
    const total = [...byKind.values()].reduce((s, k) => s + k.ok, 0);
    expect(total / cases.length).toBeGreaterThanOrEqual(0.95);
    for (const k of byKind.values()) expect(k.ok / k.n).toBeGreaterThanOrEqual(0.85);
    // Places elsewhere are never located here, and traditional characters read as simplified ones.
    for (const kind of ['outside', 'outside-suffix', 'outside-fuzzy', 'traditional', 'county-named']) expect(byKind.get(kind)!.ok / byKind.get(kind)!.n, kind).toBeGreaterThanOrEqual(0.95);
  });

  it('never gives a confident point in the county for an address elsewhere', () => {
    const elsewhere = cases.filter((c) => c.outside !== undefined);
    expect(elsewhere.length).toBeGreaterThan(100);
    const confident = elsewhere.filter((c) => { const g = ctx.geocoder.geocode(c.address); return g.ok && g.confidence >= 0.5; });
    expect(confident.map((c) => c.address)).toEqual([]);
  });

  it('answers the issue\'s examples: 不在本辖区 with the unit named, and the traditional and county-named ones located', () => {
    const g = (a: string) => ctx.geocoder.geocode(a);
    expect(g('北京市朝阳区建国路88号')).toMatchObject({ ok: false, outside: true, outsideUnit: { code: '110105', name: '朝阳区', level: 'county' } });
    expect(g('朝阳区建国路88号')).toMatchObject({ ok: false, outside: true, outsideUnit: { code: null, name: '朝阳区' } });
    expect(g('吉林省四平市铁西区')).toMatchObject({ ok: false, outside: true, outsideUnit: { code: '220302', name: '铁西区' } });
    expect(g('青海省西宁市城中区')).toMatchObject({ outside: true, outsideUnit: { code: '630103' } });
    expect(g('青海西宁市城中区')).toMatchObject({ outside: true, outsideUnit: { code: '630103' } });
    expect(g('吉林省白城市洮北区')).toMatchObject({ outside: true, outsideUnit: { code: '220802' } }); // our prefecture, not our county
    expect(g('開通鎮')).toMatchObject({ ok: true, level: 'township', townshipCode: '220822100', confidence: 1 });
    expect(g('興隆山鎮')).toMatchObject({ ok: true, level: 'township', townshipCode: '220822103', confidence: 1 });
    expect(g('通榆经济开发区')).toMatchObject({ ok: true, level: 'township', townshipCode: '220822400' });
    expect(g('吉林省白城市通榆县开通镇').outside).toBe(false);
    expect(g('朝阳村')).toMatchObject({ ok: true, level: 'village' });
  });

  it('confidence is 1 for complete exact addresses and lower for typos and ambiguity', () => {
    const exact = cases.filter((c) => c.kind === 'exact').map((c) => ctx.geocoder.geocode(c.address).confidence);
    const typo = cases.filter((c) => c.kind === 'typo').map((c) => ctx.geocoder.geocode(c.address).confidence);
    const amb = cases.filter((c) => c.kind === 'ambiguous').map((c) => ctx.geocoder.geocode(c.address).confidence);
    expect(Math.min(...exact)).toBe(1);
    expect(Math.max(...typo)).toBeLessThan(1);
    expect(Math.max(...amb)).toBeLessThanOrEqual(0.4);
  });

  it('says when nothing matches, and does not invent a place', () => {
    for (const a of ['火星基地', '北京市朝阳区建国路88号', 'xyz']) {
      const g = ctx.geocoder.geocode(a);
      expect(g.ok).toBe(false);
    }
    // nothing recognised: no point at all, null as the answer's schema says (it was NaN, typed as a number)
    const none = ctx.geocoder.geocode('xyz');
    expect([none.lon, none.lat]).toEqual([null, null]);
  });

  it('reverse geocodes a hamlet point to its grid, village and township, with a readable address', async () => {
    const hs = await db.query<{ name: string; village_code: string; township_code: string; lon: number; lat: number }>(
      "SELECT name, village_code, township_code, lon, lat FROM settlements WHERE kind = 'hamlet' ORDER BY village_code, name LIMIT 50");
    for (const h of hs) {
      const r = ctx.reverse.reverse(h.lon, h.lat);
      expect(r.inside).toBe(true);
      expect(r.village?.code).toBe(h.village_code);
      expect(r.township?.code).toBe(h.township_code);
      expect(r.grid?.code.startsWith(h.village_code)).toBe(true);
      // The address it writes geocodes back into the same village.
      if (r.hamlet?.name === h.name) expect(ctx.geocoder.geocode(r.address!).villageCode).toBe(h.village_code);
    }
    expect(ctx.reverse.reverse(100, 30).inside).toBe(false);
  });
});
