// The offline basemap: a MapLibre style whose sources are the county's own data served by this API
// (neighbours, county and township outlines, roads by class, railway, settlements and their Chinese
// names). No token and no internet. Labels are drawn with the browser's local fonts (TinySDF): the style names no
// `glyphs` server, so MapLibre draws every character itself, CJK with localIdeographFontFamily, Latin letters and
// digits (G111, 3号路) with the text-font stack. No glyph PBFs are shipped, and a `glyphs` URL that answered 404
// drew the same labels with a console warning per range.
import type { StyleSpecification } from 'maplibre-gl';

export const BASEMAP_LAYERS = ['neighbours', 'county', 'townships', 'villages', 'roads', 'railway', 'settlements', 'township-labels'] as const;
export type BasemapLayer = (typeof BASEMAP_LAYERS)[number];

export function offlineStyle(origin: string): StyleSpecification {
  const src = (name: BasemapLayer) => ({ type: 'geojson' as const, data: `${origin}/api/basemap/data/${name}.geojson` });
  const font = ['Noto Sans Regular'];
  const road = (cls: string, color: string, width: [number, number], minzoom = 0) => ({
    id: `road-${cls}`,
    type: 'line' as const,
    source: 'roads',
    minzoom,
    filter: ['==', ['get', 'class'], cls] as ['==', ['get', string], string],
    layout: { 'line-join': 'round' as const, 'line-cap': 'round' as const },
    paint: { 'line-color': color, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, width[0], 15, width[1]] as unknown as number },
  });
  return {
    version: 8,
    name: 'pingan-offline',
    sources: {
      neighbours: src('neighbours'),
      county: src('county'),
      townships: src('townships'),
      villages: src('villages'),
      roads: src('roads'),
      railway: src('railway'),
      settlements: src('settlements'),
      'township-labels': src('township-labels'),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#e9e6df' } },
      { id: 'neighbours-fill', type: 'fill', source: 'neighbours', paint: { 'fill-color': '#dcd8cf' } },
      { id: 'neighbours-line', type: 'line', source: 'neighbours', paint: { 'line-color': '#b9b2a3', 'line-width': 1 } },
      { id: 'county-fill', type: 'fill', source: 'county', paint: { 'fill-color': '#f7f5f0' } },
      { id: 'villages-line', type: 'line', source: 'villages', minzoom: 10.5, paint: { 'line-color': '#cfc8b8', 'line-width': 0.6, 'line-dasharray': [2, 2] } },
      { id: 'townships-line', type: 'line', source: 'townships', paint: { 'line-color': '#a89f8c', 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.8, 13, 2], 'line-dasharray': [4, 2] } },
      road('village', '#ffffff', [0.4, 3], 10),
      road('street', '#ffffff', [0.6, 6], 11),
      road('county', '#fbe7a1', [1, 6]),
      road('provincial', '#f9d27a', [1.4, 8]),
      road('national', '#f3a96b', [1.8, 9]),
      { id: 'railway-base', type: 'line', source: 'railway', paint: { 'line-color': '#6f6f6f', 'line-width': 2.5 } },
      { id: 'railway-dash', type: 'line', source: 'railway', paint: { 'line-color': '#ffffff', 'line-width': 1.5, 'line-dasharray': [3, 3] } },
      { id: 'county-line', type: 'line', source: 'county', paint: { 'line-color': '#7a5c3e', 'line-width': 2.5 } },
      {
        id: 'road-labels', type: 'symbol', source: 'roads', minzoom: 12,
        filter: ['in', ['get', 'class'], ['literal', ['street', 'national', 'provincial', 'county']]],
        layout: { 'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': font, 'text-size': 12 },
        // a wide halo: streets are lined with camera dots and sectors drawn beneath the labels
        paint: { 'text-color': '#3f382e', 'text-halo-color': '#ffffff', 'text-halo-width': 2.5 },
      },
      {
        id: 'neighbour-labels', type: 'symbol', source: 'neighbours',
        layout: { 'text-field': ['get', 'name'], 'text-font': font, 'text-size': 13 },
        paint: { 'text-color': '#8c8475', 'text-halo-color': '#eeeae2', 'text-halo-width': 1.5 },
      },
      {
        id: 'township-labels', type: 'symbol', source: 'township-labels', maxzoom: 12,
        // variable anchors: a township name that meets a route stop or a badge (client/map/label-space.ts) moves aside
        layout: {
          'text-field': ['get', 'name'], 'text-font': font, 'text-size': ['interpolate', ['linear'], ['zoom'], 8, 11, 11, 15] as unknown as number,
          'text-variable-anchor-offset': ['center', [0, 0], 'top', [0, 1], 'bottom', [0, -1], 'left', [1, 0], 'right', [-1, 0], 'top', [0, 2.2], 'bottom', [0, -2.2]] as unknown as string[],
        },
        paint: { 'text-color': '#6d5a3c', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
      },
      {
        id: 'settlement-labels', type: 'symbol', source: 'settlements',
        filter: ['any', ['==', ['get', 'kind'], 'county_seat'], ['all', ['==', ['get', 'kind'], 'village'], ['>=', ['zoom'], 10.5]], ['all', ['==', ['get', 'kind'], 'hamlet'], ['>=', ['zoom'], 12.5]]],
        layout: {
          'text-field': ['get', 'name'], 'text-font': font,
          'text-size': ['match', ['get', 'kind'], 'county_seat', 16, 'village', 12, 11],
          // below the settlement's point first; beside or further off when a route stop or badge is there (label-space.ts)
          'text-variable-anchor-offset': ['top', [0, 0.4], 'bottom', [0, -0.4], 'left', [0.6, 0], 'right', [-0.6, 0], 'top', [0, 1.8], 'bottom', [0, -1.8]] as unknown as string[],
          'text-optional': true,
        },
        paint: { 'text-color': ['match', ['get', 'kind'], 'county_seat', '#222222', '#555555'], 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
    ],
  } as StyleSpecification;
}
