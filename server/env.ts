// Environment, parsed once at boot; a bad value stops the server with a message saying what to fix.
import { z } from 'zod';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  /** The DuckDB file. Built from the demo county when missing. */
  DB_PATH: z.string().min(1).default('var/pingan.duckdb'),
  /** The jurisdiction a missing DB_PATH is built for: a county-level division code (GB/T 2260, 6 digits), or
   * `none`: an empty database whose admin imports a jurisdiction outside the national list. */
  COUNTY: z.string().regex(/^(\d{6}|\d{4}|none)$/, 'a county-level division code of 6 digits, e.g. 220822 (通榆县) or 211324 (喀左); a prefecture-level one of 4, e.g. 4114 (商丘市); or none (an empty database: import its jurisdiction)').default('220822'),
  /** `full`: generate the demo (grids, roads, cameras, incidents); `none`: the jurisdiction and nothing else. */
  DEMO: z.enum(['full', 'none']).default('full'),
  DEMO_SEED: z.coerce.number().int().min(0).default(220822),
  /** Integrated social cameras in the demo county; unset: Tongyu's 16000 (2022) scaled by the county's villages. */
  DEMO_SOCIAL_CAMERAS: z.coerce.number().int().min(0).max(200000).optional(),
  /** Any online MapLibre style (e.g. a Tianditu or OSM-based one) instead of the offline county basemap. */
  BASEMAP_STYLE_URL: z.string().url().optional(),
  CLIENT_DIR: z.string().default('dist/client'),
  /** DuckDB's memory limit (its buffer pool and query memory; beyond it, it spills to disk): DuckDB's own default
   * is 80 % of the machine's RAM, which lets the server's RSS grow under load and stay there. */
  DUCKDB_MEMORY_LIMIT: z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i, 'a size such as 512MB or 1GB').default('1GB'),
  /** DuckDB's worker threads (its `threads` setting): 1 by default. A server answers many concurrent small queries
   * (a command centre's dashboards), and each costs less CPU on one thread: a query split over threads pays for
   * the hand-over and the merge of per-thread partial aggregates, and under load the other cores are busy with
   * other requests anyway (each request's query runs on its own libuv thread, so queries still run side by side).
   * On the 2-core bench machine bench:load used 18 % less server CPU per request with 1 than with DuckDB's own
   * default of one per core (4.51 against 5.48 ms, load average ~2). A lone large analysis runs on one core then;
   * set it to the core count for a machine of one user. The demo build opens its own instance with every core. */
  DUCKDB_THREADS: z.coerce.number().int().min(1, 'DUCKDB_THREADS needs at least 1 thread').max(256).default(1),
  /** Memory for API answers kept by data version (MB); 0 turns the answer cache off. */
  ANSWER_CACHE_MB: z.coerce.number().min(0).max(4096).default(64),
  /** Password of the demo accounts made at first start on the demo county; random and printed once when unset. */
  DEMO_PASSWORD: z.string().min(8, 'DEMO_PASSWORD needs at least 8 characters').optional(),
  /** Password of `admin` made at first start; random and printed once when unset. */
  ADMIN_PASSWORD: z.string().min(8, 'ADMIN_PASSWORD needs at least 8 characters').optional(),
  /** The dashboard's origin as browsers see it, when a proxy in front rewrites Host (writes must come from it). */
  PUBLIC_ORIGIN: z.string().url().optional(),
  /** Session lifetime in hours. */
  SESSION_HOURS: z.coerce.number().min(0.25).max(24 * 30).default(8),
});
export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const r = EnvSchema.safeParse(source);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return r.data;
}
