// The patterns of Emerging Hot Spot Analysis (ArcGIS Pro's rules, server/analysis/emerging-hotspots.ts): the
// server classifies each location into one, the client names and colours them. One list for both.
export const EMERGING_PATTERNS = [
  'new_hot', 'consecutive_hot', 'intensifying_hot', 'persistent_hot', 'diminishing_hot', 'sporadic_hot', 'oscillating_hot', 'historical_hot',
  'new_cold', 'consecutive_cold', 'intensifying_cold', 'persistent_cold', 'diminishing_cold', 'sporadic_cold', 'oscillating_cold', 'historical_cold',
  'none',
] as const;
export type EmergingPattern = (typeof EMERGING_PATTERNS)[number];

/** Gi* classes: ±3 = 99 %, ±2 = 95 %, ±1 = 90 % confidence (FDR-adjusted), 0 not significant. */
export const GISTAR_CLASSES = [-3, -2, -1, 0, 1, 2, 3] as const;
export type GistarClass = (typeof GISTAR_CLASSES)[number];
