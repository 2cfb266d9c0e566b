// data/china/units.json, the national division list the jurisdiction chooser and the geocoder read:
// its shape and the tree it forms (every county under a prefecture, every prefecture under a province).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Unit = { code: string; name: string; level: 'province' | 'prefecture' | 'county'; parent: string | null };
const units = JSON.parse(readFileSync(new URL('../../data/china/units.json', import.meta.url), 'utf8')) as Unit[];
const byCode = new Map(units.map((u) => [u.code, u]));

describe('data/china/units.json', () => {
  it('lists the mainland: 31 provinces, 342 prefecture-level and 2978 county-level units, codes unique', () => {
    expect(units.filter((u) => u.level === 'province')).toHaveLength(31);
    expect(units.filter((u) => u.level === 'prefecture')).toHaveLength(342);
    expect(units.filter((u) => u.level === 'county')).toHaveLength(2978);
    expect(byCode.size).toBe(units.length);
  });
  it('forms a tree: code lengths 2/4/6, each parent one level up and a prefix of the code', () => {
    const len = { province: 2, prefecture: 4, county: 6 } as const;
    const up = { province: null, prefecture: 'province', county: 'prefecture' } as const;
    for (const u of units) {
      expect(u.code).toMatch(new RegExp(`^\\d{${len[u.level]}}$`));
      expect(u.name.length).toBeGreaterThan(0);
      if (u.level === 'province') expect(u.parent).toBeNull();
      else {
        const parent = byCode.get(u.parent!);
        expect(parent?.level, u.code).toBe(up[u.level]);
        expect(u.code.startsWith(u.parent!)).toBe(true);
      }
    }
  });
  it('holds the four seed jurisdictions under their real names', () => {
    expect(byCode.get('220822')).toEqual({ code: '220822', name: '通榆县', level: 'county', parent: '2208' });
    expect(byCode.get('211221')?.name).toBe('铁岭县');
    expect(byCode.get('211324')?.name).toBe('喀喇沁左翼蒙古族自治县');
    expect(byCode.get('411422')?.name).toBe('睢县');
    expect(byCode.get('4114')?.name).toBe('商丘市');
  });
});

describe('the national outlines (data/china/counties.topo.json.gz)', () => {
  it("derive Tongyu's six neighbours exactly as the full-resolution shared-vertex extraction found them", async () => {
    const { countyOutlineWithNeighbours } = await import('../../server/jurisdiction/national-data.js');
    const full = JSON.parse(readFileSync(new URL('../../data/county/neighbours.geojson', import.meta.url), 'utf8')) as { features: { properties: { code: string } }[] };
    const national = countyOutlineWithNeighbours('220822')!;
    expect(national.outline.name).toBe('通榆县');
    expect(national.neighbours.map((n) => n.code)).toEqual(full.features.map((f) => f.properties.code).sort());
  });
  it('give every county of the four seeds an outline, and none for a development zone', async () => {
    const { countyOutlineWithNeighbours } = await import('../../server/jurisdiction/national-data.js');
    for (const code of ['220822', '211221', '211324', '411422']) expect(countyOutlineWithNeighbours(code)?.outline.geometry.type).toMatch(/Polygon/);
    expect(countyOutlineWithNeighbours('130171')).toBeNull(); // 石家庄高新技术产业开发区
  });
});

describe('an unknown COUNTY', () => {
  it('is refused with a message naming the nearest real codes', async () => {
    const { readRealInputs } = await import('../../server/demo/inputs.js');
    expect(() => readRealInputs('211325')).toThrow(/211325 is not a county-level division code.*Near matches: 211324 喀喇沁左翼蒙古族自治县/);
    expect(() => readRealInputs('999999')).toThrow(/Near matches: 659012 白杨市/);
    // A real code without an outline (a development zone) says so and names neighbours that have one.
    expect(() => readRealInputs('130171')).toThrow(/130171 石家庄高新技术产业开发区 has no outline.*import its outline.*Near matches: 1301/);
  });
});
