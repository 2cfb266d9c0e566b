// One client's server-sent events stream: the events of the bus this user may see (case-events.ts), each with
// its id; a reconnecting browser sends Last-Event-ID and is first given what it missed (or a `reset` when the
// gap is older than the bus keeps: reload). The queue of one slow client is bounded: past MAX_QUEUED events it
// is dropped for one `reset`, so a stalled browser never holds the server's memory.
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Database } from '../../db/database.js';
import type { SessionUser } from '../../../shared/domain/roles.js';
import { wantsEvent } from '../cases/case-events.js';
import { eventsSince, subscribe, type StoredEvent } from './event-bus.js';

export const MAX_QUEUED = 256;
const PING_MS = 15_000;

type Item = StoredEvent | 'reset';

export function streamEvents(c: Context, db: Database, user: SessionUser | null) {
  const lastHeader = c.req.header('last-event-id') ?? c.req.query('lastEventId');
  const lastId = lastHeader !== undefined && /^\d+$/.test(lastHeader) ? Number(lastHeader) : null;
  return streamSSE(c, async (stream) => {
    const queue: Item[] = [];
    let wake: (() => void) | null = null;
    const push = (i: Item) => {
      if (queue.length >= MAX_QUEUED) queue.splice(0, queue.length, 'reset');
      else queue.push(i);
      wake?.();
    };
    const off = subscribe(db, (e) => { if (wantsEvent(user, e.event)) push(e); });
    stream.onAbort(() => { off(); wake?.(); });
    if (lastId !== null) {
      const missed = eventsSince(db, lastId);
      if (missed === null) queue.unshift('reset');
      else queue.unshift(...missed.filter((e) => wantsEvent(user, e.event)).slice(-MAX_QUEUED));
    }
    await stream.writeSSE({ event: 'hello', data: '{}' });
    while (!stream.aborted) {
      while (queue.length) {
        const item = queue.shift()!;
        if (item === 'reset') await stream.writeSSE({ event: 'reset', data: '{"reason":"events were missed; reload"}' });
        else await stream.writeSSE({ id: String(item.id), event: item.event.type, data: JSON.stringify(item.event) });
      }
      await new Promise<void>((r) => { wake = r; setTimeout(r, PING_MS); });
      wake = null;
      if (!queue.length && !stream.aborted) await stream.writeSSE({ event: 'ping', data: '{}' });
    }
    off();
  });
}
