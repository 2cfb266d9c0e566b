// In-process publish/subscribe of data changes per database, for the server-sent events stream: live reports,
// case events (new, moved on, escalated, overdue) and committed imports. One process serves the county, so no
// broker is needed. Every event gets an id (increasing per database) and the last REPLAY_EVENTS are kept, so a
// browser that reconnects with Last-Event-ID is given what it missed (stream-events.ts).
import type { Database } from '../../db/database.js';
import type { CaseLevel, CaseStatus, HistoryAction } from '../../../shared/domain/case-workflow.js';

/** What a live client needs to show and route a case event (and decide who may see it). */
export interface CaseEventCase {
  id: number; category: string; title: string | null; address: string | null; lon: number; lat: number;
  gridCode: string; status: CaseStatus; level: CaseLevel; assignee: string | null; reporter: string | null; reportedAt: string;
}

export type DataEvent =
  | { type: 'report'; incident: { id: number; category: string; title: string; address: string | null; lon: number; lat: number; gridCode: string; reportedAt: string } }
  | { type: 'case'; kind: 'new' | 'moved' | 'escalated' | 'overdue'; action?: HistoryAction; case: CaseEventCase; count?: number }
  | { type: 'import'; imported: number; kind?: string };

export interface StoredEvent { id: number; event: DataEvent }

/** Events kept for reconnecting clients. */
export const REPLAY_EVENTS = 1000;

type Listener = (e: StoredEvent) => void;
interface Bus { listeners: Set<Listener>; recent: StoredEvent[]; nextId: number }
const buses = new WeakMap<Database, Bus>();

function bus(db: Database): Bus {
  let b = buses.get(db);
  if (!b) buses.set(db, (b = { listeners: new Set(), recent: [], nextId: 1 }));
  return b;
}

export function publish(db: Database, e: DataEvent): StoredEvent {
  const b = bus(db);
  const stored = { id: b.nextId++, event: e };
  b.recent.push(stored);
  if (b.recent.length > REPLAY_EVENTS) b.recent.splice(0, b.recent.length - REPLAY_EVENTS);
  for (const l of b.listeners) l(stored);
  return stored;
}

export function subscribe(db: Database, l: Listener): () => void {
  bus(db).listeners.add(l);
  return () => bus(db).listeners.delete(l);
}

/** The events after `lastId`, or null when some of them are no longer kept (the client must reload). */
export function eventsSince(db: Database, lastId: number): StoredEvent[] | null {
  const b = bus(db);
  if (lastId >= b.nextId - 1) return [];
  const first = b.recent[0]?.id ?? b.nextId;
  if (lastId + 1 < first) return null;
  return b.recent.filter((s) => s.id > lastId);
}
