// The mixed workload of `npm run bench:load` (a command centre at once): which requests, in what shares, with
// about 30 % repeating a recent one. Seeded, so every run asks the same sequence.
import { INCIDENT_CATEGORIES } from '../../shared/domain/categories.js';
import { seeded } from './stats.js';
import { heatBoxFor } from '../../client/layers/heat-extent.js';

export const REPEAT_SHARE = 0.3;
const random = seeded(13);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
const dataEnd = Date.parse('2026-11-20T00:00:00Z');
const dataStart = Date.parse('2024-01-01T00:00:00Z');
const DAY = 86400000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
function window(): string {
  const span = pick([7, 30, 90, 365]);
  const start = dataStart + Math.floor(random() * ((dataEnd - dataStart) / DAY - span)) * DAY;
  const cats = random() < 0.6 ? '' : `&categories=${[...INCIDENT_CATEGORIES].sort(() => random() - 0.5).slice(0, 1 + Math.floor(random() * 3)).join(',')}`;
  return `from=${iso(start)}&to=${iso(start + (span - 1) * DAY)}${cats}`;
}
/** What the client asks for heat at a zoom: the whole county up to zoom 10, the padded 1280×800 viewport beyond
 * (also api.bench.ts's heat requests). `filter` is called after the zoom is drawn, keeping the seeded order. */
export function heatRequest(random: () => number, filter: () => string): string {
  const zoom = 9 + Math.floor(random() * 4);
  let url = `/api/incidents/heat?zoom=${zoom}&${filter()}`;
  if (zoom >= 11) {
    const degPerPx = 360 / (256 * 2 ** zoom);
    const [cx, cy] = [122.2 + random() * 1.2, 44.3 + random() * 0.9];
    const [w, h] = [1.5 * 1280 * degPerPx, 1.5 * 800 * degPerPx * 0.72];
    url += `&bbox=${(cx - w / 2).toFixed(4)},${(cy - h / 2).toFixed(4)},${(cx + w / 2).toFixed(4)},${(cy + h / 2).toFixed(4)}`;
  }
  return url;
}
/** Heat as the dashboard asks for it (client/data-loader.ts, client/api.ts): the binary columns at the even zoom
 * heatZoomFor gives (a county is seen at map zoom 8–13), for the whole jurisdiction at bands 8 and 10 and, at band
 * 12, for the box heatBoxFor makes of a 1366 × 680 view somewhere in the county (client/layers/heat-extent.ts).
 * The mix asked band 12 for the whole county before, as the client then did. The view's centre is drawn from a
 * few hundred places, as desks look at the same streets (the county seat, a township's centre). */
const COUNTY_VIEWS = 300;
function heat(): string {
  const band = pick([8, 10, 12]);
  let url = `/api/incidents/heat?zoom=${band}&format=binary&${window()}`;
  if (band === 12) {
    const place = Math.floor(random() * COUNTY_VIEWS);
    const [cx, cy] = [122.2 + ((place * 0.618034) % 1) * 1.2, 44.3 + ((place * 0.754878) % 1) * 0.9];
    const degPerPx = 360 / (256 * 2 ** (12 + random() * 2));
    const [w, h] = [1366 * degPerPx, 680 * degPerPx * Math.cos((cy * Math.PI) / 180)];
    url += `&bbox=${heatBoxFor(band, [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2])!.join(',')}`;
  }
  return url;
}
/** The mix: [share, make a URL, name]. */
export const MIX: [number, () => string, string][] = [
  [0.3, heat, 'heat'],
  [0.18, () => `/api/areas/counts?level=${pick(['township', 'village', 'grid'])}&${window()}`, 'area counts'],
  [0.14, () => `/api/incidents/summary?${window()}`, 'summary'],
  [0.12, () => `/api/hotspots/gistar?${pick(['unit=grid', 'unit=village', 'unit=h3&resolution=8'])}&${window()}`, 'gistar'],
  [0.05, () => `/api/coverage/ledger?level=${pick(['township', 'village', 'grid'])}`, 'coverage ledger'],
  [0.13, () => `/api/patrol/risk?start=${pick([0, 8, 18, 20, 22])}&end=${pick([2, 6, 8])}&days=${pick(['weekdays', 'weekends', 'all'])}&lookbackDays=${pick([90, 180, 365])}`, 'patrol risk'],
  [0.08, () => pick(['/api/health', '/api/meta', '/api/regions']), 'health/meta/regions'],
];
const recent: string[] = [];
export function nextUrl(): string {
  if (recent.length > 20 && random() < REPEAT_SHARE) return pick(recent);
  let r = random();
  let make = MIX[MIX.length - 1][1];
  for (const [share, f] of MIX) {
    if ((r -= share) < 0) { make = f; break; }
  }
  const url = make();
  recent.push(url);
  if (recent.length > 300) recent.shift();
  return url;
}

