// JSON nested deeper than any request or file of this product needs is refused before it is parsed: 20,000
// nested `[` parse, but then overflow the stack of every recursive walk after it (JSON.stringify, geometry
// checks, zod), which answered 500. A linear scan of the text counts the nesting outside strings, so the check
// costs one pass and no memory. Bodies of writes (this middleware) and imported GeoJSON files
// (import/geojson-features.ts) are checked; GeoJSON needs 6 levels, request bodies fewer.
import type { Context, MiddlewareHandler } from 'hono';
import type { IncomingMessage } from 'node:http';

export const MAX_JSON_DEPTH = 64;

/** Whether `text` (JSON, or bytes of UTF-8 JSON) nests arrays/objects deeper than `max`. */
export function jsonTooDeep(text: string | Uint8Array, max = MAX_JSON_DEPTH): boolean {
  const at = typeof text === 'string' ? (i: number) => text.charCodeAt(i) : (i: number) => text[i];
  let depth = 0;
  let inString = false;
  for (let i = 0, n = text.length; i < n; i++) {
    const ch = at(i);
    if (inString) {
      if (ch === 92) i++; // backslash: skip the escaped character
      else if (ch === 34) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 91 || ch === 123) { if (++depth > max) return true; } // [ {
    else if (ch === 93 || ch === 125) depth--; // ] }
  }
  return false;
}

export const tooDeepAnswer = (max = MAX_JSON_DEPTH) => ({
  error: `The JSON is nested more than ${max} levels deep; no request or file of this service needs that.`,
  errorZh: `JSON 嵌套超过 ${max} 层，不予处理。`,
  reason: 'nesting',
});

/** Middleware on /api/*: a JSON write body nested too deep → 400 before any route parses it. Imports read their
 * raw body themselves (and check the GeoJSON text in import/geojson-features.ts), so they are left alone here. */
export const jsonDepthGuard: MiddlewareHandler = async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.path.startsWith('/api/import/') || !/json/i.test(c.req.header('content-type') ?? '')) return next();
  // Hono keeps the text, so the route's own c.req.json() or validator reads it again without the stream
  const text = await declaredBodyText(c);
  // (hono keeps promises in bodyCache, though its type says the values)
  if (text !== null) (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text);
  if (jsonTooDeep(text ?? (await c.req.text()))) return c.json(tooDeepAnswer(), 400);
  return next();
};

/** Under @hono/node-server, a body of a declared length (the size already judged by http/body-limits.ts) read
 * from Node's own request stream: c.req.text() would first make the full web Request (a ReadableStream over the
 * socket, an AbortSignal; ~0.1 ms of the main thread a request). Null when that is not the case here (in-process
 * requests, a chunked body: the web Request's body is read as usual). */
function declaredBodyText(c: Context): Promise<string | null> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || typeof incoming.on !== 'function' || incoming.readableDidRead || c.req.header('transfer-encoding') !== undefined || c.req.header('content-length') === undefined) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (b: Buffer) => chunks.push(b));
    // decoded as the web Request's text() decodes: UTF-8, a leading byte-order mark dropped
    incoming.once('end', () => resolve(Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '')));
    incoming.once('error', reject);
    incoming.once('close', () => { if (!incoming.complete) reject(new Error('the request body was cut short')); });
  });
}
