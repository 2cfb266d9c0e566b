// The registry of role views. A new view is one file in client/views/<name>/ and one line here.
import type { TabView } from './tab-view';
import { CoverageView } from './coverage/coverage-view';
import { HotspotsView } from './hotspots/hotspots-view';
import { PatrolView } from './patrol/patrol-view';

export function createTabViews(): TabView[] {
  return [new HotspotsView(), new CoverageView(), new PatrolView()];
}
