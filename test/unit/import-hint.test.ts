// The hint under the import dialog's file picker names the columns of the chosen table, from the server's own field
// lists: the camera ledger's hint showed the incident columns (类别、时间、地址…, "rows with only an address are
// geocoded") to a clerk bringing a camera Excel. Each name it gives must be one the reader takes as that column.
import { describe, expect, it } from 'vitest';
import { tableHint } from '../../client/views/import/import-i18n.js';
import { CAMERA_FIELDS, IMPORT_FIELDS, SITE_FIELDS } from '../../shared/domain/import-fields.js';
import { parseCameraCsv } from '../../server/import/camera-rows.js';
import type { GeoServices } from '../../server/import/incident-rows.js';

describe('import dialog: the file hint of each table', () => {
  it('lists the columns of the table chosen, in both languages, and speaks of geocoding only for incidents', () => {
    const zh = { incidents: tableHint('zh', 'incidents'), cameras: tableHint('zh', 'cameras'), sites: tableHint('zh', 'sites') };
    expect(zh.cameras).toBe('列名可用中文或英文：编号、名称、类型、经度、纬度、朝向、视角、监控距离、状态、安装日期。');
    expect(zh.sites).toBe('列名可用中文或英文：名称、类型、经度、纬度。');
    expect(zh.incidents).toContain('类别、时间、经度、纬度、地址');
    expect(zh.incidents).toContain('只有地址的行会自动地理编码');
    expect(zh.cameras).not.toContain('地址');
    for (const [target, fields] of [['incidents', IMPORT_FIELDS], ['cameras', CAMERA_FIELDS], ['sites', SITE_FIELDS]] as const) {
      const en = tableHint('en', target);
      for (const f of fields) expect(en, `${target} ${f}`).toContain(f);
    }
    expect(tableHint('en', 'cameras')).not.toMatch(/geocoded|address/);
  });

  it('names camera columns the camera reader takes: a file headed as the hint says imports', () => {
    const header = tableHint('zh', 'cameras').replace(/^.*：|。$/g, '').split('、');
    const csv = `${header.join(',')}\nC1,村口,公共监控,123.7,42.2,90,60,80,在线,2023-05-01\n`;
    const geo: GeoServices = { countyName: '铁岭县', inCounty: () => true, locate: () => undefined, geocode: () => { throw new Error('no geocoding of cameras'); } };
    const out = parseCameraCsv(csv, geo, 'wgs84');
    expect(out.fileError).toBeNull();
    expect(out.rows.map((r) => [r.id, r.name, r.kind, r.bearing, r.fov, r.rangeM, r.status, r.installedOn])).toEqual([['C1', '村口', 'public', 90, 60, 80, 'online', '2023-05-01']]);
  });
});
