// What a planned patrol leaves the dashboard as: the GPX or GeoJSON file of the routes (asked for with the same
// request, seed included, as the plan on screen, so the file matches what is drawn) and the printable route
// card (route-card.ts) with a snapshot of the routes on the map.
import { h } from '../dom';
import type { MapController } from '../../map/map-controller';
import { patrolApi, type PlanRequest, type RoutePlan } from './patrol-api';
import { routeCardHtml } from './route-card';

export type ExportKind = 'gpx' | 'geojson' | 'card';
/** Runs a piece of work with the view's busy flag and error line. */
export type Guard = (key: string, work: () => Promise<void>) => Promise<void>;

/** Opens the route card in a new window: opened in the click itself (or the browser blocks it), filled once the map's snapshot is taken. */
export async function openRouteCard(plan: RoutePlan, bbox: [number, number, number, number], map: MapController, guard: Guard): Promise<void> {
  const w = window.open('', '_blank');
  if (!w) return;
  w.document.write('<!doctype html><meta charset="utf-8"><p style="font-family:sans-serif">正在生成路线卡…</p>');
  let image: string | null = null;
  await guard('patrol-card', async () => {
    image = await map.snapshot(bbox, 40);
  });
  w.document.open();
  w.document.write(routeCardHtml(plan, new Date(), image));
  w.document.close();
  w.focus(); // the card shows first; its own button prints it
}

/** Downloads the routes as GPX or GeoJSON. */
export function downloadRoutes(plan: RoutePlan, request: PlanRequest, kind: 'gpx' | 'geojson', guard: Guard): Promise<void> {
  return guard('patrol-export', async () => {
    const text = await patrolApi.exportText(request, kind);
    const blob = new Blob([text], { type: kind === 'gpx' ? 'application/gpx+xml' : 'application/geo+json' });
    const a = h('a', { href: URL.createObjectURL(blob), download: `patrol-${plan.station.id}.${kind}` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.getAttribute('href')!), 10_000);
  });
}
