// The geocoder's test set, built from the county's own tables (independent of the geocoder: expected codes
// and points are read from the tables, and for addresses from elsewhere from the national division list), in
// the shapes people write addresses: complete, without suffixes, with one wrong character, with levels left
// out, streets with numbers, key sites, names shared by several places; in traditional characters; names that
// start with the county's own name; and addresses in other provinces, prefectures and counties — bare, with
// a name that is one of ours plus 区/县/市/旗 (朝阳区 vs 朝阳村), or one edit from one of ours (四平市 vs 四平山).
// Shared by the unit test (thresholds) and the bench (accuracy by class).
import * as OpenCC from 'opencc-js/cn2t';
import type { Database } from '../../server/db/database.js';
import { haversineMeters } from '../../shared/geo/geo.js';
import type { GeocodeResult } from '../../server/analysis/geocoder.js';
import { editDistance } from '../../server/analysis/edit-distance.js';
import { divisionUnits } from '../../server/jurisdiction/national-data.js';
import { Random } from '../../server/demo/random.js';

export interface GeocoderCase { kind: string; address: string; level: string; township: string; village?: string; point?: [number, number]; ambiguous?: boolean; outside?: string | null }

const strip = (n: string, sfx: string[]) => { for (const s of sfx) if (n.endsWith(s) && n.length - s.length >= 2) return n.slice(0, -s.length); return n; };

export async function geocoderCases(db: Database): Promise<GeocoderCase[]> {
  const cases: GeocoderCase[] = [];

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

  addNewClasses(cases, { townships, villages, hamlets, r, P });
  return cases;
}

type Names = { townships: { code: string; name: string }[]; villages: { code: string; name: string; township_code: string; centre_lon: number; centre_lat: number }[]; hamlets: { name: string }[]; r: Random; P: string };

/** The classes of issue 14 (items 10, 11): traditional characters, names starting with the county's name, elsewhere. */
function addNewClasses(cases: GeocoderCase[], { townships, villages, hamlets, r, P }: Names): void {
  const pick = <T>(xs: T[], n: number) => r.shuffle([...xs]).slice(0, n);
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' });
  const tName = new Map(townships.map((t) => [t.code, t.name]));
  const villageNameCount = new Map<string, number>();
  for (const v of villages) villageNameCount.set(v.name, (villageNameCount.get(v.name) ?? 0) + 1);
  // Traditional: unique villages written in full, in traditional characters (開通鎮…), where that changes the text.
  for (const v of pick(villages.filter((v) => villageNameCount.get(v.name) === 1), 200)) {
    const address = toTraditional(`${P}${tName.get(v.township_code)}${v.name}`);
    if (address === `${P}${tName.get(v.township_code)}${v.name}`.replace('县', '縣') && !/[鎮鄉區]/.test(address)) continue;
    if (cases.filter((c) => c.kind === 'traditional').length >= 40) break;
    cases.push({ kind: 'traditional', address, level: 'village', township: v.township_code, village: v.code, point: [v.centre_lon, v.centre_lat] });
  }
  // Names that start with the county's own name (通榆经济开发区 and its communities), with and without the head.
  const county = P.slice(P.indexOf('市') + 1); // 通榆县
  const short = county.replace(/[县市区旗]$/, '');
  for (const t of townships.filter((t) => t.name.startsWith(short)))
    for (const a of [t.name, `${county}${t.name}`, `吉林省白城市${t.name}`]) cases.push({ kind: 'county-named', address: a, level: 'township', township: t.code });
  for (const v of villages.filter((v) => v.name.startsWith(short) && villageNameCount.get(v.name) === 1))
    for (const a of [v.name, `${tName.get(v.township_code)}${v.name}`]) cases.push({ kind: 'county-named', address: a, level: 'village', township: v.township_code, village: v.code, point: [v.centre_lon, v.centre_lat] });

  // Elsewhere in China, from the national list (never this county): must answer outside, never a point here.
  const units = divisionUnits().filter((u) => !/直辖|^市辖区$|^县$/.test(u.name));
  const byCode = new Map(units.map((u) => [u.code, u]));
  const own = (u: { code: string }) => ['22', '2208', '220822'].includes(u.code);
  const counties = units.filter((u) => u.level === 'county' && !u.code.startsWith('220822'));
  const chain = (u: { code: string; parent: string | null }) => {
    const pre = u.parent ? byCode.get(u.parent) : undefined;
    const prov = byCode.get(u.code.slice(0, 2));
    return `${prov?.name ?? ''}${pre && pre.level === 'prefecture' ? pre.name : ''}`;
  };
  const nameCount = new Map<string, number>();
  for (const u of units) nameCount.set(u.name, (nameCount.get(u.name) ?? 0) + 1);
  for (const [k, u] of pick(counties, 60).entries()) {
    const street = ['人民路18号', '建设大街3号', '解放路', '中心小学'][k % 4];
    // Full chain, or the county alone (then the code is known only when the name is unique nationally).
    if (k % 2 === 0) cases.push({ kind: 'outside', address: `${chain(u)}${u.name}${street}`, level: 'county', township: '', outside: u.code });
    else cases.push({ kind: 'outside', address: `${u.name}${street}`, level: 'county', township: '', outside: nameCount.get(u.name) === 1 ? u.code : null });
  }
  for (const p of units.filter((u) => u.level === 'province' && !own(u))) cases.push({ kind: 'outside', address: `${p.name}某地`, level: 'county', township: '', outside: p.code });
  // One of our names plus another kind's suffix: 朝阳区 (a national unit) is not 朝阳村.
  const ours = new Set([...townships.map((t) => strip(t.name, ['镇', '乡', '街道'])), ...villages.map((v) => strip(v.name, ['村委会', '居委会', '社区', '村'])), ...hamlets.map((h) => strip(h.name, ['屯']))]);
  for (const u of units.filter((u) => !own(u) && u.name.length >= 3 && ours.has(u.name.slice(0, -1)))) {
    cases.push({ kind: 'outside-suffix', address: `${u.name}胜利街5号`, level: 'county', township: '', outside: nameCount.get(u.name) === 1 ? u.code : null });
    cases.push({ kind: 'outside-suffix', address: `${chain(u)}${u.name}`, level: 'county', township: '', outside: u.code });
  }
  // A unit one edit from one of our names (四平市 ~ 四平山): a typo is never read across an admin suffix.
  const ourNames = [...ours].filter((n) => n.length >= 3);
  for (const u of units.filter((u) => !own(u) && u.name.length >= 3)) {
    if (!ourNames.some((n) => editDistance(n, u.name) <= 1 || editDistance(n, u.name.slice(0, -1)) <= 1)) continue;
    const prov = byCode.get(u.code.slice(0, 2))!;
    cases.push({ kind: 'outside-fuzzy', address: `${u.level === 'province' ? '' : prov.name}${u.name}幸福小区`, level: 'county', township: '', outside: u.code });
  }
}

export interface ClassScore { n: number; ok: number; fails: string[] }

/** Accuracy by class: the right unit at the right level (or "outside" with the right unit), per case kind. */
export function scoreGeocoder(geocode: (a: string) => GeocodeResult, cases: readonly GeocoderCase[]): Map<string, ClassScore> {
  const byKind = new Map<string, ClassScore>();
  for (const c of cases) {
    const g = geocode(c.address);
    let ok: boolean;
    if (c.outside !== undefined) ok = g.outside === true && !g.ok && (c.outside === null || g.outsideUnit?.code === c.outside);
    else {
      ok = g.level === c.level && (c.ambiguous ? g.ambiguous : !g.ambiguous) && !g.outside;
      if (c.township) ok &&= g.townshipCode === c.township;
      if (c.village) ok &&= g.villageCode === c.village;
      if (c.point && g.ok) ok &&= haversineMeters([g.lon, g.lat], c.point) < 1;
      if (c.ambiguous) ok &&= g.villageCode === null;
    }
    const k = byKind.get(c.kind) ?? { n: 0, ok: 0, fails: [] };
    k.n++;
    if (ok) k.ok++;
    else k.fails.push(`${c.address} → ${g.outside ? `outside ${g.outsideUnit?.name} ${g.outsideUnit?.code}` : `${g.level} ${g.townshipCode}/${g.villageCode} amb=${g.ambiguous} conf=${g.confidence}`}`);
    byKind.set(c.kind, k);
  }
  return byKind;
}

export function accuracyLines(byKind: Map<string, ClassScore>): string[] {
  const n = [...byKind.values()].reduce((s, k) => s + k.n, 0), ok = [...byKind.values()].reduce((s, k) => s + k.ok, 0);
  return [`all: ${ok}/${n} (${((100 * ok) / n).toFixed(1)} %)`, ...[...byKind].map(([kind, k]) => `${kind}: ${k.ok}/${k.n} (${((100 * k.ok) / k.n).toFixed(1)} %)`)];
}
