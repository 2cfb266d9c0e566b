// The administrative head of an address: "吉林省白城市通榆县…", "北京市朝阳区…", "青海西宁市…". Read left to
// right against the national list of provinces, prefectures and county-level units (data/china/units.json):
// the county's own province, prefecture and county are consumed (full or without their suffix, "吉林", "通榆"),
// and the first unit that is not on the county's own chain makes the address one from elsewhere ("不在本辖区"),
// reported with the finest unit it names (吉林省四平市铁西区 → 铁西区 of 四平市). Pure: the list comes in.

import { PLACEHOLDER_DIVISION } from '../../shared/geo/address-prefix.js';

export type DivisionLevel = 'province' | 'prefecture' | 'county';
export interface DivisionRef { code: string; name: string; level: DivisionLevel; parent: string | null }
export type OwnPart = 'province' | 'city' | 'county';

export interface AdminHead {
  /** Positions after each own part consumed, from 0: the reader may back off to any of them. */
  stops: { at: number; parts: Partial<Record<OwnPart, string>> }[];
  /** The finest unit named that is not the county's own, with where its name starts and ends; null when none. */
  outside: { unit: DivisionRef; ambiguous: boolean; start: number; end: number } | null;
}

/** Suffixes a province or prefecture is written without ("青海西宁", "四平铁西区"). */
const SHORT_SUFFIX = /(维吾尔自治区|壮族自治区|回族自治区|自治区|省|市|地区|盟|自治州)$/;

/** The jurisdiction's own names; countyCode is its division code (6 digits, or 4 for a prefecture-level city). */
export interface OwnChain { province: string; city: string; county: string; countyCode?: string }

export class AdminPrefixReader {
  private readonly full = new Map<string, DivisionRef[]>();
  private readonly short = new Map<string, DivisionRef[]>();
  private readonly own = new Map<string, OwnPart>();
  private readonly ownCodes: Set<string>;
  private readonly jurisdictionCode: string | null;
  private readonly maxLen: number;

  constructor(units: readonly DivisionRef[], chain: OwnChain) {
    const put = (m: Map<string, DivisionRef[]>, k: string, u: DivisionRef) => m.set(k, [...(m.get(k) ?? []), u]);
    for (const u of units) {
      if (PLACEHOLDER_DIVISION.test(u.name) || u.name.length < 2) continue;
      put(this.full, u.name, u);
      if (u.level !== 'county') {
        const s = u.name.replace(SHORT_SUFFIX, '');
        if (s.length >= 2 && s !== u.name) put(this.short, s, u);
      }
    }
    const strip = (n: string, re: RegExp) => [n, n.replace(re, '')].filter((x) => x.length >= 2);
    for (const n of strip(chain.province, /(省|自治区|市)$/)) this.own.set(n, 'province');
    for (const n of strip(chain.city, /(市|地区|盟|自治州)$/)) this.own.set(n, 'city');
    for (const n of strip(chain.county, /(县|市|区|旗)$/)) this.own.set(n, 'county');
    const c = chain.countyCode;
    this.jurisdictionCode = c ?? null;
    this.ownCodes = new Set(c ? [c.slice(0, 2), c.slice(0, 4), c.slice(0, 6)] : []);
    this.maxLen = Math.max(2, ...[...this.full.keys(), ...this.own.keys()].map((k) => k.length));
  }

  private isOwn(u: DivisionRef): boolean {
    return this.ownCodes.has(u.code);
  }

  /** A unit inside the jurisdiction (a county of a prefecture-level city): not from elsewhere, and not part of
   * the head either — the geocoder's gazetteer reads it and narrows to its townships. */
  private isBelow(u: DivisionRef): boolean {
    const c = this.jurisdictionCode;
    return !!c && u.code.length > c.length && u.code.startsWith(c);
  }

  private ownCode(part: OwnPart): string | null {
    const len = { province: 2, city: 4, county: 6 }[part];
    return [...this.ownCodes].find((c) => c.length === len) ?? null;
  }

  read(s: string): AdminHead {
    const stops: AdminHead['stops'] = [{ at: 0, parts: {} }];
    let i = 0;
    let parts: Partial<Record<OwnPart, string>> = {};
    let named: string | null = null; // code of the finest unit named so far (own or not)
    let outside: AdminHead['outside'] = null;
    while (i < s.length) {
      const m = this.matchAt(s, i, named, outside !== null);
      if (!m) break;
      if (m.own) {
        parts = { ...parts, [m.own]: s.substr(i, m.len) };
        named = this.ownCode(m.own) ?? named;
        i += m.len;
        stops.push({ at: i, parts });
        continue;
      }
      outside = { unit: m.units[0], ambiguous: m.units.length > 1, start: i, end: i + m.len };
      i += m.len;
      if (m.units.length > 1) break; // 朝阳区 alone: Beijing's or Changchun's — nothing finer can follow
      named = m.units[0].code;
    }
    return { stops, outside };
  }

  /** The longest unit name at i: one of the county's own parts, or units from elsewhere (within `named`). */
  private matchAt(s: string, i: number, named: string | null, afterOutside: boolean): { len: number; own?: OwnPart; units: DivisionRef[] } | null {
    const within = (u: DivisionRef) => !named || u.code.startsWith(named);
    for (let len = Math.min(this.maxLen, s.length - i); len >= 2; len--) {
      const sub = s.substr(i, len);
      const units = this.full.get(sub);
      if (units) {
        const mine = units.find((u) => this.isOwn(u));
        if (mine) return afterOutside ? null : { len, own: mine.level === 'prefecture' ? 'city' : (mine.level as OwnPart), units: [] };
        if (units.some((u) => this.isBelow(u))) return null;
        const inside = units.filter(within);
        if (inside.length) return { len, units: inside };
        if (afterOutside) return null;
        return { len, units };
      }
      const own = this.own.get(sub);
      if (own && !afterOutside) return { len, own, units: [] };
      // A province or prefecture without its suffix counts only when one of its own units follows.
      const heads = this.short.get(sub)?.filter((u) => within(u) && !this.isOwn(u));
      if (heads?.length) {
        const next = this.longestFull(s, i + len, (u) => heads.some((h) => u.code.startsWith(h.code)));
        if (next) return { len, units: heads.filter((h) => next.some((u) => u.code.startsWith(h.code))) };
      }
    }
    return null;
  }

  private longestFull(s: string, i: number, ok: (u: DivisionRef) => boolean): DivisionRef[] | null {
    for (let len = Math.min(this.maxLen, s.length - i); len >= 2; len--) {
      const units = this.full.get(s.substr(i, len))?.filter(ok);
      if (units?.length) return units;
    }
    return null;
  }
}
