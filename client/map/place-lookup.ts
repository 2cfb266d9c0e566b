// Place names for things the answers do not name (an H3 cell under the pointer, a risk cell beyond the top
// list): one /api/reverse-geocode per thing, cached, asked for only when someone hovers it. A tooltip asks
// `placeAt`, gets null the first time, and is drawn again (`refresh`) when the name arrives.
import { placeOf, placeText } from '../../shared/geo/place-label';
import type { ReverseGeocodeAnswer as ReverseResult } from '../../server/routes/geocode/geocode.routes';

const names = new Map<string, string | null>();
const pending = new Set<string>();
let refresh: () => void = () => undefined;

/** What to run when a name arrives (the map re-asks its tooltip for the same pointer position). */
export function onPlaceLoaded(fn: () => void): void {
  refresh = fn;
}

/** The place name of a point ("开通镇 兴隆村 · 长春路旁"), or null while it is being looked up. */
export function placeAt(key: string, lon: number, lat: number): string | null {
  const known = names.get(key);
  if (known !== undefined) return known;
  if (!pending.has(key)) {
    pending.add(key);
    // A plain fetch, not getJson: a hover lookup is not page loading and must not flag the page busy.
    void fetch(`/api/reverse-geocode?lon=${lon.toFixed(6)}&lat=${lat.toFixed(6)}`, { headers: { accept: 'application/json' } })
      .then((res) => (res.ok ? (res.json() as Promise<ReverseResult>) : null))
      .then((r) => names.set(key, r ? placeText(placeOf(r)) : ''))
      .catch(() => names.set(key, ''))
      .finally(() => {
        pending.delete(key);
        refresh();
      });
  }
  return null;
}
