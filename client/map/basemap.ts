// Which basemap styles there are: the county's own offline style (served by /api/basemap, always there, the
// default) and, when the server has BASEMAP_STYLE_URL, that online style (/api/meta basemapStyleUrl).
import type { Basemap } from '../state';

export const OFFLINE_STYLE_URL = '/api/basemap/style.json';

/** The configured online style, or null when the server offers only the offline one. */
export function onlineStyleUrl(meta: { basemapStyleUrl: string }): string | null {
  return meta.basemapStyleUrl && meta.basemapStyleUrl !== OFFLINE_STYLE_URL ? meta.basemapStyleUrl : null;
}

export function styleUrlFor(basemap: Basemap, meta: { basemapStyleUrl: string }): string {
  return (basemap === 'online' && onlineStyleUrl(meta)) || OFFLINE_STYLE_URL;
}
