// The answers of /api/coverage (coverage.routes.ts declares them): the coverage ledger (shared/geo/
// coverage-ledger.ts computes it; the schema here is checked to be that type, both ways), the what-if, the
// MCLP plan, the specs and the saved scenarios. The client's types are these (client/views/coverage/coverage-api.ts).
import { z } from '@hono/zod-openapi';
import { COVERAGE_CATEGORIES, ROAD_CLASSES } from '../../../shared/domain/sites.js';
import { CAMERA_STATUSES } from '../../../shared/domain/cameras.js';
import { PLANNABLE_KINDS } from '../../../shared/domain/coverage.js';
import type { Ledger } from '../../../shared/geo/coverage-ledger.js';
import { Count, PlaceAnswer } from '../../http/answer-schemas.js';
import { cameraEdit } from './scenario-edits.js';

const category = z.enum(COVERAGE_CATEGORIES);
const roadClass = z.enum(ROAD_CLASSES);
const pct = z.number().nullable().describe('per cent, null when there is nothing to cover');
const score = z.number().optional().describe('what one new camera there gains, in the optimiser’s points (best first)');

export const LedgerSchema = z
  .strictObject({
    categories: z.array(z.strictObject({ category, sites: Count, covered: Count, pct, targetPct: z.number(), shortfall: Count.describe('sites still to cover for the target') })),
    kinds: z.array(z.strictObject({ kind: z.string(), category, sites: Count, covered: Count, need: Count.describe('cameras a site of the kind needs (2 when double)') })),
    roads: z.array(z.strictObject({ roadClass, lengthM: z.number(), coveredM: z.number(), pct, targetPct: z.number().nullable(), shortfallM: z.number() })),
    level: z.enum(['township', 'village', 'grid']),
    units: z.array(z.strictObject({ code: z.string(), name: z.string(), sites: Count, sitesCovered: Count, roadM: z.number(), roadCoveredM: z.number() })),
    crossings: z.array(z.strictObject({ lon: z.number(), lat: z.number(), roadId: z.number().int(), roadName: z.string(), roadClass, cameras: Count, covered: z.boolean() })),
    gaps: z
      .strictObject({
        sites: z.array(z.strictObject({ id: z.number().int(), name: z.string(), kind: z.string(), category, lon: z.number(), lat: z.number(), cameras: Count, need: Count, score })),
        roads: z.array(z.strictObject({ roadId: z.number().int(), name: z.string(), roadClass, lengthM: z.number(), line: z.array(z.tuple([z.number(), z.number()])), score })),
      })
      .optional()
      .describe('uncovered sites and road stretches (when asked for)'),
  })
  .openapi('CoverageLedger');
export type CoverageLedger = z.infer<typeof LedgerSchema>;

// The schema is the ledger's type: a field added to one and not the other fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const ledgerIsTheSchema: Same<z.infer<typeof LedgerSchema>, Ledger> = true;
void ledgerIsTheSchema;

export const LedgerAnswer = z
  .strictObject({ cameras: Count.describe('stored cameras'), computeMs: z.number().describe('milliseconds'), ledger: LedgerSchema })
  .openapi('CoverageLedgerAnswer');

const editedCamera = z.strictObject({ id: z.string(), name: z.string(), kind: z.string(), status: z.enum(CAMERA_STATUSES), lon: z.number(), lat: z.number(), bearing: z.number(), fov: z.number(), rangeM: z.number() });
const gapLists = LedgerSchema.shape.gaps.unwrap().shape;
const gapKeys = z.array(z.string()).describe('keys of the stored network’s gaps (site: id/cameras/need; road: roadId/lengthM/start/end)');
export const WhatIfAnswer = z
  .strictObject({
    changed: z.array(editedCamera).describe('cameras added or changed by the edits, in their final state'),
    removed: z.array(z.string()),
    computeMs: z.number(),
    ledger: LedgerSchema,
    gapsChange: z
      .strictObject({ against: z.string().describe('the token of the stored gaps this change applies to'), removedSites: gapKeys, removedRoads: gapKeys, sites: gapLists.sites, roads: gapLists.roads })
      .optional()
      .describe('with gapsAgainst: the scenario’s gaps as the stored gaps less the removed keys plus these, ranked best first (shared/geo/gap-change.ts); the ledger then has no gaps'),
    gapsBase: z
      .strictObject({ token: z.string(), ...gapLists })
      .optional()
      .describe('with gapsAgainst not the current token: the stored network’s gaps and their token, to send as gapsAgainst next time'),
  })
  .openapi('CoverageWhatIf');

export const PlannedCameraAnswer = z
  .strictObject({
    id: z.string().describe('PLAN-001, …'),
    kind: z.enum(PLANNABLE_KINDS),
    lon: z.number(),
    lat: z.number(),
    bearing: z.number(),
    fov: z.number(),
    rangeM: z.number(),
    costYuan: z.number(),
    source: z.enum(['intersection', 'road', 'site']),
    gain: z.number().describe('weighted coverage it adds after the cameras listed before it'),
    newSites: Count,
    newRoadM: z.number(),
    place: PlaceAnswer,
  })
  .openapi('PlannedCamera');
export const PlanAnswer = z
  .strictObject({
    plan: z.strictObject({
      cameras: z.array(PlannedCameraAnswer),
      candidates: Count,
      demandPoints: Count,
      objectiveBefore: z.number(),
      objectiveAfter: z.number(),
      greedyObjective: z.number().describe('what greedy alone reached, before the interchange'),
      swaps: Count,
      costYuan: z.number(),
    }),
    before: LedgerSchema,
    predicted: LedgerSchema,
    computeMs: z.number(),
  })
  .openapi('CoveragePlan');

/** A plan (or any camera list) as GeoJSON: each camera's point and its sector. */
export const PlanFeatures = z
  .strictObject({
    type: z.literal('FeatureCollection'),
    features: z.array(z.strictObject({ type: z.literal('Feature'), geometry: z.looseObject({ type: z.enum(['Point', 'Polygon']) }), properties: z.record(z.string(), z.unknown()) })),
  })
  .openapi('CameraPlanFeatures');

export const SpecsAnswer = z
  .strictObject({ kinds: z.array(z.strictObject({ kind: z.enum(PLANNABLE_KINDS), fov: z.number(), rangeM: z.number(), costYuan: z.number() })) })
  .openapi('NewCameraSpecs');

const scenarioHead = { id: z.string(), name: z.string(), createdAt: z.string().describe('ISO time, UTC') };
export const ScenariosAnswer = z.strictObject({ scenarios: z.array(z.strictObject({ ...scenarioHead, edits: Count })) }).openapi('CoverageScenarios');
export const ScenarioSaved = z.strictObject({ id: z.string(), name: z.string(), edits: Count }).openapi('CoverageScenarioSaved');
export const ScenarioAnswer = z.strictObject({ ...scenarioHead, edits: z.array(cameraEdit) }).openapi('CoverageScenario');

export type LedgerAnswer = z.infer<typeof LedgerAnswer>;
export type WhatIfAnswer = z.infer<typeof WhatIfAnswer>;
export type PlanAnswer = z.infer<typeof PlanAnswer>;
export type PlannedCameraAnswer = z.infer<typeof PlannedCameraAnswer>;
export type SpecsAnswer = z.infer<typeof SpecsAnswer>;
export type ScenariosAnswer = z.infer<typeof ScenariosAnswer>;
export type ScenarioSaved = z.infer<typeof ScenarioSaved>;
export type ScenarioAnswer = z.infer<typeof ScenarioAnswer>;
/** A camera edit as the client sends it (before the server's defaults). */
export type CameraEditRequest = z.input<typeof cameraEdit>;
