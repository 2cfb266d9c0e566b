// Room on the map that the basemap's labels give way to. deck.gl layers and HTML markers take no part in MapLibre's
// label collision, so a place name could print over a route stop or a supervision badge (or be hidden beneath it).
// Each reserved box becomes an invisible icon of its size in one symbol layer on top of the style: MapLibre places
// the topmost layer's symbols first, the icons always show (allow-overlap) and block the place (ignore-placement
// off), so a place label that would meet one moves to another of its anchors (basemap-style.ts: variable anchors)
// or, with no free anchor, is left out rather than overprinted.

import type { Map as MapLibreMap, GeoJSONSource } from 'maplibre-gl';

/** A box centred on a point, its size in CSS pixels. */
export interface ReservedBox { lon: number; lat: number; w: number; h: number }

const SOURCE = 'label-space';
const LAYER = 'label-space';
/** Sizes are rounded up to this many pixels, so a few transparent images serve every box. */
const STEP = 4;

export class LabelSpace {
  private sets = new Map<string, ReservedBox[]>();
  private images = new Set<string>();

  constructor(private readonly map: MapLibreMap) {
    // A new style (the basemap switch) drops the source, the layer and the images: put them back.
    map.on('style.load', () => {
      this.images.clear();
      this.update();
    });
  }

  /** Sets the boxes of one owner (e.g. 'patrol-stops'), replacing its previous ones; [] frees them. */
  reserve(owner: string, boxes: ReservedBox[]): void {
    const before = JSON.stringify(this.sets.get(owner) ?? []);
    if (before === JSON.stringify(boxes)) return;
    this.sets.set(owner, boxes);
    this.update();
  }

  /** The boxes of every owner (for tests and the layout check). */
  boxes(): ReservedBox[] {
    return [...this.sets.values()].flat();
  }

  /**
   * Reserves the drawn boxes of the HTML markers matching `selector` (e.g. the supervision badges) after every
   * move and whenever markers come or go; a hidden marker reserves nothing.
   */
  followMarkers(owner: string, selector: string): void {
    const container = this.map.getContainer();
    let frame = 0;
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => this.reserve(owner, this.markerBoxes(selector)));
    };
    this.map.on('moveend', schedule);
    new MutationObserver(schedule).observe(container, { childList: true, subtree: true });
    schedule();
  }

  private markerBoxes(selector: string): ReservedBox[] {
    const frame = this.map.getContainer().getBoundingClientRect();
    const out: ReservedBox[] = [];
    for (const el of Array.from(this.map.getContainer().querySelectorAll<HTMLElement>(selector))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const ll = this.map.unproject([r.left - frame.left + r.width / 2, r.top - frame.top + r.height / 2]);
      out.push({ lon: ll.lng, lat: ll.lat, w: Math.round(r.width), h: Math.round(r.height) });
    }
    return out;
  }

  private imageFor(w: number, h: number): string {
    const W = Math.max(STEP, Math.ceil(w / STEP) * STEP), H = Math.max(STEP, Math.ceil(h / STEP) * STEP);
    const name = `label-space-${W}x${H}`;
    if (!this.images.has(name)) {
      if (!this.map.hasImage(name)) this.map.addImage(name, { width: W, height: H, data: new Uint8Array(W * H * 4) });
      this.images.add(name);
    }
    return name;
  }

  private update(): void {
    if (!this.map.isStyleLoaded()) {
      this.map.once('idle', () => this.update());
      return;
    }
    const data = {
      type: 'FeatureCollection' as const,
      features: this.boxes().map((b) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [b.lon, b.lat] }, properties: { image: this.imageFor(b.w, b.h) } })),
    };
    const source = this.map.getSource(SOURCE) as GeoJSONSource | undefined;
    if (source) source.setData(data);
    else this.map.addSource(SOURCE, { type: 'geojson', data });
    if (!this.map.getLayer(LAYER)) {
      this.map.addLayer({
        id: LAYER,
        type: 'symbol',
        source: SOURCE,
        layout: { 'icon-image': ['get', 'image'], 'icon-allow-overlap': true, 'icon-ignore-placement': false, 'icon-padding': 0 },
      });
    }
  }
}
