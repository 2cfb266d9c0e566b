// Reading a date-time from an imported file, as UTC milliseconds. One pure function so the jurisdiction's
// own time zone can be passed in (today every caller uses the default, Asia/Shanghai).
//
// Accepted: 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日, each optionally followed (after a space or T) by
// 14:30, 14:30:15, 14:30:15.250, 14时30分15秒; then optionally a zone: Z, UTC, GMT, +08, +0800, +08:00,
// -05:30 (with or without a space before it). Without a zone the wall-clock time is read in `timeZone`.
// Null for anything else, and for times that do not exist (2025-02-30, 24:00, an offset beyond ±14:00).

import { DEFAULT_TIME_ZONE, timeZone as jurisdictionTimeZone } from '../../shared/time/clock.js';

const DATE_TIME = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:(?:\s+|T)(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})(?:[.,](\d{1,9}))?秒?)?分?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

export { DEFAULT_TIME_ZONE };

export function parseTimestamp(text: string, timeZone: string = jurisdictionTimeZone()): number | null {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [Y, M, D, H, MI, S] = m.slice(1, 7).map((x) => Number(x ?? 0));
  if (M < 1 || M > 12 || D < 1 || D > 31 || H > 23 || MI > 59 || S > 59) return null;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  const wall = Date.UTC(Y, M - 1, D, H, MI, S, ms);
  if (new Date(wall).getUTCDate() !== D) return null; // 2 月 30 日
  const zone = m[8]?.toUpperCase();
  if (!zone) return wall - zoneOffsetMs(wall, timeZone);
  if (zone === 'Z' || zone === 'UTC' || zone === 'GMT') return wall;
  const hh = Number(zone.slice(1, 3)), mm = zone.length > 3 ? Number(zone.slice(-2)) : 0;
  if (hh > 14 || mm > 59 || (hh === 14 && mm > 0)) return null;
  return wall - (zone[0] === '-' ? -1 : 1) * (hh * 60 + mm) * 60000;
}

// ---- wall-clock time in a named zone ----

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
const HOUR = 3600000;

/** The zone's offset from UTC (ms) at UTC instant `utc`, cached per zone and hour (offsets change on hours). */
function offsetAt(utc: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(utc / HOUR)}`;
  let o = offsets.get(key);
  if (o === undefined) {
    let f = formatters.get(timeZone);
    if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })));
    const p = Object.fromEntries(f.formatToParts(new Date(Math.floor(utc / 1000) * 1000)).map((x) => [x.type, x.value]));
    o = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(utc / 1000) * 1000;
    if (offsets.size > 100000) offsets.clear();
    offsets.set(key, o);
  }
  return o;
}

/** Offset to subtract from a wall-clock time read as UTC: tried at the guess and re-checked once (a
 * daylight-saving change between them). */
function zoneOffsetMs(wall: number, timeZone: string): number {
  const first = offsetAt(wall, timeZone);
  const second = offsetAt(wall - first, timeZone);
  return second;
}
