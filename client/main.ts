// Boot: read the county's metadata, build the state, the map and the app, then tell tests (and
// anyone watching body[data-ready]) when the first full render has landed.

import 'maplibre-gl/dist/maplibre-gl.css';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import { api, ApiError, onInFlightChange, type IncidentFilter, type Meta } from './api';
import { showLogin } from './auth/login-view';
import { fetchMe, may, type Me } from './auth/session';
import { mountUserMenu } from './auth/user-menu';
import { authStrings } from './auth/auth-i18n';
import { App } from './app';
import { setBusy } from './busy';
import type { Lang } from './i18n';
import { createTooltip } from './layers/tooltip';
import { MapController } from './map/map-controller';
import { onPlaceLoaded } from './map/place-lookup';
import { DEFAULT_LAYER_ORDER, DEFAULT_OPACITY, Store, TAB_LAYERS, TABS, type AppState, type Tab } from './state';
import type { Regions } from './api';
import { defaultPreset, emptyDataRange, presetRange } from './time-window';
import { renderStatus, showLoading } from './views/status';
import { createTabViews } from './views/tab-views';
import { CaseDesk } from './cases/case-desk';
import { Notifications } from './cases/notifications';
import { onCaseEvent } from './views/import/live-reports';
import { SearchBox } from './search/search-box';
import { MeasureTool } from './tools/measure-tool';
import { MapToolsControl } from './tools/map-tools-control';
import { currentLink, keepUrlInSync } from './tools/share-link';
import { decodeUrlState } from './tools/url-state';
import { onlineStyleUrl, styleUrlFor } from './map/basemap';
import { createSearchLayers } from './search/search-highlight';
import { localDateTime, setTimeZone } from './i18n';
import { BigScreen, wallOptions } from './big-screen/big-screen';
import { FIRST_RUN_IMPORTS, showFirstRun } from './views/first-run/first-run';

declare global {
  interface Window {
    __pingan?: {
      map: MapLibreMap;
      overlay: MapboxOverlay;
      readonly state: AppState;
      setFilter(patch: Partial<IncidentFilter>): Promise<void>;
    };
  }
}

const LANG_KEY = 'pingan.lang';

/** ?lang=en wins (shareable links), then the last choice on this machine, then Chinese. */
function initialLang(): Lang {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (fromUrl === 'zh' || fromUrl === 'en') return fromUrl;
  try {
    const saved = window.localStorage.getItem(LANG_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    // storage may be disabled; the default is fine
  }
  return 'zh';
}

function saveLang(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_KEY, lang);
  } catch {
    // not persisting the choice is harmless
  }
}

/** The permission each tab needs: a role sees only its own views (shared/domain/permissions.ts). */
const TAB_PERMISSION = { hotspots: 'hotspots.read', coverage: 'coverage.read', patrol: 'patrol.read' } as const;

/** Hides what the role may not use; the first view it may use, or null when it has none (grid members). */
function fitHeaderToRole(me: Me): Tab | null {
  const tabs = TABS.filter((t) => may(me, TAB_PERMISSION[t]));
  for (const t of TABS) document.getElementById(`tab-${t}`)!.hidden = !tabs.includes(t);
  document.getElementById('import-open')!.hidden = !may(me, 'data.import');
  return tabs[0] ?? null;
}

/** A code the county has: itself, a township or village of the tree, or a grid of one of its villages. */
function knownUnit(regions: Regions, county: string, code: string): boolean {
  if (code === county) return true;
  return regions.townships.some((t) => code === t.code || t.villages.some((v) => code === v.code || (code.length === 15 && code.startsWith(v.code))));
}

async function boot(): Promise<void> {
  setBusy('boot', true);
  // The first-run screen's next steps (?import=township…): the dashboard opens with its import dialog on that
  // level. Read now: the address is rewritten to the view's state once the dashboard runs.
  const importLevel = new URLSearchParams(location.search).get('import');
  const me = await fetchMe();
  if (!me) {
    showLogin(initialLang(), saveLang);
    document.body.dataset.login = 'true';
    setBusy('boot', false);
    return;
  }
  const firstTab = fitHeaderToRole(me);
  let userMenuLang = initialLang();
  const userMenu = mountUserMenu(me, () => userMenuLang);
  if (!firstTab) {
    document.getElementById('layout')!.replaceChildren(Object.assign(document.createElement('p'), { className: 'grid-only', textContent: authStrings(userMenuLang).gridOnly }));
    document.getElementById('tabs')!.hidden = true;
    document.body.dataset.ready = 'true';
    setBusy('boot', false);
    return;
  }
  onInFlightChange((n) => {
    setBusy('requests', n > 0);
    showLoading(n > 0);
  });

  // A database with no jurisdiction yet (COUNTY=none): the first-run screen instead of the dashboard.
  const regionsLoad = api.regions();
  regionsLoad.catch(() => {}); // awaited below; unused (and maybe refused) on the first-run screen
  const answer = await api.meta().catch((err: unknown) => {
    if (err instanceof ApiError && err.reason === 'no-jurisdiction') return null;
    throw err;
  });
  if (!answer) {
    let lang = initialLang();
    showFirstRun(document.getElementById('layout')!, {
      canImport: may(me, 'data.import'),
      lang: () => lang,
      onLangToggle: (render) => document.getElementById('lang')!.addEventListener('click', () => {
        lang = lang === 'zh' ? 'en' : 'zh';
        saveLang(lang);
        userMenuLang = lang;
        userMenu.render();
        render();
      }),
    });
    document.body.dataset.ready = 'true';
    document.body.dataset.firstRun = 'true';
    setBusy('boot', false);
    return;
  }
  const regions = await regionsLoad;
  setTimeZone(answer.county.timeZone);
  // An empty jurisdiction has no data range: the filters work in the year up to today (the views show empty states).
  const today = () => localDateTime(new Date().toISOString()).slice(0, 10);
  const meta: Meta = { ...answer, dataRange: answer.dataRange ?? emptyDataRange(today()) };
  // A shared link (tools/url-state.ts) restores its tab, filters, layers and view; what it holds that this user
  // may not see (another township, a tab of another role) is dropped.
  const scope = me.user.scopeCode;
  const fromUrl = decodeUrlState(new URLSearchParams(window.location.search), {
    tabs: TABS.filter((t) => !document.getElementById(`tab-${t}`)!.hidden),
    categories: meta.categories.map((c) => c.id),
    dataRange: meta.dataRange,
    codeAllowed: (code) => (code.startsWith(scope) || (code === meta.county.code)) && knownUnit(regions, meta.county.code, code),
    bbox: meta.county.bbox,
    onlineBasemap: onlineStyleUrl(meta) !== null,
  });
  const tab = fromUrl.tab ?? firstTab;
  const store = new Store({
    lang: fromUrl.lang ?? initialLang(),
    tab,
    filter: {
      ...presetRange(defaultPreset(meta.dataRange), meta.dataRange),
      categories: meta.categories.map((c) => c.id),
      // a township leader starts (and stays) in their township; the server narrows every query to it anyway
      code: scope.length > meta.county.code.length ? scope : meta.county.code,
      ...fromUrl.filter,
    },
    layers: fromUrl.layers ?? { ...TAB_LAYERS[tab] },
    level: fromUrl.level ?? 'grid',
    opacity: { ...DEFAULT_OPACITY, ...fromUrl.opacity },
    layerOrder: fromUrl.layerOrder ?? [...DEFAULT_LAYER_ORDER],
    basemap: fromUrl.basemap ?? 'offline',
    // a link to a playback frame reopens it (paused); playback belongs to the leaders' view
    playback: tab === 'hotspots' ? fromUrl.playback ?? null : null,
  });
  store.subscribe((state, prev) => {
    if (state.lang === prev.lang) return;
    saveLang(state.lang);
    userMenuLang = state.lang;
    userMenu.render();
  });

  // The tooltip reads the app's current counts; the app is created right after the map.
  let app: App | null = null;
  const views = createTabViews();
  const baseTooltip = createTooltip(() => ({ lang: store.state.lang, counts: app?.counts ?? {}, cameraKinds: meta.cameraKinds, provisional: meta.provisionalAreas }));
  const controller = new MapController({
    container: document.getElementById('map')!,
    styleUrl: styleUrlFor(store.state.basemap, meta),
    bbox: meta.county.bbox,
    view: fromUrl.view,
    lang: store.state.lang,
    getTooltip: (deckInfo) => {
      // a view that picks on the CPU answers what is under the pointer (deck.gl picked nothing: see TabView)
      const active = views.find((v) => v.tab === store.state.tab);
      const info = (!deckInfo.object && active?.pickOnCpu?.(deckInfo, store.state)) || deckInfo;
      for (const v of views) {
        const text = v.tooltip?.(info, store.state);
        if (text) return text;
      }
      return baseTooltip(info);
    },
  });
  store.subscribe((state, prev) => {
    if (state.lang !== prev.lang) controller.setLang(state.lang);
  });
  onPlaceLoaded(() => controller.repeatHover());
  const started = new App(meta, regions, store, controller, views);
  app = started;
  // 搜索: places, addresses, cameras and case numbers of the user's jurisdiction, flown to and highlighted.
  const search = new SearchBox(document.getElementById('search')!, store, controller, meta.cameraKinds, () => started.render());
  started.addOverlay({ layers: () => createSearchLayers(search.current) });
  // 测距 / 测面 and 链接 on the map; the address bar always holds a link to the view.
  const allCategories = meta.categories.map((c) => c.id);
  let tools: MapToolsControl | null = null;
  const measure = new MeasureTool(controller, store, () => { tools?.render(); started.render(); });
  tools = new MapToolsControl(store, measure, () => currentLink(store, controller, allCategories));
  controller.map.addControl(tools, 'top-right');
  document.getElementById('stage')!.append(measure.readout, tools.shareNote);
  started.addOverlay({ layers: () => measure.layers() });
  keepUrlInSync(store, controller, allCategories);
  store.subscribe((state, prev) => {
    if (state.basemap !== prev.basemap) void controller.setBasemap(styleUrlFor(state.basemap, meta)).then(() => started.onBasemapLoaded());
  });

  window.__pingan = {
    map: controller.map,
    overlay: controller.overlay,
    get state() {
      return store.state;
    },
    setFilter: (patch) => started.setFilter(patch),
  };

  // 事件处置: the case list, detail and points beside the map, and the notification list of live case events.
  const desk = new CaseDesk(store, controller.map, meta.county.name);
  const notifications = new Notifications(store, (id) => void desk.openCase(id), meta.county.name);
  // 大屏: the wall display (?screen=wall), fed the same live events
  const wallOpts = wallOptions(location.search);
  const wall = new BigScreen(store, controller, meta.county.bbox, meta.county.name, wallOpts.rotateS);
  onCaseEvent((e) => { notifications.add(e); desk.onCaseEvent(); wall.add(e); });

  await started.start();
  if (wallOpts.wall) wall.enter();
  if (may(me, 'data.import') && (FIRST_RUN_IMPORTS as readonly string[]).includes(importLevel ?? '')) started.openImport(importLevel as (typeof FIRST_RUN_IMPORTS)[number]);
  document.body.dataset.ready = 'true';
  setBusy('boot', false);
}

boot().catch((err: unknown) => {
  console.error(err);
  renderStatus('zh', { empty: false, error: err instanceof Error ? err.message : String(err) });
  document.body.dataset.error = 'true';
  setBusy('boot', false);
});
