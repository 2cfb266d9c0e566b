// The geocoder on a test set of addresses written for the demo county from its own names (independent of
// the geocoder: expected codes and points are read from the tables), in the shapes people write them:
// complete, without suffixes, with one wrong character, with levels left out, streets with numbers, key
// sites, and names shared by several places. Accuracy is reported per shape and must stay high.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { haversineMeters } from '../../server/analysis/geo.js';
import { countyContext, type CountyContext } from '../../server/import/county-context.js';
import { editDistance, editDistanceAtMost1 } from '../../server/analysis/edit-distance.js';
import { openTestCounty } from '../support/test-county.js';
import { Random } from '../../server/demo/random.js';

let db: Database;
let ctx: CountyContext;
interface Case { kind: string; address: string; level: string; township: string; village?: string; point?: [number, number]; ambiguous?: boolean }
const cases: Case[] = [];

const strip = (n: string, sfx: string[]) => { for (const s of sfx) if (n.endsWith(s) && n.length - s.length >= 2) return n.slice(0, -s.length); return n; };

beforeAll(async () => {
  db = await openTestCounty();
  ctx = await countyContext(db);
  const townships = await db.query<{ code: string; name: string }>('SELECT code, name FROM townships ORDER BY code');
  const tName = new Map(townships.map((t) => [t.code, t.name]));
  const villages = await db.query<{ code: string; name: string; township_code: string; centre_lon: number; centre_lat: number }>('SELECT code, name, township_code, centre_lon, centre_lat FROM villages ORDER BY code');
  const villageNameCount = new Map<string, number>();
  for (const v of villages) villageNameCount.set(v.name, (villageNameCount.get(v.name) ?? 0) + 1);
  // Hamlets: settlements (points) named by a residential grid of the same village.
  const hamlets = await db.query<{ name: string; village_code: string; township_code: string; lon: number; lat: number }>(
    `SELECT s.name, s.village_code, s.township_code, s.lon, s.lat FROM settlements s WHERE s.kind = 'hamlet' ORDER BY s.village_code, s.name`);
  const hamletCount = new Map<string, number>();
  for (const h of hamlets) hamletCount.set(h.name, (hamletCount.get(h.name) ?? 0) + 1);
  const allNames = new Set([...townships.map((t) => t.name), ...villages.map((v) => v.name), ...hamlets.map((h) => h.name)]);
  const vByCode = new Map(villages.map((v) => [v.code, v]));
  const r = new Random(6);
  const uniqueHamlets = hamlets.filter((h) => hamletCount.get(h.name) === 1 && villageNameCount.get(vByCode.get(h.village_code)!.name) === 1);
  const pick = <T>(xs: T[], n: number) => r.shuffle([...xs]).slice(0, n);
  const P = '吉林省白城市通榆县';
  for (const h of pick(uniqueHamlets, 60)) {
    const v = vByCode.get(h.village_code)!;
    cases.push({ kind: 'exact', address: `${P}${tName.get(h.township_code)}${v.name}${h.name}`, level: 'hamlet', township: h.township_code, village: v.code, point: [h.lon, h.lat] });
  }
  for (const h of pick(uniqueHamlets, 40)) {
    const v = vByCode.get(h.village_code)!;
    cases.push({ kind: 'suffix-less', address: `通榆${strip(tName.get(h.township_code)!, ['镇', '乡', '街道'])}${strip(v.name, ['社区', '村'])}${strip(h.name, ['屯'])}`, level: 'hamlet', township: h.township_code, village: v.code, point: [h.lon, h.lat] });
  }
  // One wrong character in a village name of 3+ characters (never the suffix), the result not another name.
  for (const v of pick(villages.filter((v) => v.name.length >= 3 && villageNameCount.get(v.name) === 1), 55)) {
    const k = r.int(0, v.name.length - 2);
    const typo = v.name.slice(0, k) + '珏' + v.name.slice(k + 1);
    // A typo one edit away from two names of the township cannot be resolved by anyone: not a fair case.
    const near = villages.filter((w) => w.township_code === v.township_code && editDistance(typo, w.name) <= 1);
    if (allNames.has(typo) || near.length !== 1) continue;
    cases.push({ kind: 'typo', address: `${P}${tName.get(v.township_code)}${typo}`, level: 'village', township: v.township_code, village: v.code, point: [v.centre_lon, v.centre_lat] });
  }
  for (const [i, h] of pick(uniqueHamlets, 40).entries()) {
    const v = vByCode.get(h.village_code)!;
    // Alternate: township left out, village left out.
    const address = i % 2 ? `${v.name}${h.name}` : `${tName.get(h.township_code)}${h.name}`;
    cases.push({ kind: 'missing levels', address, level: 'hamlet', township: h.township_code, village: v.code, point: [h.lon, h.lat] });
  }
  const streets = await db.query<{ name: string; township_code: string }>("SELECT DISTINCT name, township_code FROM roads WHERE class = 'street' ORDER BY name, township_code");
  for (const s of pick(streets, 20)) cases.push({ kind: 'street', address: `${P}${tName.get(s.township_code)}${s.name}${r.int(1, 300)}号`, level: 'road', township: s.township_code });
  const sites = await db.query<{ name: string; township_code: string; lon: number; lat: number }>('SELECT name, township_code, lon, lat FROM key_sites WHERE township_code IS NOT NULL ORDER BY id');
  const siteNameCount = new Map<string, number>();
  for (const s of sites) siteNameCount.set(s.name, (siteNameCount.get(s.name) ?? 0) + 1);
  for (const s of pick(sites.filter((s) => siteNameCount.get(s.name) === 1), 15)) cases.push({ kind: 'site', address: s.name, level: 'site', township: s.township_code, point: [s.lon, s.lat] });
  // A name shared by places in different townships, given alone (a village written without its suffix, a
  // hamlet name): must be flagged ambiguous and never resolved to one village.
  const byAlias = new Map<string, Set<string>>();
  const addAlias = (alias: string, township: string) => { if (alias.length >= 2) byAlias.set(alias, (byAlias.get(alias) ?? new Set()).add(township)); };
  for (const v of villages) addAlias(strip(v.name, ['社区', '村']), v.township_code);
  for (const h of hamlets) addAlias(h.name, h.township_code);
  const townshipAliases = new Set(townships.flatMap((t) => [t.name, strip(t.name, ['镇', '乡', '街道'])]));
  const shared = [...byAlias].filter(([a, ts]) => ts.size > 1 && !townshipAliases.has(a) && !allNames.has(a)).map(([a]) => a);
  for (const alias of pick(shared, 20)) cases.push({ kind: 'ambiguous', address: alias, level: 'county', township: '', ambiguous: true });
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
    expect(new Set(cases.map((c) => c.kind)).size).toBe(7);
  });

  it('finds the right unit at the right level for ≥ 95 % of addresses (per shape ≥ 85 %)', () => {
    const byKind = new Map<string, { n: number; ok: number; fails: string[] }>();
    for (const c of cases) {
      const g = ctx.geocoder.geocode(c.address);
      let ok = g.level === c.level && (c.ambiguous ? g.ambiguous : !g.ambiguous);
      if (c.township) ok &&= g.townshipCode === c.township;
      if (c.village) ok &&= g.villageCode === c.village;
      if (c.point && g.ok) ok &&= haversineMeters([g.lon, g.lat], c.point) < 1;
      if (c.ambiguous) ok &&= g.villageCode === null;
      const k = byKind.get(c.kind) ?? { n: 0, ok: 0, fails: [] };
      k.n++;
      if (ok) k.ok++;
      else k.fails.push(`${c.address} → ${g.level} ${g.townshipCode}/${g.villageCode} amb=${g.ambiguous}`);
      byKind.set(c.kind, k);
    }
    const total = [...byKind.values()].reduce((s, k) => s + k.ok, 0);
    const lines = [...byKind].map(([kind, k]) => `${kind}: ${k.ok}/${k.n} (${((100 * k.ok) / k.n).toFixed(1)} %)`);
    console.log(`geocoder accuracy: ${total}/${cases.length} (${((100 * total) / cases.length).toFixed(1)} %)\n  ${lines.join('\n  ')}`);
    for (const [kind, k] of byKind) if (k.fails.length) console.log(`  ${kind} misses:\n    ${k.fails.slice(0, 5).join('\n    ')}`);
    expect(total / cases.length).toBeGreaterThanOrEqual(0.95);
    for (const k of byKind.values()) expect(k.ok / k.n).toBeGreaterThanOrEqual(0.85);
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
