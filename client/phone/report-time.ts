// The phone page's report time, on the jurisdiction's one clock (shared/time/clock.ts, set from
// /api/meta's time zone at boot) whatever the phone's own zone, and written YYYY-MM-DD HH:MM whatever its locale.
import { localOffsetMs } from '../../shared/time/clock';

/** "YYYY-MM-DD HH:MM" wall-clock time in the jurisdiction's zone (the one clock, set from /api/meta at boot). */
export const localMinute = (ms: number) => new Date(ms + localOffsetMs()).toISOString().slice(0, 16).replace('T', ' ');

/** The report time typed by the member, or an error. A text field, not datetime-local: that one shows the
 * browser locale's format (12/01/2026, 下午) and the page must read YYYY-MM-DD HH:MM everywhere. */
const ERRORS = {
  zh: { form: '发生时间请写成 年-月-日 时:分，如 2026-11-20 14:30', invalid: '发生时间不是有效的日期时间', future: '发生时间不能晚于现在' },
  en: { form: 'Write the time as YYYY-MM-DD HH:MM, e.g. 2026-11-20 14:30', invalid: 'Not a real date and time', future: 'The time cannot be later than now' },
};

export function parseReportTime(text: string, now = Date.now(), lang: 'zh' | 'en' = 'zh'): { ok: true; value: string } | { ok: false; error: string } {
  const say = ERRORS[lang];
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return { ok: false, error: say.form };
  const [, y, mo, d, h, mi] = m.map(Number);
  const utc = Date.UTC(y, mo - 1, d, h, mi) - localOffsetMs();
  const back = new Date(utc + localOffsetMs());
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) return { ok: false, error: say.invalid };
  if (utc > now + 600_000) return { ok: false, error: say.future };
  return { ok: true, value: `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}` };
}
