// Runs the fuzz's requests against a target (the app in-process, or a real server over HTTP) and judges each
// answer: no 5xx (503 read-only aside), every 4xx a JSON body whose `error` says why. Sessions: one per role,
// signed in before the run; a request of the run may end one (logout, a password reset or a disabled account
// by the fuzzing administrator), so a role whose session was refused gets a new one, its account enabled again
// first when the run disabled it.
import { Hono } from 'hono';
import { startSession } from '../../../server/auth/session.js';
import { setDisabled, userByName } from '../../../server/auth/user-store.js';
import type { Database } from '../../../server/db/database.js';
import type { Role } from '../../../shared/domain/roles.js';
import { DEMO_USERS, TEST_PASSWORD } from '../session.js';
import { reproducer, type Caller, type FuzzRequest } from './fuzz-requests.js';

/** Sends one request: in-process (app.request) or over HTTP. `keeper` marks the harness's own sign-ins. */
export type Send = (url: string, init: RequestInit, keeper?: boolean) => Promise<Response>;

export interface FuzzOutcome {
  requests: number;
  failures: string[];
  /** How many answers had each status. */
  statuses: Record<number, number>;
  /** 4xx answers of routes not declared yet whose body has `error` but no `errorZh` (reported, not failed; on a
   * declared route it is a failure). */
  withoutChinese: Set<string>;
  /** Milliseconds spent per route, and the slowest requests. */
  msPerRoute: Map<string, number>;
  slowest: { ms: number; line: string }[];
  sessionsRenewed: number;
}

export class Sessions {
  private readonly cookies = new Map<Role, string>();
  renewed = 0;

  /** `db`: the app's database when in the same process (sessions are then renewed by the server's own code). */
  constructor(private readonly send: Send, private readonly db?: Database) {}

  cookieOf(caller: Caller): string {
    return caller === 'anonymous' ? '' : (this.cookies.get(caller) ?? '');
  }

  private async login(role: Role): Promise<number> {
    const res = await this.send('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost' }, body: JSON.stringify({ username: DEMO_USERS[role], password: TEST_PASSWORD }) }, true);
    await res.arrayBuffer();
    if (res.status === 200) this.cookies.set(role, (res.headers.get('set-cookie') ?? '').split(';')[0]);
    return res.status;
  }

  /** Signs in through POST /api/auth/login, as a user does. */
  async signIn(role: Role): Promise<void> {
    const status = await this.login(role);
    if (status !== 200) throw new Error(`signing in as ${DEMO_USERS[role]} failed: ${status}`);
  }

  /** A new session for a role the run signed out, its account enabled again if the run disabled it: made by
   * the server's own startSession in-process (a password check per renewal would cost a scrypt each, and the
   * run may have reset the password or filled the login rate limit). */
  private async renew(role: Role): Promise<void> {
    const db = this.db;
    if (!db) return this.signIn(role); // a server in another process: sign in over HTTP
    let user = await userByName(db, DEMO_USERS[role]);
    if (!user) throw new Error(`no account ${DEMO_USERS[role]}`);
    for (let attempt = 0; user.disabled; attempt++) {
      // the run may be changing the same row at this moment (DuckDB: "Conflict on update"): try again
      await setDisabled(db, user.id, false).catch((e) => {
        if (attempt > 5) throw e;
      });
      user = (await userByName(db, DEMO_USERS[role]))!;
    }
    const minted = user;
    const res = await new Hono().get('/', async (c) => (await startSession(c, db, minted), c.text(''))).request('/');
    this.cookies.set(role, (res.headers.get('set-cookie') ?? '').split(';')[0]);
  }

  /** After a refused session: is it still good (GET /api/auth/me)? If not, sign in again. */
  async renewIfEnded(role: Role): Promise<void> {
    const res = await this.send('/api/auth/me', { headers: { cookie: this.cookieOf(role) } }, true);
    await res.arrayBuffer();
    if (res.status === 200) return;
    this.renewed++;
    await this.renew(role);
  }
}

const isJson = (res: Response) => (res.headers.get('content-type') ?? '').includes('json');

/** The reason a 4xx or 5xx answer gives, or what is wrong with it. */
function judge(req: FuzzRequest, status: number, text: string, json: boolean): { fault?: string; noChinese?: boolean } {
  let body: { error?: unknown; errorZh?: unknown; reason?: unknown } | undefined;
  if (json) {
    try {
      body = JSON.parse(text);
    } catch {
      /* judged below */
    }
  }
  if (status >= 500 && !(status === 503 && body?.reason === 'read-only')) return { fault: `a server error (${status})` };
  if (status >= 400 && req.method !== 'HEAD') {
    if (typeof body?.error !== 'string' || !body.error.trim()) return { fault: `a ${status} without a reason (JSON with error)` };
    if (typeof body.errorZh !== 'string' || !body.errorZh.trim()) return { noChinese: true };
  }
  return {};
}

export async function runFuzz(o: { requests: FuzzRequest[]; send: Send; sessions: Sessions; /** The command that sends request `index` alone. */ replay: (index: number) => string; indices?: number[]; timeoutMs?: number; concurrency?: number; onEvery?: (done: number) => void; /** Routes (`METHOD /path`) whose 4xx must have errorZh. */ declared?: ReadonlySet<string> }): Promise<FuzzOutcome> {
  const out: FuzzOutcome = { requests: 0, failures: [], statuses: {}, withoutChinese: new Set(), msPerRoute: new Map(), slowest: [], sessionsRenewed: 0 };
  const indices = o.indices ?? o.requests.map((_, i) => i);
  // A few requests in flight at once, like a dashboard's page: DuckDB and the worker pool run while the event
  // loop routes the next. Sessions renew between requests of the same lane.
  let next = 0;
  const lane = async () => {
    while (next < indices.length) {
      const index = indices[next++];
      await one(index);
    }
  };
  const one = async (index: number) => {
    const req = o.requests[index];
    const headers = new Headers(req.headers);
    const cookie = o.sessions.cookieOf(req.caller);
    if (cookie && !headers.has('cookie')) headers.set('cookie', cookie);
    const started = performance.now();
    let status = 0;
    let text = '';
    let json = false;
    const timeoutMs = o.timeoutMs ?? 30_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      const res = await o.send(req.url, { method: req.method, headers, body: req.body as BodyInit | undefined, signal: timeout });
      status = res.status;
      json = isJson(res);
      // The event stream never ends by itself: its head is the answer.
      if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) await res.body?.cancel();
      else if (json || status >= 400) text = await res.text();
      else await res.arrayBuffer();
    } catch (e) {
      status = -1;
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      text = `the request failed: ${(e as Error).message}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''}`;
    }
    const ms = performance.now() - started;
    out.requests++;
    out.statuses[status] = (out.statuses[status] ?? 0) + 1;
    out.msPerRoute.set(req.route, (out.msPerRoute.get(req.route) ?? 0) + ms);
    if (ms > 200) {
      out.slowest.push({ ms, line: `${ms.toFixed(0)} ms ${req.method} ${req.url.slice(0, 160)} as ${req.caller} → ${status}` });
      out.slowest.sort((a, b) => b.ms - a.ms).splice(10);
    }
    // The harness's own time limit: the app in-process then answers 499 (the request was cancelled), which is not
    // the app's answer to the request but the harness giving up on it.
    const verdict = timeout.aborted ? { fault: `no answer within ${timeoutMs / 1000} s` } : status === -1 ? { fault: 'no answer' } : judge(req, status, text, json);
    const fault = verdict.fault ?? (verdict.noChinese && o.declared?.has(req.route) ? `a ${status} without its Chinese (errorZh)` : undefined);
    if (fault) out.failures.push(`${fault}\n${reproducer(req, o.replay(index), status, text)}`);
    else if (verdict.noChinese) out.withoutChinese.add(`${status} ${req.route}`);
    // A signed-in role refused as not signed in: the run ended its session; renew it for the next requests.
    if (status === 401 && req.caller !== 'anonymous' && headers.get('cookie') === cookie) await o.sessions.renewIfEnded(req.caller);
    o.onEvery?.(out.requests);
  };
  await Promise.all(Array.from({ length: o.concurrency ?? 4 }, lane));
  out.sessionsRenewed = o.sessions.renewed;
  return out;
}
