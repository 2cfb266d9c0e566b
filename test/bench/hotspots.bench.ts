// npm run bench (part): the hotspot analyses end to end over HTTP on the 1M-incident county (10M with --10m):
// Gi* + FDR over all 1058 grids and over every H3 cell of the county at resolution 9 (street level, ~80k
// cells), and emerging hot spots over 3 years of weekly slices. Seeded random windows and categories.
import { INCIDENT_CATEGORIES } from '../../shared/domain/categories.js';
import { benchCounty, timeRequests } from './bench-county.js';
import { seeded, summarise } from './stats.js';

const county = await benchCounty();
const random = seeded(7);
const dataStart = Date.parse('2024-01-01T00:00:00Z'), dataEnd = Date.parse('2026-11-20T00:00:00Z'), day = 86400000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
function window(spans: number[]): string {
  const span = spans[Math.floor(random() * spans.length)];
  const start = dataStart + Math.floor(random() * ((dataEnd - dataStart) / day - span)) * day;
  const cats = random() < 0.5 ? '' : `&categories=${[...INCIDENT_CATEGORIES].sort(() => random() - 0.5).slice(0, 2).join(',')}`;
  return `from=${iso(start)}&to=${iso(start + (span - 1) * day)}${cats}`;
}

const run = async (label: string, url: () => string, n: number, target?: { p50?: number; p99?: number }) => {
  const { samples } = await timeRequests(county.request, url, n, 3);
  console.log(summarise(label, samples, target));
};
await run('Gi* + FDR, 1058 grids', () => `/api/hotspots/gistar?unit=grid&${window([30, 90, 365])}`, 100, { p50: 200 });
await run('Gi* + FDR, H3 res 8 (~15k cells)', () => `/api/hotspots/gistar?unit=h3&resolution=8&${window([30, 90, 365])}`, 50, { p50: 200 });
await run('Gi* + FDR, H3 res 9 (~100k cells)', () => `/api/hotspots/gistar?unit=h3&resolution=9&${window([30, 90, 365])}`, 20);
await run('emerging, grids, weekly, 3 years (150 slices)', () => `/api/hotspots/emerging?unit=grid&step=week&from=2024-01-01&to=2026-11-20`, 10);
await run('emerging, H3 res 8, monthly, 3 years', () => `/api/hotspots/emerging?unit=h3&resolution=8&step=month&from=2024-01-01&to=2026-11-20`, 5);
await county.close();
