// Colour ramps and class breaks shared by the layers and the legend, so the legend shows exactly
// the colours and numbers the map uses.

import type { Rgb } from '../api';

/** ColorBrewer YlOrRd (6): the heat ramp, read as "more incidents = hotter". */
export const HEAT_RAMP: Rgb[] = [
  [255, 255, 178],
  [254, 217, 118],
  [254, 178, 76],
  [253, 141, 60],
  [240, 59, 32],
  [189, 0, 38],
];

/**
 * ColorBrewer PuBu (6) without its lightest step, for the choropleth: a different hue family from
 * the heat so both can be on together (hotspots tab), and the lowest class stays distinguishable
 * from the near-white of areas with no incidents.
 */
export const CHOROPLETH_RAMP: Rgb[] = [
  [208, 209, 230],
  [166, 189, 219],
  [116, 169, 207],
  [43, 140, 190],
  [4, 90, 141],
];

/** Colour of areas with no incidents in the window (distinct from the lowest class). */
export const ZERO_COLOUR: Rgb = [250, 250, 250];

export interface ClassBreaks {
  /**
   * Inclusive upper bounds of each class, ascending; class i holds counts in
   * (upper[i-1], upper[i]] and class 0 starts at 1 (zero has its own colour).
   */
  upper: number[];
  colours: Rgb[];
}

/**
 * Quantile breaks over the non-zero counts, rounded to whole incidents and de-duplicated. Counts
 * are skewed (a few town grids hold most incidents), so equal intervals would paint almost every
 * grid the lightest colour; quantiles keep rural differences visible.
 */
export function quantileBreaks(values: number[], ramp: Rgb[] = CHOROPLETH_RAMP): ClassBreaks {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return { upper: [], colours: [] };
  const k = ramp.length;
  const upper: number[] = [];
  for (let i = 1; i <= k; i++) {
    const q = sorted[Math.min(sorted.length - 1, Math.ceil((i / k) * sorted.length) - 1)];
    if (upper.length === 0 || q > upper[upper.length - 1]) upper.push(q);
  }
  upper[upper.length - 1] = sorted[sorted.length - 1];
  // Spread the used classes over the whole ramp so that few classes still span light to dark.
  const colours = upper.map((_, i) => ramp[upper.length === 1 ? k - 1 : Math.round((i * (k - 1)) / (upper.length - 1))]);
  return { upper, colours };
}

export function classColour(breaks: ClassBreaks, value: number): Rgb {
  if (!(value > 0) || breaks.upper.length === 0) return ZERO_COLOUR;
  const i = breaks.upper.findIndex((u) => value <= u);
  return breaks.colours[i === -1 ? breaks.colours.length - 1 : i];
}

/** Human-readable [low, high] of each class, for the legend. */
export function classRanges(breaks: ClassBreaks): [number, number][] {
  return breaks.upper.map((u, i) => [i === 0 ? 1 : breaks.upper[i - 1] + 1, u]);
}

export function rgbCss([r, g, b]: Rgb, alpha = 1): string {
  return alpha === 1 ? `rgb(${r} ${g} ${b})` : `rgb(${r} ${g} ${b} / ${alpha})`;
}
