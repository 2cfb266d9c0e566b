// The live stream for cases: events carry ids; a user gets only the events of their jurisdiction and role; a
// reconnect with Last-Event-ID is given what it missed, in order; a gap older than the kept events says reset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import type { Database } from '../../server/db/database.js';
import type { SessionUser } from '../../shared/domain/roles.js';
import { REPLAY_EVENTS, eventsSince, publish } from '../../server/routes/reports/event-bus.js';
import { appWithTestUsers, as, testUser } from '../support/case-users.js';
import { openWritableCountyCopy } from '../support/writable-county.js';

let db: Database, dispose: () => void, app: ReturnType<typeof appWithTestUsers>;
let grid: { code: string; township_code: string; centre_lon: number; centre_lat: number };
let other: string;
beforeAll(async () => {
  ({ db, dispose } = await openWritableCountyCopy());
  app = appWithTestUsers(db);
  grid = (await db.query<typeof grid & { geojson: string }>("SELECT code, township_code, centre_lon, centre_lat, geojson FROM grids WHERE kind = 'residential' ORDER BY code LIMIT 30"))
    .find((g) => pointInGeometry(g.centre_lon, g.centre_lat, JSON.parse((g as any).geojson)))!;
  [{ code: other }] = await db.query<{ code: string }>('SELECT code FROM townships WHERE code <> ? ORDER BY code LIMIT 1', [grid.township_code]);
});
afterAll(() => dispose());

/** An open stream as a user: collects parsed events (with their SSE id) until closed. */
async function stream(user: SessionUser, lastEventId?: number) {
  const ctrl = new AbortController();
  const headers: Record<string, string> = {};
  if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
  const request = await as(app, user).requester();
  const res = await request('/api/events', { signal: ctrl.signal, headers });
  const reader = res.body!.getReader();
  const events: { id: number | null; event: string; data: any }[] = [];
  let buf = '';
  const dec = new TextDecoder();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += dec.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i); buf = buf.slice(i + 2);
          const get = (k: string) => block.split('\n').find((l) => l.startsWith(`${k}:`))?.slice(k.length + 1).trim();
          events.push({ id: get('id') ? Number(get('id')) : null, event: String(get('event')), data: JSON.parse(String(get('data') ?? 'null')) });
        }
      }
    } catch { /* aborted */ }
  })();
  await new Promise((r) => setTimeout(r, 50));
  return { events, close: () => { ctrl.abort(); void reader.cancel().catch(() => {}); } };
}
const until = async (f: () => boolean, ms = 2000) => { const t0 = Date.now(); while (!f()) { if (Date.now() - t0 > ms) throw new Error('timed out'); await new Promise((r) => setTimeout(r, 20)); } };

describe('GET /api/events for cases', () => {
  it('scopes case events by jurisdiction and role, with ids', async () => {
    const mine = await stream(testUser('township_leader', grid.township_code));
    const theirs = await stream(testUser('township_leader', other));
    const planner = await stream(testUser('planner', '220822'));
    const member = as(app, testUser('grid_member', grid.code));
    const { body } = await member.post('/api/reports', { category: 'hazard', title: '路面塌陷', lon: grid.centre_lon, lat: grid.centre_lat });
    await until(() => mine.events.some((e) => e.event === 'case' && e.data.case.id === body.id));
    await new Promise((r) => setTimeout(r, 300));
    const ev = mine.events.find((e) => e.event === 'case')!;
    expect(ev.data.kind).toBe('new');
    expect(ev.id).toBeGreaterThan(0);
    expect(theirs.events.filter((e) => e.event === 'case' || e.event === 'report')).toEqual([]);
    expect(planner.events.filter((e) => e.event === 'case')).toEqual([]);
    for (const s of [mine, theirs, planner]) s.close();
  });

  it('replays what a reconnecting client missed (Last-Event-ID), in order', async () => {
    const leader = testUser('township_leader', grid.township_code);
    const first = await stream(leader);
    const member = as(app, testUser('grid_member', grid.code));
    const a = (await member.post('/api/reports', { category: 'hazard', title: '第一件', lon: grid.centre_lon, lat: grid.centre_lat })).body.id;
    await until(() => first.events.some((e) => e.event === 'case' && e.data.case.id === a));
    const lastId = first.events.filter((e) => e.id !== null).at(-1)!.id!;
    first.close();
    const b = (await member.post('/api/reports', { category: 'hazard', title: '第二件', lon: grid.centre_lon, lat: grid.centre_lat })).body.id;
    const c = (await member.post('/api/reports', { category: 'hazard', title: '第三件', lon: grid.centre_lon, lat: grid.centre_lat })).body.id;
    const again = await stream(leader, lastId);
    await until(() => again.events.filter((e) => e.event === 'case').length >= 2);
    const replayed = again.events.filter((e) => e.event === 'case');
    expect(replayed.map((e) => e.data.case.id)).toEqual([b, c]);
    expect(replayed.every((e) => e.id! > lastId)).toBe(true);
    expect(replayed[1].id!).toBeGreaterThan(replayed[0].id!);
    again.close();
  });

  it('keeps the last REPLAY_EVENTS; an older gap answers null (the stream sends reset)', () => {
    const fake = {} as Database;
    for (let i = 0; i < REPLAY_EVENTS + 50; i++) publish(fake, { type: 'import', imported: i });
    expect(eventsSince(fake, 0)).toBeNull();
    expect(eventsSince(fake, 50)!.length).toBe(REPLAY_EVENTS);
    expect(eventsSince(fake, REPLAY_EVENTS + 40)!.map((e) => e.id)).toEqual(Array.from({ length: 10 }, (_, i) => REPLAY_EVENTS + 41 + i));
    expect(eventsSince(fake, REPLAY_EVENTS + 50)).toEqual([]);
  });
});
