// The patrol answers turned into the data of the patrol layers: the shift's risk cells (with the top cells'
// rank and place), the border zones and their crossings, the corridors and their key points, the isochrone
// rings, the planned routes and their stops. Each array is rebuilt only when its answer changes, because
// deck.gl compares layer data by identity.
import type { FeatureCollection, Geometry } from 'geojson';
import type { CrossingDatum, IsoCellDatum, KeyPointDatum, RiskCellDatum } from '../../layers/patrol-zone-layers';
import type { RouteDatum, StopDatum } from '../../layers/route-layer';
import { placeText } from '../../../shared/geo/place-label';
import type { Corridors, Isochrones, Risk, RoutePlan, Zones } from './patrol-api';
import { clock } from './route-card';

export class PatrolLayerData {
  risk: Risk | null = null;
  zones: Zones | null = null;
  corridors: Corridors | null = null;
  iso: Isochrones | null = null;
  plan: RoutePlan | null = null;
  riskCells: RiskCellDatum[] = [];
  riskMax = 0;
  zoneFeatures: FeatureCollection<Geometry, { name: string; incidents: number; kind: 'zone' }> | null = null;
  crossings: CrossingDatum[] = [];
  corridorFeatures: FeatureCollection<Geometry, { name: string; incidents: number; kind: 'corridor' }> | null = null;
  keyPoints: KeyPointDatum[] = [];
  isoCells: IsoCellDatum[] = [];
  routeData: RouteDatum[] = [];
  stopData: StopDatum[] = [];

  setRisk(risk: Risk): void {
    this.risk = risk;
    const top = new Map(risk.top.map((c) => [c.cell, c]));
    this.riskCells = risk.cells.map((c) => ({ ...c, rank: top.get(c.cell)?.rank, place: top.get(c.cell)?.place }));
    this.riskMax = risk.cells[0]?.risk ?? 0;
  }

  setZones(z: Zones): void {
    this.zones = z;
    this.zoneFeatures = {
      type: 'FeatureCollection',
      features: z.neighbours.flatMap((n) => [
        ...(n.zone ? [{ type: 'Feature' as const, geometry: n.zone, properties: { name: n.name, incidents: n.incidents.total, kind: 'zone' as const } }] : []),
        { type: 'Feature' as const, geometry: n.border, properties: { name: n.name, incidents: n.incidents.total, kind: 'zone' as const } },
      ]),
    };
    this.crossings = z.neighbours.flatMap((n) => n.crossings.map((c) => ({ lon: c.lon, lat: c.lat, roadName: c.roadName, neighbour: n.name, status: c.camera.status, nearestM: c.camera.nearestM, distanceM: c.camera.distanceM })));
  }

  setCorridors(c: Corridors): void {
    this.corridors = c;
    this.corridorFeatures = {
      type: 'FeatureCollection',
      features: c.corridors.filter((x) => x.band).map((x) => ({ type: 'Feature' as const, geometry: x.band!, properties: { name: x.name, incidents: x.incidents.total, kind: 'corridor' as const } })),
    };
    this.keyPoints = c.corridors.flatMap((x) => x.keyPoints.map((k) => ({ ...k, corridor: x.name })));
  }

  setIso(iso: Isochrones): void {
    this.iso = iso;
    this.isoCells = iso.bands.flatMap((b, band) => b.ring.map((cell) => ({ cell, band, minutes: b.minutes })));
  }

  setPlan(plan: RoutePlan): void {
    this.plan = plan;
    this.routeData = plan.routes.map((r) => ({ unit: r.unit, path: r.path }));
    this.stopData = plan.routes.flatMap((r) => r.stops.map((s) => ({ unit: r.unit, order: s.order, lon: s.lon, lat: s.lat, label: String(s.order), place: placeText(s.place), risk: s.risk, count: s.count, eta: clock(plan.shift.startHour, s.arriveMin), leave: clock(plan.shift.startHour, s.departMin) })));
  }

  /** The plan's routes and its station: the box to fit the map to, or null with nothing to fit. */
  planBbox(): [number, number, number, number] | null {
    const plan = this.plan;
    if (!plan) return null;
    const pts = [...plan.routes.flatMap((r) => r.path), [plan.station.lon, plan.station.lat] as [number, number]];
    const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  }
}
