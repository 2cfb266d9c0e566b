// One piece of server data the view shows (a Gi* map, a ranking, ...), keyed by the request that
// produced it. `ensure(key, load)` fetches only when the key changed, aborts the superseded request,
// and keeps the previous data on screen until the new one arrives (layers do not flash empty).

import { isAbort } from '../../api';

export class Resource<T> {
  key: string | null = null;
  data: T | null = null;
  /** Key of `data` (may lag `key` while a newer request is in flight). */
  dataKey: string | null = null;
  loading = false;
  error: string | null = null;
  private controller: AbortController | null = null;

  constructor(
    private readonly onChange: () => void,
    private readonly setBusy: (busy: boolean) => void,
  ) {}

  ensure(key: string, load: (signal: AbortSignal) => Promise<T>): void {
    if (key === this.key) return;
    this.key = key;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.loading = true;
    this.error = null;
    this.setBusy(true);
    load(controller.signal).then(
      (data) => {
        if (this.key !== key) return;
        this.data = data;
        this.dataKey = key;
        this.finish();
      },
      (err: unknown) => {
        if (isAbort(err) || this.key !== key) return;
        this.error = err instanceof Error ? err.message : String(err);
        this.finish();
      },
    );
  }

  /** Forget the key so the next ensure() refetches (e.g. after an error, or on demand). */
  invalidate(): void {
    this.key = null;
  }

  private finish(): void {
    this.loading = false;
    this.setBusy(false);
    this.onChange();
  }
}
