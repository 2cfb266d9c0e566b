// Roads measured by sampling: each polyline is cut into pieces of at most `stepM` metres and each piece is
// represented by its midpoint, carrying the piece's length. "Covered length" is then the summed length of
// pieces whose midpoint a camera sees, and the pieces' lengths add up to the road's length exactly.
import { haversineMeters, type LonLat } from './geo.js';

export interface RoadSamples {
  lon: Float64Array;
  lat: Float64Array;
  /** length in metres that each sample stands for */
  lengthM: Float32Array;
  /** index of the road (in the input array) each sample lies on */
  road: Uint32Array;
  /** distance along the road of the sample's piece start and end */
  fromM: Float64Array;
  toM: Float64Array;
}

export function sampleRoads(lines: readonly (readonly LonLat[])[], stepM: number): RoadSamples {
  if (!(stepM > 0)) throw new Error('sampleRoads: step must be positive');
  let n = 0;
  const lengths = lines.map((line) => {
    let total = 0;
    for (let i = 1; i < line.length; i++) total += haversineMeters(line[i - 1], line[i]);
    n += total > 0 ? Math.ceil(total / stepM) : 0;
    return total;
  });
  const out: RoadSamples = {
    lon: new Float64Array(n),
    lat: new Float64Array(n),
    lengthM: new Float32Array(n),
    road: new Uint32Array(n),
    fromM: new Float64Array(n),
    toM: new Float64Array(n),
  };
  let k = 0;
  lines.forEach((line, r) => {
    const total = lengths[r];
    if (total <= 0) return;
    const pieces = Math.ceil(total / stepM);
    // Walk the polyline once: `seg` is the current segment, `segStart` its distance from the road's start.
    let seg = 1, segStart = 0, segLen = line.length > 1 ? haversineMeters(line[0], line[1]) : 0;
    for (let p = 0; p < pieces; p++) {
      const a = p * stepM, b = Math.min(total, a + stepM), mid = (a + b) / 2;
      while (seg < line.length - 1 && segStart + segLen < mid) {
        segStart += segLen;
        seg++;
        segLen = haversineMeters(line[seg - 1], line[seg]);
      }
      const t = segLen > 0 ? Math.min(1, Math.max(0, (mid - segStart) / segLen)) : 0;
      out.lon[k] = line[seg - 1][0] + t * (line[seg][0] - line[seg - 1][0]);
      out.lat[k] = line[seg - 1][1] + t * (line[seg][1] - line[seg - 1][1]);
      out.lengthM[k] = b - a;
      out.road[k] = r;
      out.fromM[k] = a;
      out.toM[k] = b;
      k++;
    }
  });
  return out;
}

/** The part of a polyline between two distances along it, as a polyline (for drawing gap stretches). */
export function sliceLine(line: readonly LonLat[], fromM: number, toM: number): LonLat[] {
  const out: LonLat[] = [];
  let start = 0;
  for (let i = 1; i < line.length; i++) {
    const len = haversineMeters(line[i - 1], line[i]);
    const end = start + len;
    if (end >= fromM && start <= toM && len > 0) {
      const lerp = (d: number): LonLat => {
        const t = Math.min(1, Math.max(0, (d - start) / len));
        return [line[i - 1][0] + t * (line[i][0] - line[i - 1][0]), line[i - 1][1] + t * (line[i][1] - line[i - 1][1])];
      };
      if (out.length === 0) out.push(lerp(Math.max(fromM, start)));
      out.push(lerp(Math.min(toM, end)));
    }
    if (end > toM) break;
    start = end;
  }
  return out;
}
