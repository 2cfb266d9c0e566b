// Hover tooltips for the pickable layers (deck.gl getTooltip). Text comes from the server (area
// names, leaders), so it is escaped before going into HTML.

import type { PickingInfo } from '@deck.gl/core';
import type { AreaFeature, Camera, LabelledColour } from '../api';
import { formatNumber, label, t, type Lang } from '../i18n';
import { CAMERAS_LAYER_ID } from './cameras-layer';
import { GRIDS_LAYER_ID } from './grids-layer';

export interface TooltipContext {
  lang: Lang;
  counts: Record<string, number>;
  cameraKinds: LabelledColour[];
  /** Levels whose polygons are generated placeholders (meta.provisionalAreas). */
  provisional?: string[];
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function row(name: string, value: string): string {
  return `<div><span class="tip-key">${escape(name)}</span> ${escape(value)}</div>`;
}

export function createTooltip(context: () => TooltipContext) {
  return (info: PickingInfo): { html: string; className: string } | null => {
    if (!info.object || !info.layer) return null;
    const { lang, counts, cameraKinds, provisional } = context();
    if (info.layer.id === GRIDS_LAYER_ID) {
      const p = (info.object as AreaFeature).properties;
      const lines = [
        `<strong>${escape(p.name)}</strong>`,
        row(t(lang, 'tip.code'), p.code),
        row(t(lang, 'tip.count'), formatNumber(lang, counts[p.code] ?? 0)),
      ];
      if (p.leader) lines.push(row(t(lang, 'tip.leader'), p.leader));
      if (typeof p.households === 'number') lines.push(row(t(lang, 'tip.households'), formatNumber(lang, p.households)));
      if (provisional?.includes(p.level)) lines.push(`<div class="tip-provisional">${escape(t(lang, 'tip.provisional'))}</div>`);
      return { html: lines.join(''), className: 'map-tooltip' };
    }
    if (info.layer.id === CAMERAS_LAYER_ID) {
      const c = info.object as Camera;
      const kind = cameraKinds.find((k) => k.id === c.kind);
      const kindLabel = kind ? label(lang, kind) : c.kind;
      return {
        html: [
          `<strong>${escape(t(lang, 'tip.camera'))} ${escape(c.id)}</strong>`,
          ...(c.name && c.name !== kind?.zh ? [`<div>${escape(c.name)}</div>`] : []),
          row(t(lang, 'tip.kind'), kindLabel),
          row(t(lang, 'tip.status'), t(lang, c.status === 'online' ? 'status.online' : 'status.offline')),
        ].join(''),
        className: 'map-tooltip',
      };
    }
    return null;
  };
}
