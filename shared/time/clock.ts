// The jurisdiction's clock, in one place: every local calendar day, hour of day, weekday and shift is read in
// the jurisdiction's time zone (county.time_zone, default Asia/Shanghai). Times are stored in UTC.
// Chinese time zones have kept one offset since 1991 (no daylight saving), so a fixed offset, taken from the
// zone once, is exact for the data and lets SQL shift with a plain interval (DuckDB needs no time-zone data).
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

let zone = DEFAULT_TIME_ZONE;
let offsetMs = zoneOffsetMs(DEFAULT_TIME_ZONE);

/** The zone's offset from UTC in ms at an instant (Intl: positive east of Greenwich). */
export function zoneOffsetMs(timeZone: string, at = Date.now()): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** Sets the clock from the jurisdiction row (called when a database is opened); an unknown zone is refused. */
export function useTimeZone(timeZone: string | null | undefined): void {
  const tz = timeZone || DEFAULT_TIME_ZONE;
  offsetMs = zoneOffsetMs(tz); // throws RangeError for a name Intl does not know
  zone = tz;
}

export const timeZone = (): string => zone;

let nowSource: () => number = Date.now;
/**
 * The jurisdiction's "now" (UTC epoch ms): the one moment deadlines are judged at — a case is overdue when it is
 * open past its deadline at this moment, in the case list, the map's points, the leaders' KPIs and the
 * supervision view alike, and the escalation job escalates as of it. It is the real time, also for a database
 * of historical cases (the demo, an imported year): a case that was left open in such a file is overdue today,
 * and the escalation job (which runs on this clock) escalates it, so judging the KPIs at the data's last report
 * instead would count fewer overdue cases than the list beside them shows and the job acts on.
 */
export const clockNow = (): number => nowSource();
/** Replaces the clock's source (a test's fake clock); without an argument, back to the real time. */
export function useClockSource(source: () => number = Date.now): void {
  nowSource = source;
}
/** Local time minus UTC, in ms (Asia/Shanghai: 8 h). */
export const localOffsetMs = (): number => offsetMs;
/** The local calendar day (YYYY-MM-DD) of an instant. */
export const localDate = (t: Date | number): string => new Date(+t + offsetMs).toISOString().slice(0, 10);
/** UTC epoch ms of local midnight of a YYYY-MM-DD day. */
export const localMidnight = (date: string): number => Date.parse(`${date}T00:00:00Z`) - offsetMs;
/** A UTC TIMESTAMP column (or expression) shifted to local wall-clock time, for strftime, hour(), isodow(). */
export const sqlLocal = (column: string): string => `(${column} + INTERVAL ${Math.round(offsetMs / 1000)} SECOND)`;
/** The zone as an ISO 8601 offset, e.g. +08:00. */
export const isoOffset = (): string => {
  const m = Math.round(Math.abs(offsetMs) / 60000);
  return `${offsetMs < 0 ? '-' : '+'}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};
