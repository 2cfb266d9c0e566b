// What-if editing on the map: in add mode a click places a new camera; otherwise a click selects the camera
// under the pointer, and the selected camera's handles drag it (the dot at its position) or rotate it (the
// handle at the end of its axis). Picking asks deck.gl only for the small layers it needs.
import type { PickingInfo } from '@deck.gl/core';
import type { MapLayerMouseEvent } from 'maplibre-gl';
import { HANDLES_LAYER_ID, type Handle } from '../../layers/coverage-gap-layers';
import { EDITED_SECTOR_LAYER_ID, PROPOSED_POINTS_LAYER_ID, type SectorCamera, type SectorDatum } from '../../layers/sector-layer';
import type { MapController } from '../../map/map-controller';
import { bearingDeg, offsetMeters } from '../../../server/analysis/geo';

export interface MapEditHost {
  map: MapController;
  isActive(): boolean;
  /** the selected camera in its scenario state */
  selected(): SectorDatum | undefined;
  add(lon: number, lat: number): void;
  /** the drawn stored camera whose sector contains the point, if any */
  storedAt(lon: number, lat: number): SectorCamera | undefined;
  select(id: string): void;
  patch(id: string, patch: Partial<Pick<SectorCamera, 'lon' | 'lat' | 'bearing'>>): void;
  /** a drag ended: the ledger is asked for the final state at once */
  dragEnded(): void;
}

export class WhatIfMapEditing {
  adding = false;
  dragging: Handle['role'] | null = null;

  constructor(private readonly host: MapEditHost) {
    const map = host.map.map;
    map.on('click', (e) => this.onClick(e));
    map.on('mousedown', (e) => this.onMouseDown(e));
    map.on('mousemove', (e) => this.onMouseMove(e));
    map.on('mouseup', () => this.onMouseUp());
  }

  /** The drag handles of the selected camera: its position and the end of its axis. */
  handles(): Handle[] {
    const c = this.host.selected();
    if (!c) return [];
    return [
      { role: 'move', position: [c.lon, c.lat] },
      { role: 'rotate', position: offsetMeters([c.lon, c.lat], c.rangeM * 1.15, c.bearing) },
    ];
  }

  private pick(x: number, y: number, layerIds: string[]): PickingInfo | null {
    return this.host.map.overlay.pickObject({ x, y, radius: 4, layerIds });
  }

  private onClick(e: MapLayerMouseEvent): void {
    if (!this.host.isActive()) return;
    if (this.adding) {
      this.adding = false;
      this.host.add(e.lngLat.lng, e.lngLat.lat);
      return;
    }
    // the few scenario and plan cameras through deck.gl, the stored ones on the CPU
    const hit = this.pick(e.point.x, e.point.y, [PROPOSED_POINTS_LAYER_ID, EDITED_SECTOR_LAYER_ID]);
    const id = hit?.object ? (hit.object as SectorDatum).id : this.host.storedAt(e.lngLat.lng, e.lngLat.lat)?.id;
    if (id) this.host.select(id);
  }

  private onMouseDown(e: MapLayerMouseEvent): void {
    if (!this.host.isActive() || !this.host.selected()) return;
    const hit = this.pick(e.point.x, e.point.y, [HANDLES_LAYER_ID]);
    if (!hit?.object) return;
    this.dragging = (hit.object as Handle).role;
    this.host.map.map.dragPan.disable();
    e.preventDefault();
  }

  private onMouseMove(e: MapLayerMouseEvent): void {
    if (!this.dragging) return;
    const c = this.host.selected();
    if (!c) return;
    if (this.dragging === 'move') this.host.patch(c.id, { lon: e.lngLat.lng, lat: e.lngLat.lat });
    else this.host.patch(c.id, { bearing: Math.round(bearingDeg([c.lon, c.lat], [e.lngLat.lng, e.lngLat.lat])) });
  }

  private onMouseUp(): void {
    if (!this.dragging) return;
    this.dragging = null;
    this.host.map.map.dragPan.enable();
    this.host.dragEnded();
  }
}
