// body[data-busy] is the page's "something is still changing" signal for people (a loading
// indicator) and for tests (wait until it is "false" before reading the legend or a screenshot).
// Several independent sources feed it: requests in flight, reloads scheduled but not started yet,
// and the map not having finished drawing.

const sources = new Map<string, boolean>();
const waiters: (() => void)[] = [];

export function isBusy(): boolean {
  for (const busy of sources.values()) if (busy) return true;
  return false;
}

/** Releases waiters on a later task, so a caller that starts new work synchronously is not released early. */
function releaseWaitersSoon(): void {
  setTimeout(() => {
    if (!isBusy()) for (const resolve of waiters.splice(0)) resolve();
  }, 0);
}

export function setBusy(source: string, busy: boolean): void {
  sources.set(source, busy);
  const any = isBusy();
  document.body.dataset.busy = String(any);
  if (!any) releaseWaitersSoon();
}

/** Resolves once no source is busy. */
export function whenSettled(): Promise<void> {
  return new Promise((resolve) => {
    waiters.push(resolve);
    if (!isBusy()) releaseWaitersSoon();
  });
}
