// Change map: this window vs the same window a year earlier, per unit, coloured only where the
// change is statistically significant (the server's test), so noise is not painted as change.
// Diverging: red = significant increase (worse), blue = significant decrease.

import type { AreaCollection } from '../api';
import type { ChangeUnit } from '../views/hotspots/hotspots-api';
import { createAreaClassLayer, type Rgba } from './area-class-layer';
import { hexToRgb } from './gistar-layer';

export const CHANGE_LAYER_ID = 'hotspots-change';

export const CHANGE_COLOURS: Record<ChangeUnit['class'], string> = {
  up: '#d6604d',
  none: '#f7f7f7',
  down: '#4393c3',
};

export function changeFill(unit: ChangeUnit): Rgba {
  return [...hexToRgb(CHANGE_COLOURS[unit.class]), unit.class === 'none' ? 60 : 215];
}

export interface ChangeLayerInput {
  units: ChangeUnit[];
  geometry: AreaCollection | null;
  version: string | number;
  code: string;
  visible: boolean;
  beforeId?: string;
}

export function createChangeLayer({ units, geometry, version, code, visible, beforeId }: ChangeLayerInput) {
  const byCode = new Map(units.map((u) => [u.code, u]));
  return createAreaClassLayer({
    id: CHANGE_LAYER_ID,
    geometry,
    fillOf: (c) => {
      const u = byCode.get(c);
      return u ? changeFill(u) : [0, 0, 0, 0];
    },
    version,
    code,
    visible,
    beforeId,
  });
}
