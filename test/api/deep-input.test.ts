// Input built to exhaust the server is refused with 400 and a reason, never 500: JSON nested 20,000 levels deep
// in any write body (every POST route of the app) or in an imported GeoJSON file, and an XLSX workbook of 1 MB
// that inflates to 1 GB (a zip bomb). The nesting scan is checked against the depth of the parsed value.
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { jsonTooDeep } from '../../server/http/json-depth.js';
import { Random } from '../../server/demo/random.js';
import { anonymous, signIn, type Requester } from '../support/session.js';
import { openWritableCountyCopy } from '../support/writable-county.js';

let db: Database;
let app: ReturnType<typeof createApp>;
let admin: Requester;
let dispose: () => void;
beforeAll(async () => {
  const w = await openWritableCountyCopy();
  db = w.db;
  dispose = w.dispose;
  app = createApp(db);
  admin = await signIn(app, 'admin');
});
afterAll(() => dispose?.());

const DEEP = '['.repeat(20000) + ']'.repeat(20000);

/** Nesting depth of a parsed JSON value (the reference the scan is compared with). */
const depthOf = (v: unknown): number => (v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v as object).map(depthOf)) : 0);

describe('the nesting scan', () => {
  it('agrees with the depth of the parsed value on random documents with brackets and escapes inside strings', () => {
    const random = new Random(7);
    const rnd = () => random.next();
    const strings = ['[', ']', '{', '}', '\\"[', 'a\\\\', '"{"', '普通'];
    const make = (d: number): unknown => {
      if (d === 0 || rnd() < 0.2) return rnd() < 0.5 ? strings[Math.floor(rnd() * strings.length)] : Math.floor(rnd() * 100);
      const n = 1 + Math.floor(rnd() * 3);
      return rnd() < 0.5 ? Array.from({ length: n }, () => make(d - 1)) : Object.fromEntries(Array.from({ length: n }, (_, i) => [`${strings[i % strings.length]}${i}`, make(d - 1)]));
    };
    for (let k = 0; k < 500; k++) {
      const text = JSON.stringify(make(1 + Math.floor(rnd() * 12)));
      const d = depthOf(JSON.parse(text));
      expect(jsonTooDeep(text, d), text).toBe(false);
      if (d > 0) expect(jsonTooDeep(text, d - 1), text).toBe(true);
      expect(jsonTooDeep(new TextEncoder().encode(text), d)).toBe(false);
    }
  });
});

describe('deep nesting in a request', () => {
  it('every POST route of the app answers 20,000 nested [ with 400 (reason nesting), none with 500', async () => {
    const posts = [...new Set(app.routes.filter((r) => r.method === 'POST' && r.path.startsWith('/api/') && !r.path.startsWith('/api/import/')).map((r) => r.path))];
    expect(posts.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const path of posts) {
      const url = path.replace(/:id/g, '1').replace(/:[a-zA-Z]+(\{[^}]+\})?/g, 'x');
      for (const who of [admin, anonymous(app)]) {
        const res = await who(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: DEEP });
        const body = await res.json().catch(() => null);
        if (res.status !== 400 || body?.reason !== 'nesting' || !body?.errorZh) wrong.push(`${path}: ${res.status} ${JSON.stringify(body)?.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('an imported GeoJSON nested 20,000 deep (areas, roads) is refused with 400 and the reason in both languages', async () => {
    const file = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"x"},"geometry":{"type":"Polygon","coordinates":${DEEP}}}]}`;
    for (const path of ['/api/import/areas?level=grid', '/api/import/roads', '/api/import/areas?level=grid&dryRun=true']) {
      const res = await admin(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: file });
      const body = await res.json();
      expect(res.status, `${path}: ${JSON.stringify(body).slice(0, 200)}`).toBe(400);
      expect(body.errorZh, path).toContain('嵌套');
      expect(body.error, path).toMatch(/nested more than 64 levels/);
    }
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::INTEGER n FROM grids');
    expect(n).toBeGreaterThan(100); // nothing replaced
  });
});

/** A zip archive (what an .xlsx is) of `count` entries that each inflate to `data`, compressed once: a bomb
 * written in milliseconds (local headers, one deflated body repeated, the central directory). */
function zipOfRepeats(data: Uint8Array, count: number): Uint8Array<ArrayBuffer> {
  const body = deflateRawSync(data, { level: 9 });
  const crc = crc32(data);
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const names = ['[Content_Types].xml', ...Array.from({ length: count - 1 }, (_, i) => `xl/worksheets/sheet${i + 1}.xml`)];
  for (const nameText of names) {
    const name = Buffer.from(nameText);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(8, 8);
    h.writeUInt32LE(crc, 14); h.writeUInt32LE(body.length, 18); h.writeUInt32LE(data.length, 22); h.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc, 16); c.writeUInt32LE(body.length, 20); c.writeUInt32LE(data.length, 24); c.writeUInt16LE(name.length, 28); c.writeUInt32LE(offset, 42);
    local.push(h, name, body);
    central.push(c, name);
    offset += h.length + name.length + body.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(names.length, 8); end.writeUInt16LE(names.length, 10); end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, dir, end]));
}

describe('a zip bomb named .xlsx', () => {
  it('1 MB inflating to 1 GB is refused with a reason in Chinese and English, not V8’s text', async () => {
    const bytes = zipOfRepeats(new Uint8Array(16 * 1024 * 1024).fill(0x20), 64); // 64 sheets of 16 MiB of spaces: 1 GiB
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    const form = new FormData();
    form.set('file', new Blob([bytes]), 'incidents.xlsx');
    const rssBefore = process.memoryUsage().rss;
    const res = await admin('/api/import/incidents?dryRun=true', { method: 'POST', body: form });
    const body = await res.json();
    expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(400);
    expect(body.errorZh).toMatch(/解压后超过 256 MB/);
    expect(body.error).toMatch(/unpacks to more than 256 MB/);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(512 * 1024 * 1024);
  }, 120_000);
});
