import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** Writes `name.br` and `name.gz` beside every compressible built file over 1 KB, once at build time: the
 * server sends them as they are (server/http/static-client.ts) instead of compressing per request. */
function precompress(): Plugin {
  let outDir = 'dist/client';
  return {
    name: 'pingan-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    // After every output is written (worker bundles and copied assets included), walk the folder once.
    closeBundle() {
      const root = resolve(fileURLToPath(new URL('.', import.meta.url)), outDir);
      for (const name of readdirSync(root, { recursive: true }) as string[]) {
        if (!/\.(js|mjs|css|html|svg|json|wasm|txt)$/.test(name)) continue;
        const path = join(root, name);
        const raw = readFileSync(path);
        if (raw.length < 1024) continue;
        writeFileSync(`${path}.br`, brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }));
        writeFileSync(`${path}.gz`, gzipSync(raw, { level: 9 }));
      }
    },
  };
}

// The client is served from the project root (index.html + client/); the API runs separately
// (server/index.ts, port 8080), so the dev server proxies /api to it and the production build
// lands where the server serves static files from.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [precompress()],
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    // maplibre-gl and deck.gl are large by nature; split them so the app chunk stays small and cacheable.
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      // Three pages: the dashboard, the grid member's phone page (its own small bundle) and the API reference
      // (Swagger UI over /api/openapi.json, its own bundle too).
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        phone: fileURLToPath(new URL('phone.html', import.meta.url)),
        apiDocs: fileURLToPath(new URL('api-docs.html', import.meta.url)),
      },
      output: {
        // By package path, and Vite's small preload helper (every page's dynamic import needs it) in a chunk of its
        // own: Rollup had put it into the deck chunk, and the phone page preloaded all of deck.gl (975 KB) for it.
        manualChunks(id) {
          if (id.includes('vite/preload-helper')) return 'preload-helper';
          if (/[\\/]node_modules[\\/]maplibre-gl[\\/]/.test(id)) return 'maplibre';
          if (/[\\/]node_modules[\\/](@deck\.gl|@luma\.gl|@math\.gl|@loaders\.gl|@probe\.gl|gl-matrix|mjolnir\.js|@mapbox[\\/]tiny-sdf|earcut|d3-hexbin)[\\/]/.test(id)) return 'deck';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: {
      // Keep the browser's Host header: the server builds the basemap style's absolute source and
      // glyph URLs from it, and they must point back through this proxy, not at port 8080 (CORS).
      '/api': { target: process.env.PINGAN_API_URL ?? 'http://localhost:8080', changeOrigin: false },
    },
  },
});
