// Shareable links: any state the page can be in survives encode → decode (property test); what a link holds that
// is not valid here (an unknown tab or category, a day outside the data, another township, a view across the
// world, an opacity of 7) is dropped rather than guessed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYER_ORDER, LAYER_IDS, TABS, type AppState, type LayerId } from '../../client/state.js';
import { decodeUrlState, encodeUrlState, type UrlContext } from '../../client/tools/url-state.js';
import { FRAME_STEPS, FRAME_WINDOWS } from '../../shared/time/frames.js';

const CATS = ['theft', 'criminal', 'public_order', 'fraud', 'dispute'];
const ctx: UrlContext = {
  tabs: TABS,
  categories: CATS,
  dataRange: { from: '2024-01-01', to: '2026-11-20' },
  codeAllowed: (code) => code.startsWith('220822100') || code === '220822',
  bbox: [121.5, 44.2, 123.8, 45.4],
  onlineBasemap: true,
};
const day = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 10, 20) }).map((ms) => new Date(ms).toISOString().slice(0, 10));

const stateArb: fc.Arbitrary<{ state: AppState; view: { center: [number, number]; zoom: number } }> = fc.record({
  tab: fc.constantFrom(...TABS),
  lang: fc.constantFrom('zh' as const, 'en' as const),
  days: fc.tuple(day, day).map(([a, b]) => (a <= b ? [a, b] : [b, a])),
  categories: fc.subarray(CATS),
  code: fc.constantFrom('220822', '220822100', '220822100201', '220822100201003'),
  level: fc.constantFrom('township' as const, 'village' as const, 'grid' as const),
  layers: fc.record({ heat: fc.boolean(), grids: fc.boolean(), cameras: fc.boolean() }),
  opacity: fc.record({ heat: fc.integer({ min: 0, max: 20 }), grids: fc.integer({ min: 0, max: 20 }), cameras: fc.integer({ min: 0, max: 20 }) }),
  order: fc.shuffledSubarray(LAYER_IDS, { minLength: 3, maxLength: 3 }),
  basemap: fc.constantFrom('offline' as const, 'online' as const),
  lon: fc.double({ min: 121.5, max: 123.8, noNaN: true }),
  lat: fc.double({ min: 44.2, max: 45.4, noNaN: true }),
  zoom: fc.double({ min: 5, max: 18, noNaN: true }),
  playback: fc.option(fc.record({
    step: fc.constantFrom(...FRAME_STEPS),
    pick: fc.nat(),
    days: fc.tuple(day, day).map(([a, b]) => (a <= b ? [a, b] : [b, a])),
  }).map((p) => ({ step: p.step, window: FRAME_WINDOWS[p.step][p.pick % FRAME_WINDOWS[p.step].length], from: p.days[0], to: p.days[1] })), { nil: null }),
}).map((r) => ({
  state: {
    tab: r.tab, lang: r.lang, level: r.level, layers: r.layers, basemap: r.basemap,
    filter: { from: r.days[0], to: r.days[1], categories: CATS.filter((c) => r.categories.includes(c)), code: r.code },
    opacity: Object.fromEntries(LAYER_IDS.map((id) => [id, r.opacity[id] / 20])) as Record<LayerId, number>,
    layerOrder: r.order as LayerId[],
    playback: r.playback,
  },
  view: { center: [r.lon, r.lat] as [number, number], zoom: r.zoom },
}));

describe('url state', () => {
  it('round-trips every state and view (to 5 decimals of a degree and 0.01 of a zoom level)', () => {
    fc.assert(fc.property(stateArb, ({ state, view }) => {
      const back = decodeUrlState(new URLSearchParams(encodeUrlState(state, view, CATS).toString()), ctx);
      expect(back.tab).toBe(state.tab);
      expect(back.lang ?? 'zh').toBe(state.lang);
      expect({ ...state.filter, ...back.filter }).toEqual(state.filter);
      expect(back.filter?.categories ?? CATS).toEqual(state.filter.categories);
      expect(back.level).toBe(state.level);
      expect(back.layers).toEqual(state.layers);
      expect({ ...Object.fromEntries(LAYER_IDS.map((id) => [id, 1])), ...back.opacity }).toEqual(state.opacity);
      expect(back.layerOrder ?? DEFAULT_LAYER_ORDER).toEqual(state.layerOrder);
      expect(back.basemap ?? 'offline').toBe(state.basemap);
      expect(back.view!.center[0]).toBeCloseTo(view.center[0], 5);
      expect(back.view!.center[1]).toBeCloseTo(view.center[1], 5);
      expect(back.view!.zoom).toBeCloseTo(view.zoom, 2);
      expect(back.playback ?? null).toEqual(state.playback);
    }), { numRuns: 300 });
  });

  it('drops what is not valid here', () => {
    const bad = decodeUrlState(new URLSearchParams('tab=admin&lang=fr&from=2020-01-01&to=2026-01-01&cats=ufo&code=220822101&level=house&layers=heat,bogus&opacity=heat:7,grids:x,cameras:0.5&order=heat,heat,grids&basemap=satellite&c=0,0&z=9'), ctx);
    expect(bad).toEqual({ opacity: { cameras: 0.5 } });
    // a playback frame with an unknown step, a window the step does not offer, or days outside the data
    for (const q of ['frame=2026-03-02..2026-03-08&fstep=hour', 'frame=2026-03-02..2026-03-08&fstep=week&fwin=7', 'frame=2019-03-02..2019-03-08&fstep=week', 'frame=2026-03-08..2026-03-02&fstep=day', 'frame=garbage&fstep=day'])
      expect(decodeUrlState(new URLSearchParams(q), ctx)).toEqual({});
    // days out of order, a zoom out of range, a bare code that is not digits
    expect(decodeUrlState(new URLSearchParams('from=2026-03-01&to=2026-02-01&z=40&c=123,45&code=abc'), ctx)).toEqual({});
    // no online style configured: the link's online basemap is not taken
    expect(decodeUrlState(new URLSearchParams('basemap=online'), { ...ctx, onlineBasemap: false })).toEqual({});
    // an empty category list and no layers are states too
    expect(decodeUrlState(new URLSearchParams('cats=-&layers=-'), ctx)).toEqual({ filter: { categories: [] }, layers: { heat: false, grids: false, cameras: false } });
  });
});
