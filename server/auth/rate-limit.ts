// Fixed-window-free counting of events per key over a sliding window (in memory: one process serves the
// county). Used for failed logins per user and per address, and for reports and writes per user.
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(readonly limit: number, readonly windowMs: number) {}

  private recent(key: string, now: number): number[] {
    const list = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (list.length) this.hits.set(key, list);
    else this.hits.delete(key);
    return list;
  }

  /** Seconds until `key` may act again, or 0 when it is under its limit now. */
  blockedFor(key: string, now = Date.now()): number {
    const list = this.recent(key, now);
    return list.length >= this.limit ? Math.max(1, Math.ceil((list[list.length - this.limit] + this.windowMs - now) / 1000)) : 0;
  }

  record(key: string, now = Date.now()): void {
    const list = this.recent(key, now);
    list.push(now);
    this.hits.set(key, list);
    if (this.hits.size > 50_000) for (const k of [...this.hits.keys()]) this.recent(k, now); // bound memory
  }

  /** Records one event and says whether it was within the limit (for actions counted whether or not they fail). */
  take(key: string, now = Date.now()): number {
    const wait = this.blockedFor(key, now);
    if (!wait) this.record(key, now);
    return wait;
  }

  clear(key: string): void {
    this.hits.delete(key);
  }
}
