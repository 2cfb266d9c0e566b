// The one error answer of the API: `{ error, errorZh, reason?, details? }` — what went wrong and what to do, in
// English and in Chinese, a machine-readable `reason` where a caller branches on the cause (role, jurisdiction,
// read-only, …) and `details` for what a program reads (the validation issues, a conflicting row). Every error
// the server gives has this shape: the routes' own refusals, the validation hook, onError, the 404 fallback
// and the answers Node's HTTP parser gives before the app runs (server/http/client-error.ts).
import { z } from '@hono/zod-openapi';

export const ErrorAnswer = z
  .strictObject({
    error: z.string().describe('What went wrong and what to do about it, in English.'),
    errorZh: z.string().describe('同上，中文：出了什么问题、怎么办。'),
    reason: z.string().optional().describe('A machine-readable cause where callers branch on it: role, jurisdiction, read-only, rate-limit, …'),
    details: z.unknown().optional().describe('Data for programs: the validation issues ({ issues: [{ path, message, messageZh }] }), a conflicting row, …'),
  })
  .openapi('Error', { description: 'Every error answer of the API (4xx and 5xx).' });
export type ErrorAnswer = z.infer<typeof ErrorAnswer>;

/** The Chinese word for each error status, the head of a Chinese message when a refusal has no own wording. */
export const STATUS_ZH: Record<number, string> = {
  400: '请求无效',
  401: '请先登录',
  403: '无权访问',
  404: '未找到',
  409: '与现有数据冲突',
  413: '请求体过大',
  415: '不支持的内容类型',
  422: '无法完成',
  429: '请求过于频繁',
  431: '请求头或网址过长',
  499: '请求已取消',
  500: '服务器内部错误',
  503: '暂时无法处理',
};

/** An error body: the English message, its Chinese (or the status's Chinese word with the English message when a
 * refusal has no Chinese wording of its own yet), and the optional reason and details. */
export function errorBody(status: number, error: string, extra: { errorZh?: string; reason?: string; details?: unknown } = {}): ErrorAnswer {
  const body: ErrorAnswer = { error, errorZh: extra.errorZh ?? `${STATUS_ZH[status] ?? '出错了'}：${error}` };
  if (extra.reason !== undefined) body.reason = extra.reason;
  if (extra.details !== undefined) body.details = extra.details;
  return body;
}

/** The JSON text of an error body, for answers written outside Hono (Node's clientError). */
export const errorJson = (status: number, error: string, errorZh?: string) => JSON.stringify(errorBody(status, error, { errorZh }));
