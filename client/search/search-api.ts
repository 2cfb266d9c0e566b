// GET /api/search: places, the address the geocoder reads, cameras and case numbers, inside the user's jurisdiction.
import type { Geometry } from 'geojson';
import { getJson, type Bbox } from '../api';

export type SearchKind = 'township' | 'village' | 'grid' | 'address' | 'camera' | 'case';

export interface SearchHit {
  kind: SearchKind;
  id: string;
  name: string;
  context: string;
  detail: string | null;
  lon: number;
  lat: number;
  bbox: Bbox | null;
  geometry: Geometry | null;
}

export const searchApi = {
  search: (q: string, signal?: AbortSignal) => getJson<{ q: string; hits: SearchHit[] }>('/api/search', { q, limit: 12 }, signal),
};
