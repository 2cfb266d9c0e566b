// A real HTTP server (the production createApp + the production Node server, server/http/node-server.ts) on a
// free port, for browser tests and the raw-HTTP tests.
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { startServer } from '../../server/http/node-server.js';

export async function startHttpServer(db: Database, clientDir = 'dist/client'): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const app = createApp(db, { clientDir });
  const server = startServer(app.fetch, { port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
