// Answers kept in memory by data version. An analysis answer is a pure function of its route, its parameters,
// the caller's scope (role and jurisdiction) and the data it reads (db/data-version.ts: every import and live
// report bumps it; a case transition bumps only the case state, which only the KPI routes read), so a repeat is
// served from memory and an ETag made from that key lets a browser revalidate for free (304). Concurrent identical requests share one computation. Memory is bounded (LRU by bytes); the gzip
// form of a large answer is made once, when a client that accepts gzip first asks for it, off the event loop
// (zlib's thread pool), and kept with it: a repeat is never compressed again, and a client that does not accept
// gzip (or a miss with the cache off) costs no compression at all.
import type { Context, MiddlewareHandler } from 'hono';
import { createHash, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Database } from '../db/database.js';
import { DATA_KINDS, dataVersion, type DataKind } from '../db/data-version.js';
import type { SessionUser } from '../../shared/domain/roles.js';
import { audit, sensitiveNoteOf } from '../auth/audit.js';

const gzipAsync = promisify(gzip);

/** Routes whose answers are pure functions of (parameters, scope, data). Streams, job progress, exports and
 * saved scenarios (changed by their own POSTs) are not here. `caseState`: the answer reads what the case workflow
 * changes (status, tier, closure, 督办: the KPIs, the ranking, the supervision figures), so it is keyed by the
 * 'cases' version too; every other answer (heat, counts, hotspots, coverage, patrol, …) counts incidents whatever
 * their status and survives a transition or an escalation (test/api/answer-cache.test.ts). */
const CACHED: { method: 'GET' | 'POST'; path: RegExp; caseState?: true; negotiates?: true }[] = [
  { method: 'GET', path: /^\/api\/(health|meta|regions)$/ },
  { method: 'GET', path: /^\/api\/areas\/(geometry|counts)$/ },
  { method: 'GET', path: /^\/api\/incidents\/heat$/, negotiates: true }, // JSON or binary by Accept (Vary: Accept)
  { method: 'GET', path: /^\/api\/incidents\/frames$/ },
  { method: 'GET', path: /^\/api\/incidents\/summary$/, caseState: true },
  { method: 'GET', path: /^\/api\/cameras$/ },
  { method: 'GET', path: /^\/api\/hotspots\/(gistar|emerging|change)$/ },
  { method: 'GET', path: /^\/api\/stats\/matrix$/ },
  { method: 'GET', path: /^\/api\/stats\/(ranking|supervision)$/, caseState: true },
  { method: 'GET', path: /^\/api\/coverage\/ledger$/ },
  { method: 'GET', path: /^\/api\/patrol\/(stations|risk|zones|corridors|isochrones)$/ },
  { method: 'GET', path: /^\/api\/(geocode|reverse-geocode)$/ },
  { method: 'POST', path: /^\/api\/coverage\/(whatif|plan)$/ },
  { method: 'POST', path: /^\/api\/patrol\/route$/ },
];

/** The data an answer depends on: everything, or everything but the case workflow's state. */
const WITH_CASES: readonly DataKind[] = DATA_KINDS;
const WITHOUT_CASES: readonly DataKind[] = DATA_KINDS.filter((k) => k !== 'cases');

/** Answers at least this large are also kept gzipped (smaller ones go uncompressed, see app.ts). */
const GZIP_FROM_BYTES = 32 * 1024;
/** zlib level 1: on the 1M county's answers (66–310 KB of JSON) it takes a fifth to a tenth of level 6's time
 * (heat at zoom 10: 0.5 ms against 5–14 ms on the loaded 2-core machine) for output about 15 % larger (22 KB
 * against 18 KB), which a command centre's LAN sends in well under a millisecond. */
const GZIP_LEVEL = 1;

interface Entry { body: Buffer; compressible: boolean; gzipped?: Promise<Buffer>; contentType: string; etag: string; vary?: string; sensitive?: string }

/** A map with least-recently-used eviction by total bytes. */
export class ByteLru<V> {
  private readonly map = new Map<string, { value: V; bytes: number }>();
  private total = 0;
  constructor(readonly maxBytes: number) {}
  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }
  set(key: string, value: V, bytes: number): void {
    if (bytes > this.maxBytes / 4) return; // one answer may not push out most of the others
    const old = this.map.get(key);
    if (old) (this.total -= old.bytes), this.map.delete(key);
    this.map.set(key, { value, bytes });
    this.total += bytes;
    this.evict();
  }
  /** Adds bytes to an entry already kept (its gzip form), evicting the least recently used if needed. */
  grow(key: string, bytes: number): void {
    const e = this.map.get(key);
    if (!e) return;
    e.bytes += bytes;
    this.total += bytes;
    this.evict();
  }
  private evict(): void {
    for (const [k, e] of this.map) {
      if (this.total <= this.maxBytes) break;
      this.map.delete(k);
      this.total -= e.bytes;
    }
  }
  get bytes(): number {
    return this.total;
  }
  get size(): number {
    return this.map.size;
  }
}

/**
 * The caller's scope as part of a cache key: the session user's role and jurisdiction prefix when the access
 * layer has set one (c.get('user')), otherwise "public" (no login in front of the API).
 */
export function callerScope(c: Context): string {
  const user = (c.var as { user?: SessionUser }).user;
  return user ? `${user.role}:${user.scopeCode}` : 'public';
}

/** Route, canonical parameters (query sorted; a POST's body), scope and the version of the data the route reads
 * (`kinds`): one answer per key. */
export async function cacheKey(c: Context, db: Database, kinds: readonly DataKind[] = DATA_KINDS, negotiates = false): Promise<string> {
  const url = new URL(c.req.url);
  const params = [...url.searchParams].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const body = c.req.method === 'POST' ? await c.req.text() : '';
  const accept = negotiates ? (c.req.header('Accept') ?? '') : ''; // the answer's form depends on it
  return JSON.stringify([c.req.method, url.pathname, params, body, accept, callerScope(c), kinds.join('+'), dataVersion(db, ...kinds)]);
}

const bytesOf = (b: Buffer) => new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength);
const acceptsGzip = (c: Context) => /\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '');
const etagMatches = (c: Context, etag: string) => (c.req.header('If-None-Match') ?? '').split(',').some((t) => t.trim() === etag || t.trim() === '*');

export interface AnswerCacheStats { hits: number; misses: number; shared: number; notModified: number; entries: number; bytes: number }

/**
 * The middleware: mount inside compress() so an answer it serves gzipped is left alone. maxBytes 0 turns
 * caching off (every request computes, nothing is shared); ETags and 304s work either way, since the tag is made
 * from the key: a matching If-None-Match is answered before anything is computed.
 */
export function answerCache(db: Database, maxBytes: number): { middleware: MiddlewareHandler; stats: () => AnswerCacheStats } {
  const lru = new ByteLru<Entry>(maxBytes);
  const running = new Map<string, Promise<Entry | null>>();
  // ETags name the process too: the data version is per process, so after a restart an old tag must not match.
  const boot = randomBytes(4).toString('hex');
  const counts = { hits: 0, misses: 0, shared: 0, notModified: 0 };

  /** The entry's gzip form, made on first demand and kept (its bytes counted against the bound). */
  const gzipped = (key: string, e: Entry): Promise<Buffer> => {
    if (!e.gzipped) {
      e.gzipped = gzipAsync(e.body, { level: GZIP_LEVEL });
      if (maxBytes > 0) void e.gzipped.then((z) => lru.grow(key, z.byteLength), () => {});
    }
    return e.gzipped;
  };

  const reply = async (c: Context, key: string, e: Entry, status: 'hit' | 'miss' | 'shared'): Promise<Response> => {
    // an answer with sensitive rows is logged each time it is served from memory (auth/audit.ts)
    if (e.sensitive && status !== 'miss') await audit(db, c, { action: 'sensitive.read', detail: `${e.sensitive} (kept answer)` });
    const headers: Record<string, string> = { 'Content-Type': e.contentType, ETag: e.etag, 'Cache-Control': 'no-cache', 'X-Answer-Cache': status };
    const vary = [e.vary, e.compressible ? 'Accept-Encoding' : undefined].filter(Boolean).join(', ');
    if (vary) headers.Vary = vary;
    if (e.compressible && acceptsGzip(c)) {
      const z = await gzipped(key, e);
      return new Response(bytesOf(z), { status: 200, headers: { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': String(z.byteLength) } });
    }
    return new Response(bytesOf(e.body), { status: 200, headers: { ...headers, 'Content-Length': String(e.body.byteLength) } });
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    const route = CACHED.find((r) => r.method === c.req.method && r.path.test(c.req.path));
    if (!route) return next();
    const key = await cacheKey(c, db, route.caseState ? WITH_CASES : WITHOUT_CASES, route.negotiates);
    const etag = `W/"${boot}-${createHash('sha1').update(key).digest('base64url').slice(0, 20)}"`;
    if (etagMatches(c, etag)) {
      counts.notModified++;
      const known = maxBytes > 0 ? lru.get(key) : undefined;
      if (known?.sensitive) await audit(db, c, { action: 'sensitive.read', detail: `${known.sensitive} (revalidated)` });
      return (c.res = new Response(null, { status: 304, headers: { ETag: etag, 'Cache-Control': 'no-cache' } }));
    }
    if (maxBytes > 0) {
      const kept = lru.get(key);
      if (kept) {
        counts.hits++;
        return (c.res = await reply(c, key, kept, 'hit'));
      }
      const pending = running.get(key);
      if (pending) {
        const e = await pending;
        if (e) {
          counts.shared++;
          return (c.res = await reply(c, key, e, 'shared'));
        }
        return next(); // the first request failed or was refused: compute (and answer) this one on its own
      }
    }
    counts.misses++;
    let settle!: (e: Entry | null) => void;
    if (maxBytes > 0) running.set(key, new Promise<Entry | null>((r) => (settle = r)));
    try {
      await next();
      const type = c.res.headers.get('Content-Type') ?? '';
      // JSON and GeoJSON (the area polygons, the largest answer of a page load: ~90 KB gzipped, revalidated by
      // ETag), and binary columns (heat cells)
      const binary = type.startsWith('application/octet-stream');
      if (c.res.status !== 200 || !(binary || /^application\/(geo\+)?json/.test(type)) || c.res.headers.has('Content-Encoding')) {
        settle?.(null);
        return;
      }
      const body = Buffer.from(await c.res.arrayBuffer());
      const compressible = !binary && body.byteLength >= GZIP_FROM_BYTES;
      const entry: Entry = { body, compressible, contentType: type, etag, vary: c.res.headers.get('Vary') ?? undefined, sensitive: sensitiveNoteOf(c) };
      if (maxBytes > 0) lru.set(key, entry, body.byteLength + key.length);
      settle?.(entry);
      c.res = await reply(c, key, entry, 'miss');
    } catch (err) {
      settle?.(null);
      throw err;
    } finally {
      if (maxBytes > 0) running.delete(key);
    }
  };
  return { middleware, stats: () => ({ ...counts, entries: lru.size, bytes: lru.bytes }) };
}
