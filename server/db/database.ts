// The one module that owns DuckDB. Everything else asks it for rows through `query`, with parameters
// bound (never spliced into SQL). BigInt policy: integers come back as JS numbers (counts and ids here are
// far below 2^53); UBIGINT H3 cells are read as hex strings in SQL when a caller needs them.
import { DuckDBConnection, DuckDBInstance, type DuckDBIntegerVector, type DuckDBResultReader, DuckDBTypeId, type DuckDBValue } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { upgradeSchema } from './upgrade-schema.js';

export type Row = Record<string, unknown>;
export type Params = DuckDBValue[];

export const SCHEMA_SQL = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'schema.sql'), 'utf8');

export class Database {
  private next = 0;
  /** Queries in flight on each pool connection (same order as the pool): see onLeastBusy. */
  private readonly busy: number[];
  /** The connection of writerTransaction(), made on its first use; the tail of its queue of transactions. */
  private writer?: DuckDBConnection;
  private writerTail: Promise<unknown> = Promise.resolve();
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly pool: DuckDBConnection[],
    readonly path: string,
    /** Opened with access_mode READ_ONLY: every write fails (app.ts answers 503), the audit log cannot take rows. */
    readonly readOnly = false,
  ) {
    this.busy = pool.map(() => 0);
  }

  /** Opens a database file (or ':memory:'). A small pool of connections lets requests run side by side. A file
   * opened for writing is first brought up to the current schema (upgrade-schema.ts). */
  static async open(path: string, options: { readOnly?: boolean; connections?: number; threads?: number; memoryLimit?: string } = {}): Promise<Database> {
    const config: Record<string, string> = {};
    if (options.readOnly) config.access_mode = 'READ_ONLY';
    if (options.threads) config.threads = String(options.threads);
    // DuckDB's own default is 80 % of the machine's RAM: its buffer pool keeps the blocks it read and the
    // memory of finished queries up to that, so a server's resident memory grows with load and stays there.
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    const instance = await DuckDBInstance.create(path, config);
    const pool: DuckDBConnection[] = [];
    for (let i = 0; i < (options.connections ?? 4); i++) pool.push(await instance.connect());
    if (!options.readOnly) await upgradeSchema(pool[0]);
    return new Database(instance, pool, path, options.readOnly ?? false);
  }

  /** `work` on the pool connection with the fewest queries in flight (the first of them after the last one
   * picked, so an idle pool still takes turns). A connection runs one query at a time: by turns alone, a request
   * waited behind whatever its connection was running (a patrol risk of 30–80 ms, a year of Gi*) while another
   * connection stood idle, and held one of libuv's four threads waiting on that connection's lock meanwhile
   * (test/unit/database-pool.test.ts). */
  private async onLeastBusy<T>(work: (con: DuckDBConnection) => Promise<T>): Promise<T> {
    const n = this.pool.length;
    let at = this.next++ % n;
    for (let k = 1, first = at; k < n && this.busy[at] > 0; k++) {
      const i = (first + k) % n;
      if (this.busy[i] < this.busy[at]) at = i;
    }
    this.busy[at]++;
    try {
      return await work(this.pool[at]);
    } finally {
      this.busy[at]--;
    }
  }

  /** A connection outside the pool, for a transaction that must not interleave with other requests'
   * statements (DuckDB transactions belong to a connection). The caller closes it. */
  dedicatedConnection(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  /** Runs `work` in one transaction on a connection of its own (its statements never interleave with other
   * requests'): committed when `work` returns, rolled back when it throws; the connection is closed either way. */
  async transaction<T>(work: (con: DuckDBConnection) => Promise<T>): Promise<T> {
    const con = await this.instance.connect();
    try {
      return await inTransaction(con, work);
    } finally {
      con.closeSync();
    }
  }

  /** transaction(), on one connection kept for it instead of a new one each time, for a writer that commits many
   * small transactions one after another (the case writer, cases/case-store.ts: connecting and closing cost the
   * main thread ~0.5 ms a transaction). Calls run one at a time, in the order made; a failed one is rolled back and
   * the next starts clean. */
  writerTransaction<T>(work: (con: DuckDBConnection) => Promise<T>): Promise<T> {
    const run = this.writerTail.then(async () => {
      const con = (this.writer ??= await this.instance.connect());
      return inTransaction(con, work);
    });
    this.writerTail = run.catch(() => undefined);
    return run;
  }

  /** `work` on the least busy pool connection (onLeastBusy), for a reader that wants DuckDB's result itself (the
   * case writer's read of a group's histories, run beside its transaction: cases/case-store.ts). */
  read<T>(work: (con: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.onLeastBusy(work);
  }

  async query<T extends Row = Row>(sql: string, params: Params = []): Promise<T[]> {
    const reader = await this.onLeastBusy((con) => con.runAndReadAll(sql, params));
    return reader.getRowObjectsJS().map((r) => normalise(r) as T);
  }

  /** Column arrays instead of row objects: much cheaper for results of many thousand rows. Always one array
   * per selected column, empty when no row matched (the reader itself gives no columns for zero rows, and
   * callers destructure `const [lon, lat] = …`). */
  async queryColumns(sql: string, params: Params = []): Promise<unknown[][]> {
    return columnsOf(await this.onLeastBusy((con) => con.runAndReadAll(sql, params)));
  }

  /** INTEGER columns as Int32Arrays, copied chunk by chunk from DuckDB's own vectors: no JS value per cell, so
   * no conversion per value and no garbage (a heat answer is thousands of cells, the commonest request of a
   * command centre). Every selected column must be INTEGER and never NULL (checked: an error otherwise). */
  async queryInt32Columns(sql: string, params: Params = []): Promise<Int32Array[]> {
    const result = await this.onLeastBusy((con) => con.run(sql, params));
    const n = result.columnCount;
    for (let i = 0; i < n; i++) if (result.columnTypeId(i) !== DuckDBTypeId.INTEGER) throw new Error(`queryInt32Columns: column ${result.columnName(i)} is not INTEGER`);
    const parts: Int32Array[][] = Array.from({ length: n }, () => []);
    let rows = 0;
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      for (let i = 0; i < n; i++) parts[i].push(int32Items(chunk.getColumnVector(i) as DuckDBIntegerVector, chunk.rowCount, () => result.columnName(i)));
      rows += chunk.rowCount;
    }
    return parts.map((chunks) => {
      if (chunks.length === 1) return chunks[0];
      const out = new Int32Array(rows);
      let at = 0;
      for (const c of chunks) out.set(c, at), (at += c.length);
      return out;
    });
  }

  async exec(sql: string): Promise<void> {
    await this.pool[0].run(sql);
  }

  close(): void {
    for (const c of this.pool) c.closeSync();
    this.writer?.closeSync();
    this.instance.closeSync();
  }
}

/** An INTEGER vector's values as a copied Int32Array. The vector keeps them as an Int32Array over DuckDB's memory
 * (`items`, with `validity`: not in the package's types, so checked here, with getItem as the way when the shape
 * differs); reading per item goes through a BigInt validity test per value, a tenth of the speed. */
function int32Items(v: DuckDBIntegerVector, rows: number, name: () => string): Int32Array {
  const inner = v as unknown as { items?: unknown; validity?: { data?: unknown; itemValid(i: number): boolean } };
  const fast = inner.items instanceof Int32Array && inner.items.length === rows && inner.validity && 'data' in inner.validity;
  const out = fast ? (inner.items as Int32Array).slice() : new Int32Array(rows); // a copy: the chunk's memory is DuckDB's
  const mayBeNull = !fast || inner.validity!.data != null;
  for (let r = 0; mayBeNull && r < rows; r++) {
    const x = fast ? (inner.validity!.itemValid(r) ? 0 : null) : v.getItem(r);
    if (x === null) throw new Error(`queryInt32Columns: NULL in column ${name()}`);
    if (!fast) out[r] = x;
  }
  return out;
}

/** A result's columns as JS arrays, BigInts as numbers: one array per selected column, empty ones for zero
 * rows (the reader's getColumnsJS() gives no columns at all then). For readers of a connection of one's own. */
export function columnsOf(reader: DuckDBResultReader): unknown[][] {
  const cols = reader.getColumnsJS();
  return Array.from({ length: reader.columnCount }, (_, i) => {
    const col = cols[i] ?? [];
    return col.length && typeof col[0] === 'bigint' ? col.map((v) => (typeof v === 'bigint' ? Number(v) : v)) : col;
  });
}

function normalise(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'bigint' ? Number(v) : v;
  return out;
}

/** `work` on `con` between BEGIN and COMMIT, rolled back when it throws. */
async function inTransaction<T>(con: DuckDBConnection, work: (con: DuckDBConnection) => Promise<T>): Promise<T> {
  await con.run('BEGIN TRANSACTION');
  try {
    const out = await work(con);
    await con.run('COMMIT');
    return out;
  } catch (e) {
    await con.run('ROLLBACK').catch(() => {});
    throw e;
  }
}
