import { inject } from 'vitest';
import { Database } from '../../server/db/database.js';

export { TEST_COUNTY_OPTIONS } from './test-county-options.js';

/** The test run's county database (built by global-setup.ts), opened read-only. */
export async function openTestCounty(): Promise<Database> {
  return Database.open(inject('countyDbPath'), { readOnly: true });
}
