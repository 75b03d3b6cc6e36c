/**
 * The DuckDB warehouse: opening, migrations, parameterised queries, transactions.
 * All SQL in the project goes through `Warehouse.all` / `Warehouse.run` with
 * `$name` or `?` parameters; values come back as plain JS (see values.ts).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBConnection, type DuckDBDataChunk, DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";
import { VIETNAM_TZ } from "../time/vietnam-time.ts";
import { type Plain, toPlainRow } from "./values.ts";

export const DEFAULT_WAREHOUSE = "data/cchc.duckdb";
const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "migrations");
const MODELS_DIR = join(dirname(fileURLToPath(import.meta.url)), "models");

/** The layers of the warehouse models, in the order they are applied (docs/site-data.md). */
export const MODEL_LAYERS = ["staging", "intermediate", "marts"] as const;

/**
 * The model files (models/<layer>_<name>.sql: views, CREATE OR REPLACE), staging
 * first, then intermediate, then marts, by name inside a layer. Applied after
 * every migration (tables) on each writable open, so a changed rule reaches
 * every warehouse the next time it is written.
 */
export function modelFiles(dir: string = MODELS_DIR): string[] {
  const layerOf = (f: string) => MODEL_LAYERS.findIndex((l) => f.startsWith(`${l}_`));
  const files = readdirSync(dir).filter((f) => f.endsWith(".sql"));
  const stray = files.filter((f) => layerOf(f) < 0);
  if (stray.length) throw new Error(`warehouse models ${stray.join(", ")}: a model file is named <${MODEL_LAYERS.join("|")}>_<name>.sql`);
  return files.sort((a, b) => layerOf(a) - layerOf(b) || a.localeCompare(b));
}

export interface WarehouseOptions {
  readOnly?: boolean;
  /**
   * DuckDB's memory limit (e.g. "1GB"): its buffer pool keeps what it read until it
   * reaches the limit (default 80 % of RAM), so a scan of a large warehouse would
   * otherwise hold the file in memory. Past the limit DuckDB evicts, or spills to disk.
   */
  memoryLimit?: string;
}

export type Params = Record<string, DuckDBValue> | DuckDBValue[];
export type Row = Record<string, Plain>;

export class Warehouse {
  private depth = 0;
  /** The end of the work queued on this connection (see `exclusive`). */
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  /** Open (creating if needed) a warehouse file, or ":memory:", and apply pending migrations. */
  static async open(path: string = DEFAULT_WAREHOUSE, options: WarehouseOptions = {}): Promise<Warehouse> {
    if (path !== ":memory:" && !options.readOnly) mkdirSync(dirname(path), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, {
        // Never reach the network for extensions: ICU, JSON and Parquet are built in.
        autoinstall_known_extensions: "false",
        autoload_known_extensions: "false",
        ...(options.readOnly ? { access_mode: "READ_ONLY" } : {}),
        ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
        // Checkpoint after 256 MB of WAL instead of 16 MB: a checkpoint rewrites the primary-key
        // indexes whole, so at 16 MB a bulk load (the crawl store, a re-extraction) spent most of its
        // time checkpointing, more so the larger the warehouse. Commits are durable either way (WAL).
        checkpoint_threshold: "256MB",
      });
    } catch (error) {
      const message = (error as Error).message;
      if (/lock/i.test(message)) {
        throw new WarehouseInUseError(path, message.split("\n")[0]);
      }
      throw error;
    }
    const connection = await instance.connect();
    await connection.run(`SET TimeZone = '${VIETNAM_TZ}'`);
    const warehouse = new Warehouse(path, instance, connection);
    if (!options.readOnly) await warehouse.migrate();
    return warehouse;
  }

  /**
   * Run `fn` alone on this connection: after the work queued before it, before the work queued
   * while it runs. Every statement of `all`, `run` and `stream` goes through here, one at a time.
   * A DuckDB connection runs one thing at a time: a statement started, or an Appender flushed, on
   * it while another statement is pending there cuts that one short ("Attempting to execute an
   * unsuccessful or closed pending query result"), and the crawl's sources share one connection.
   * `fn` works on the connection it is given; calling `all`, `run` or `stream` inside it would
   * wait for `fn` itself.
   */
  exclusive<T>(fn: (connection: DuckDBConnection) => Promise<T> | T): Promise<T> {
    const result = this.tail.then(() => fn(this.connection));
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  async all(sql: string, params?: Params): Promise<Row[]> {
    const reader = await this.exclusive((c) => c.runAndReadAll(sql, params as never));
    return reader.getRowObjects().map((row) => toPlainRow(row as Record<string, unknown>));
  }

  async one(sql: string, params?: Params): Promise<Row | undefined> {
    return (await this.all(sql, params))[0];
  }

  async run(sql: string, params?: Params): Promise<void> {
    await this.exclusive((c) => c.run(sql, params as never));
  }

  /**
   * Read a query's rows one DuckDB chunk (up to 2,048 rows) at a time on this
   * connection, so that only one chunk of raw values is in memory at once.
   * The connection is held until the last chunk: a statement `onRows` starts on this warehouse
   * runs after the stream (use streamCommitted to write between chunks).
   */
  async stream(sql: string, params: Params | undefined, onRows: (rows: Row[]) => void): Promise<number> {
    return this.exclusive(async (c) => {
      const result = await c.stream(sql, params as never);
      const names = result.columnNames();
      let count = 0;
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        const rows = chunk.getRowObjects(names).map((row) => toPlainRow(row as Record<string, unknown>));
        count += rows.length;
        onRows(rows);
      }
      return count;
    });
  }

  /**
   * Stream a query's result, one DuckDB data chunk (up to 2,048 rows, as
   * DuckDB's columns: read them with its vector API, which decodes only what is
   * asked for) at a time, on a second connection of this warehouse, so that
   * `onChunk` may write through this one between chunks (a pending result on
   * one connection is cut short by the next statement on it). That connection
   * reads what is committed: not the writes of a transaction open on this one.
   * A chunk is valid until `onChunk`'s promise settles. Returns the rows read.
   */
  async streamCommitted(sql: string, params: Params | undefined, onChunk: (chunk: DuckDBDataChunk) => Promise<void> | void): Promise<number> {
    const reader = await this.instance.connect();
    let count = 0;
    try {
      await reader.run(`SET TimeZone = '${VIETNAM_TZ}'`);
      const result = await reader.stream(sql, params as never);
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        count += chunk.rowCount;
        await onChunk(chunk);
      }
    } finally {
      reader.closeSync();
    }
    return count;
  }

  /** Whether a transaction of `transaction` is open on this connection. */
  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /** Run `fn` in one transaction; nested calls join the outer one. Rolls back on error. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.depth > 0) return fn();
    this.depth++;
    await this.run("BEGIN TRANSACTION");
    try {
      const result = await fn();
      await this.run("COMMIT");
      return result;
    } catch (error) {
      // A failed COMMIT (disk full) has already ended the transaction: keep its error, not ROLLBACK's.
      await this.run("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      this.depth--;
    }
  }

  /** Apply every migrations/NNN_*.sql not yet recorded, each in its own transaction. */
  private async migrate(): Promise<void> {
    await this.run(
      "CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)",
    );
    const applied = new Set((await this.all("SELECT name FROM schema_migrations")).map((r) => r.name as string));
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
      .sort();
    for (const file of files) {
      if (applied.has(file)) continue;
      const sql = readFileSync(join(MIGRATIONS_DIR, file), "utf-8");
      await this.transaction(async () => {
        await this.run(sql);
        await this.run("INSERT INTO schema_migrations VALUES ($name, now())", { name: file });
      });
    }
    await this.applyModels();
  }

  /** (Re)create every model view, in layer order, in one transaction. */
  private async applyModels(): Promise<void> {
    // In layer order; a model that reads a later one of its own layer is retried after it.
    let pending = modelFiles();
    await this.transaction(async () => {
      while (pending.length) {
        const failed: { file: string; error: Error }[] = [];
        for (const file of pending) {
          try {
            await this.run(readFileSync(join(MODELS_DIR, file), "utf-8"));
          } catch (error) {
            failed.push({ file, error: error as Error });
          }
        }
        if (failed.length === pending.length) throw new Error(`warehouse model ${failed[0].file}: ${failed[0].error.message}`);
        pending = failed.map((f) => f.file);
      }
    });
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** A warehouse file another process holds (DuckDB's file lock): said in Vietnamese, with DuckDB's line. */
export class WarehouseInUseError extends Error {
  constructor(readonly path: string, detail: string) {
    super(`kho dữ liệu ${path} đang được một tiến trình khác sử dụng; chờ tiến trình đó xong rồi chạy lại (${detail})`);
  }
}

/** A warehouse file that does not exist, where the command may not create one (a mistyped --db). */
export class MissingWarehouseError extends Error {
  constructor(readonly path: string) {
    super(
      `kho dữ liệu ${path} không tồn tại (kiểm tra --db); chỉ \`cchc crawl\` (hoặc \`--create\` ở lệnh có tùy chọn này) tạo kho dữ liệu mới`,
    );
  }
}

/** Refuse a warehouse path that does not exist unless `create` (":memory:" always opens). */
export function requireWarehouse(path: string, create = false): void {
  if (path !== ":memory:" && !create && !existsSync(path)) throw new MissingWarehouseError(path);
}

/**
 * Open a warehouse, run `fn` with it, and close it whatever happens. A file that
 * does not exist is refused unless `create` is set: only commands that create a
 * warehouse (crawl, or an explicit --create) pass it.
 */
export async function withWarehouse<T>(
  path: string,
  fn: (w: Warehouse) => Promise<T>,
  options: WarehouseOptions & { create?: boolean } = {},
): Promise<T> {
  requireWarehouse(path, options.create && !options.readOnly);
  const w = await Warehouse.open(path, { readOnly: options.readOnly, memoryLimit: options.memoryLimit });
  try {
    return await fn(w);
  } finally {
    await w.close();
  }
}

/** Items per statement where a statement takes one placeholder, or one row of them, per item. */
export const ITEMS_PER_STATEMENT = 500;

/** `items` in consecutive parts of at most ITEMS_PER_STATEMENT, handed to `each` one after the other. */
export async function inParts<T>(items: readonly T[], each: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += ITEMS_PER_STATEMENT) await each(items.slice(i, i + ITEMS_PER_STATEMENT));
}

/** "(?, ?, …)": a parenthesised list of `n` placeholders (an `IN` list, or one row of `VALUES`). */
export const placeholders = (n: number): string => `(${new Array<string>(n).fill("?").join(", ")})`;

/**
 * One query for many sources instead of one per source: `sql(list)` is the query with `list` (a
 * parenthesised list of placeholders) where one source's `= $source` would be, its other
 * placeholders positional (`?`) after the list, their values in `params`. The rows come back per
 * source (every source named has its list, maybe empty), each in the query's order.
 */
export async function rowsBySource(w: Warehouse, sourceIds: string[], sql: (list: string) => string, params: DuckDBValue[] = []): Promise<Map<string, Row[]>> {
  const ids = [...new Set(sourceIds)];
  const out = new Map<string, Row[]>(ids.map((id) => [id, []]));
  await inParts(ids, async (part) => {
    const rows = await w.all(sql(placeholders(part.length)), [...part, ...params]);
    for (const r of rows) out.get(r.source_id as string)!.push(r);
  });
  return out;
}
