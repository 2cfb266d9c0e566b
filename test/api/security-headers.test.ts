// Security headers on every answer (server/http/security-headers.ts): the API's and the built client's. The
// policy runs no inline script, and the pages served really have none (else the policy would break them).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { openTestCounty } from '../support/test-county.js';

let db: Database;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  db = await openTestCounty();
  app = createApp(db, { clientDir: 'dist/client' });
});
afterAll(() => db.close());

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));

describe('security headers', () => {
  for (const path of ['/api/health', '/api/incidents/summary', '/api/no-such-thing', '/']) {
    it(`are on ${path}`, async () => {
      const res = await app.request(path);
      await res.body?.cancel();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      const csp = directives(res.headers.get('content-security-policy') ?? '');
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]); // no 'unsafe-inline', no 'unsafe-eval'
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('worker-src')).toContain('blob:'); // MapLibre's worker
      expect(csp.get('img-src')).toEqual(expect.arrayContaining(['data:', 'blob:']));
      expect(csp.get('object-src')).toEqual(["'none'"]);
    });
  }

  it('the pages (source and built) load scripts by src only: no inline script or event-handler attribute', () => {
    const pages = ['index.html', 'phone.html', ...(existsSync('dist/client') ? readdirSync('dist/client').filter((f) => f.endsWith('.html')).map((f) => `dist/client/${f}`) : [])];
    expect(pages.length).toBeGreaterThan(2);
    for (const p of pages) {
      const html = readFileSync(p, 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length, p).toBeGreaterThan(0);
      for (const [, attrs, body] of scripts) {
        expect(attrs, p).toMatch(/\bsrc=/);
        expect(body.trim(), p).toBe('');
      }
      expect(html, p).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html, p).not.toMatch(/javascript:/i);
    }
  });
});
