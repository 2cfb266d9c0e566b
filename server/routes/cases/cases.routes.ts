// The case workflow over HTTP. Every route runs as the session's user (c.get('user')) and sees only cases in
// their jurisdiction; the rules are server/cases/case-rules.ts.
//   GET  /cases?status&overdue&queue=mine|reported&level&code&categories&from&to&bbox&sort&order&page&pageSize
//        → { total, page, pageSize, items } (paged and sorted in SQL)
//   GET  /cases/points?<same filters>&limit  → [id, lon, lat, status index, overdue] for the map's point layer
//   GET  /cases/:id        → the case with status, overdue, history (oldest first), photos and the actions you may take
//   POST /cases/:id/transitions  JSON { action, note?, assignee?, resolved?, attachmentId? } → the updated case, or 400/403/404/409 (http/errors.ts)
//   GET  /cases/:id/assignees?q  → the people the case may be dispatched to, closest first (cases/assignees.ts)
//   POST /cases/:id/photos  an image body (or multipart `file`) → 201 { id, type, bytes }; GET /cases/:id/photos/:photoId → the image
// Each is declared once (http/openapi.ts): path, inputs, answers, access rule; the client's types are these (CaseAnswer).
import type { Context } from 'hono';
import { listValue } from '@duckdb/node-api';
import { createRouter, declareRoute, fileUpload, json, jsonBody, refusal, z } from '../../http/openapi.js';
import { Count } from '../../http/answer-schemas.js';
import { allowedActions, decide } from '../../cases/case-rules.js';
import { assigneeCandidates, assigneeVerdict, displayNames, readAccount } from '../../cases/assignees.js';
import { readCase, readHistory, transition, type CaseRecord, type CaseTrail, type DispatchCheck } from '../../cases/case-store.js';
import { CASE_SORTS, caseWhere, decodeCursor, listCases, type CaseSort } from '../../cases/case-list.js';
import { checkPhoto, PHOTO_TYPES, photosOf, readPhoto, storePhoto } from '../../cases/attachments.js';
import { isOverdue, overdueSql } from '../../cases/deadlines.js';
import { areaNames } from '../../cases/area-names.js';
import { clockNow } from '../../../shared/time/clock.js';
import type { Database } from '../../db/database.js';
import { CASE_ACTIONS, CASE_LEVEL_NAMES, CASE_LEVELS, CASE_STATUS_NAMES, CASE_STATUSES, HISTORY_ACTION_NAMES, HISTORY_ACTIONS } from '../../../shared/domain/case-workflow.js';
import { CATEGORY_INFO, type IncidentCategory } from '../../../shared/domain/categories.js';
import { ROLES, type SessionUser } from '../../../shared/domain/roles.js';
import { ErrorAnswer, errorBody } from '../../http/errors.js';
import { incidentFilterShape, orderedWindow, requireVisible } from '../filters.js';
import { publish } from '../reports/event-bus.js';
import { caseEventOf } from './case-events.js';
// The case rules (who may see and move which case) are the handlers'; the access layer asks for a session.
import { limitWrites } from '../../auth/request-guards.js';
import { auditSensitiveRead } from '../../auth/audit.js';
import { can } from '../../../shared/domain/permissions.js';
import { knownCategories } from '../../http/category-scope.js';

const isPetition = (category: string) => knownCategories().byCode.get(category)?.group === 'petition';

const csvOf = <T extends string>(values: readonly T[], what: string) =>
  z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(z.enum(values as [T, ...T[]], { message: `unknown ${what}; use one of ${values.join(', ')}` })));
const flag = z.enum(['1', '0', 'true', 'false'], { message: 'expected 1 or 0' }).transform((s) => s === '1' || s === 'true');

const ListFilterShape = {
  ...incidentFilterShape,
  status: csvOf(CASE_STATUSES, 'status').optional(),
  level: csvOf(CASE_LEVELS, 'level').optional(),
  overdue: flag.optional(),
  queue: z.enum(['mine', 'reported'], { message: 'queue is mine or reported' }).optional(),
};
export const CaseListQuery = orderedWindow(z.object({
  ...ListFilterShape,
  sort: z.enum(Object.keys(CASE_SORTS) as [CaseSort, ...CaseSort[]], { message: `sort by one of ${Object.keys(CASE_SORTS).join(', ')}` }).default('reportedAt'),
  order: z.enum(['asc', 'desc'], { message: 'order is asc or desc' }).default('desc'),
  page: z.coerce.number({ message: 'page must be a number' }).int('page must be a whole number').min(1, 'pages start at 1').max(100_000).default(1),
  pageSize: z.coerce.number({ message: 'pageSize must be a number' }).int().min(1).max(200, 'at most 200 cases a page').default(50),
  cursor: z.string().max(400, 'not a cursor this list gave').optional()
    .transform((s, ctx) => {
      if (s === undefined) return undefined;
      const c = decodeCursor(s);
      if (!c) ctx.addIssue({ code: 'custom', message: 'not a cursor this list gave (use the `next` of the page before)' });
      return c ?? undefined;
    })
    .openapi({ type: 'string', description: 'keyset paging: the `next` of the page before; the rows after it in the same sort and order (every page then costs what the first does; `page` is only echoed)' }),
}).superRefine((q, ctx) => {
  if (q.cursor && (q.cursor.sort !== q.sort || q.cursor.order !== q.order))
    ctx.addIssue({ code: 'custom', path: ['cursor'], message: `the cursor was given for sort=${q.cursor.sort}&order=${q.cursor.order}; ask with those, or start again without a cursor` });
}));
export const CasePointsQuery = orderedWindow(z.object({ ...ListFilterShape, limit: z.coerce.number().int().min(1).max(100_000).default(20_000) }));

export const CaseListItemAnswer = z
  .strictObject({
    id: z.number().int(), category: z.string(), categoryZh: z.string(), title: z.string().nullable(), address: z.string().nullable(),
    lon: z.number().describe('WGS-84, degrees'), lat: z.number().describe('WGS-84, degrees'),
    gridCode: z.string(), villageName: z.string().nullable(), townshipName: z.string().nullable(),
    status: z.enum(CASE_STATUSES), statusZh: z.string(), level: z.enum(CASE_LEVELS), levelZh: z.string(),
    overdue: z.boolean(), supervised: z.boolean(), assignee: z.string().nullable(),
    reportedAt: z.string().describe('ISO time'), dueAt: z.string().describe('ISO time'), closedAt: z.string().nullable().describe('ISO time'),
  })
  .openapi('CaseListItem');
export const CaseListAnswer = z.strictObject({
  total: Count, page: z.number().int().min(1), pageSize: z.number().int().min(1),
  next: z.string().nullable().describe('the cursor of the next page (send it as `cursor`, with the same filters, sort and order); null on the last page'),
  items: z.array(CaseListItemAnswer),
}).openapi('CaseList');
export type CaseListAnswer = z.infer<typeof CaseListAnswer>;
export const CasePointsAnswer = z
  .strictObject({
    statuses: z.array(z.enum(CASE_STATUSES)).describe('the status names, by index'),
    ids: z.array(z.number().int()),
    lon: z.array(z.number()).describe('WGS-84, degrees'),
    lat: z.array(z.number()).describe('WGS-84, degrees'),
    status: z.array(z.number().int().min(0)).describe('index into statuses'),
    overdue: z.array(z.union([z.literal(0), z.literal(1)])),
  })
  .openapi('CasePoints', { description: 'Columns, one entry per case, newest first.' });
export type CasePointsAnswer = z.infer<typeof CasePointsAnswer>;

export const caseListRoute = declareRoute({
  method: 'get',
  path: '/cases',
  access: 'signed-in',
  summary: { zh: '事件（案件）列表', en: 'Cases, paged and sorted' },
  request: { query: CaseListQuery },
  responses: { 200: json(CaseListAnswer, 'The cases of the user’s jurisdiction that match, one page.') },
});

export const casePointsRoute = declareRoute({
  method: 'get',
  path: '/cases/points',
  access: 'signed-in',
  summary: { zh: '案件点位', en: 'Case points for the map' },
  request: { query: CasePointsQuery },
  responses: { 200: json(CasePointsAnswer, 'Position, status and overdue flag of each matching case.') },
});

const TransitionBody = z.object({
  action: z.enum(CASE_ACTIONS, { message: `action must be one of ${CASE_ACTIONS.join(', ')}` }),
  note: z.string().trim().max(500, 'note too long (500 characters at most)').optional(),
  assignee: z.string().trim().min(1).max(80).optional(),
  resolved: z.boolean().optional(),
  attachmentId: z.string().uuid('attachmentId is the id a photo upload answered').optional(),
});

/** A case's number in the path: a positive whole number. */
const CaseId = z.coerce
  .number({ message: 'case ids are positive whole numbers' })
  .int('case ids are positive whole numbers')
  .min(1, 'case ids are positive whole numbers')
  .max(Number.MAX_SAFE_INTEGER, 'case ids are positive whole numbers')
  .openapi({ param: { name: 'id', in: 'path' }, description: 'the case number (incidents.id)' });
const CasePath = z.object({ id: CaseId });
const PhotoPath = z.object({ id: CaseId, photoId: z.string().openapi({ param: { name: 'photoId', in: 'path' }, description: 'the id the photo upload answered' }) });

const iso = z.string().describe('ISO time');
export const CaseHistoryEntryAnswer = z
  .strictObject({
    seq: z.number().int().min(1), action: z.enum(HISTORY_ACTIONS), actionZh: z.string(),
    fromStatus: z.enum(CASE_STATUSES).nullable(), toStatus: z.enum(CASE_STATUSES), fromLevel: z.enum(CASE_LEVELS).nullable(), toLevel: z.enum(CASE_LEVELS),
    at: iso, actor: z.strictObject({ id: z.number().int().nullable(), name: z.string().nullable(), role: z.string().nullable() }),
    note: z.string().nullable(), assignee: z.string().nullable(),
    assigneeName: z.string().nullable().describe('the assignee’s display name when the assignee is an account'),
    attachmentId: z.string().nullable(),
  })
  .openapi('CaseHistoryEntry');
export const CasePhotoAnswer = z.strictObject({ id: z.string(), type: z.enum(PHOTO_TYPES), bytes: z.number().int().min(1).describe('bytes'), createdAt: iso }).openapi('CasePhoto');
export const CaseAnswer = z
  .strictObject({
    id: z.number().int(), category: z.string(), categoryZh: z.string(), title: z.string().nullable(), address: z.string().nullable(),
    lon: z.number().describe('WGS-84, degrees'), lat: z.number().describe('WGS-84, degrees'),
    gridCode: z.string(), villageCode: z.string(), townshipCode: z.string(), gridName: z.string().nullable(), villageName: z.string().nullable(), townshipName: z.string().nullable(),
    status: z.enum(CASE_STATUSES), statusZh: z.string(), level: z.enum(CASE_LEVELS), levelZh: z.string(),
    overdue: z.boolean(), supervised: z.boolean(), assignee: z.string().nullable(),
    assigneeName: z.string().nullable().describe('the assignee’s display name when the assignee is an account'),
    reporter: z.string().nullable().describe('the reporter’s account, for roles with reporter.contact or the reporter themself'),
    reportedAt: iso, dueAt: iso, levelDueAt: iso.nullable(), closedAt: iso.nullable(), resolved: z.boolean().nullable(), source: z.string().nullable(),
    history: z.array(CaseHistoryEntryAnswer).describe('oldest first'),
    photos: z.array(CasePhotoAnswer),
    actions: z.array(z.enum(CASE_ACTIONS)).describe('what the signed-in user may do to the case now'),
  })
  .openapi('Case');
export type CaseAnswer = z.infer<typeof CaseAnswer>;
export const CasePhotoStoredAnswer = z.strictObject({ id: z.string(), type: z.enum(PHOTO_TYPES), bytes: z.number().int().min(1).describe('bytes') }).openapi('CasePhotoStored');

/** A photo, as an upload's body or the answer: the image's own bytes. */
const imageContent = (description: string) =>
  Object.fromEntries(PHOTO_TYPES.map((t) => [t, { schema: z.string().openapi({ format: 'binary', description }) }])) as Record<(typeof PHOTO_TYPES)[number], { schema: z.ZodString }>;

export const caseRoute = declareRoute({
  method: 'get',
  path: '/cases/{id}',
  access: 'signed-in',
  summary: { zh: '事件（案件）详情', en: 'One case with its history and photos' },
  request: { params: CasePath },
  responses: {
    200: json(CaseAnswer, 'The case, its history oldest first, its photos and the actions the user may take.'),
    404: json(ErrorAnswer, 'No case with this number (没有该事件).'),
  },
});

export const caseTransitionRoute = declareRoute({
  method: 'post',
  path: '/cases/{id}/transitions',
  access: 'signed-in',
  guards: [limitWrites()],
  summary: { zh: '流转事件（受理、派遣、处置、审核、办结、退回、上报、督办）', en: 'Move a case through the workflow' },
  request: { params: CasePath, body: jsonBody(TransitionBody) },
  responses: {
    200: json(CaseAnswer, 'The case after the transition.'),
    404: json(ErrorAnswer, 'No case with this number (没有该事件).'),
    409: json(ErrorAnswer, 'The case’s status or tier does not allow the action (e.g. already closed).'),
  },
});

/** Not validated by the router (a plain schema, not zod): the handler reads the bytes itself, within the
 * streaming body limit of http/body-limits.ts, and tells the type from the file's own first bytes. */
const PHOTO_UPLOAD = {
  required: true,
  description: 'The photo (JPEG, PNG or WebP, at most 5 MB): its own bytes, or a multipart form with the field `file`.',
  content: { ...imageContent('the photo’s bytes'), ...fileUpload('the photo (JPEG, PNG or WebP)') },
};

export const casePhotoUploadRoute = declareRoute({
  method: 'post',
  path: '/cases/{id}/photos',
  access: 'signed-in',
  guards: [limitWrites()],
  summary: { zh: '上传事件现场照片', en: 'Attach a photo to a case' },
  request: { params: CasePath, body: PHOTO_UPLOAD },
  responses: {
    201: json(CasePhotoStoredAnswer, 'The photo was stored: its id, type and size.'),
    404: json(ErrorAnswer, 'No case with this number (没有该事件).'),
  },
});

export const casePhotoRoute = declareRoute({
  method: 'get',
  path: '/cases/{id}/photos/{photoId}',
  access: 'signed-in',
  summary: { zh: '事件现场照片', en: 'A photo of a case' },
  request: { params: PhotoPath },
  responses: {
    200: { description: 'The image, with the type its bytes have (nosniff).', content: imageContent('the image') },
    404: json(ErrorAnswer, 'No such case, or no such photo of it (没有该照片).'),
  },
});

export const AssigneeQuery = z.object({
  q: z.string().trim().max(40, 'search with at most 40 characters').optional().openapi({ description: 'part of a name, user name or unit (网格、村、乡镇) to narrow the list' }),
});
export const AssigneeAnswer = z.strictObject({
  username: z.string(), displayName: z.string(), role: z.enum(ROLES), roleZh: z.string(), roleEn: z.string(),
  unitCode: z.string().describe('the division code of the person’s unit (their jurisdiction)'), unitName: z.string().nullable(),
  fit: z.enum(['grid', 'village', 'township']).describe('the case’s own grid, its village, or elsewhere in its township'),
}).openapi('CaseAssignee');
export const AssigneeListAnswer = z.strictObject({ items: z.array(AssigneeAnswer).describe('closest first: the case’s grid, then its village, then its township') }).openapi('CaseAssignees');
export type AssigneeListAnswer = z.infer<typeof AssigneeListAnswer>;

export const caseAssigneesRoute = declareRoute({
  method: 'get',
  path: '/cases/{id}/assignees',
  access: 'signed-in',
  summary: { zh: '可派遣人员', en: 'People a case may be dispatched to' },
  request: { params: CasePath, query: AssigneeQuery },
  responses: {
    200: json(AssigneeListAnswer, 'The grid members and township staff of the case’s township the user can see, closest to the case first.'),
    403: json(ErrorAnswer, 'The case is outside the user’s jurisdiction, or the user may not dispatch it.'),
    404: json(ErrorAnswer, 'No case with this number (没有该事件).'),
  },
});

/** The case as the API gives it: state, names, overdue, history oldest first, photos, and what the user may do.
 * `trail`: the history and photos when the caller has them (a transition's, from its group's transaction). */
export async function caseView(db: Database, user: SessionUser, c: CaseRecord, now = clockNow(), trail?: CaseTrail): Promise<CaseAnswer> {
  const [history, photos, names] = await Promise.all([
    trail?.history ?? readHistory(db, c.id),
    trail?.photos ?? photosOf(db, c.id),
    areaNames(db),
  ]);
  const people = await displayNames(db, [c.assignee, ...history.map((h) => h.assignee)]);
  const nameOf = (u: string | null) => (u ? people.get(u) ?? null : null);
  return {
    ...c,
    assigneeName: nameOf(c.assignee),
    categoryZh: CATEGORY_INFO[c.category as IncidentCategory]?.zh ?? c.category,
    statusZh: CASE_STATUS_NAMES[c.status]?.zh ?? c.status,
    levelZh: CASE_LEVEL_NAMES[c.level]?.zh ?? c.level,
    gridName: names.grid.get(c.gridCode) ?? null, villageName: names.village.get(c.villageCode) ?? null, townshipName: names.township.get(c.townshipCode) ?? null,
    overdue: isOverdue({ status: c.status, dueAt: Date.parse(c.dueAt) }, now),
    history: history.map((h) => ({ ...h, assigneeName: nameOf(h.assignee), actionZh: HISTORY_ACTION_NAMES[h.action]?.zh ?? h.action })),
    photos: photos as CaseAnswer['photos'],
    actions: allowedActions(user, c),
    reporter: can(user.role, 'reporter.contact') || c.reporter === user.username ? c.reporter : null,
  };
}

export function caseRoutes(db: Database) {
  /** The case if it exists and the user may see it; otherwise the answer to send. */
  const visibleCase = async (c: Context, user: SessionUser, id: number) => {
    const found = await readCase(db, id);
    if (!found) return { answer: refusal(c, 404, errorBody(404, `no case ${id}`, { errorZh: `没有编号为 ${id} 的事件` })) };
    // 403 reason 'jurisdiction' (filters.ts), unless the case was dispatched to this user (case-rules.ts inScope)
    if (found.assignee !== user.username) requireVisible(user, found.gridCode, { en: `Case ${id}`, zh: `事件 ${id}` });
    // petition (信访) cases carry personal text: only for roles with petitions.text, as in the list
    if (isPetition(found.category) && !can(user.role, 'petitions.text'))
      return { answer: refusal(c, 403, errorBody(403, `Case ${id} is a petition case; your role may not read petitions.`, { errorZh: '信访事件仅限有权限的角色查看。', reason: 'sensitive' })) };
    return { found };
  };

  return createRouter()
    // The query's code is already scoped to the user by the router (http/openapi.ts); the list itself keeps to
    // the user's scope (case-list.ts caseWhere).
    .openapi(caseListRoute, async (c) => {
      const user = c.get('user')!;
      const list = await listCases(db, user, c.req.valid('query'));
      const petitions = list.items.filter((r) => isPetition(r.category)).length;
      if (petitions) await auditSensitiveRead(db, c, `case list: ${petitions} petition rows of ${list.items.length}`);
      return c.json(list, 200);
    })
    .openapi(casePointsRoute, async (c) => {
      const user = c.get('user')!;
      const q = c.req.valid('query');
      const now = clockNow();
      const w = caseWhere(user, q, now);
      const cols = await db.queryColumns(
        `SELECT id, round(lon, 6), round(lat, 6), list_position(?::VARCHAR[], status) - 1, ${overdueSql(now)}::INTEGER
         FROM incidents WHERE ${w.sql} ORDER BY reported_at DESC LIMIT ?`, [listValue([...CASE_STATUSES]), ...w.params, q.limit]);
      return c.json({ statuses: [...CASE_STATUSES], ids: cols[0] as number[], lon: cols[1] as number[], lat: cols[2] as number[], status: cols[3] as number[], overdue: cols[4] as (0 | 1)[] }, 200);
    })
    .openapi(caseRoute, async (c) => {
      const user = c.get('user')!;
      const v = await visibleCase(c, user, c.req.valid('param').id);
      if (!v.found) return v.answer;
      const read = [isPetition(v.found.category) && 'petition text', v.found.reporter && can(user.role, 'reporter.contact') && `reporter ${v.found.reporter}`].filter(Boolean);
      if (read.length) await auditSensitiveRead(db, c, `case ${v.found.id}: ${read.join(', ')}`);
      return c.json(await caseView(db, user, v.found), 200);
    })
    .openapi(caseTransitionRoute, async (c) => {
      const user = c.get('user')!;
      // No read before the transition: concurrent transitions are decided in arrival order (case-store.ts);
      // the rules refuse a case outside the jurisdiction with reason 'jurisdiction', like requireVisible.
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      // A person named as assignee must be one the case may go to (cases/assignees.ts, the picker's own rule),
      // checked by the writer on the case it decides the dispatch on (no read of the case here; the accounts are
      // kept in memory): a case's units never change by a transition, so the group's order cannot change the verdict.
      const checkDispatch: DispatchCheck = async (found, name) => {
        const v = assigneeVerdict(user, found, name, await readAccount(db, name));
        return v.ok ? null : { ok: false, httpStatus: v.httpStatus, reason: v.reason, reasonZh: v.reasonZh, why: v.why ?? 'assignee' };
      };
      const r = await transition(db, user, id, body, undefined, checkDispatch);
      if (!r.ok) return refusal(c, r.httpStatus, errorBody(r.httpStatus, r.reason, { errorZh: r.reasonZh, ...('why' in r && r.why && { reason: r.why }) }));
      const ev = caseEventOf(r.after, body.action === 'escalate' ? 'escalated' : 'moved', body.action);
      publish(db, ev);
      return c.json(await caseView(db, user, r.after, undefined, r.trail), 200);
    })
    .openapi(caseAssigneesRoute, async (c) => {
      const user = c.get('user')!;
      const v = await visibleCase(c, user, c.req.valid('param').id);
      if (!v.found) return v.answer;
      // the list is for whoever may dispatch the case (its tier's managers); a wrong status (not yet accepted) is
      // no reason to hide it
      const d = decide(user, v.found, 'dispatch', { assignee: 'x' });
      if (!d.ok && d.httpStatus === 403) return refusal(c, 403, errorBody(403, d.reason, { errorZh: d.reasonZh, reason: 'role' }));
      return c.json({ items: await assigneeCandidates(db, user, v.found, c.req.valid('query').q) }, 200);
    })
    .openapi(casePhotoUploadRoute, async (c) => {
      const user = c.get('user')!;
      const v = await visibleCase(c, user, c.req.valid('param').id);
      if (!v.found) return v.answer;
      const declared = Number(c.req.header('content-length') ?? 0);
      if (declared > 6 * 1024 * 1024) return c.json(errorBody(413, 'the photo is too large; at most 5 MB', { errorZh: '照片过大（最大 5 MB）' }), 413);
      let bytes: Uint8Array;
      if ((c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
        const form = await c.req.formData().catch(() => null);
        const file = form?.get('file');
        if (!file || typeof file === 'string') return c.json(errorBody(400, 'send the photo as the multipart field `file`', { errorZh: '请上传照片文件' }), 400);
        bytes = new Uint8Array(await file.arrayBuffer());
      } else bytes = new Uint8Array(await c.req.arrayBuffer());
      const check = checkPhoto(bytes);
      if (!check.ok) return refusal(c, check.httpStatus, errorBody(check.httpStatus, check.error, { errorZh: check.errorZh }));
      const photoId = await storePhoto(db, v.found.id, bytes, check.type, user.username);
      return c.json({ id: photoId, type: check.type, bytes: bytes.length }, 201);
    })
    .openapi(casePhotoRoute, async (c) => {
      const user = c.get('user')!;
      const { id, photoId } = c.req.valid('param');
      const v = await visibleCase(c, user, id);
      if (!v.found) return v.answer;
      const photo = await readPhoto(db, v.found.id, photoId);
      if (!photo) return c.json(errorBody(404, 'no such photo', { errorZh: '没有该照片' }), 404);
      return c.body(photo.data as Uint8Array<ArrayBuffer>, 200, { 'content-type': photo.type, 'x-content-type-options': 'nosniff', 'cache-control': 'private, max-age=86400' });
    });
}
