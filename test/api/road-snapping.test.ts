// Snapping to the road graph on the test county, as the isochrones use it: every H3 r8 cell of the county
// snapped to its nearest node within 3 km, against brute force over every node in metres.
import { cellToLatLng } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineMeters } from '../../shared/geo/geo.js';
import { snapCells } from '../../server/analysis/isochrones.js';
import type { Database } from '../../server/db/database.js';
import { patrolData } from '../../server/routes/patrol/patrol.data.js';
import { openTestCounty } from '../support/test-county.js';

let db: Database;
beforeAll(async () => { db = await openTestCounty(); });
afterAll(() => db.close());

describe('snapping the county to its road graph', () => {
  it('snaps every H3 r8 cell to the node nearest in metres (brute force), or to none when none is within 3 km', async () => {
    const { graph, outline } = await patrolData(db);
    const grid = snapCells(graph, outline, 8);
    // Exhaustive search made quicker, not approximate: nodes by latitude, scanned outwards from the cell's
    // latitude until the latitude difference alone (a lower bound of any distance) exceeds the best found.
    const byLat = Array.from({ length: graph.nodeCount }, (_, k) => k).sort((a, b) => graph.lat[a] - graph.lat[b]);
    const lats = Float64Array.from(byLat, (k) => graph.lat[k]);
    const M_PER_DEG_LAT = (6371008.8 * Math.PI) / 180;
    const nearestM = (lon: number, lat: number) => {
      let lo = 0, hi = lats.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (lats[mid] < lat) lo = mid + 1; else hi = mid; }
      let best = Infinity;
      for (let k = lo; k < lats.length && (lats[k] - lat) * M_PER_DEG_LAT <= best; k++) best = Math.min(best, haversineMeters([lon, lat], [graph.lon[byLat[k]], lats[k]]));
      for (let k = lo - 1; k >= 0 && (lat - lats[k]) * M_PER_DEG_LAT <= best; k--) best = Math.min(best, haversineMeters([lon, lat], [graph.lon[byLat[k]], lats[k]]));
      return best;
    };
    let farther = 0, missed = 0, worstExtraM = 0;
    for (let i = 0; i < grid.cells.length; i++) {
      const [lat, lon] = cellToLatLng(grid.cells[i]);
      const best = nearestM(lon, lat);
      if (best > 3000) {
        expect(grid.node[i]).toBe(-1);
        continue;
      }
      if (grid.node[i] < 0) { missed++; continue; }
      const got = haversineMeters([lon, lat], [graph.lon[grid.node[i]], graph.lat[grid.node[i]]]);
      if (got > best + 1e-6) (farther++, (worstExtraM = Math.max(worstExtraM, got - best)));
    }
    expect(grid.cells.length).toBeGreaterThan(10000);
    expect({ farther, missed, worstExtraM }).toEqual({ farther: 0, missed: 0, worstExtraM: 0 });
  });
});
