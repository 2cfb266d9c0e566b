// The CSV reader's pieces on hand-computed cases: times (Asia/Shanghai unless zoned), encodings, header
// aliases, line numbers across quoted multi-line fields, and swapped / outside points with a toy county.
import { describe, expect, it } from 'vitest';
import type { GeocodeResult } from '../../server/analysis/geocoder.js';
import { decodeCsv, parseIncidentCsv, parseLocalTime, rejectedCsv } from '../../server/import/incident-rows.js';

const geo = {
  countyName: '测试县',
  // A toy county: the box 123–124 E, 44–45 N, one grid.
  inCounty: (lon: number, lat: number) => lon >= 123 && lon <= 124 && lat >= 44 && lat <= 45,
  locate: (lon: number, lat: number) => (lon >= 123 && lon <= 124 && lat >= 44 && lat <= 45 ? { code: '000000000000001', villageCode: '000000000000', townshipCode: '000000000' } : undefined),
  geocode: (a: string): GeocodeResult => ({ ok: a === '某村', lon: 123.5, lat: 44.5, level: 'village', confidence: 1, ambiguous: false, countyCode: null, townshipCode: null, villageCode: null, gridCode: null, parts: {}, unmatched: '' }),
};

describe('parseLocalTime', () => {
  it('reads Shanghai local times and explicit zones', () => {
    expect(parseLocalTime('2025-03-01 14:30')).toBe(Date.UTC(2025, 2, 1, 6, 30));
    expect(parseLocalTime('2025/3/1 14:30:15')).toBe(Date.UTC(2025, 2, 1, 6, 30, 15));
    expect(parseLocalTime('2025年3月1日 14时30分')).toBe(Date.UTC(2025, 2, 1, 6, 30));
    expect(parseLocalTime('2025-03-01')).toBe(Date.UTC(2025, 1, 28, 16, 0));
    expect(parseLocalTime('2025-03-01T14:30:00Z')).toBe(Date.UTC(2025, 2, 1, 14, 30));
    expect(parseLocalTime('2025-03-01T14:30:00+05:30')).toBe(Date.UTC(2025, 2, 1, 9, 0));
    for (const bad of ['2025-02-29 10:00', '2025-13-01', '2025-03-01 24:00', 'yesterday', '03/01/2025']) expect(parseLocalTime(bad)).toBeNull();
    expect(parseLocalTime('2024-02-29 10:00')).toBe(Date.UTC(2024, 1, 29, 2, 0));
  });
});

describe('decodeCsv', () => {
  it('strips a UTF-8 BOM, names GBK, refuses binary', () => {
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('a');
    expect(() => decodeCsv(new Uint8Array(Buffer.from('b1e0bac5', 'hex')))).toThrow(/GBK/);
    expect(decodeCsv(new Uint8Array(Buffer.from('b1e0bac5', 'hex')), 'gbk')).toBe('编号');
    expect(() => decodeCsv(new Uint8Array([0xff, 0xfd, 0xfc, 0x01]))).toThrow(/not valid UTF-8/);
    expect(() => decodeCsv(new Uint8Array([0xff, 0xfe, 0xfd, 0x00]))).toThrow(/UTF-16/); // a UTF-16 byte-order mark
  });
});

describe('parseIncidentCsv', () => {
  it('maps headers, counts lines across quoted newlines, and reports each refusal with its line', () => {
    const text = [
      'ID,Category,Reported_At,Longitude,Latitude,地址,描述',
      '1,theft,2025-03-01 10:00,123.5,44.5,,"two',
      'lines"',
      '2,盗窃,2025-03-01 10:00,44.5,123.5,,swapped',
      '3,盗窃,2025-03-01 10:00,125.5,44.5,,outside',
      '4,盗窃,2025-03-01 10:00,,,某村,address',
      '5,盗窃,2025-03-01 10:00,,,别处,unknown address',
      '1,盗窃,2025-03-01 10:00,123.5,44.5,,dup',
    ].join('\r\n');
    const out = parseIncidentCsv(text, geo, { crs: 'wgs84' });
    expect(out.fileError).toBeNull();
    expect(out.mapping.map((m) => m.field)).toEqual(['id', 'category', 'reported_at', 'lon', 'lat', 'address', 'title']);
    expect(out.rows.map((r) => [r.line, r.externalId, r.title])).toEqual([[2, '1', 'two\r\nlines'], [6, '4', 'address']]);
    expect(out.rows[1].geocode).toEqual({ level: 'village', confidence: 1 });
    expect(out.rejected.map((r) => [r.line, r.reason.split(/[:;(]/)[0]])).toEqual([
      [4, 'latitude and longitude look swapped'],
      [5, 'point 125.5, 44.5 '],
      [7, 'address "别处" could not be geocoded'],
      [8, 'duplicate id 1 '],
    ]);
    expect(out.rejected[0].raw).toBe('2,盗窃,2025-03-01 10:00,44.5,123.5,,swapped');
    expect(out.rejected.map((r) => r.reasonZh)).toEqual([
      '经纬度疑似颠倒：44.5, 123.5 按 123.5, 44.5 读取时落在测试县内；请互换经度列和纬度列',
      '点 125.5, 44.5（wgs84）超出测试县辖区范围',
      '地址「别处」无法定位',
      '编号 1 重复（首次出现在第 2 行）',
    ]);
    // The download: line, 原因 (Chinese), reason (English), raw row — in that order.
    const csvLines = rejectedCsv(out.rejected).split('\r\n');
    expect(csvLines[0]).toBe('\uFEFFline,原因,reason,raw');
    expect(csvLines[1]).toBe('4,"经纬度疑似颠倒：44.5, 123.5 按 123.5, 44.5 读取时落在测试县内；请互换经度列和纬度列","latitude and longitude look swapped: 44.5, 123.5 read as 123.5, 44.5 falls inside 测试县; swap the 经度 (longitude) and 纬度 (latitude) columns","2,盗窃,2025-03-01 10:00,44.5,123.5,,swapped"');
  });

  it('names missing columns on line 1 and refuses empty files', () => {
    expect(parseIncidentCsv('描述,备注\nx,y\n', geo, { crs: 'wgs84' }).fileError).toMatch(/^Line 1 \(header\): missing column\(s\) 类别\/category; 时间\/reported_at; 经度\/lon \+ 纬度\/lat, or 地址\/address/);
    expect(parseIncidentCsv('', geo, { crs: 'wgs84' }).fileError).toMatch(/empty/);
    expect(parseIncidentCsv('类别,时间,地址\n', geo, { crs: 'wgs84' }).fileError).toMatch(/no rows/);
  });
});

describe('every problem of a row', () => {
  it('names each one: a bad status, a swapped point and a repeated id on one row are three reasons', () => {
    const text = [
      '编号,类别,时间,经度,纬度,地址,描述,状态',
      'A1,盗窃,2025-03-01 10:00,123.5,44.5,,good,已受理',
      'A1,盗窃,2025-03-01 10:00,44.5,123.5,,bad,飞走了',
      'A3,飞碟,2025-02-30 10:00,,,,,',
      'A4,盗窃,2025-03-01 10:00,123.5,44.5,,"' + '长'.repeat(1001) + '",',
      'A5,盗窃,2025-03-02 10:00,,,,,',
    ].join('\n');
    const out = parseIncidentCsv(text, geo, { crs: 'wgs84' });
    expect(out.rows.map((r) => r.line)).toEqual([2]);
    const byLine = Object.fromEntries(out.rejected.map((r) => [r.line, r]));
    expect(byLine[3].reasons.map((r) => r.reason.split(/[:;(]/)[0])).toEqual(['unknown status "飞走了"', 'latitude and longitude look swapped', 'duplicate id A1 ']);
    expect(byLine[3].reasons.map((r) => r.reasonZh)).toEqual([
      expect.stringMatching(/^未知状态「飞走了」/), expect.stringMatching(/^经纬度疑似颠倒/), '编号 A1 重复（首次出现在第 2 行）',
    ]);
    // The one-sentence forms join them, for readers of `reason`.
    expect(byLine[3].reason).toBe(byLine[3].reasons.map((r) => r.reason).join('; '));
    expect(byLine[3].reasonZh).toBe(byLine[3].reasons.map((r) => r.reasonZh).join('；'));
    expect(byLine[4].reasons.map((r) => r.reason)).toEqual([expect.stringMatching(/^unknown category "飞碟"/), expect.stringMatching(/^time "2025-02-30 10:00" is not a date-time/), 'no location: give 经度/纬度 (lon/lat) or 地址 (address)']);
    expect(byLine[5].reasons.map((r) => r.reason)).toEqual(['title has 1001 characters; at most 1000 are kept — shorten it']);
    expect(byLine[6].reasons.map((r) => r.reason)).toEqual(['no location: give 经度/纬度 (lon/lat) or 地址 (address)']);
    // The download joins them too: line, 原因, reason, raw.
    const row3 = rejectedCsv(out.rejected).split('\r\n')[1];
    expect(row3.startsWith(`3,"${byLine[3].reasonZh}","${byLine[3].reason.replace(/"/g, '""')}",`)).toBe(true);
  });

  it('a row with too many fields is refused for that alone (its cells are misaligned)', () => {
    const out = parseIncidentCsv('类别,时间,经度,纬度\n飞碟,2025-02-30,1,2,3\n', geo, { crs: 'wgs84' });
    expect(out.rejected[0].reasons).toHaveLength(1);
    expect(out.rejected[0].reason).toMatch(/expected 4 fields, found 5/);
  });
});
