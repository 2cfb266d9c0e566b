// Imported date-times (issue 14 item 3): every common way of writing a zone parses — Z, UTC, +00, +08,
// +0800, +08:00, with or without a space — and a time without one is read in the given zone (Asia/Shanghai
// by default), checked against hand-computed instants; impossible times are null. And the status words
// case systems use (待处理, 处理中, 已办结 …) map to the workflow's steps.
import { describe, expect, it } from 'vitest';
import { parseStatus } from '../../server/import/incident-rows.js';
import { parseTimestamp } from '../../server/import/timestamps.js';

const utc = (...a: [number, number, number, number?, number?, number?, number?]) => Date.UTC(a[0], a[1] - 1, a[2], a[3] ?? 0, a[4] ?? 0, a[5] ?? 0, a[6] ?? 0);

describe('parseTimestamp', () => {
  it('reads every zone form as the same instant', () => {
    const at14 = utc(2025, 3, 1, 14, 30);
    for (const z of ['Z', 'z', ' Z', 'UTC', ' UTC', 'GMT', '+00', '+0000', '+00:00', '-00:00', ' +00:00']) expect(parseTimestamp(`2025-03-01T14:30:00${z}`), z).toBe(at14);
    const at0630 = utc(2025, 3, 1, 6, 30);
    for (const z of ['+08', '+0800', '+08:00', ' +08:00', ' +0800', '']) expect(parseTimestamp(`2025-03-01 14:30:00${z}`), z || '(none)').toBe(at0630);
    expect(parseTimestamp('2025-03-01T14:30:00-05:30')).toBe(utc(2025, 3, 1, 20, 0));
    expect(parseTimestamp('2025-03-01T14:30+05:45')).toBe(utc(2025, 3, 1, 8, 45));
    expect(parseTimestamp('2025-03-01T00:30:00+14:00')).toBe(utc(2025, 2, 28, 10, 30));
  });

  it('keeps fractional seconds and reads the Chinese and slashed forms', () => {
    expect(parseTimestamp('2025-03-01T14:30:00.250Z')).toBe(utc(2025, 3, 1, 14, 30, 0, 250));
    expect(parseTimestamp('2025-03-01T14:30:00.123456Z')).toBe(utc(2025, 3, 1, 14, 30, 0, 123));
    expect(parseTimestamp('2025/3/1 14:30:15')).toBe(utc(2025, 3, 1, 6, 30, 15));
    expect(parseTimestamp('2025.3.1 8:05')).toBe(utc(2025, 3, 1, 0, 5));
    expect(parseTimestamp('2025年3月1日 14时30分')).toBe(utc(2025, 3, 1, 6, 30));
    expect(parseTimestamp('2025年3月1日 14时30分15秒')).toBe(utc(2025, 3, 1, 6, 30, 15));
    expect(parseTimestamp('2025-03-01')).toBe(utc(2025, 2, 28, 16));
    expect(parseTimestamp('  2024-02-29 10:00  ')).toBe(utc(2024, 2, 29, 2));
  });

  it('refuses what is not a real time', () => {
    for (const bad of ['2025-02-29 10:00', '2025-02-30', '2025-13-01', '2025-03-01 24:00', '2025-03-01 10:60', '2025-03-01T10:00+15:00', '2025-03-01T10:00+08:60', '2025-03-01T10:00+8', '2025-03-01T10:00 CST', 'yesterday', '03/01/2025', '', '2025-03-01T'])
      expect(parseTimestamp(bad), bad).toBeNull();
  });

  it('reads a time without a zone in the zone it is given (daylight saving included)', () => {
    expect(parseTimestamp('2025-03-01 14:30', 'UTC')).toBe(utc(2025, 3, 1, 14, 30));
    expect(parseTimestamp('2025-03-01 14:30', 'Asia/Urumqi')).toBe(utc(2025, 3, 1, 8, 30));
    expect(parseTimestamp('2025-01-15 12:00', 'Europe/Berlin')).toBe(utc(2025, 1, 15, 11));
    expect(parseTimestamp('2025-07-15 12:00', 'Europe/Berlin')).toBe(utc(2025, 7, 15, 10));
    expect(parseTimestamp('2025-07-15 12:00+08:00', 'Europe/Berlin')).toBe(utc(2025, 7, 15, 4)); // an explicit zone wins
  });
});

describe('parseStatus', () => {
  it('maps the status words of case systems to the workflow steps', () => {
    const cases: [string, string][] = [
      ['已上报', 'reported'], ['上报', 'reported'], ['待处理', 'reported'], ['待受理', 'reported'], ['未处理', 'reported'], ['已登记', 'reported'], ['reported', 'reported'], ['Pending', 'reported'],
      ['已受理', 'accepted'], ['受理', 'accepted'], ['已签收', 'accepted'], ['accepted', 'accepted'],
      ['已分派', 'dispatched'], ['已派遣', 'dispatched'], ['处理中', 'dispatched'], ['办理中', 'dispatched'], ['已派单', 'dispatched'], ['已转办', 'dispatched'], ['In Progress', 'dispatched'], ['assigned', 'dispatched'],
      ['已处置', 'handled'], ['已处理', 'handled'], ['待审核', 'handled'],
      ['已审核', 'checked'],
      ['已办结', 'closed'], ['办结', 'closed'], ['已结案', 'closed'], ['已化解', 'closed'], ['已完成', 'closed'], ['closed', 'closed'], [' 已 办结 ', 'closed'],
    ];
    for (const [text, status] of cases) expect(parseStatus(text), text).toBe(status);
    for (const bad of ['飞碟', '已', 'maybe']) expect(parseStatus(bad), bad).toBeUndefined();
  });
});
