// Server-side progress of running imports, by a job id the client chooses (it must know the id before its
// upload returns, so it can poll while the server works): stage (parsing, checking, geocoding, writing,
// reassigning), items done of total. Kept in memory for a few minutes after the job ends; the checks yield
// to the event loop now and then (`breathe`) so progress polls are answered during a long import.
export interface ImportProgress {
  job: string;
  stage: string;
  done: number;
  total: number;
  finished: boolean;
  updatedAt: number;
}

const KEEP_MS = 10 * 60_000;
const MAX_JOBS = 200;
const jobs = new Map<string, ImportProgress>();

export const JOB_ID = /^[A-Za-z0-9_-]{6,64}$/;

export type ProgressFn = (stage: string, done: number, total: number) => void;

/** A reporter for a job (a no-op without one). */
export function progressFor(job: string | undefined): ProgressFn {
  if (!job) return () => {};
  const now = Date.now();
  for (const [k, p] of jobs) if (now - p.updatedAt > KEEP_MS || jobs.size > MAX_JOBS) jobs.delete(k);
  jobs.set(job, { job, stage: 'queued', done: 0, total: 0, finished: false, updatedAt: now });
  return (stage, done, total) => {
    const p = jobs.get(job);
    if (p) Object.assign(p, { stage, done, total, updatedAt: Date.now() });
  };
}

export function finishProgress(job: string | undefined, stage = 'done'): void {
  const p = job ? jobs.get(job) : undefined;
  if (p) Object.assign(p, { stage, done: p.total, finished: true, updatedAt: Date.now() });
}

export function jobProgress(job: string): ImportProgress | undefined {
  return jobs.get(job);
}

/** Lets the event loop answer other requests (progress polls) during a long synchronous stretch. */
export const breathe = (): Promise<void> => new Promise((r) => setImmediate(r));
