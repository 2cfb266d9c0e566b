// Server-side progress of a running import: a 12,000-row incident CSV posted with a job id; polls of
// GET /api/import/progress/:job answered WHILE the rows are checked show rows done rising to the total, then
// the finished job. Unknown jobs are 404, malformed ids 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { openSignedInCountyCopy } from '../support/writable-county.js';
import { type Requester } from '../support/session.js';

let db: Database;
let dispose: () => void;
let app: ReturnType<typeof createApp>;
let request: Requester;
beforeAll(async () => {
  ({ db, app, request, dispose } = await openSignedInCountyCopy('admin'));
});
afterAll(() => dispose());

describe('import progress', () => {
  it('reports rows checked while a large CSV is being checked', async () => {
    const pts = await db.query<{ lon: number; lat: number }>('SELECT lon, lat FROM incidents ORDER BY id LIMIT 12000');
    const csv = ['类别,时间,经度,纬度,描述', ...pts.map((p, i) => `盗窃,2026-05-0${1 + (i % 9)} 10:00,${p.lon},${p.lat},进度测试${i}`)].join('\n');
    const pending = request('/api/import/incidents?dryRun=true&job=progress-1', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
    const seen: any[] = [];
    for (;;) {
      await new Promise((r) => setTimeout(r, 5));
      const res = await request('/api/import/progress/progress-1');
      if (res.status !== 200) continue;
      const p = (await res.json()) as any;
      seen.push(p);
      if (p.finished) break;
    }
    const res = await pending;
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).valid).toBe(12000);
    const mid = seen.filter((p) => p.stage.startsWith('checking') && p.done > 0 && p.done < p.total);
    expect(mid.length).toBeGreaterThan(0);
    expect(mid.every((p) => p.total >= 12000)).toBe(true);
    const dones = seen.map((p) => p.done);
    expect(dones.every((d, i) => i === 0 || d >= dones[i - 1] || seen[i].stage !== seen[i - 1].stage)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ finished: true, stage: 'done' });
  });

  it('404s an unknown job and 400s a malformed id', async () => {
    expect((await request('/api/import/progress/nosuchjob')).status).toBe(404);
    const bad = await request('/api/import/progress/a!');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error).toMatch(/job must be/);
    const badQuery = await request('/api/import/incidents?job=x', { method: 'POST', body: 'a,b\n1,2', headers: { 'content-type': 'text/csv' } });
    expect(badQuery.status).toBe(400);
  });
});
