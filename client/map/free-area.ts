// The part of the map that panels laid over it (KPI cards, legend, ranking dock, case desk) leave free, as the
// padding a fit of the jurisdiction or a route uses, so that what is fitted is not drawn under a panel (issue 16
// item 9: at 1366 × 768 the open ranking dock covered the county's south-east, the patrol legend a route stop).
// Each panel is cut away from one side of the map — its top, bottom, left or right edge becomes that side's
// padding — and the choice of sides that lets the fitted box be drawn largest wins (every choice is tried: at
// most 4^n for n panels, n ≤ 5 here).

export interface Padding { top: number; bottom: number; left: number; right: number }
/** A panel's box in the map's own pixels (0,0 at the map's top left). */
export interface PanelBox { left: number; top: number; right: number; bottom: number }

const SIDES = ['top', 'bottom', 'left', 'right'] as const;

/**
 * The padding for fitting a box of `aspect` (its width ÷ height on screen) into a `width` × `height` map with
 * `base` padding, such that no panel meets the fitted box; panels outside the map or empty are ignored.
 */
export function freeAreaPadding(width: number, height: number, panels: readonly PanelBox[], aspect: number, base: Padding, gap = 8): Padding {
  const inside = panels
    .map((p) => ({ left: Math.max(0, p.left), top: Math.max(0, p.top), right: Math.min(width, p.right), bottom: Math.min(height, p.bottom) }))
    .filter((p) => p.right - p.left > 1 && p.bottom - p.top > 1);
  const cut = (p: PanelBox, side: (typeof SIDES)[number]) =>
    side === 'top' ? p.bottom + gap : side === 'bottom' ? height - p.top + gap : side === 'left' ? p.right + gap : width - p.left + gap;
  let best: Padding = { ...base };
  let bestScale = -Infinity;
  const choice = new Array<number>(inside.length).fill(0);
  for (let n = 0; n < 4 ** inside.length; n++) {
    for (let i = 0, k = n; i < inside.length; i++, k = Math.floor(k / 4)) choice[i] = k % 4;
    const pad = { ...base };
    inside.forEach((p, i) => { const side = SIDES[choice[i]]; pad[side] = Math.max(pad[side], cut(p, side)); });
    const w = width - pad.left - pad.right, h = height - pad.top - pad.bottom;
    if (w <= 0 || h <= 0) continue;
    const scale = Math.min(w / aspect, h); // the fitted box's height on screen
    if (scale > bestScale) { bestScale = scale; best = pad; }
  }
  return best;
}
