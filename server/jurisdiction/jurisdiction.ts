// The jurisdiction row (table county), read in one place: its code and names, the names above it, its time
// zone, seat and extent, and what the database holds so far (an empty jurisdiction says so).
import type { Database } from '../db/database.js';
import { DEFAULT_TIME_ZONE, useTimeZone } from '../../shared/time/clock.js';
import { divisionUnit } from './national-data.js';

export interface Jurisdiction {
  code: string;
  name: string;
  /** `county` (6-digit code) or `prefecture` (4-digit code: its county-level units are one level above townships). */
  level: 'county' | 'prefecture';
  province: string;
  prefecture: string;
  timeZone: string;
  centre: [number, number];
  bbox: [number, number, number, number];
}

export async function readJurisdiction(db: Database): Promise<Jurisdiction | null> {
  // SELECT *: a file opened read-only from before the province/prefecture/time_zone columns still reads.
  const [c] = await db.query<{ code: string; name: string; province?: string | null; prefecture?: string | null; time_zone?: string | null; seat_lon: number; seat_lat: number; min_lon: number; min_lat: number; max_lon: number; max_lat: number }>(
    'SELECT * FROM county LIMIT 1',
  );
  if (!c) return null;
  return {
    code: c.code,
    name: c.name,
    level: c.code.length === 4 ? 'prefecture' : 'county',
    // Older files: the names above the county from the national list (by the code's first digits).
    province: c.province ?? divisionUnit(c.code.slice(0, 2))?.name ?? '',
    prefecture: c.prefecture ?? divisionUnit(c.code.slice(0, 4))?.name ?? '',
    timeZone: c.time_zone ?? DEFAULT_TIME_ZONE,
    centre: [c.seat_lon, c.seat_lat],
    bbox: [c.min_lon, c.min_lat, c.max_lon, c.max_lat],
  };
}

/** Sets the process clock and scope depth from the database's jurisdiction (one database per server). */
export async function useJurisdictionClock(db: Database): Promise<void> {
  const j = await readJurisdiction(db).catch(() => null);
  useTimeZone(j?.timeZone);
  jurisdictionCodeLength = j?.code.length ?? 6;
}

let jurisdictionCodeLength = 6;
/** Whether a division-code prefix covers the whole jurisdiction: a county's 6-digit code does in a county,
 * not in a prefecture-level city (4 digits), where it is one of its counties. */
export const coversJurisdiction = (code: string | undefined): boolean => !code || code.length <= jurisdictionCodeLength;

/** SQL for a township's parent: its county-level unit in a prefecture-level jurisdiction (the code's first 6
 * digits), else the jurisdiction. `t` is the township row's alias. */
export const townshipParentSql = (t: string) => `CASE WHEN length((SELECT code FROM county LIMIT 1)) = 4 THEN left(${t}.code, 6) ELSE (SELECT code FROM county LIMIT 1) END`;
