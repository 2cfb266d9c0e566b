// The coverage ledger of the current scenario, asked of the server for every edit (POST /coverage/whatif): while
// a camera is dragged the requests wait for the pointer to pause and supersede one another; an answer for the
// same options as the last one records what the edit changed ("公共场所 90 → 91 / 108"); a new ledger with the
// same gaps keeps the old gap arrays, so deck.gl keeps its buffers. The stored network's gaps come once (with
// their token) and each answer brings only what its edits changed of them (shared/geo/gap-change.ts).
import { isAbort } from '../../api';
import type { TabViewContext } from '../tab-view';
import { coverageApi, type CrossingRow, type Ledger, type LedgerRequest, type RoadGap, type SiteGap } from './coverage-api';
import { applyGapChange, type Gaps } from '../../../shared/geo/gap-change';
import { sameGaps } from './gap-identity';
import { ledgerChanges, type LedgerChange } from './ledger-changes';

/** While a camera is dragged, ledger requests wait this long for the pointer to pause (and supersede). */
const WHATIF_DEBOUNCE_MS = 40;

export interface LedgerFeedHost {
  ctx: TabViewContext;
  /** the request of the scenario and options on screen */
  request(): LedgerRequest;
  /** a camera is being dragged: debounce */
  dragging(): boolean;
  /** a new ledger arrived (after the feed took it in) */
  onLedger(ledger: Ledger): void;
  /** an error to show, or null once a ledger came */
  setError(message: string | null): void;
  /** a request ended (answered, failed or superseded): redraw */
  settled(): void;
}

export class LedgerFeed {
  ledger: Ledger | null = null;
  gaps: { roads: RoadGap[]; sites: SiteGap[]; crossings: CrossingRow[] } = { roads: [], sites: [], crossings: [] };
  /** how long the last ledger took, in ms */
  ms = 0;
  /** bumped by every new ledger (the panel sections' keys) */
  version = 0;
  /** what the last edit changed, or null when the options changed */
  lastChange: LedgerChange[] | null = null;
  private key = '';
  /** the stored network's gaps the server sent last, and their token */
  private storedGaps: (Gaps & { token: string }) | null = null;
  /** the request the shown ledger answers: an edit's change is shown only against the same options */
  private answered: { options: string; edits: string } | null = null;
  private abort: AbortController | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: LedgerFeedHost) {}

  /** Asks for the ledger of the current scenario (unless it is the one shown, or asked already and not `force`). */
  refresh(force = false): void {
    const req = this.host.request();
    const key = JSON.stringify(req);
    if (!force && key === this.key) return;
    if (key === this.key && this.ledger) return;
    this.key = key;
    clearTimeout(this.timer);
    const { ctx } = this.host;
    ctx.setBusy('coverage-ledger', true);
    const ask = async () => {
      this.abort?.abort();
      const abort = (this.abort = new AbortController());
      const t0 = performance.now();
      try {
        const r = await coverageApi.whatIf(req, this.storedGaps?.token ?? '', abort.signal);
        if (abort.signal.aborted) return;
        if (r.gapsBase) this.storedGaps = r.gapsBase;
        const change = r.gapsChange;
        if (change && change.against !== this.storedGaps?.token) {
          // a change against gaps this page no longer holds (cannot happen while one request runs at a time): ask afresh
          this.storedGaps = null;
          this.key = '';
          return this.refresh(true);
        }
        this.take(change ? { ...r.ledger, gaps: applyGapChange(this.storedGaps!, change) } : r.ledger, performance.now() - t0, req);
      } catch (err) {
        if (!isAbort(err)) this.host.setError(err instanceof Error ? err.message : String(err));
      } finally {
        if (this.abort === abort) ctx.setBusy('coverage-ledger', false);
        this.host.settled();
      }
    };
    // not through a timer when nothing is dragged: a zero timeout still waits for a task slot
    if (this.host.dragging()) this.timer = setTimeout(() => void ask(), WHATIF_DEBOUNCE_MS);
    else void ask();
  }

  private take(ledger: Ledger, ms: number, req: LedgerRequest): void {
    const { edits, ...options } = req;
    const now = { options: JSON.stringify(options), edits: JSON.stringify(edits) };
    const prev = this.answered;
    // an edit's effect: same area level and options, other edits; a new level or option starts afresh
    if (this.ledger && prev && prev.options === now.options) {
      if (prev.edits !== now.edits) this.lastChange = ledgerChanges(this.ledger, ledger);
    } else this.lastChange = null;
    this.answered = now;
    this.ledger = ledger;
    this.ms = ms;
    this.version++;
    this.host.setError(null);
    // same gaps as before (most edits change a few or none): keep the arrays, so deck.gl keeps its buffers
    const g = ledger.gaps ?? { roads: [], sites: [] };
    this.gaps = {
      roads: sameGaps(this.gaps.roads, g.roads) ? this.gaps.roads : g.roads,
      sites: sameGaps(this.gaps.sites, g.sites) ? this.gaps.sites : g.sites,
      crossings: sameGaps(this.gaps.crossings, ledger.crossings) ? this.gaps.crossings : ledger.crossings,
    };
    this.host.onLedger(ledger);
  }
}
