// Geocoder for Chinese addresses over the county's own gazetteer (no online service: the product runs
// offline). Traditional characters are read as simplified (OpenCC), on both the gazetteer and the address.
// An address is read left to right: the province / city / county prefix is dropped (an address naming another
// province, prefecture or county is answered as outside: not located here), then at each
// position the longest gazetteer name (full name or suffix-less alias) that is consistent with the units
// already matched is taken — township, village (社区), hamlet (屯), street or road, key site — and a house
// number after a street is kept. When nothing matches exactly, a one-edit typo is tolerated among the names
// the context allows (a township's villages, a village's hamlets), so one wrong character does not drop a
// level. The answer is the point of the finest unit matched, with its level and a confidence; a name shared
// by several units with no context to decide falls back to their common parent and is flagged ambiguous.
// A prefecture-level city (4114 商丘市) has its county-level units one level above the townships: a county
// (睢县, or 睢阳 without its suffix) is a name of the gazetteer like a township, it narrows what follows
// to its own townships ("睢县城关镇" is not 宁陵县's 城关镇), and the head reader leaves it to the gazetteer
// rather than reading it as a unit from elsewhere.
import * as OpenCC from 'opencc-js/t2cn';
import { AdminPrefixReader, type DivisionRef } from './admin-prefix.js';
import { editDistanceAtMost1 } from './edit-distance.js';
import { lineLengthMeters, pointAlong, type LonLat } from '../../shared/geo/geo.js';

export type GeoLevel = 'county' | 'township' | 'village' | 'hamlet' | 'road' | 'site';

export interface GazetteerInput {
  county: { name: string; province: string; city: string; point: LonLat; code?: string };
  /** A prefecture-level jurisdiction's county-level units (its townships' codes start with theirs); none for a
   * county-level jurisdiction. */
  counties?: { code: string; name: string; point: LonLat }[];
  /** The national list of provinces, prefectures and county-level units: addresses naming another one are
   * answered as outside the county (data/china/units.json). Without it only the county's own names are known. */
  divisions?: readonly DivisionRef[];
  townships: { code: string; name: string; point: LonLat }[];
  villages: { code: string; name: string; townshipCode: string; point: LonLat }[];
  /** Hamlets (屯) and other place names, usually a grid's place name; gridCode when one grid holds it. */
  hamlets: { name: string; villageCode: string; townshipCode: string; gridCode: string | null; point: LonLat }[];
  /** Named streets and roads; townshipCode null for a road crossing several townships. */
  roads: { name: string; townshipCode: string | null; line: LonLat[] }[];
  sites: { name: string; villageCode: string | null; townshipCode: string | null; gridCode: string | null; point: LonLat }[];
}

interface Entry {
  level: GeoLevel;
  name: string;
  /** The county-level unit in a prefecture-level jurisdiction (the first 6 digits of the codes); else null. */
  countyCode: string | null;
  townshipCode: string | null;
  villageCode: string | null;
  gridCode: string | null;
  point: LonLat;
  lines?: LonLat[][];
}

interface Match { entries: Entry[]; len: number; alias: boolean; fuzzy: boolean }

/** A reading of an address: located (`ok`, with its point) or not — then the point is null when nothing was
 * recognised, or the county's seat when only the county is (as the answer's schema says: routes/geocode). */
export type GeocodeResult = GeocodeReading & ({ ok: true; lon: number; lat: number } | { ok: false; lon: number | null; lat: number | null });

interface GeocodeReading {
  level: GeoLevel;
  /** 0–1: 1 for an exact, complete, unambiguous match; lowered by typos, skipped text, ambiguity. */
  confidence: number;
  ambiguous: boolean;
  /** The county-level unit of the place: the jurisdiction itself, or in a prefecture-level city one of its
   * counties; null when not located to one. */
  countyCode: string | null;
  townshipCode: string | null;
  villageCode: string | null;
  gridCode: string | null;
  /** What was recognised, by level (names as in the gazetteer). */
  parts: Partial<Record<'province' | 'city' | 'county' | 'township' | 'village' | 'hamlet' | 'road' | 'site' | 'number', string>>;
  /** Text that matched nothing. */
  unmatched: string;
  /** The address names a province, prefecture or county other than the county's own ("不在本辖区"). */
  outside?: boolean;
  /** That unit (the finest named; code null when the name is shared, e.g. 朝阳区 of Beijing and of Changchun). */
  outsideUnit?: { code: string | null; name: string; level: DivisionRef['level'] } | null;
}

const LEVEL_RANK: Record<GeoLevel, number> = { county: 0, township: 1, village: 2, hamlet: 3, road: 3, site: 4 };
const SUFFIXES: Record<Entry['level'], string[]> = {
  county: ['自治县', '县', '区', '市', '旗'],
  township: ['蒙古族乡', '街道办事处', '街道', '镇', '乡'],
  village: ['村民委员会', '居民委员会', '村委会', '居委会', '社区', '村'],
  hamlet: ['屯', '村'],
  road: [],
  site: [],
};

/** Traditional → simplified (OpenCC's t2cn tables); simplified text passes through unchanged. */
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
/** The text read: NFKC (full-width digits, compatibility forms), simplified, without separators. */
export const normaliseAddress = (address: string) => toSimplified(address.normalize('NFKC')).replace(/[\s,，、·\-—]/g, '');

/** Characters that end the name of a province, prefecture or county-level unit. */
const ADMIN_SUFFIX = /[省市县区旗州盟]/;
/** Is the character at i the suffix of a unit of another kind (朝阳区, 兴隆县), so the name before it is not a village? */
const adminSuffixAt = (s: string, i: number) => i < s.length && ADMIN_SUFFIX.test(s[i]) && !(s[i] === '市' && s[i + 1] === '场');

/** Name variants under which an entry is found: the name, and the name without its administrative suffix. */
function aliases(level: Entry['level'], name: string, countyName: string): string[] {
  const out = [name];
  for (const s of SUFFIXES[level]) if (name.endsWith(s) && name.length - s.length >= 2) { out.push(name.slice(0, -s.length)); break; }
  if (level === 'site') for (const p of [countyName, countyName.replace(/[县市区旗]$/, '')]) if (name.startsWith(p) && name.length - p.length >= 2) out.push(name.slice(p.length));
  return out;
}

export class Geocoder {
  private readonly index = new Map<string, { entry: Entry; alias: boolean }[]>();
  /** Names of three or more characters (full and suffix-less), the only ones a typo is tolerated in. */
  private readonly fuzzyNames: { entry: Entry; name: string }[] = [];
  private readonly maxLen: number;
  private readonly head: AdminPrefixReader;

  constructor(private readonly g: GazetteerInput) {
    const countyName = g.county.name;
    // In a prefecture-level city every place is in one of its counties: the first 6 digits of its codes.
    const inCounty = g.counties?.length ? (code: string | null) => code?.slice(0, 6) ?? null : () => null;
    const add = (e: Omit<Entry, 'countyCode'> & { countyCode?: string | null }) => {
      const entry: Entry = { ...e, countyCode: e.countyCode ?? inCounty(e.townshipCode ?? e.villageCode ?? e.gridCode) };
      aliases(e.level, e.name, countyName).map(toSimplified).forEach((a, i) => {
        if (a.length >= 3) this.fuzzyNames.push({ entry, name: a });
        const list = this.index.get(a) ?? [];
        list.push({ entry, alias: i > 0 });
        this.index.set(a, list);
      });
    };
    for (const c of g.counties ?? []) add({ level: 'county', name: c.name, countyCode: c.code, townshipCode: null, villageCode: null, gridCode: null, point: c.point });
    for (const t of g.townships) add({ level: 'township', name: t.name, townshipCode: t.code, villageCode: null, gridCode: null, point: t.point });
    for (const v of g.villages) add({ level: 'village', name: v.name, townshipCode: v.townshipCode, villageCode: v.code, gridCode: null, point: v.point });
    for (const h of g.hamlets) add({ level: 'hamlet', name: h.name, townshipCode: h.townshipCode, villageCode: h.villageCode, gridCode: h.gridCode, point: h.point });
    // One road entry per (name, township): its pieces there; the point is the middle of its longest piece.
    const roads = new Map<string, { name: string; townshipCode: string | null; lines: LonLat[][] }>();
    for (const r of g.roads) {
      if (!r.name || r.line.length < 2) continue;
      const k = `${r.name}|${r.townshipCode ?? ''}`;
      const e = roads.get(k) ?? { name: r.name, townshipCode: r.townshipCode, lines: [] };
      e.lines.push(r.line);
      roads.set(k, e);
    }
    for (const r of roads.values()) {
      const longest = r.lines.reduce((a, b) => (lineLengthMeters(b) > lineLengthMeters(a) ? b : a));
      add({ level: 'road', name: r.name, townshipCode: r.townshipCode, villageCode: null, gridCode: null, point: pointAlong(longest, lineLengthMeters(longest) / 2), lines: r.lines });
    }
    for (const s of g.sites) add({ level: 'site', name: s.name, townshipCode: s.townshipCode, villageCode: s.villageCode, gridCode: s.gridCode, point: s.point });
    this.maxLen = Math.max(...[...this.index.keys()].map((k) => k.length));
    // A prefecture-level jurisdiction is the city of the chain; its counties are read by the gazetteer.
    const chain = g.counties?.length ? { province: g.county.province, city: countyName, county: '' } : { province: g.county.province, city: g.county.city, county: countyName };
    this.head = new AdminPrefixReader(g.divisions ?? [], { ...chain, countyCode: g.county.code });
  }

  geocode(address: string): GeocodeResult {
    const s = normaliseAddress(address);
    const head = this.head.read(s);
    if (head.outside && !this.fullNameAt(s, head.outside.start, head.outside.end - head.outside.start)) {
      const { unit, ambiguous } = head.outside;
      const stop = head.stops[head.stops.length - 1];
      return { ...this.answer([], { ...stop.parts }, 0, s.slice(head.outside.start), null, null), outside: true, outsideUnit: { code: ambiguous ? null : unit.code, name: unit.name, level: unit.level } };
    }
    // The head is read greedily ("通榆…" is the county); a name that itself starts with the county's name
    // (通榆经济开发区) is found by backing off to an earlier stop when the greedy reading finds less.
    // Equally good readings: the one from the earlier stop when a gazetteer name there runs over the next
    // stop (商丘市农场 is a township of 商丘市, not 商丘市 + 农场社区).
    let best: GeocodeResult | null = null;
    const spans = (k: number) => k + 1 < head.stops.length && this.fullNameAt(s, head.stops[k].at, head.stops[k + 1].at - head.stops[k].at);
    for (let k = head.stops.length - 1; k >= 0; k--) {
      const r = this.read(s, head.stops[k].at, { ...head.stops[k].parts });
      if (!best || better(r, best) || (r.ok && r.confidence >= best.confidence && spans(k))) best = r;
      if (best.ok && best.confidence >= 1 && !head.stops.slice(0, k).some((_, j) => spans(j))) break;
    }
    return best!;
  }

  /** Is there a gazetteer name (not an alias) at i longer than len, e.g. a market 吉林市场 over 吉林市? */
  private fullNameAt(s: string, i: number, len: number): boolean {
    for (let l = Math.min(this.maxLen, s.length - i); l > len; l--) if (this.index.get(s.substr(i, l))?.some((x) => !x.alias)) return true;
    return false;
  }

  private read(s: string, start: number, parts: GeocodeResult['parts']): GeocodeResult {
    let i = start;
    let confidence = 1;
    let county: string | null = null; // code, once known (prefecture-level cities)
    let township: string | null = null;
    let village: string | null = null;
    let current: Entry[] = []; // candidates of the finest match so far
    let unmatched = '';
    let atBoundary = true; // fuzzy matching is tried only where a name is expected to start
    const consistent = (e: Entry) =>
      (!county || !e.countyCode || e.countyCode === county) &&
      (!township || !e.townshipCode || e.townshipCode === township) &&
      (!village || e.level === 'road' || e.level === 'township' || !e.villageCode || e.villageCode === village) &&
      (current.length === 0 || LEVEL_RANK[e.level] > LEVEL_RANK[current[0].level] || (current[0].level === 'hamlet' && e.level === 'road') || (current[0].level === 'road' && e.level !== 'road' && e.level !== 'township' && e.level !== 'county'));

    while (i < s.length) {
      // House number right after a road.
      const num = /^(\d+)(号|號)?/.exec(s.slice(i));
      if (num && current[0]?.level === 'road' && !parts.number) { parts.number = num[1]; i += num[0].length; continue; }
      let found = null as Match | null;
      for (let len = Math.min(this.maxLen, s.length - i); len >= 2 && !found; len--) {
        const list = this.index.get(s.substr(i, len))?.filter((x) => consistent(x.entry));
        if (list?.length) {
          // One string, several readings: a full name beats an alias, then the coarsest level wins
          // (addresses are written from the township down: "开通" first is 开通镇, not 开通社区).
          // A name without its suffix followed by another kind's suffix is that unit, not ours: 朝阳区 is
          // not 朝阳村, 兴隆县 not 兴隆村.
          const full = list.filter((x) => !x.alias);
          if (!full.length && adminSuffixAt(s, i + len)) continue;
          const pool = full.length ? full : list;
          const top = Math.min(...pool.map((x) => LEVEL_RANK[x.entry.level]));
          found = { entries: pool.filter((x) => LEVEL_RANK[x.entry.level] === top).map((x) => x.entry), len, alias: !full.length, fuzzy: false };
        }
      }
      // A suffix-less alias may be the head of a longer name with a typo in it ("鸿兴珏区" is 鸿兴社区 with one
      // wrong character, not the alias 鸿兴 followed by noise): a one-edit match two or more characters longer wins.
      const exact = found as Match | null;
      if (exact?.alias && atBoundary) {
        const f = this.fuzzy(s, i, consistent);
        if (f && f.len >= exact.len + 2) found = f;
      }
      // Town streets run across subdistrict lines: a street named after the township of another part of
      // town is still that street. Its pieces are merged and the point taken nearest the township's seat.
      if (!found && township) found = this.roadAnywhere(s, i, township);
      if (!found && atBoundary) found = this.fuzzy(s, i, consistent);
      if (!found) {
        // Text naming another province, city or county before anything of ours matched: not our address.
        if (current.length === 0 && /[省市县区旗州盟]/.test(s[i]) && unmatched.length >= 1) return this.answer([], parts, 0, unmatched + s.slice(i), null, null);
        unmatched += s[i]; i++; atBoundary = false; continue;
      }
      atBoundary = true;
      i += found.len;
      const entries = dedupe(found.entries);
      if (found.fuzzy) confidence -= 0.15;
      // Narrow the context: a unique county / township / village is adopted; a shared name keeps several candidates.
      const cs = new Set(entries.map((e) => e.countyCode).filter(Boolean));
      if (cs.size === 1) county = [...cs][0]!;
      const ts = new Set(entries.map((e) => e.townshipCode).filter(Boolean));
      const vs = new Set(entries.map((e) => e.villageCode).filter(Boolean));
      if (ts.size === 1) township = [...ts][0]!;
      if (vs.size === 1) village = [...vs][0]!;
      const level = entries[0].level;
      parts[level] = entries[0].name;
      if (level === 'village' && current.length && current[0].level === 'road') {
        // A village after a road (e.g. "通科公路附近（泰和社区）"): the road's point nearest the village.
        current = current.map((r) => ({ ...r, point: nearestOnLines(r.lines ?? [[r.point]], entries[0].point), villageCode: entries[0].villageCode }));
        continue;
      }
      if (level === 'road' && current.length && current[0].level === 'village' && entries.length === 1) {
        current = [{ ...entries[0], villageCode: current[0].villageCode, point: nearestOnLines(entries[0].lines ?? [[entries[0].point]], current[0].point) }];
        continue;
      }
      current = entries;
    }
    // Unmatched text costs a little (addresses carry 附近, 对面, 号楼 …), ambiguity a lot.
    confidence -= Math.min(0.3, unmatched.replace(/附近|对面|旁边|门口|[（）()]/g, '').length * 0.03);
    return this.answer(current, parts, confidence, unmatched, township, village, county);
  }

  private roadAnywhere(s: string, i: number, township: string): Match | null {
    for (let len = Math.min(this.maxLen, s.length - i); len >= 2; len--) {
      const roads = this.index.get(s.substr(i, len))?.filter((x) => x.entry.level === 'road').map((x) => x.entry);
      if (!roads?.length) continue;
      const lines = roads.flatMap((r) => r.lines ?? []);
      const seat = this.g.townships.find((t) => t.code === township)?.point ?? roads[0].point;
      const merged: Entry = { ...roads[0], townshipCode: township, lines, point: nearestOnLines(lines, seat) };
      return { entries: [merged], len, alias: false, fuzzy: false };
    }
    return null;
  }

  private fuzzy(s: string, i: number, consistent: (e: Entry) => boolean): Match | null {
    let best = null as Match | null;
    for (const { entry: e, name } of this.fuzzyNames) {
      if (!consistent(e)) continue;
      for (const len of [name.length + 1, name.length, name.length - 1]) {
        if (i + len > s.length) continue;
        const text = s.substr(i, len);
        // A typo never crosses an administrative suffix: 四平市 is a city, not 四平山 with one wrong character.
        if ([...text].some((ch, k) => ADMIN_SUFFIX.test(ch) && name[k] !== ch) || adminSuffixAt(s, i + len)) continue;
        if (editDistanceAtMost1(text, name)) {
          if (!best || len > best.len) best = { entries: [e], len, alias: false, fuzzy: true };
          else if (len === best.len && !best.entries.includes(e)) best.entries.push(e);
          break;
        }
      }
    }
    // Two different names one edit away: no way to tell which was meant.
    if (best && new Set(best.entries.map((e) => e.name)).size > 1) return null;
    return best;
  }

  private answer(current: Entry[], parts: GeocodeResult['parts'], confidence: number, unmatched: string, township: string | null, village: string | null, county: string | null = null): GeocodeResult {
    const base = { parts, unmatched, outside: false, outsideUnit: null };
    // A county-level jurisdiction is its own county; a city's county is the one matched or holding the place.
    const countyOf = (code: string | null) => (this.g.counties?.length ? code : this.g.county.code ?? null);
    if (current.length === 0) {
      return { ...base, ok: false, lon: null, lat: null, level: 'county', confidence: 0, ambiguous: false, countyCode: null, townshipCode: null, villageCode: null, gridCode: null };
    }
    if (current.length === 1) {
      const e = current[0];
      // A city's county alone is located at its seat, but too coarsely for a case (the import wants 0.5).
      const conf = e.level === 'county' ? Math.min(confidence, 0.4) : confidence;
      return { ...base, ok: true, lon: e.point[0], lat: e.point[1], level: e.level, confidence: clamp(conf), ambiguous: false, countyCode: countyOf(e.countyCode ?? county), townshipCode: e.townshipCode ?? township, villageCode: e.villageCode ?? village, gridCode: e.gridCode };
    }
    // Several units share the name: fall back to their common parent.
    const vs = new Set(current.map((e) => e.villageCode));
    const ts = new Set(current.map((e) => e.townshipCode));
    const cs = new Set(current.map((e) => e.countyCode));
    const conf = clamp(Math.min(confidence, 0.4));
    if (vs.size === 1 && current[0].villageCode) {
      const v = this.g.villages.find((x) => x.code === current[0].villageCode)!;
      return { ...base, ok: true, lon: v.point[0], lat: v.point[1], level: 'village', confidence: conf, ambiguous: true, countyCode: countyOf(current[0].countyCode), townshipCode: v.townshipCode, villageCode: v.code, gridCode: null };
    }
    if (ts.size === 1 && current[0].townshipCode) {
      const t = this.g.townships.find((x) => x.code === current[0].townshipCode)!;
      return { ...base, ok: true, lon: t.point[0], lat: t.point[1], level: 'township', confidence: conf, ambiguous: true, countyCode: countyOf(current[0].countyCode), townshipCode: t.code, villageCode: null, gridCode: null };
    }
    const k = cs.size === 1 && current[0].countyCode ? this.g.counties?.find((x) => x.code === current[0].countyCode) : undefined;
    if (k) return { ...base, ok: true, lon: k.point[0], lat: k.point[1], level: 'county', confidence: conf, ambiguous: true, countyCode: k.code, townshipCode: null, villageCode: null, gridCode: null };
    const c = this.g.county.point;
    return { ...base, ok: false, lon: c[0], lat: c[1], level: 'county', confidence: 0.1, ambiguous: true, countyCode: null, townshipCode: null, villageCode: null, gridCode: null };
  }
}

/** Is reading a better than reading b: located over not, then more confident, then finer. */
function better(a: GeocodeResult, b: GeocodeResult): boolean {
  if (a.ok !== b.ok) return a.ok;
  if (a.confidence !== b.confidence) return a.confidence > b.confidence;
  return LEVEL_RANK[a.level] > LEVEL_RANK[b.level];
}

const clamp = (x: number) => Math.max(0.05, Math.min(1, Math.round(x * 100) / 100));

/** Entries that are the same place under two names (a hamlet listed twice in one village) count once. */
function dedupe(entries: Entry[]): Entry[] {
  const seen = new Map<string, Entry>();
  for (const e of entries) seen.set(`${e.level}|${e.name}|${e.villageCode}|${e.townshipCode}`, e);
  return [...seen.values()];
}

/** The vertex of the lines nearest to p (roads are densely noded; a vertex is within a few metres). */
function nearestOnLines(lines: LonLat[][], p: LonLat): LonLat {
  let best: LonLat = lines[0][0], bd = Infinity;
  const k = Math.cos((p[1] * Math.PI) / 180);
  for (const line of lines)
    for (const q of line) {
      const d = ((q[0] - p[0]) * k) ** 2 + (q[1] - p[1]) ** 2;
      if (d < bd) { bd = d; best = q; }
    }
  return best;
}
