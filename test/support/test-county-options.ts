import type { DemoOptions } from '../../server/demo/generate.js';

/** The default demo seed with fewer social cameras: same grids, public cameras and incidents as `npm start`. */
export const TEST_COUNTY_OPTIONS: Partial<DemoOptions> = { seed: 220822, socialCameras: 2000 };
