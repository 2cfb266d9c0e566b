// What-if editing on the map: in add mode a click places a new camera; otherwise a click selects the camera
// under the pointer, and the selected camera's handles drag it (the dot at its position) or rotate it (the
// handle at the end of its axis). Everything under the pointer is found on the CPU (coverage-picker.ts):
// a deck.gl pick would wait for the software-rendered frame in flight.
import type { MapLayerMouseEvent } from 'maplibre-gl';
import type { Handle } from '../../layers/coverage-gap-layers';
import type { SectorCamera, SectorDatum } from '../../layers/sector-layer';
import type { MapController } from '../../map/map-controller';
import { bearingDeg, offsetMeters } from '../../../shared/geo/geo';

export interface MapEditHost {
  map: MapController;
  isActive(): boolean;
  /** the selected camera in its scenario state */
  selected(): SectorDatum | undefined;
  add(lon: number, lat: number): void;
  /** the drawn stored camera whose sector contains the point, if any */
  storedAt(lon: number, lat: number): SectorCamera | undefined;
  /** the scenario or plan camera drawn at a screen point (its dot or its sector), if any */
  editedAt(x: number, y: number): SectorCamera | undefined;
  /** the drag handle drawn at a screen point, if any */
  handleAt(x: number, y: number): Handle | undefined;
  select(id: string): void;
  patch(id: string, patch: Partial<Pick<SectorCamera, 'lon' | 'lat' | 'bearing'>>): void;
  /** a drag ended: the ledger is asked for the final state at once */
  dragEnded(): void;
}

export class WhatIfMapEditing {
  adding = false;
  dragging: Handle['role'] | null = null;
  /** the pointer is down in add mode: the release places a camera */
  private placing = false;

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

  private onClick(e: MapLayerMouseEvent): void {
    if (!this.host.isActive() || this.host.map.toolActive) return; // measuring takes the clicks
    if (this.adding) {
      this.adding = false;
      this.host.add(e.lngLat.lng, e.lngLat.lat);
      return;
    }
    // the scenario and plan cameras are drawn over the stored ones
    const id = (this.host.editedAt(e.point.x, e.point.y) ?? this.host.storedAt(e.lngLat.lng, e.lngLat.lat))?.id;
    if (id) this.host.select(id);
  }

  private onMouseDown(e: MapLayerMouseEvent): void {
    if (!this.host.isActive() || this.host.map.toolActive) return;
    // A press that places a camera is not the start of a pan: with panning off, releasing it does not end a
    // pan and draw a map frame, which in a software-rendered browser would take the CPU the ledger needs.
    if (this.adding) return void (this.placing = true, this.host.map.map.dragPan.disable());
    if (!this.host.selected()) return;
    const handle = this.host.handleAt(e.point.x, e.point.y);
    if (!handle) return;
    this.dragging = handle.role;
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
    if (this.placing) return void (this.placing = false, this.host.map.map.dragPan.enable());
    if (!this.dragging) return;
    this.dragging = null;
    this.host.map.map.dragPan.enable();
    this.host.dragEnded();
  }
}
