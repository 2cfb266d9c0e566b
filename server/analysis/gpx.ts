// GPX 1.1 export of patrol routes: one track per unit (the road geometry) and one waypoint per stop with its
// order and ETA, so a car's navigation device or any GIS can open it.
import type { LonLat } from '../../shared/geo/geo.js';

export interface GpxStop { name: string; lon: number; lat: number; description?: string; etaIso?: string }
export interface GpxRoute { name: string; points: readonly LonLat[]; stops: readonly GpxStop[] }

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
// Characters XML 1.0 forbids even when escaped (control characters other than tab, newline, return).
// eslint-disable-next-line no-control-regex
const clean = (s: string) => esc(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''));
const coord = (n: number) => n.toFixed(6);

export function toGpx(routes: readonly GpxRoute[], meta: { name: string; timeIso?: string }): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx version="1.1" creator="pingan-map" xmlns="http://www.topografix.com/GPX/1/1">',
    `  <metadata><name>${clean(meta.name)}</name>${meta.timeIso ? `<time>${clean(meta.timeIso)}</time>` : ''}</metadata>`,
  ];
  // GPX wants all waypoints before the tracks.
  for (const r of routes)
    for (const s of r.stops)
      out.push(`  <wpt lat="${coord(s.lat)}" lon="${coord(s.lon)}">${s.etaIso ? `<time>${clean(s.etaIso)}</time>` : ''}<name>${clean(s.name)}</name>${s.description ? `<desc>${clean(s.description)}</desc>` : ''}</wpt>`);
  for (const r of routes) {
    out.push(`  <trk><name>${clean(r.name)}</name><trkseg>`);
    for (const [lon, lat] of r.points) out.push(`    <trkpt lat="${coord(lat)}" lon="${coord(lon)}"/>`);
    out.push('  </trkseg></trk>');
  }
  out.push('</gpx>', '');
  return out.join('\n');
}
