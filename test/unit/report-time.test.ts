// The phone page's report time: the jurisdiction's clock (useTimeZone from /api/meta), not the phone's, and the
// YYYY-MM-DD HH:MM form whatever the locale; impossible dates and future times are refused with a reason.
import { afterEach, describe, expect, it } from 'vitest';
import { localMinute, parseReportTime } from '../../client/phone/report-time.js';
import { useTimeZone } from '../../shared/time/clock.js';

afterEach(() => useTimeZone('Asia/Shanghai'));
const at = Date.parse('2026-12-01T02:05:00Z'); // 10:05 in Shanghai, 07:35 in Kolkata

describe('report time on the phone', () => {
  it('shows the jurisdiction’s wall clock', () => {
    useTimeZone('Asia/Shanghai');
    expect(localMinute(at)).toBe('2026-12-01 10:05');
    useTimeZone('Asia/Kolkata');
    expect(localMinute(at)).toBe('2026-12-01 07:35');
  });
  it('reads YYYY-MM-DD HH:MM (or with a T), and refuses other forms, impossible dates and the future', () => {
    useTimeZone('Asia/Shanghai');
    expect(parseReportTime('2026-11-20 14:30', at)).toEqual({ ok: true, value: '2026-11-20 14:30' });
    expect(parseReportTime(' 2026-11-20T14:30 ', at)).toEqual({ ok: true, value: '2026-11-20 14:30' });
    for (const bad of ['11/20/2026 2:30 PM', '2026-11-20', '2026-02-30 10:00', '2026-11-20 24:10', '2026-11-20 10:61', '']) expect(parseReportTime(bad, at).ok, bad).toBe(false);
    expect(parseReportTime('2026-12-01 10:14', at).ok).toBe(true); // within 10 minutes of now (clocks differ a little)
    expect(parseReportTime('2026-12-01 10:30', at)).toMatchObject({ ok: false, error: '发生时间不能晚于现在' });
    useTimeZone('Asia/Kolkata'); // 10:30 there is still in the future at 07:35
    expect(parseReportTime('2026-12-01 07:40', at).ok).toBe(true);
    expect(parseReportTime('2026-12-01 10:30', at).ok).toBe(false);
  });
});
