// Keeps the address bar equal to the view (history.replaceState, no history entries for every pan) so the page's
// URL is always a link to what is on screen; the 链接 button copies it. Opening the link: main.ts decodes it.
import type { MapController } from '../map/map-controller';
import type { Store } from '../state';
import { encodeUrlState } from './url-state';

const WRITE_DEBOUNCE_MS = 250;

export function currentLink(store: Store, map: MapController, allCategories: readonly string[]): string {
  const c = map.map.getCenter();
  const params = encodeUrlState(store.state, { center: [c.lng, c.lat], zoom: map.zoom() }, allCategories);
  return `${window.location.origin}${window.location.pathname}?${params}`;
}

export function keepUrlInSync(store: Store, map: MapController, allCategories: readonly string[]): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    clearTimeout(timer);
    timer = setTimeout(() => window.history.replaceState(null, '', currentLink(store, map, allCategories)), WRITE_DEBOUNCE_MS);
  };
  store.subscribe(write);
  map.map.on('moveend', write);
  write();
}

/** Copies the link; where the clipboard is refused (plain http on a LAN), selects it in a prompt-like box. */
export async function copyLink(link: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(link);
    return true;
  } catch {
    return false;
  }
}
