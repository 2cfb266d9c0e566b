// Bounding box of the areas inside a jurisdiction, to zoom the map to the selected township or
// village without another request (the outlines are already loaded for the choropleth).

import type { AreaCollection, Bbox } from '../api';

/** Same rule as the jurisdiction filter: code prefixes in either direction. */
export function withinJurisdiction(areaCode: string, code: string): boolean {
  return areaCode.startsWith(code) || code.startsWith(areaCode);
}

export function jurisdictionBbox(areas: AreaCollection, code: string): Bbox | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const visit = (ring: number[][]) => {
    for (const [x, y] of ring) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  };
  for (const f of areas.features) {
    if (!withinJurisdiction(f.properties.code, code)) continue;
    const g = f.geometry;
    if (g.type === 'Polygon') g.coordinates.forEach(visit);
    else g.coordinates.forEach((poly) => poly.forEach(visit));
  }
  return minX === Infinity ? null : [minX, minY, maxX, maxY];
}
