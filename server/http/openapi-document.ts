// GET /api/openapi.json: the OpenAPI 3.1 document of the API, generated from the routes' declarations
// (http/openapi.ts) by @hono/zod-openapi. Access: signed-in. The document holds no data, but it is the map of
// every route, parameter and permission; integrators (the county's 综治 platform, a video platform) get an
// account like any caller. The API reference page (api-docs.html, Swagger UI built into the client) reads it.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { SESSION_COOKIE } from '../auth/session.js';
import { declareRoute, json, z } from './openapi.js';

export const OpenApiDocumentAnswer = z
  .looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) })
  .openapi('OpenApiDocument');

export const openApiRoute = declareRoute({
  method: 'get',
  path: '/openapi.json',
  access: 'signed-in',
  summary: { zh: '接口说明文档（OpenAPI 3.1）', en: 'This API as an OpenAPI 3.1 document' },
  responses: { 200: json(OpenApiDocumentAnswer, 'The OpenAPI 3.1 document of every route.') },
});

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** The document of the routes declared on `api`, with their paths under `prefix` (where app.ts mounts it). */
export function openApiDocument(api: OpenAPIHono, prefix: string) {
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The session cookie POST /api/auth/login sets (HttpOnly, SameSite=Strict). Writes must also carry the page’s Origin.',
  });
  const doc = api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: '平安一张图 API · pingan-map API',
      version: '0.1.0',
      description:
        'The dashboard’s HTTP API: jurisdiction, incidents, cameras, coverage, patrol, hotspots, statistics, cases, reports and imports. ' +
        'Every route names its access rule in `x-access` (public, signed-in, or a permission of the role table). Errors share one schema (Error). ' +
        '仪表盘的全部接口；每个接口的 x-access 为访问规则；错误统一为 Error 结构（error、errorZh、reason、details）。',
    },
    security: [{ session: [] }],
  });
  // Paths as callers write them (under the prefix), and a tag per feature (the first segment after the prefix)
  // so the reference page groups the routes.
  const paths: typeof doc.paths = {};
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const full = `${prefix}${path === '/' ? '' : path}`;
    paths[full] = item;
    const tag = path === '/openapi.json' ? 'openapi' : path.split('/')[1] || 'api';
    for (const m of METHODS) {
      const op = (item as Record<string, { tags?: string[] } | undefined>)[m];
      if (op && !op.tags?.length) op.tags = [tag];
    }
  }
  return { ...doc, paths };
}
