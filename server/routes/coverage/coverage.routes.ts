// /api/coverage: the planners' view (监控覆盖).
//   GET  /ledger            coverage ledger of the stored cameras (+ gaps, crossings) for a jurisdiction
//   GET  /ledger.csv        the same as CSV
//   POST /whatif            ledger after a list of camera edits (nothing is written)
//                           (gaps in both come best first, each with its score: server/analysis/gap-ranking.ts)
//   POST /plan              k new cameras (or a budget's worth) chosen by MCLP; ledger before and predicted after
//   POST /plan/export       a plan (or any camera list) as CSV or GeoJSON
//   GET/POST /scenarios, GET/DELETE /scenarios/:id   saved what-if scenarios
import type { Context } from 'hono';
import type { UnitLevel } from '../../../shared/geo/coverage-ledger.js';
import { shareWorld } from '../../analysis/shared-world.js';
import { runTask } from '../../workers/pool.js';
import type { LedgerParams } from '../../workers/coverage-tasks.js';
import type { Database } from '../../db/database.js';
import { NEW_CAMERA_SPECS, PLANNABLE_KINDS } from '../../../shared/domain/coverage.js';
import { CAMERA_KINDS } from '../../../shared/domain/cameras.js';
import { SITE_KINDS } from '../../../shared/domain/sites.js';
import { HttpError } from '../../http/validate.js';
import { createRouter, declareRoute, file, json, jsonBody, z } from '../../http/openapi.js';
import { placeOf, placeText } from '../../../shared/geo/place-label.js';
import { countyContext } from '../../import/county-context.js';
import { jurisdictionCode, OutOfScope, scopedBody, scopeFor } from '../filters.js';
import { attachment, ledgerCsv, planCsv, planGeoJson } from './coverage-export.js';
import { cameraState, coverageWorld, deleteScenario, densityOf, getScenario, listScenarios, saveScenario, storedGapsToken } from './coverage.queries.js';
import { applyEdits, cameraEdits, requireEditableCameras } from './scenario-edits.js';
import { audit } from '../../auth/audit.js';
import { limitWrites } from '../../auth/request-guards.js';
import { LedgerAnswer, PlanAnswer, PlanFeatures, ScenarioAnswer, ScenarioSaved, ScenariosAnswer, SpecsAnswer, WhatIfAnswer } from './coverage.answers.js';
import { ErrorAnswer } from '../../http/errors.js';
export type * from './coverage.answers.js';

const level = z.enum(['township', 'village', 'grid'], { message: 'level must be township, village or grid' });
const siteKind = z.enum(SITE_KINDS, { message: `unknown site kind; use ${SITE_KINDS.join(', ')}` });
const doubleList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(siteKind));

const ledgerQuery = z.object({
  code: jurisdictionCode.optional(),
  level: level.default('township'),
  double: doubleList.optional(),
  gaps: z.enum(['0', '1'], { message: 'gaps must be 0 or 1' }).default('1'),
});

const ledgerBody = {
  code: jurisdictionCode.optional(),
  level: level.default('township'),
  double: z.array(siteKind).optional(),
  edits: cameraEdits.default([]),
};
const whatIfBody = z.object({
  ...ledgerBody,
  gaps: z.boolean().default(true),
  gapsAgainst: z
    .string()
    .max(64, 'gapsAgainst is at most 64 characters')
    .optional()
    .describe('The token of the stored network’s gaps the client holds ("" for none). With it the gaps come as gapsChange against them, and gapsBase (the stored gaps with their token) comes too when the token is not the current one.'),
});

const money = z.number().positive().max(1e10);

/**
 * What a plan costs grows with k × candidates, and the candidates along uncovered roads with 1000 / spacingM
 * per km: k = 500 at 10 m spacing is 670,000 candidates and minutes of interchange on the county. So
 * k × 1000 / spacingM is limited (k = 500 needs spacingM ≥ 100, k = 50 can go down to 10 m), and a plan that
 * still runs longer than PLAN_TIME_BUDGET_MS is stopped with a 503.
 */
export const PLAN_WORK_LIMIT = 5000;
export const PLAN_TIME_BUDGET_MS = 60_000;
const planBody = z
  .object({
    ...ledgerBody,
    k: z.number().int().min(1, 'k must be at least 1').max(500, 'k is at most 500').optional(),
    budgetYuan: money.optional(),
    kinds: z.array(z.enum(PLANNABLE_KINDS, { message: `kinds may be ${PLANNABLE_KINDS.join(', ')}` })).min(1).optional(),
    costs: z.object(Object.fromEntries(PLANNABLE_KINDS.map((k) => [k, money.optional()])) as Record<(typeof PLANNABLE_KINDS)[number], z.ZodOptional<typeof money>>).strict().optional(),
    spacingM: z.number().min(10, 'spacingM is at least 10').max(2000, 'spacingM is at most 2000').default(100),
    // A plan is always greedy + interchange: greedy alone reached 0.81–0.89 of the optimum on the county.
    // What greedy alone reached is in the answer (greedyObjective) for comparison; asking to skip the
    // interchange is refused rather than silently honoured or ignored.
    interchange: z.unknown().optional().refine((v) => v === undefined || v === true, { message: 'interchange cannot be switched off: every plan runs greedy then the interchange step (greedyObjective in the answer reports greedy alone)' }),
  })
  .refine((b) => b.k !== undefined || b.budgetYuan !== undefined, { message: 'give k (number of cameras) or budgetYuan (or both)', path: ['k'] })
  .superRefine((b, ctx) => {
    const k = b.k ?? 500; // a budget-only plan may choose up to the limit of k
    if (k * (1000 / b.spacingM) <= PLAN_WORK_LIMIT) return;
    ctx.addIssue({
      code: 'custom',
      path: ['spacingM'],
      message: `k × 1000 / spacingM is at most ${PLAN_WORK_LIMIT} (the plan's work grows with both): with k = ${k}${b.k === undefined ? ' (a budget plan counts as 500)' : ''} spacingM must be at least ${Math.ceil((k * 1000) / PLAN_WORK_LIMIT)} m`,
    });
  });

const exportCamera = z.object({
  id: z.string().max(64),
  kind: z.enum(CAMERA_KINDS),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  bearing: z.number().finite(),
  fov: z.number().gt(0).max(360),
  rangeM: z.number().gt(0).max(1000),
  costYuan: z.number().optional(),
  gain: z.number().optional(),
  newSites: z.number().optional(),
  newRoadM: z.number().optional(),
  source: z.string().max(32).optional(),
  place: z.union([z.string().max(200), z.object({ label: z.string().max(200), near: z.string().max(200).nullable() }).transform((p) => placeText(p))]).optional(),
});
const exportBody = z.object({ format: z.enum(['csv', 'geojson'], { message: 'format must be csv or geojson' }), cameras: z.array(exportCamera).min(1, 'no cameras to export').max(10000) });
const scenarioBody = z.object({ name: z.string().trim().min(1, 'give the scenario a name').max(100), edits: cameraEdits.min(1, 'a scenario needs at least one edit') });
const scenarioId = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'scenario ids are letters, digits, - and _').openapi({ example: 'Smiq2x4k01' }) });
const ledgerCsvQuery = ledgerQuery.extend({ lang: z.enum(['zh', 'en'], { message: 'lang must be zh or en' }).default('zh') });

function ledgerParams(b: { code?: string; level: UnitLevel; double?: readonly string[] }, gaps: boolean): LedgerParams {
  return { code: b.code, level: b.level, double: [...(b.double ?? [])], gaps };
}

/** A JSON answer assembled from parts already serialised on a worker (the ledgers): no parse, no re-stringify. */
const jsonText = (c: Context, parts: Record<string, unknown>, raw: Record<string, string>) => {
  const head = JSON.stringify(parts).slice(0, -1);
  const tail = Object.entries(raw).map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',');
  // typed as the route's answer: the parts are what its schema declares (the openapi test checks the real text)
  return c.body(`${head}${head.length > 1 && tail ? ',' : ''}${tail}}`, 200, { 'content-type': 'application/json; charset=utf-8' }) as never;
};

/** The request's signal, also aborted when the plan outlives its time budget (then the answer is a 503). */
function budgeted(c: Context): { signal: AbortSignal; timedOut: () => boolean } {
  const timeout = AbortSignal.timeout(PLAN_TIME_BUDGET_MS);
  return { signal: AbortSignal.any([c.req.raw.signal, timeout]), timedOut: () => timeout.aborted };
}

async function withinBudget<T>(c: Context, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const b = budgeted(c);
  try {
    return await work(b.signal);
  } catch (err) {
    if (b.timedOut()) throw new HttpError(503, `The plan ran longer than its time budget of ${PLAN_TIME_BUDGET_MS / 1000} s and was stopped: ask for fewer cameras (k) or a wider spacingM.`);
    throw err;
  }
}


export type LedgerQuery = z.output<typeof ledgerQuery>;
/** What the client sends for a what-if or a plan (before the server's defaults). */
export type WhatIfRequest = z.input<typeof whatIfBody>;
export type PlanRequestBody = z.input<typeof planBody>;

const CSV_MEDIA = { 'text/csv': { schema: z.string() } } as const;
const read = 'coverage.read' as const, plan = 'coverage.plan' as const;

export const ledgerRoute = declareRoute({
  method: 'get', path: '/ledger', access: read,
  summary: { zh: '监控覆盖台账（达标率、缺口、卡口）', en: 'Coverage ledger: targets met, gaps and crossings' },
  request: { query: ledgerQuery },
  responses: { 200: json(LedgerAnswer, 'The ledger of the stored cameras for the jurisdiction (gaps best first with their scores when gaps=1).') },
});
export const ledgerCsvRoute = declareRoute({
  method: 'get', path: '/ledger.csv', access: read,
  summary: { zh: '监控覆盖台账导出（CSV）', en: 'Coverage ledger as CSV' },
  request: { query: ledgerCsvQuery },
  responses: { 200: { description: 'The ledger’s rows per unit, headers in the language asked for (audited as an export).', content: CSV_MEDIA } },
});
export const whatIfRoute = declareRoute({
  method: 'post', path: '/whatif', access: plan,
  summary: { zh: '假设分析：摄像头改动后的台账（不写入）', en: 'What-if: the ledger after camera edits (nothing is written)' },
  request: { body: jsonBody(whatIfBody) },
  responses: { 200: json(WhatIfAnswer, 'The ledger with the edits applied, and the cameras they change.') },
});
export const planRoute = declareRoute({
  method: 'post', path: '/plan', access: plan,
  summary: { zh: '新增摄像头选址（最大覆盖模型）', en: 'Where to add cameras (maximal covering location)' },
  request: { body: jsonBody(planBody) },
  responses: { 200: json(PlanAnswer, 'k cameras (or a budget’s worth) by greedy then interchange, each named where it stands; the ledger before and predicted after.') },
});
export const planExportRoute = declareRoute({
  method: 'post', path: '/plan/export', access: plan,
  summary: { zh: '选址方案导出（CSV / GeoJSON）', en: 'A camera plan as CSV or GeoJSON' },
  request: { body: jsonBody(exportBody) },
  responses: { 200: { description: 'The cameras as a download (audited as an export).', content: { ...CSV_MEDIA, 'application/geo+json': { schema: PlanFeatures } } } },
});
export const specsRoute = declareRoute({
  method: 'get', path: '/specs', access: read,
  summary: { zh: '可规划的摄像头类型与参数', en: 'Camera kinds a plan may add, with their specs' },
  responses: { 200: json(SpecsAnswer, 'Field of view (degrees), range (metres) and cost (yuan) per kind.') },
});
export const scenariosRoute = declareRoute({
  method: 'get', path: '/scenarios', access: read,
  summary: { zh: '已保存的假设方案', en: 'Saved what-if scenarios' },
  responses: { 200: json(ScenariosAnswer, 'Newest first, with their number of edits.') },
});
export const saveScenarioRoute = declareRoute({
  method: 'post', path: '/scenarios', access: plan, guards: [limitWrites()],
  summary: { zh: '保存假设方案', en: 'Save a what-if scenario' },
  request: { body: jsonBody(scenarioBody) },
  responses: { 201: json(ScenarioSaved, 'Saved (the edits were checked to apply).'), 409: json(ErrorAnswer, 'The database is opened read-only: scenarios cannot be saved here.') },
});
export const scenarioRoute = declareRoute({
  method: 'get', path: '/scenarios/{id}', access: read,
  summary: { zh: '一个假设方案', en: 'One what-if scenario' },
  request: { params: scenarioId },
  responses: { 200: json(ScenarioAnswer, 'The scenario with its edits.'), 404: json(ErrorAnswer, 'No scenario with that id.') },
});
export const deleteScenarioRoute = declareRoute({
  method: 'delete', path: '/scenarios/{id}', access: plan, guards: [limitWrites()],
  summary: { zh: '删除假设方案', en: 'Delete a what-if scenario' },
  request: { params: scenarioId },
  responses: { 200: json(z.strictObject({ deleted: z.string() }), 'Deleted.'), 404: json(ErrorAnswer, 'No scenario with that id.') },
});

/** The caller's scope for their saved scenarios (coverage.queries.ts): undefined for a jurisdiction-wide user. */
const callerScope = (c: Context): string | undefined => {
  const s = scopeFor(c.get('user')?.scopeCode, undefined);
  return s.ok ? s.code : undefined;
};
const scenarioOutOfScope = (c: Context, id: string) =>
  new OutOfScope(`Scenario ${id} was saved in another jurisdiction than yours (${c.get('user').scopeCode}).`, `方案 ${id} 不属于您的辖区（${c.get('user').scopeCode}）。`);

export function coverageRoutes(db: Database) {
  const ledgerText = async (q: LedgerQuery, signal: AbortSignal) => {
    const t0 = performance.now();
    const gaps = q.gaps === '1';
    const [world, state, density] = await Promise.all([coverageWorld(db), cameraState(db), gaps ? densityOf(db) : undefined]);
    const ledger = await runTask('coverageLedger', { world: shareWorld(world), counts: state.counts, ledger: ledgerParams(q, gaps), density }, { signal });
    return { ledger, cameras: state.cameras.size, computeMs: performance.now() - t0 };
  };

  return createRouter()
    .openapi(ledgerRoute, async (c) => {
      const { ledger, ...rest } = await ledgerText(c.req.valid('query'), c.req.raw.signal);
      return jsonText(c, rest, { ledger });
    })
    .openapi(ledgerCsvRoute, async (c) => {
      const q = c.req.valid('query');
      const { ledger } = await ledgerText({ ...q, gaps: '0' }, c.req.raw.signal);
      const name = q.lang === 'zh' ? '监控覆盖台账.csv' : 'coverage-ledger.csv';
      const parsed = JSON.parse(ledger);
      await audit(db, c, { action: 'export', detail: `coverage ledger.csv ${parsed.units.length} ${q.level} rows${q.code ? ` of ${q.code}` : ''}` });
      return c.body(ledgerCsv(parsed, q.lang), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': attachment('coverage-ledger.csv', name) });
    })
    .openapi(whatIfRoute, async (c) => {
      const body = scopedBody(c.get('user'), c.req.valid('json'));
      const t0 = performance.now();
      // the gaps' scores need the incident density (server/analysis/gap-ranking.ts)
      const [world, state, density] = await Promise.all([coverageWorld(db), cameraState(db), body.gaps ? densityOf(db) : undefined]);
      requireEditableCameras(c.get('user'), state, body.edits);
      const edited = applyEdits(world, state, body.edits);
      const answered = { changed: edited.changed.map(({ online: _o, gridCode: _g, ...cam }) => cam), removed: edited.removed };
      if (density && body.gapsAgainst !== undefined) {
        const params = ledgerParams(body, true);
        const token = storedGapsToken(world, state, density, params.code, params.double);
        const task = { world: shareWorld(world), counts: edited.counts, baseCounts: state.counts, ledger: params, density, gapsAgainst: { token, held: body.gapsAgainst } };
        const { gapsBase, ...text } = await runTask('coverageWhatIf', task, { transfer: [edited.counts.buffer as ArrayBuffer], signal: c.req.raw.signal });
        return jsonText(c, { ...answered, computeMs: performance.now() - t0 }, { ...text, ...(gapsBase ? { gapsBase } : {}) });
      }
      const ledger = await runTask('coverageLedger', { world: shareWorld(world), counts: edited.counts, ledger: ledgerParams(body, body.gaps), density }, { transfer: [edited.counts.buffer as ArrayBuffer], signal: c.req.raw.signal });
      return jsonText(c, { ...answered, computeMs: performance.now() - t0 }, { ledger });
    })
    .openapi(planRoute, async (c) => {
      const body = scopedBody(c.get('user'), c.req.valid('json'));
      const t0 = performance.now();
      const [world, state, density, county] = await Promise.all([coverageWorld(db), cameraState(db), densityOf(db), countyContext(db)]);
      requireEditableCameras(c.get('user'), state, body.edits);
      const edited = applyEdits(world, state, body.edits);
      // Greedy + interchange over up to hundreds of thousands of candidates: on the pool, within its budget,
      // cancelled when the planner goes away.
      const answer = await withinBudget(c, (signal) =>
        runTask(
          'coveragePlan',
          {
            world: shareWorld(world),
            counts: edited.counts,
            siting: { k: body.k, budgetYuan: body.budgetYuan, kinds: body.kinds, costs: body.costs, code: body.code, spacingM: body.spacingM, density },
            ledger: ledgerParams(body, false),
          },
          { transfer: [edited.counts.buffer as ArrayBuffer], signal },
        ),
      );
      const { cameras, ...summary } = answer.plan;
      const plan = {
        ...summary,
        // Each proposal named where it stands (township, village, nearest street): one reverse geocode each.
        cameras: cameras.map((cam, i) => ({ id: `PLAN-${String(i + 1).padStart(3, '0')}`, ...cam, place: placeOf(county.reverse.reverse(cam.lon, cam.lat)) })),
      };
      return jsonText(c, { plan }, { before: answer.before, predicted: answer.predicted, computeMs: String(performance.now() - t0) });
    })
    .openapi(planExportRoute, async (c) => {
      const body = c.req.valid('json');
      await audit(db, c, { action: 'export', detail: `camera plan.${body.format} ${body.cameras.length} cameras` });
      if (body.format === 'csv') return c.body(planCsv(body.cameras), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="camera-plan.csv"' });
      return c.body(JSON.stringify(planGeoJson(body.cameras)), 200, { 'content-type': 'application/geo+json; charset=utf-8', 'content-disposition': 'attachment; filename="camera-plan.geojson"' });
    })
    .openapi(specsRoute, (c) => c.json({ kinds: PLANNABLE_KINDS.map((k) => ({ kind: k, ...NEW_CAMERA_SPECS[k] })) }, 200))
    .openapi(scenariosRoute, async (c) => c.json({ scenarios: await listScenarios(db, callerScope(c)) }, 200))
    .openapi(saveScenarioRoute, async (c) => {
      const body = c.req.valid('json');
      const [world, state] = await Promise.all([coverageWorld(db), cameraState(db)]);
      requireEditableCameras(c.get('user'), state, body.edits);
      applyEdits(world, state, body.edits); // refuse a scenario that does not apply (unknown ids…)
      const id = `S${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36).padStart(2, '0')}`;
      try {
        await saveScenario(db, id, body.name, body.edits, c.get('user').scopeCode);
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        if (/read.only/i.test(msg)) throw new HttpError(409, 'The database is opened read-only, so scenarios cannot be saved; open it writable (the normal server does).', undefined, '数据库以只读方式打开，无法保存方案。');
        throw err;
      }
      return c.json({ id, name: body.name, edits: body.edits.length }, 201);
    })
    .openapi(scenarioRoute, async (c) => {
      const { id } = c.req.valid('param');
      const s = await getScenario(db, id, callerScope(c));
      if (s === 'hidden') throw scenarioOutOfScope(c, id);
      if (!s) throw new HttpError(404, `No scenario ${id}; GET /api/coverage/scenarios lists them.`, undefined, `没有方案 ${id}。`);
      return c.json(s, 200);
    })
    .openapi(deleteScenarioRoute, async (c) => {
      const { id } = c.req.valid('param');
      const deleted = await deleteScenario(db, id, callerScope(c));
      if (deleted === 'hidden') throw scenarioOutOfScope(c, id);
      if (!deleted) throw new HttpError(404, `No scenario ${id}.`, undefined, `没有方案 ${id}。`);
      return c.json({ deleted: id }, 200);
    });
}
