// The answers of the import routes (import.routes.ts), declared once for the OpenAPI document, the answer test
// and the client's import dialog (client/views/import/import-api.ts imports these types). A CSV import answers
// its report (import/report-size.ts compactRowReport: the first refused rows, their count and kinds, the full
// list as CSV); a polygon or road import its feature report; the jurisdiction import the outline it read.
// Refused imports (400) carry `error`/`errorZh` and, beside them, the whole report, so the dialog lists the
// reasons of a refused file as it does a dry run's.
import { z } from '@hono/zod-openapi';
import { AreaGeometry, BBox, Count, LonLat } from '../../http/answer-schemas.js';
import { ErrorAnswer } from '../../http/errors.js';
import { CAMERA_KINDS, CAMERA_STATUSES } from '../../../shared/domain/cameras.js';
import { INCIDENT_STATUSES } from '../../../shared/domain/categories.js';
import { ROAD_CLASSES, SITE_KINDS } from '../../../shared/domain/sites.js';
import { AREA_FIELDS, AREA_LEVELS } from '../../import/area-checks.js';
import { IMPORT_FIELDS } from '../../import/incident-rows.js';
import { ROAD_FIELDS } from '../../import/import-roads.js';

const reason = { reason: z.string().describe('in English'), reasonZh: z.string().describe('中文') };
/** A text in both languages (import/import-messages.ts Msg). */
const Bilingual = z.strictObject({ en: z.string(), zh: z.string(), key: z.string().optional() }).openapi('BilingualText');
const Degrees = z.number().describe('WGS-84, degrees');

export const RowRefusalAnswer = z
  .strictObject({ line: z.number().int().describe('line of the file'), reasons: z.array(z.strictObject({ ...reason, kind: z.string().optional() })), ...reason, raw: z.string().describe('the row as in the file (clipped at 1000 characters)') })
  .openapi('ImportRowRefusal');
const ReasonCountAnswer = z.strictObject({ kind: z.string(), count: Count, ...reason }).openapi('ImportReasonCount');

/** The fields every CSV import's report has (import/report-size.ts compactRowReport). */
const rowReport = {
  imported: Count.describe('rows written (0 unless committed)'),
  valid: Count.describe('rows that passed every check'),
  committed: z.boolean(),
  rejected: z.array(RowRefusalAnswer).describe('the first 300 refused rows'),
  rejectedCount: Count.describe('every refused row'),
  reasonCounts: z.array(ReasonCountAnswer).describe('refusals per kind, most frequent first'),
  rejectedCsv: z.string().optional().describe('every refused row as CSV, while it is under 1 MB'),
  rejectedCsvUrl: z.string().optional().describe('otherwise: where to download it (kept 10 minutes)'),
  columns: Count.optional().describe('the file’s column count, when the mapping lists only the first 200'),
};

const ValueReportAnswer = z
  .strictObject({
    value: z.string().describe('a distinct text of the file'), rows: Count,
    mapped: z.string().nullable().describe('the code it maps to, or null'),
    by: z.enum(['map', 'vocabulary', 'remembered', 'synonym']).nullable(),
    suggestions: z.array(z.strictObject({ value: z.string(), score: z.number() })),
  })
  .openapi('ImportValueReport');
const GeocodeUsed = z.strictObject({ level: z.string(), confidence: z.number().min(0).max(1) }).nullable().describe('how the address was located, when the row had no position');

export const IncidentImportAnswer = z
  .strictObject({
    ...rowReport,
    mapping: z.array(z.strictObject({ header: z.string(), field: z.enum(IMPORT_FIELDS).nullable() })),
    geocoded: z.record(z.string(), Count).describe('rows located from their address, by level'),
    preview: z.array(z.strictObject({
      line: z.number().int(), raw: z.string(), externalId: z.string().nullable(), category: z.string(), title: z.string().nullable(), address: z.string().nullable(),
      lon: Degrees, lat: Degrees, gridCode: z.string(), villageCode: z.string(), townshipCode: z.string(),
      reportedAt: z.string().describe('ISO time'), closedAt: z.string().nullable(), status: z.enum(INCIDENT_STATUSES), geocode: GeocodeUsed,
    })).optional().describe('dry run: the rows that would be written (the first ones)'),
    values: z.strictObject({ category: z.array(ValueReportAnswer), status: z.array(ValueReportAnswer) }).optional().describe('every distinct category and status text and how it maps'),
  })
  .openapi('IncidentImport');
export type IncidentImportAnswer = z.infer<typeof IncidentImportAnswer>;

const GridRef = z.strictObject({ code: z.string(), villageCode: z.string(), townshipCode: z.string() });
export const CameraImportAnswer = z
  .strictObject({
    ...rowReport,
    preview: z.array(z.strictObject({
      line: z.number().int(), id: z.string(), name: z.string().nullable(), kind: z.enum(CAMERA_KINDS), lon: Degrees, lat: Degrees,
      bearing: z.number().describe('degrees from north'), fov: z.number().describe('degrees'), rangeM: z.number().describe('metres'), status: z.enum(CAMERA_STATUSES),
      installedOn: z.string().nullable(), gridCode: z.string().nullable(), villageCode: z.string().nullable(), townshipCode: z.string().nullable(),
    })).optional(),
  })
  .openapi('CameraImport');
export const SiteImportAnswer = z
  .strictObject({
    ...rowReport,
    preview: z.array(z.strictObject({ line: z.number().int(), name: z.string(), kind: z.enum(SITE_KINDS), lon: Degrees, lat: Degrees, grid: GridRef.optional().describe('absent outside every grid') })).optional(),
  })
  .openapi('SiteImport');
export const StationImportAnswer = z
  .strictObject({
    ...rowReport,
    removed: Count.optional().describe('mode=replace: the stations the list replaced'),
    preview: z.array(z.strictObject({
      line: z.number().int(), name: z.string(), kind: z.enum(['bureau', 'station', 'post']), address: z.string().nullable(), lon: Degrees, lat: Degrees,
      units: z.number().int().describe('patrol units (crews) it sends'), townshipCode: z.string().nullable(), geocoded: z.boolean().describe('located from its address'),
    })).optional(),
  })
  .openapi('StationImport');
export type StationImportAnswer = z.infer<typeof StationImportAnswer>;
export type CameraImportAnswer = z.infer<typeof CameraImportAnswer>;
export type SiteImportAnswer = z.infer<typeof SiteImportAnswer>;

export const FeatureRefusalAnswer = z
  .strictObject({ feature: z.number().int().describe('1-based, in file order'), line: z.number().int().nullable(), code: z.string().nullable(), ...reason })
  .openapi('ImportFeatureRefusal');

/** How a polygon file was read: format, Shapefile layer and encoding, and its coordinate system. */
export const ImportSourceAnswer = z
  .strictObject({
    format: z.enum(['geojson', 'shapefile']),
    shapefile: z.strictObject({ layer: z.string(), otherLayers: z.array(z.string()), encoding: z.string(), encodingSource: z.enum(['parameter', 'cpg', 'dbf', 'detected']) }).optional(),
    crs: z.strictObject({
      id: z.string().describe('wgs84 | gcj02 | bd09 | epsg:NNNN | prj'), name: z.string(), source: z.enum(['parameter', 'prj', 'geojson', 'coordinates', 'default']),
      declared: z.string().nullable(), alternatives: z.array(z.strictObject({ id: z.string(), name: z.string() })),
      insideShare: z.number().min(0).max(1).describe('share of features inside the jurisdiction’s box after conversion'),
      confirm: z.boolean().describe('guessed from the positions: the clerk should confirm it'), note: Bilingual.nullable(),
    }),
  })
  .openapi('ImportSource');

const featureReport = {
  features: Count, valid: Count, imported: Count, committed: z.boolean(),
  rejected: z.array(FeatureRefusalAnswer), properties: z.array(z.string()).describe('the properties the features have'),
};
const ReassignCounts = z.strictObject({ points: Count, changed: Count, outsideGrids: Count, outsideAll: Count });

export const AreaImportAnswer = z
  .strictObject({
    level: z.enum(AREA_LEVELS), ...featureReport,
    mapping: z.array(z.strictObject({ property: z.string(), field: z.enum(AREA_FIELDS).nullable() })),
    source: ImportSourceAnswer.optional(),
    clipped: z.array(z.strictObject({ feature: z.number().int(), code: z.string(), removedM2: z.number().describe('m²') })).optional(),
    preview: z.array(z.strictObject({ feature: z.number().int(), line: z.number().int().nullable(), code: z.string(), name: z.string(), parentCode: z.string(), kind: z.string(), areaKm2: z.number().describe('km²') })).optional(),
    replaced: z.strictObject({ before: Count, after: Count, kept: Count, removed: Count, added: Count }).optional().describe('units of the level before and after'),
    reassigned: z.strictObject({ incidents: ReassignCounts, cameras: ReassignCounts, sites: ReassignCounts }).optional(),
  })
  .openapi('AreaImport');
export type AreaImportAnswer = z.infer<typeof AreaImportAnswer>;

export const RoadImportAnswer = z
  .strictObject({
    ...featureReport,
    mapping: z.array(z.strictObject({ property: z.string(), field: z.enum(ROAD_FIELDS).nullable() })),
    preview: z.array(z.strictObject({ feature: z.number().int(), line: z.number().int().nullable(), name: z.string(), roadClass: z.enum(ROAD_CLASSES), km: z.number().describe('km'), parts: Count })).optional(),
    removed: Count.optional().describe('stored roads removed (replace mode)'),
    kmByClass: z.partialRecord(z.enum(ROAD_CLASSES), z.number()).optional().describe('km written per class'),
  })
  .openapi('RoadImport');
export type RoadImportAnswer = z.infer<typeof RoadImportAnswer>;

export const JurisdictionImportAnswer = z
  .strictObject({
    committed: z.boolean(),
    jurisdiction: z.strictObject({
      code: z.string(), name: z.string(), province: z.string().nullable(), prefecture: z.string().nullable(),
      seat: LonLat, bbox: BBox, areaKm2: z.number().describe('km²'), parts: Count.describe('polygons of the outline'),
    }).optional(),
    source: ImportSourceAnswer.optional(),
    warnings: z.array(Bilingual).optional().describe('problems that do not stop the import'),
    preview: z.strictObject({
      outline: AreaGeometry.describe('the outline simplified for drawing'),
      around: z.array(z.strictObject({ code: z.string(), name: z.string(), geometry: AreaGeometry })).describe('the national county-level outlines around it'),
    }).optional().describe('dry run: what to draw for the administrator to confirm'),
  })
  .openapi('JurisdictionImport');
export type JurisdictionImportAnswer = z.infer<typeof JurisdictionImportAnswer>;
export const JurisdictionRefusedAnswer = z
  .strictObject({ error: z.string(), errorZh: z.string(), committed: z.literal(false), source: ImportSourceAnswer.optional() })
  .openapi('JurisdictionImportRefused', { description: 'The refusal, with how the file was read when it was.' });

/** A refused import: the error in both languages beside the whole report (or a plain error for a request that
 * never reached the file: a bad parameter, no file field, an empty body). */
export const refused = <S extends z.ZodObject>(report: S) => z.union([report.extend({ error: z.string(), errorZh: z.string() }), ErrorAnswer]);

export const ImportProgressAnswer = z
  .strictObject({ job: z.string(), stage: z.string().describe('parsing, checking, geocoding, writing, reassigning, done'), done: Count, total: Count, finished: z.boolean(), updatedAt: z.number().describe('epoch ms') })
  .openapi('ImportProgress');
export type ImportProgressAnswer = z.infer<typeof ImportProgressAnswer>;
