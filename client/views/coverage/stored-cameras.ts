// The jurisdiction's stored cameras as the coverage view draws and edits them: by id, counted by kind, as
// sector polygons (one fill layer whose data never changes with edits) and a point index of those sectors (what
// is under the pointer). Built once per jurisdiction code; the cameras table is never written.
import { SectorIndex } from '../../../shared/geo/sectors-at-point';
import { toSectorData, type SectorCamera, type SectorDatum } from '../../layers/sector-layer';
import { coverageApi } from './coverage-api';
import { countByKind } from './coverage-scenario';

export class StoredCameras {
  /** the jurisdiction loaded (or being loaded) */
  code: string | null = null;
  byId = new Map<string, SectorCamera>();
  counts = countByKind([]);
  sectors: SectorDatum[] = [];
  index = new SectorIndex([]);

  /**
   * Loads the cameras of `code`. 'same': that code is loaded or loading already; 'stale': another code was asked
   * for meanwhile (nothing kept); 'loaded': the new cameras are in.
   */
  async load(code: string): Promise<'same' | 'stale' | 'loaded'> {
    if (this.code === code) return 'same';
    this.code = code;
    const { cameras } = await coverageApi.cameras(code);
    if (this.code !== code) return 'stale';
    const base: SectorCamera[] = cameras.map((c) => ({ id: c.id, kind: c.kind, status: c.status, lon: c.lon, lat: c.lat, bearing: c.bearing, fov: c.fov, rangeM: c.rangeM, name: c.name }));
    this.byId = new Map(base.map((c) => [c.id, c]));
    this.counts = countByKind(base);
    this.sectors = toSectorData(base);
    this.index = new SectorIndex(this.sectors);
    return 'loaded';
  }
}
