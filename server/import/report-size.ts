// Import answers stay small whatever the file (issue 14 item 3b: a 17 MB workbook's dry run answered 386 MB of
// JSON, every refused row's raw text twice). The answer lists the first MAX_LISTED_REFUSALS refused rows (raw
// text clipped), how many there are, and how many refusals of each kind; the full list is the rejected-rows
// CSV — inline (`rejectedCsv`) while it is small, otherwise a download kept for a while (`rejectedCsvUrl`).
// The header mapping lists at most MAX_MAPPING_COLUMNS columns (`columns` gives the file's count then).
import { randomUUID } from 'node:crypto';
import type { RowRefusal } from './import-messages.js';

export const MAX_LISTED_REFUSALS = 300;
export const MAX_RAW_CHARS = 1000;
export const MAX_INLINE_CSV_CHARS = 1024 * 1024;
/** Header → field rows answered (a real table has dozens of columns; a 1 MB header line may have 80,000). */
export const MAX_MAPPING_COLUMNS = 200;
const KEEP_MS = 10 * 60000;
const MAX_KEPT = 8;

export interface ReasonCount { kind: string; count: number; reason: string; reasonZh: string }

/** Refusals per kind (a row with three problems counts in three kinds), most frequent first, each with the
 * first row's sentence as its example. */
export function reasonCounts(rejected: readonly RowRefusal[]): ReasonCount[] {
  const byKind = new Map<string, ReasonCount>();
  for (const r of rejected)
    for (const x of r.reasons ?? [{ reason: r.reason, reasonZh: r.reasonZh }]) {
      const kind = (x as { kind?: string }).kind ?? 'other';
      const c = byKind.get(kind);
      if (c) c.count++;
      else byKind.set(kind, { kind, count: 1, reason: x.reason, reasonZh: x.reasonZh });
    }
  return [...byKind.values()].sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}

const kept = new Map<string, { csv: string; until: number }>();

/** A rejected-rows CSV kept for download for 10 minutes (the last MAX_KEPT of them). */
export function keepRejectedCsv(csv: string, now = Date.now()): string {
  for (const [id, k] of kept) if (k.until < now) kept.delete(id);
  while (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
  const id = randomUUID();
  kept.set(id, { csv, until: now + KEEP_MS });
  return id;
}

export function keptRejectedCsv(id: string, now = Date.now()): string | undefined {
  const k = kept.get(id);
  return k && k.until >= now ? k.csv : undefined;
}

/** The answer form of a CSV import's report. */
export function compactRowReport<R extends { rejected: RowRefusal[]; rejectedCsv?: string }>(report: R): Omit<R, 'rejectedCsv'> & { rejectedCount: number; reasonCounts: ReasonCount[]; rejectedCsv?: string; rejectedCsvUrl?: string } {
  const { rejected, rejectedCsv, ...rest } = report;
  const listed = rejected.slice(0, MAX_LISTED_REFUSALS).map((r) => (r.raw.length > MAX_RAW_CHARS ? { ...r, raw: `${r.raw.slice(0, MAX_RAW_CHARS)}…` } : r));
  const out = { ...rest, rejected: listed, rejectedCount: rejected.length, reasonCounts: reasonCounts(rejected) } as Omit<R, 'rejectedCsv'> & { rejectedCount: number; reasonCounts: ReasonCount[]; rejectedCsv?: string; rejectedCsvUrl?: string; columns?: number };
  const mapping = (rest as { mapping?: unknown[] }).mapping;
  if (mapping && mapping.length > MAX_MAPPING_COLUMNS) Object.assign(out, { mapping: mapping.slice(0, MAX_MAPPING_COLUMNS), columns: mapping.length });
  if (rejectedCsv !== undefined) {
    if (rejectedCsv.length <= MAX_INLINE_CSV_CHARS) out.rejectedCsv = rejectedCsv;
    else out.rejectedCsvUrl = `/api/import/rejected/${keepRejectedCsv(rejectedCsv)}`;
  }
  return out;
}
