// Which camera sectors contain a point: the map's hover and click on 18,000 stored sectors, answered on the
// CPU. Asking the GPU (deck.gl picking) re-draws every pickable polygon into a picking buffer per pointer
// event, which software-rendered browsers pay in hundreds of milliseconds; a Flatbush over the sectors'
// bounding boxes and the exact sector test answer in microseconds.
import Flatbush from 'flatbush';
import { prepareSector, sectorContains, type CameraView, type Sector } from './camera-sector.js';

export class SectorIndex {
  private readonly index: Flatbush | null;
  private readonly sectors: Sector[];

  constructor(cameras: readonly CameraView[]) {
    this.sectors = cameras.map(prepareSector);
    if (this.sectors.length === 0) {
      this.index = null;
      return;
    }
    this.index = new Flatbush(this.sectors.length);
    for (const s of this.sectors) this.index.add(s.bbox[0], s.bbox[1], s.bbox[2], s.bbox[3]);
    this.index.finish();
  }

  /** Indices of the cameras whose sector contains the point, smallest range first (the most specific view). */
  at(lon: number, lat: number): number[] {
    if (!this.index) return [];
    const hits = this.index.search(lon, lat, lon, lat).filter((i) => sectorContains(this.sectors[i], lon, lat));
    return hits.sort((a, b) => this.sectors[a].r2 - this.sectors[b].r2 || a - b);
  }
}
