// Drill-down over the hierarchical admin codes (county 6 digits → township 9 → village 12 → grid 15):
// a click anywhere inside the current jurisdiction goes ONE level deeper, to the unit that contains
// it, whatever unit the map happens to show (a click on a grid at county level opens its township).
// Pure functions, so the breadcrumb and the click handler agree on what "one level deeper" is.

import type { AreaLevel, Regions } from '../../api';

export const CODE_LENGTH = { county: 6, township: 9, village: 12, grid: 15 } as const;

/** The unit the choropleth should show inside a jurisdiction of this code. */
export function childLevel(code: string): AreaLevel {
  if (code.length <= CODE_LENGTH.county) return 'township';
  if (code.length <= CODE_LENGTH.township) return 'village';
  return 'grid';
}

/**
 * Where a click on the unit `clicked` leads from the jurisdiction `current`: the ancestor of the
 * clicked unit one level below `current` (or the unit itself when it is not deeper than that).
 * Null when the click is outside the jurisdiction or already at the deepest level.
 */
export function drillTarget(current: string, clicked: string): string | null {
  if (!clicked.startsWith(current) || clicked === current) return null;
  const next = current.length <= CODE_LENGTH.county ? CODE_LENGTH.township
    : current.length <= CODE_LENGTH.township ? CODE_LENGTH.village
    : CODE_LENGTH.grid;
  if (current.length >= CODE_LENGTH.grid) return null;
  return clicked.slice(0, Math.min(next, clicked.length));
}

export interface Crumb { code: string; name: string }

/** County › township › village › grid for a code; grid names come from the grid geometry when loaded. */
export function breadcrumb(code: string, regions: Regions, gridName?: (code: string) => string | undefined): Crumb[] {
  const crumbs: Crumb[] = [{ code: regions.county.code, name: regions.county.name }];
  if (code.length < CODE_LENGTH.township) return crumbs;
  const township = regions.townships.find((t) => t.code === code.slice(0, CODE_LENGTH.township));
  if (!township) return crumbs;
  crumbs.push({ code: township.code, name: township.name });
  if (code.length < CODE_LENGTH.village) return crumbs;
  const village = township.villages.find((v) => v.code === code.slice(0, CODE_LENGTH.village));
  if (!village) return crumbs;
  crumbs.push({ code: village.code, name: village.name });
  if (code.length < CODE_LENGTH.grid) return crumbs;
  crumbs.push({ code, name: gridName?.(code) ?? code.slice(CODE_LENGTH.village) });
  return crumbs;
}

/** H3 resolution of the hexagon surface for a map zoom: about one to a few hexagons per grid at each scale. */
export function h3ResolutionForZoom(zoom: number): 7 | 8 | 9 {
  if (zoom <= 9.5) return 7;
  if (zoom <= 11) return 8;
  return 9;
}
