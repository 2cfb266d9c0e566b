// Every request body is limited while it streams (hono/body-limit): a chunked body without content-length is
// counted as it arrives and refused with 413 once over its route's limit, so no body can exhaust memory.
// Limits by route: imports MAX_IMPORT_BYTES (64 MB), a case's photo upload MAX_PHOTO_BYTES plus room for the
// multipart envelope, every other write (JSON) 1 MB.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_PHOTO_BYTES } from '../cases/attachments.js';
import { msg } from '../import/import-messages.js';
import { MAX_IMPORT_BYTES } from '../routes/import/import.routes.js';

export const MAX_IMPORT_BODY_BYTES = MAX_IMPORT_BYTES;
export const MAX_PHOTO_BODY_BYTES = MAX_PHOTO_BYTES + 256 * 1024;
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/** The body limit of a request path (under /api). */
export function bodyLimitOf(path: string): number {
  if (path.startsWith('/api/import/')) return MAX_IMPORT_BODY_BYTES;
  if (/^\/api\/cases\/[^/]+\/photos$/.test(path)) return MAX_PHOTO_BODY_BYTES;
  return MAX_JSON_BODY_BYTES;
}

const mb = (n: number) => `${Math.round((n / 1048576) * 10) / 10} MB`;

const limiters = new Map<number, MiddlewareHandler>();
const limiterOf = (maxSize: number) => {
  let l = limiters.get(maxSize);
  if (!l) {
    l = bodyLimit({
      maxSize,
      onError: (c) => {
        // An import says it in the import module's words (the same as for a declared content-length).
        if (maxSize === MAX_IMPORT_BODY_BYTES) {
          const m = msg.tooLarge(maxSize / 1048576);
          return c.json({ error: m.en, errorZh: m.zh }, 413);
        }
        return c.json({ error: `The request body is over this route's limit of ${mb(maxSize)}.`, errorZh: `请求内容过大（本接口最大 ${mb(maxSize)}）。` }, 413);
      },
    });
    limiters.set(maxSize, l);
  }
  return l;
};

/** Middleware on /api/*: the route's limit on any request that has a body. A body of a declared length (not
 * chunked) is judged by its content-length header alone, as hono's bodyLimit does, and a request Node parsed with
 * neither header has no body (HTTP/1.1): both without touching the web Request's body, which under @hono/node-server makes
 * the full Request (a ReadableStream over the socket, an AbortSignal: ~0.1 ms of the main thread a request). A
 * chunked body goes through hono's bodyLimit, which counts it as it streams. */
export const bodyLimits: MiddlewareHandler = (c, next) => {
  const declared = c.req.header('content-length');
  const chunked = c.req.header('transfer-encoding') !== undefined;
  const limit = bodyLimitOf(c.req.path);
  // (Node's parser: a request with neither has no body; an in-process Request may stream one without either)
  if (!chunked && declared === undefined && (c.env as { incoming?: unknown } | undefined)?.incoming) return next();
  if (!chunked && Number.parseInt(declared!, 10) <= limit) return next();
  return limiterOf(limit)(c, next);
};
