// Photos of a case (a report's picture, a handling's proof): at most MAX_PHOTO_BYTES, and only JPEG, PNG or
// WebP — told by the file's own first bytes, not by the name or the declared type, and served back with that
// type and nosniff, so an upload can never be served as a page.
import { blobValue } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import { batchedPerDatabase } from '../db/batch-loader.js';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** The image type of these bytes, or null when they are not a JPEG, PNG or WebP. */
export function sniffImageType(b: Uint8Array): (typeof PHOTO_TYPES)[number] | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x)) return 'image/png';
  if (b.length >= 12 && String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP') return 'image/webp';
  return null;
}

export type PhotoCheck = { ok: true; type: (typeof PHOTO_TYPES)[number] } | { ok: false; httpStatus: 400 | 413; error: string; errorZh: string };

export function checkPhoto(b: Uint8Array): PhotoCheck {
  if (b.length === 0) return { ok: false, httpStatus: 400, error: 'the photo is empty', errorZh: '照片为空' };
  if (b.length > MAX_PHOTO_BYTES) return { ok: false, httpStatus: 413, error: `the photo is ${(b.length / 1048576).toFixed(1)} MB; at most ${MAX_PHOTO_BYTES / 1048576} MB`, errorZh: `照片过大（最大 ${MAX_PHOTO_BYTES / 1048576} MB）` };
  const type = sniffImageType(b);
  if (!type) return { ok: false, httpStatus: 400, error: 'the file is not a JPEG, PNG or WebP photo', errorZh: '只接受 JPEG、PNG 或 WebP 照片' };
  return { ok: true, type };
}

export async function storePhoto(db: Database, caseId: number, bytes: Uint8Array, type: string, uploadedBy: string | null): Promise<string> {
  const id = randomUUID();
  await db.query(`INSERT INTO case_attachments VALUES (?, ?, ?, ?, ?, now()::TIMESTAMP, ?)`, [id, caseId, type, bytes.length, blobValue(bytes), uploadedBy]);
  return id;
}

export async function readPhoto(db: Database, caseId: number, id: string): Promise<{ type: string; data: Uint8Array } | null> {
  const [r] = await db.query<{ content_type: string; data: Uint8Array }>(`SELECT content_type, data FROM case_attachments WHERE id = ? AND case_id = ?`, [id, caseId]);
  return r ? { type: r.content_type, data: r.data } : null;
}

export interface PhotoInfo { id: string; type: string; bytes: number; createdAt: string }

/** A case_attachments row (without its bytes; created_at as epoch ms) as the API shows it. */
export const photoInfo = (r: { id: string; content_type: string; bytes: number; createdMs: number | bigint }): PhotoInfo =>
  ({ id: r.id, type: r.content_type, bytes: r.bytes, createdAt: new Date(Number(r.createdMs)).toISOString() });

/** A case's photos (without their bytes), oldest first; the photos asked for in one turn are read by one query. */
export const photosOf: (db: Database, caseId: number) => Promise<PhotoInfo[]> = batchedPerDatabase(async (db, ids: readonly number[]) => {
  const wanted = [...new Set(ids)].filter((id) => Number.isSafeInteger(id));
  const rows = wanted.length ? await db.query<{ case_id: number; id: string; content_type: string; bytes: number; t: number }>(
    `SELECT case_id, id, content_type, bytes, epoch_ms(created_at) t FROM case_attachments WHERE case_id IN (${wanted.join(', ')}) ORDER BY case_id, created_at`) : [];
  const byCase = new Map<number, PhotoInfo[]>();
  for (const r of rows) {
    const list = byCase.get(Number(r.case_id)) ?? [];
    list.push(photoInfo({ ...r, createdMs: r.t }));
    byCase.set(Number(r.case_id), list);
  }
  return ids.map((id) => byCase.get(id) ?? []);
});
