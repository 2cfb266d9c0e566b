import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The client is served from the project root (index.html + client/); the API runs separately
// (server/index.ts, port 8080), so the dev server proxies /api to it and the production build
// lands where the server serves static files from.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    // maplibre-gl and deck.gl are large by nature; split them so the app chunk stays small and cacheable.
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      // Two pages: the dashboard and the grid member's phone page (its own small bundle).
      input: { main: fileURLToPath(new URL('index.html', import.meta.url)), phone: fileURLToPath(new URL('phone.html', import.meta.url)) },
      output: {
        manualChunks: { maplibre: ['maplibre-gl'], deck: ['@deck.gl/core', '@deck.gl/layers', '@deck.gl/aggregation-layers', '@deck.gl/mapbox'] },
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
