// A real HTTP server (the production createApp + @hono/node-server) on a free port, for browser tests.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';

export async function startHttpServer(db: Database, clientDir = 'dist/client'): Promise<{ url: string; close: () => Promise<void> }> {
  const app = createApp(db, { clientDir });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
