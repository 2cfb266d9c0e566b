// The demo build seeds case histories in batches of case ids (a checkpoint between batches keeps the 10M build
// within its memory limit). Batched or in one go, the same incidents must get the same history rows, history_seq
// and tier clock: checked against the one-statement seeding on random cases (every combination of timestamps,
// statuses their timestamps do not explain, gaps in the ids, cases that already have a history), for several
// batch sizes including ones that do not divide the id range.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { seedHistory } from '../../server/cases/seed-history.js';
import { SCHEMA_SQL } from '../../server/db/database.js';
import { seeded } from '../bench/stats.js';

const DAY = 86_400_000;
const T0 = Date.parse('2025-03-01T00:00:00Z');
const ts = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const CATEGORIES = ['dispute', 'theft', 'fire', 'petition'];
const STATUSES = ['reported', 'accepted', 'dispatched', 'closed'];

async function county(seed: number): Promise<DuckDBConnection> {
  const con = await (await DuckDBInstance.create(':memory:')).connect();
  await con.run(SCHEMA_SQL);
  const random = seeded(seed);
  let id = 0;
  for (let k = 0; k < 60; k++) {
    id += 1 + Math.floor(random() * 3); // gaps in the ids
    const reported = T0 + Math.floor(random() * 300) * DAY;
    const later = (p: number) => (random() < p ? reported + Math.floor(random() * 10 * DAY) : null);
    const [accepted, assigned, closed] = [later(0.8), later(0.6), later(0.5)];
    const status = STATUSES[Math.floor(random() * STATUSES.length)];
    await con.run(
      `INSERT INTO incidents (id, category, lon, lat, cell_x, cell_y, grid_code, village_code, township_code, reported_at, accepted_at, assigned_at, closed_at, due_at, status, source, level, level_due_at, supervised)
       VALUES (?, ?, 122.8, 44.8, 0, 0, 'g', 'v', 't', ?::TIMESTAMP, ?::TIMESTAMP, ?::TIMESTAMP, ?::TIMESTAMP, ?::TIMESTAMP, ?, ?, NULL, NULL, NULL)`,
      [id, CATEGORIES[k % CATEGORIES.length], ts(reported), accepted && ts(accepted), assigned && ts(assigned), closed && ts(closed), ts(reported + 15 * DAY), status, random() < 0.5 ? 'call_110' : null]);
  }
  // A few cases already have a history (and their clock): seeding leaves them alone.
  await seedHistory(con, 'id % 7 = 0', [], 'earlier');
  return con;
}

async function state(con: DuckDBConnection) {
  const history = (await con.runAndReadAll(`SELECT case_id, seq, action, from_status, to_status, from_level, to_level, epoch_ms(happened_at), actor_name, actor_role, note FROM case_transitions ORDER BY case_id, seq`)).getRows();
  const cases = (await con.runAndReadAll(`SELECT id, level, supervised, epoch_ms(level_due_at), history_seq FROM incidents ORDER BY id`)).getRows();
  return { history, cases };
}

describe('seeding case histories in batches of case ids', () => {
  it('gives the same history, history_seq and tier clock as seeding in one go, whatever the batch size', async () => {
    for (const seed of [1, 2]) {
      const whole = await county(seed);
      await seedHistory(whole, 'true', [], 'demo');
      const expected = await state(whole);
      expect(expected.history.length).toBeGreaterThan(60);
      expect(expected.cases.every((c) => c[1] !== null && c[3] !== null && c[4] !== null)).toBe(true);
      for (const size of [1, 7, 1000]) {
        const batched = await county(seed);
        let betweens = 0;
        await seedHistory(batched, 'true', [], 'demo', { cases: size, between: async () => void betweens++ });
        expect(await state(batched), `seed ${seed}, batches of ${size}`).toEqual(expected);
        const [[lo, hi]] = (await batched.runAndReadAll('SELECT min(id), max(id) FROM incidents')).getRows();
        expect(betweens).toBe(Math.ceil((Number(hi) - Number(lo) + 1) / size));
      }
    }
  });

  it('does nothing when no case matches', async () => {
    const con = await county(4);
    const before = await state(con);
    let betweens = 0;
    await seedHistory(con, 'id < 0', [], 'demo', { cases: 10, between: async () => void betweens++ });
    expect(await state(con)).toEqual(before);
    expect(betweens).toBe(0);
  });
});
