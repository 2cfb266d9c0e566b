// Short county names for generated place names (the seat's 县城, trunk roads 通洮公路): the nationalities of an
// autonomous county are dropped whole, never cut in the middle of the county's own name (喀喇沁左翼蒙古族自治县
// gave 喀 before: a greedy "up to six characters then 族" swallowed 喇沁左翼蒙古).
import { describe, expect, it } from 'vitest';
import { divisionUnits } from '../../server/jurisdiction/national-data.js';
import { shortCountyName } from '../../server/demo/place-names.js';

describe('shortCountyName', () => {
  it('drops the kind and the nationalities', () => {
    expect(shortCountyName('喀喇沁左翼蒙古族自治县')).toBe('喀喇沁左翼');
    expect(shortCountyName('长阳土家族自治县')).toBe('长阳');
    expect(shortCountyName('双江拉祜族佤族布朗族傣族自治县')).toBe('双江');
    expect(shortCountyName('鄂温克族自治旗')).toBe('鄂温克');
    expect(shortCountyName('通榆县')).toBe('通榆');
    expect(shortCountyName('睢县')).toBe('睢');
  });

  it('keeps at least two characters of every autonomous county of the national list', () => {
    const autonomous = divisionUnits().filter((u) => u.level === 'county' && /族自治(县|旗)$/.test(u.name));
    expect(autonomous.length).toBeGreaterThan(100);
    for (const u of autonomous) {
      const short = shortCountyName(u.name);
      expect(short.length, `${u.name} → ${short}`).toBeGreaterThanOrEqual(2);
      expect(u.name.startsWith(short), u.name).toBe(true);
      expect(short, u.name).not.toMatch(/族/);
    }
  });
});
