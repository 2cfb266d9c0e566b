// A what-if's gaps sent as a change against the stored network's (POST /coverage/whatif with gapsAgainst):
// for random scenarios (cameras added on gaps, switched off, moved, removed) over scopes, levels and doubled
// site kinds, the stored gaps with the change applied must be exactly the full gaps the same request answers
// without gapsAgainst — same rows, same order — and the rest of the ledger the same. The token: stored gaps
// come with it when the client holds none or an old one, not when it holds the current one, and a change
// to the cameras table gives a new token.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { Database } from '../../server/db/database.js';
import { bumpDataVersion } from '../../server/db/data-version.js';
import { applyGapChange } from '../../shared/geo/gap-change.js';
import { signIn, type Requester } from '../support/session.js';
import { openTestCounty } from '../support/test-county.js';

let db: Database;
let app: Requester;
beforeAll(async () => {
  db = await openTestCounty();
  app = await signIn(createApp(db), 'planner');
});
afterAll(() => db.close());

const whatIf = async (body: object) => {
  const res = await app('/api/coverage/whatif', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as any;
};

let seed = 11;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];

describe('what-if gaps as a change against the stored gaps', () => {
  it('applied to the stored gaps, gives the full answer’s gaps for 40 random scenarios', async () => {
    const full0 = await whatIf({ level: 'grid', edits: [] });
    const sites = full0.ledger.gaps.sites as { lon: number; lat: number }[];
    const roads = full0.ledger.gaps.roads as { line: [number, number][] }[];
    const cams = await db.query<{ id: string }>("SELECT id FROM cameras WHERE kind <> 'face' ORDER BY id");
    const townships = await db.query<{ code: string }>('SELECT code FROM townships ORDER BY code');
    let held = '', changed = 0, baseSent = 0;
    for (let n = 0; n < 40; n++) {
      const edits: object[] = [];
      for (let i = 0, k = 1 + Math.floor(rnd() * 6); i < k; i++) {
        const r = rnd();
        const at = r < 0.35 ? pick(sites) : { lon: pick(roads).line[0][0], lat: pick(roads).line[0][1] };
        if (r < 0.6) edits.push({ op: 'add', id: `T-${n}-${i}`, kind: 'public', lon: at.lon + (rnd() - 0.5) * 4e-4, lat: at.lat + (rnd() - 0.5) * 4e-4, bearing: rnd() * 360, fov: 60 + rnd() * 300, rangeM: 30 + rnd() * 200 });
        else if (r < 0.8) edits.push({ op: 'update', id: pick(cams).id, status: 'offline' });
        else if (r < 0.9) edits.push({ op: 'update', id: pick(cams).id, bearing: rnd() * 360, rangeM: 20 + rnd() * 300 });
        else edits.push({ op: 'remove', id: pick(cams).id });
      }
      const unique = edits.filter((e: any, i) => edits.findIndex((f: any) => f.id === e.id) === i);
      const options = { level: pick(['township', 'village', 'grid'] as const), code: rnd() < 0.3 ? pick(townships).code : undefined, double: rnd() < 0.3 ? ['station', 'hospital'] : undefined };
      const full = await whatIf({ ...options, edits: unique });
      const asChange = await whatIf({ ...options, edits: unique, gapsAgainst: held });
      // the stored gaps come when the client's token is not the current one (the scope or doubles changed)
      if (asChange.gapsBase) (held = asChange.gapsBase.token), baseSent++;
      else expect(asChange.gapsChange.against).toBe(held);
      const stored = asChange.gapsBase ?? (await whatIf({ ...options, edits: [], gapsAgainst: '' })).gapsBase;
      expect(asChange.gapsChange.against).toBe(stored.token);
      expect(asChange.ledger.gaps).toBeUndefined();
      expect(applyGapChange(stored, asChange.gapsChange)).toEqual(full.ledger.gaps);
      const { gaps: _g, ...rest } = full.ledger;
      expect(asChange.ledger).toEqual(rest);
      expect(asChange.changed).toEqual(full.changed);
      if (asChange.gapsChange.roads.length + asChange.gapsChange.removedRoads.length + asChange.gapsChange.sites.length + asChange.gapsChange.removedSites.length > 0) changed++;
      // far smaller than the full list: most of the county's gaps are untouched by a few edits
      expect(asChange.gapsChange.roads.length).toBeLessThan(full.ledger.gaps.roads.length / 4);
    }
    expect(changed).toBeGreaterThan(15);
    expect(baseSent).toBeGreaterThan(3);
  });

  it('sends the stored gaps again only when the token held is not the current one', async () => {
    const first = await whatIf({ level: 'township', edits: [], gapsAgainst: '' });
    expect(first.gapsBase.token).toMatch(/^[\w-]{10,}$/);
    expect(first.gapsChange).toEqual({ against: first.gapsBase.token, removedSites: [], removedRoads: [], sites: [], roads: [] });
    const again = await whatIf({ level: 'grid', edits: [], gapsAgainst: first.gapsBase.token });
    expect(again.gapsBase).toBeUndefined();
    expect((await whatIf({ level: 'grid', edits: [], gapsAgainst: 'an-old-token' })).gapsBase.token).toBe(first.gapsBase.token);
    // another scope is other stored gaps
    const [t] = await db.query<{ code: string }>('SELECT code FROM townships ORDER BY code LIMIT 1');
    expect((await whatIf({ level: 'grid', code: t.code, edits: [], gapsAgainst: first.gapsBase.token })).gapsBase.token).not.toBe(first.gapsBase.token);
  });

  it('gives a new token once the stored cameras change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pingan-gaps-'));
    const path = join(dir, 'county.duckdb');
    copyFileSync(inject('countyDbPath'), path);
    const wdb = await Database.open(path);
    try {
      const wapp = await signIn(createApp(wdb), 'planner');
      const ask = async (held: string) => (await (await wapp('/api/coverage/whatif', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ level: 'township', edits: [], gapsAgainst: held }) })).json()) as any;
      const before = await ask('');
      expect((await ask(before.gapsBase.token)).gapsBase).toBeUndefined();
      await wdb.exec("UPDATE cameras SET status = CASE status WHEN 'online' THEN 'offline' ELSE 'online' END WHERE id = (SELECT min(id) FROM cameras WHERE kind = 'public')");
      bumpDataVersion(wdb, ['cameras']); // as a camera import does (the answer cache follows the data version)
      const after = await ask(before.gapsBase.token);
      expect(after.gapsBase.token).not.toBe(before.gapsBase.token);
    } finally {
      wdb.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a token that is too long', async () => {
    const res = await app('/api/coverage/whatif', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ edits: [], gapsAgainst: 'x'.repeat(65) }) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('gapsAgainst');
  });
});
