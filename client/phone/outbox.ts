// The phone's outbox: reports not yet acknowledged by the server, kept in localStorage so that a dropped
// network, a closed tab or a dead battery loses nothing. Photos are stored shrunk (phone.ts), a few hundred KB.
export interface OutboxItem {
  clientId: string;
  body: { category: string; title: string; reportedAt?: string; lon: number; lat: number };
  photo: string | null;
  place: string | null;
  createdAt: string;
  stage: 'report' | 'photo' | 'done';
  caseId?: number;
  lastError?: string;
  /** the HTTP status of the last failed send; 0 when no answer came (offline) */
  lastStatus?: number;
}

const KEY = 'pingan.phone.outbox';

function read(): OutboxItem[] {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '[]') as OutboxItem[];
  } catch {
    return [];
  }
}

function write(items: OutboxItem[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(items));
  } catch {
    // storage full: keep the report but drop its photo rather than lose the report
    localStorage.setItem(KEY, JSON.stringify(items.map((i) => ({ ...i, photo: null, stage: i.stage === 'photo' ? 'done' : i.stage }))));
  }
}

export const outbox = {
  items: read,
  add(item: OutboxItem) { write([...read(), item]); },
  update(item: OutboxItem) { write(read().map((i) => (i.clientId === item.clientId ? item : i))); },
  remove(clientId: string) { write(read().filter((i) => i.clientId !== clientId)); },
};
