// /api/coverage: the planners' view (监控覆盖).
//   GET  /ledger            coverage ledger of the stored cameras (+ gaps, crossings) for a jurisdiction
//   GET  /ledger.csv        the same as CSV
//   POST /whatif            ledger after a list of camera edits (nothing is written)
//                           (gaps in both come best first, each with its score: server/analysis/gap-ranking.ts)
//   POST /plan              k new cameras (or a budget's worth) chosen by MCLP; ledger before and predicted after
//   POST /plan/export       a plan (or any camera list) as CSV or GeoJSON
//   GET/POST /scenarios, GET/DELETE /scenarios/:id   saved what-if scenarios
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { UnitLevel } from '../../../shared/geo/coverage-ledger.js';
import { shareWorld } from '../../analysis/shared-world.js';
import { runTask } from '../../workers/pool.js';
import type { LedgerParams } from '../../workers/coverage-tasks.js';
import type { Database } from '../../db/database.js';
import { NEW_CAMERA_SPECS, PLANNABLE_KINDS } from '../../../shared/domain/coverage.js';
import { CAMERA_KINDS } from '../../../shared/domain/cameras.js';
import { SITE_KINDS } from '../../../shared/domain/sites.js';
import { formatIssues, HttpError, validParam, validQuery } from '../../http/validate.js';
import { placeOf, placeText } from '../../../shared/geo/place-label.js';
import { countyContext } from '../../import/county-context.js';
import { jurisdictionCode, scopedBody } from '../filters.js';
import { attachment, ledgerCsv, planCsv, planGeoJson } from './coverage-export.js';
import { cameraState, coverageWorld, deleteScenario, densityOf, getScenario, listScenarios, saveScenario } from './coverage.queries.js';
import { applyEdits, cameraEdits } from './scenario-edits.js';
import { access } from '../../auth/access.js';
import { audit } from '../../auth/audit.js';
import { limitWrites } from '../../auth/request-guards.js';

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
const whatIfBody = z.object({ ...ledgerBody, gaps: z.boolean().default(true) });

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
const scenarioId = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'scenario ids are letters, digits, - and _') });

/** Parses a JSON body with a zod schema; malformed JSON and invalid fields are 400s with the reason. */
async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new HttpError(400, 'The request body must be JSON (Content-Type: application/json).');
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const { message, issues } = formatIssues(r.error);
    throw new HttpError(400, `Invalid request body: ${message}`, issues);
  }
  return r.data;
}

function ledgerParams(b: { code?: string; level: UnitLevel; double?: readonly string[] }, gaps: boolean): LedgerParams {
  return { code: b.code, level: b.level, double: [...(b.double ?? [])], gaps };
}

/** A JSON answer assembled from parts already serialised on a worker (the ledgers): no parse, no re-stringify. */
const jsonText = (c: Context, parts: Record<string, unknown>, raw: Record<string, string>) => {
  const head = JSON.stringify(parts).slice(0, -1);
  const tail = Object.entries(raw).map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',');
  return c.body(`${head}${head.length > 1 && tail ? ',' : ''}${tail}}`, 200, { 'content-type': 'application/json; charset=utf-8' });
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

export function coverageRoutes(db: Database) {
  const ledgerText = async (q: z.output<typeof ledgerQuery>, signal: AbortSignal) => {
    const t0 = performance.now();
    const gaps = q.gaps === '1';
    const [world, state, density] = await Promise.all([coverageWorld(db), cameraState(db), gaps ? densityOf(db) : undefined]);
    const ledger = await runTask('coverageLedger', { world: shareWorld(world), counts: state.counts, ledger: ledgerParams(q, gaps), density }, { signal });
    return { ledger, cameras: state.cameras.size, computeMs: performance.now() - t0 };
  };

  return new Hono()
    .get('/ledger', access('coverage.read'), validQuery(ledgerQuery), async (c) => {
      const { ledger, ...rest } = await ledgerText(c.req.valid('query'), c.req.raw.signal);
      return jsonText(c, rest, { ledger });
    })
    .get('/ledger.csv', access('coverage.read'), validQuery(ledgerQuery.extend({ lang: z.enum(['zh', 'en'], { message: 'lang must be zh or en' }).default('zh') })), async (c) => {
      const q = c.req.valid('query');
      const { ledger } = await ledgerText({ ...q, gaps: '0' }, c.req.raw.signal);
      const name = q.lang === 'zh' ? '监控覆盖台账.csv' : 'coverage-ledger.csv';
      const parsed = JSON.parse(ledger);
      await audit(db, c, { action: 'export', detail: `coverage ledger.csv ${parsed.units.length} ${q.level} rows${q.code ? ` of ${q.code}` : ''}` });
      return c.body(ledgerCsv(parsed, q.lang), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': attachment('coverage-ledger.csv', name) });
    })
    .post('/whatif', access('coverage.plan'), async (c) => {
      const body = scopedBody(c.get('user'), await jsonBody(c, whatIfBody));
      const t0 = performance.now();
      // the gaps' scores need the incident density (server/analysis/gap-ranking.ts)
      const [world, state, density] = await Promise.all([coverageWorld(db), cameraState(db), body.gaps ? densityOf(db) : undefined]);
      const edited = applyEdits(world, state, body.edits);
      const ledger = await runTask('coverageLedger', { world: shareWorld(world), counts: edited.counts, ledger: ledgerParams(body, body.gaps), density }, { transfer: [edited.counts.buffer as ArrayBuffer], signal: c.req.raw.signal });
      return jsonText(c, { changed: edited.changed.map(({ online: _o, ...cam }) => cam), removed: edited.removed, computeMs: performance.now() - t0 }, { ledger });
    })
    .post('/plan', access('coverage.plan'), async (c) => {
      const body = scopedBody(c.get('user'), await jsonBody(c, planBody));
      const t0 = performance.now();
      const [world, state, density, county] = await Promise.all([coverageWorld(db), cameraState(db), densityOf(db), countyContext(db)]);
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
    .post('/plan/export', access('coverage.plan'), async (c) => {
      const body = await jsonBody(c, exportBody);
      await audit(db, c, { action: 'export', detail: `camera plan.${body.format} ${body.cameras.length} cameras` });
      if (body.format === 'csv') return c.body(planCsv(body.cameras), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="camera-plan.csv"' });
      return c.body(JSON.stringify(planGeoJson(body.cameras)), 200, { 'content-type': 'application/geo+json; charset=utf-8', 'content-disposition': 'attachment; filename="camera-plan.geojson"' });
    })
    .get('/specs', access('coverage.read'), (c) => c.json({ kinds: PLANNABLE_KINDS.map((k) => ({ kind: k, ...NEW_CAMERA_SPECS[k] })) }))
    .get('/scenarios', access('coverage.read'), async (c) => c.json({ scenarios: await listScenarios(db) }))
    .post('/scenarios', access('coverage.plan'), limitWrites(), async (c) => {
      const body = await jsonBody(c, scenarioBody);
      const [world, state] = await Promise.all([coverageWorld(db), cameraState(db)]);
      applyEdits(world, state, body.edits); // refuse a scenario that does not apply (unknown ids…)
      const id = `S${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36).padStart(2, '0')}`;
      try {
        await saveScenario(db, id, body.name, body.edits);
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        if (/read.only/i.test(msg)) throw new HttpError(409, 'The database is opened read-only, so scenarios cannot be saved; open it writable (the normal server does).');
        throw err;
      }
      return c.json({ id, name: body.name, edits: body.edits.length }, 201);
    })
    .get('/scenarios/:id', access('coverage.read'), validParam(scenarioId), async (c) => {
      const s = await getScenario(db, c.req.valid('param').id);
      if (!s) throw new HttpError(404, `No scenario ${c.req.valid('param').id}; GET /api/coverage/scenarios lists them.`);
      return c.json(s);
    })
    .delete('/scenarios/:id', access('coverage.plan'), limitWrites(), validParam(scenarioId), async (c) => {
      const gone = await deleteScenario(db, c.req.valid('param').id);
      if (!gone) throw new HttpError(404, `No scenario ${c.req.valid('param').id}.`);
      return c.json({ deleted: c.req.valid('param').id });
    });
}
