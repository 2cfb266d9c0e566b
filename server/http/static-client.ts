// The built client as a product serves it: hashed /assets/* are immutable (a year in every cache; a new build
// has new names) and go precompressed (brotli or gzip, written at build time by vite.config.ts); index.html
// is revalidated on every load (no-cache + ETag, 304 when unchanged), so a warm reload costs one small request.
import type { Context, Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const IMMUTABLE = 'public, max-age=31536000, immutable';

export function mountClient(app: Hono, clientDir: string): void {
  const root = relative(process.cwd(), clientDir) || '.';
  app.use(
    '/assets/*',
    serveStatic({
      root,
      precompressed: true,
      onFound: (_path, c) => {
        c.header('Cache-Control', IMMUTABLE);
      },
    }),
  );
  // index.html: read again only when the file changes (a rebuild while the server runs).
  let page: { mtimeMs: number; body: Buffer; etag: string } | null = null;
  const indexPath = join(clientDir, 'index.html');
  const index = () => {
    const { mtimeMs } = statSync(indexPath);
    if (!page || page.mtimeMs !== mtimeMs) {
      const body = readFileSync(indexPath);
      page = { mtimeMs, body, etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"` };
    }
    return page;
  };
  const sendIndex = (c: Context) => {
    const p = index();
    const headers = { 'Cache-Control': 'no-cache', ETag: p.etag, 'Content-Type': 'text/html; charset=utf-8' };
    if ((c.req.header('If-None-Match') ?? '').split(',').some((t) => t.trim() === p.etag)) return new Response(null, { status: 304, headers });
    return new Response(new Uint8Array(p.body), { status: 200, headers });
  };
  app.get('/', sendIndex);
  app.get('/index.html', sendIndex);
  app.use(
    '/*',
    serveStatic({
      root,
      precompressed: true,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'no-cache');
      },
    }),
  );
  // Any other path is the single-page app's.
  app.get('*', sendIndex);
}
