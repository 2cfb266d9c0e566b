// A place as the people in the room name it, from a reverse-geocoded point: "开通镇 兴隆村" and what is near
// ("长春路旁", "距东屯 300 米"), so an answer that means a place (a risk cell, a patrol stop, a proposed camera)
// reads as one instead of coordinates or an H3 id.
import type { ReverseResult } from './reverse-geocoder.js';

export interface Place {
  /** township and village (or "县外" outside the jurisdiction) */
  label: string;
  /** the nearest street or road within 300 m, else the village's nearest hamlet within 1.5 km; null when neither */
  near: string | null;
  township: string | null;
  village: string | null;
  grid: { code: string; name: string } | null;
}

const STREET_M = 300;
const HAMLET_M = 1500;

/** "长春路旁" within 30 m, else "距长春路 120 米" (metres rounded to tens). */
function nearText(name: string, distanceM: number): string {
  return distanceM <= 30 ? `${name}旁` : `距${name} ${Math.round(distanceM / 10) * 10} 米`;
}

export function placeOf(r: ReverseResult): Place {
  const street = r.street && r.street.distanceM <= STREET_M ? nearText(r.street.name, r.street.distanceM) : null;
  const hamlet = r.hamlet && r.hamlet.distanceM <= HAMLET_M ? nearText(r.hamlet.name, r.hamlet.distanceM) : null;
  if (!r.inside) return { label: '县外', near: street, township: null, village: null, grid: null };
  const township = r.township?.name || null, village = r.village?.name || null;
  return {
    label: [township, village].filter(Boolean).join(' ') || (r.grid?.name ?? ''),
    near: street ?? hamlet,
    township,
    village,
    grid: r.grid,
  };
}

/** One line: "开通镇 兴隆村 · 长春路旁". */
export function placeText(p: Pick<Place, 'label' | 'near'>): string {
  return p.near ? `${p.label} · ${p.near}` : p.label;
}
