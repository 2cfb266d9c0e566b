// Geodesic measures of what the user clicks (turf: great-circle length, spherical polygon area) and how they
// read: 米 under a kilometre, then 公里; areas in 平方公里 with 亩 (1 亩 = 10000/15 m², the unit land is counted in).
import { area as turfArea, length as turfLength } from '@turf/turf';
import type { Lang } from '../i18n';

export type LonLat = [number, number];

export const SQUARE_METRES_PER_MU = 10_000 / 15;

/** Length of the path through the points, in metres. */
export function pathLengthM(points: LonLat[]): number {
  if (points.length < 2) return 0;
  return turfLength({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: points } }, { units: 'kilometers' }) * 1000;
}

/** Area of the polygon the points enclose (closed back to the first), in square metres. */
export function polygonAreaM2(points: LonLat[]): number {
  if (points.length < 3) return 0;
  return turfArea({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...points, points[0]]] } });
}

const num = (lang: Lang, n: number, digits: number) => n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function formatDistance(lang: Lang, metres: number): string {
  if (metres < 1000) return lang === 'zh' ? `${num(lang, metres, 0)} 米` : `${num(lang, metres, 0)} m`;
  const km = metres / 1000;
  const digits = km < 10 ? 2 : km < 100 ? 1 : 0;
  return lang === 'zh' ? `${num(lang, km, digits)} 公里` : `${num(lang, km, digits)} km`;
}

export function formatArea(lang: Lang, m2: number): string {
  const km2 = m2 / 1e6;
  const digits = km2 < 1 ? 3 : km2 < 100 ? 2 : 1;
  const mu = m2 / SQUARE_METRES_PER_MU;
  return lang === 'zh'
    ? `${num(lang, km2, digits)} 平方公里（${num(lang, mu, mu < 100 ? 1 : 0)} 亩）`
    : `${num(lang, km2, digits)} km² (${num(lang, mu, mu < 100 ? 1 : 0)} mu)`;
}
