// GET /api/search: places, the address the geocoder reads, cameras and case numbers, inside the user's jurisdiction.
// The answer's type is the route's declaration (server/routes/search/search.routes.ts), not a copy of it; only
// the outline is narrowed to what it is (a GeoJSON geometry), which the schema leaves open.
import type { Geometry } from 'geojson';
import type { SearchAnswer } from '../../server/routes/search/search.routes';
import { getJson } from '../api';

export type SearchHit = Omit<SearchAnswer['hits'][number], 'geometry'> & { geometry: Geometry | null };
export type SearchKind = SearchHit['kind'];

export const searchApi = {
  search: (q: string, signal?: AbortSignal) => getJson<{ q: string; hits: SearchHit[] }>('/api/search', { q, limit: 12 }, signal),
};
