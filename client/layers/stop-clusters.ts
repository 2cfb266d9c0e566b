// Route stops that would overlap on screen at the current zoom are drawn as one marker ("3–5"), so stops in the
// county seat no longer pile into an unreadable heap. Distances are measured in Web Mercator pixels at the zoom
// (512-px world like MapLibre), which do not depend on where the map is panned: the clusters change only with
// the zoom. Pure code (no map), unit-tested in test/unit/stop-clusters.test.ts.

export interface ClusterableStop { unit: number; order: number; lon: number; lat: number }

export interface StopCluster<S extends ClusterableStop> {
  lon: number;
  lat: number;
  /** the stops drawn by this marker, by unit then visiting order */
  stops: S[];
  /** the unit when all stops are one unit's, else null (drawn in a neutral colour) */
  unit: number | null;
  /** the marker's text: "3" one stop, "3–5" one unit's consecutive stops, "3,5" one unit's others, "4站" mixed units */
  label: string;
  /** the marker's radius in pixels (a cluster is larger, to hold its label) */
  radiusPx: number;
}

export const STOP_RADIUS_PX = 9;
export const CLUSTER_RADIUS_PX = 14;
/** Free pixels kept between two markers' edges. */
const GAP_PX = 2;

const radiusOf = (n: number) => (n === 1 ? STOP_RADIUS_PX : CLUSTER_RADIUS_PX);

/** Web Mercator pixel coordinates of a point at a zoom (MapLibre's 512-px tiles). */
export function mercatorPx(lon: number, lat: number, zoom: number): [number, number] {
  const size = 512 * 2 ** zoom;
  const s = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
  return [((lon + 180) / 360) * size, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * size];
}

function lngLatOf(x: number, y: number, zoom: number): [number, number] {
  const size = 512 * 2 ** zoom;
  const lon = (x / size) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / size))) * 180) / Math.PI;
  return [lon, lat];
}

export function clusterLabel(stops: ClusterableStop[]): string {
  const units = new Set(stops.map((s) => s.unit));
  if (units.size > 1) return `${stops.length}站`;
  const orders = stops.map((s) => s.order).sort((a, b) => a - b);
  if (orders.length === 1) return String(orders[0]);
  const consecutive = orders.every((o, i) => i === 0 || o === orders[i - 1] + 1);
  if (consecutive) return `${orders[0]}–${orders[orders.length - 1]}`;
  return orders.length <= 3 ? orders.join(',') : `${orders.length}站`;
}

/**
 * Agglomerative clustering in screen pixels: while two markers' discs (plus a gap) overlap, the closest such pair
 * is merged into one marker at their members' mean position. When it ends, no two markers overlap at this zoom.
 * O(n³) in the worst case, for the few dozen stops of a shift.
 */
export function clusterStops<S extends ClusterableStop>(stops: S[], zoom: number): StopCluster<S>[] {
  type Work = { x: number; y: number; members: S[] };
  let groups: Work[] = stops.map((s) => {
    const [x, y] = mercatorPx(s.lon, s.lat, zoom);
    return { x, y, members: [s] };
  });
  for (;;) {
    let best: [number, number] | null = null;
    let bestOverlap = 0;
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const a = groups[i], b = groups[j];
        const overlap = radiusOf(a.members.length) + radiusOf(b.members.length) + GAP_PX - Math.hypot(a.x - b.x, a.y - b.y);
        if (overlap > bestOverlap) (bestOverlap = overlap), (best = [i, j]);
      }
    }
    if (!best) break;
    const [i, j] = best;
    const members = [...groups[i].members, ...groups[j].members];
    const n = members.length;
    const merged: Work = {
      x: (groups[i].x * groups[i].members.length + groups[j].x * groups[j].members.length) / n,
      y: (groups[i].y * groups[i].members.length + groups[j].y * groups[j].members.length) / n,
      members,
    };
    groups = groups.filter((_, k) => k !== i && k !== j);
    groups.push(merged);
  }
  return groups
    .map((g) => {
      const sorted = [...g.members].sort((a, b) => a.unit - b.unit || a.order - b.order);
      const units = new Set(sorted.map((s) => s.unit));
      const [lon, lat] = g.members.length === 1 ? [g.members[0].lon, g.members[0].lat] : lngLatOf(g.x, g.y, zoom);
      return { lon, lat, stops: sorted, unit: units.size === 1 ? sorted[0].unit : null, label: clusterLabel(sorted), radiusPx: radiusOf(sorted.length) };
    })
    .sort((a, b) => (a.unit ?? 0) - (b.unit ?? 0) || a.stops[0].order - b.stops[0].order);
}
