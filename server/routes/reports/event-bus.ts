// In-process publish/subscribe of data changes per database, for the server-sent events stream: each
// accepted live report, and each committed import (so every open dashboard reloads). One process serves
// the county, so no broker is needed.
import type { Database } from '../../db/database.js';

export type DataEvent =
  | { type: 'report'; incident: { id: number; category: string; title: string; address: string | null; lon: number; lat: number; gridCode: string; reportedAt: string } }
  | { type: 'import'; imported: number; kind?: string };

type Listener = (e: DataEvent) => void;
const buses = new WeakMap<Database, Set<Listener>>();

function bus(db: Database): Set<Listener> {
  let b = buses.get(db);
  if (!b) buses.set(db, (b = new Set()));
  return b;
}

export function publish(db: Database, e: DataEvent): void {
  for (const l of bus(db)) l(e);
}

export function subscribe(db: Database, l: Listener): () => void {
  bus(db).add(l);
  return () => bus(db).delete(l);
}
