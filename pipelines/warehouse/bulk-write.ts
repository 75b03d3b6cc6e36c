/**
 * Bulk writes: rows go to a table through DuckDB's Appender in data chunks of
 * DuckDB's vector size (2,048 rows), instead of multi-row `VALUES` inserts
 * (which DuckDB parses and plans once per statement). Rows are appended inside
 * the caller's transaction, so a batch is all-or-nothing like any other write.
 *
 * Values are plain JS: string, number, boolean, null, a Date or an ISO 8601
 * string for TIMESTAMPTZ columns, a "YYYY-MM-DD" string for DATE columns, an
 * array of strings for VARCHAR[] columns, a number or bigint for BIGINT and UBIGINT columns,
 * bytes (Uint8Array) for BLOB columns.
 * The table's own column types (after every migration) decide the conversion;
 * a column a writer does not name gets NULL (or its default, when it has one
 * and the caller passes `undefined` — the Appender does not apply defaults, so
 * name every NOT NULL column).
 */
import {
  DuckDBBlobValue,
  DuckDBDataChunk,
  DuckDBDateValue,
  type DuckDBType,
  DuckDBTypeId,
  DuckDBTimestampTZValue,
  type DuckDBValue,
  listValue,
} from "@duckdb/node-api";
import type { Warehouse } from "./db.ts";

export type BulkValue = string | number | boolean | null | Date | string[] | bigint | Uint8Array | undefined;

/** DuckDB's vector size: one data chunk. */
const CHUNK_ROWS = 2048;

/** A DuckDB TIMESTAMPTZ value from a Date or an ISO 8601 string (null stays null). */
export function timestampTz(value: Date | string | null): DuckDBTimestampTZValue | null {
  if (value === null) return null;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${String(value)}`);
  return new DuckDBTimestampTZValue(BigInt(ms) * 1000n);
}

/** A DuckDB DATE value from a "YYYY-MM-DD" day (as `CAST(? AS DATE)` reads it; null stays null). */
export function dateValue(value: string | null): DuckDBDateValue | null {
  if (value === null) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new Error(`not a day (YYYY-MM-DD): ${String(value)}`);
  return DuckDBDateValue.fromParts({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
}

function converter(type: DuckDBType, table: string, column: string): (v: BulkValue) => DuckDBValue {
  switch (type.typeId) {
    case DuckDBTypeId.TIMESTAMP_TZ:
      return (v) => (v === null || v === undefined ? null : timestampTz(v as Date | string));
    case DuckDBTypeId.DATE:
      return (v) => (v === null || v === undefined ? null : dateValue(v as string));
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
      return (v) => (v === null || v === undefined ? null : BigInt(v as number | bigint));
    case DuckDBTypeId.BLOB:
      return (v) => (v === null || v === undefined ? null : new DuckDBBlobValue(v as Uint8Array));
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.BOOLEAN:
    case DuckDBTypeId.VARCHAR:
      return (v) => (v === undefined ? null : (v as DuckDBValue));
    case DuckDBTypeId.LIST:
      return (v) => (v === null || v === undefined ? null : listValue(v as string[]));
    default:
      throw new Error(`bulk write: column ${table}.${column} has type ${type.toString()}, which bulk writes do not handle`);
  }
}

type Shape = { names: string[]; types: DuckDBType[] };
/** Table shapes per warehouse (migrations run when it opens, so a shape holds while it is open). */
const SHAPES = new WeakMap<Warehouse, Map<string, Shape>>();

/** The column names and types of a table. */
async function tableShape(w: Warehouse, table: string): Promise<Shape> {
  let shapes = SHAPES.get(w);
  if (!shapes) SHAPES.set(w, (shapes = new Map()));
  let shape = shapes.get(table);
  if (!shape) {
    const probe = await w.connection.run(`SELECT * FROM ${table} LIMIT 0`);
    shapes.set(table, (shape = { names: probe.columnNames(), types: probe.columnTypes() }));
  }
  return shape;
}

/**
 * A writer for one table: `add` rows (objects keyed by column name), `flush`
 * every full chunk as it fills, `close` at the end. Keeps at most one chunk of
 * rows in memory.
 */
export class BulkWriter {
  private pending: Record<string, BulkValue>[] = [];
  /** Rows written so far. */
  written = 0;

  private constructor(
    private readonly table: string,
    /** The table's columns, in its order. */
    readonly names: string[],
    private readonly types: DuckDBType[],
    private readonly convert: ((v: BulkValue) => DuckDBValue)[],
    private readonly appender: Awaited<ReturnType<Warehouse["connection"]["createAppender"]>>,
  ) {}

  /** A writer for `table`, opened when the connection is free (Warehouse.exclusive). */
  static open(w: Warehouse, table: string): Promise<BulkWriter> {
    return w.exclusive(() => BulkWriter.openNow(w, table));
  }

  /** Open on the connection as it is: only inside Warehouse.exclusive (appendRows), not to be called elsewhere. */
  static async openNow(w: Warehouse, table: string): Promise<BulkWriter> {
    const { names, types } = await tableShape(w, table);
    const convert = names.map((n, i) => converter(types[i], table, n));
    // "temp.name": a temporary table (catalog temp, schema main).
    const [catalog, name] = table.startsWith("temp.") ? ["temp", table.slice(5)] : [undefined, table];
    return new BulkWriter(table, names, types, convert, await w.connection.createAppender(name, catalog && "main", catalog));
  }

  add(row: Record<string, BulkValue>): void {
    this.pending.push(row);
    if (this.pending.length >= CHUNK_ROWS) this.flushChunk();
  }

  /**
   * Append `count` rows given as columns (column name → its values in row order; a column not
   * named gets NULL), after the rows `add`ed before: no object per row is built.
   */
  addColumns(columns: Record<string, readonly BulkValue[]>, count: number): void {
    this.flushChunk();
    for (let start = 0; start < count; start += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, count - start);
      this.appendChunk(n, (name) => {
        const values = columns[name];
        return (k) => values?.[start + k];
      });
    }
  }

  private flushChunk(): void {
    const rows = this.pending;
    if (!rows.length) return;
    this.pending = [];
    this.appendChunk(rows.length, (name) => (k) => rows[k][name]);
  }

  /** One data chunk of `n` rows, column by column: `valueOf(name)(k)` is row k's value in that column. */
  private appendChunk(n: number, valueOf: (name: string) => (k: number) => BulkValue): void {
    const chunk = DuckDBDataChunk.create(this.types, n);
    this.names.forEach((name, c) => {
      const f = this.convert[c];
      const at = valueOf(name);
      const values = new Array<DuckDBValue>(n);
      for (let k = 0; k < n; k++) values[k] = f(at(k));
      chunk.setColumnValues(c, values);
    });
    this.appender.appendDataChunk(chunk);
    this.written += n;
  }

  /** Hand every pending row to DuckDB (still inside the caller's transaction). */
  flush(): void {
    this.flushChunk();
    this.appender.flushSync();
  }

  close(): void {
    this.flush();
    this.appender.closeSync();
  }
}

/** Append `rows` to `table` in one go (see BulkWriter). */
export async function appendRows(w: Warehouse, table: string, rows: Iterable<Record<string, BulkValue>>): Promise<number> {
  // Opened, filled and flushed alone on the connection: no other statement is pending there while
  // the Appender flushes (the crawl's sources read on it while a batch is stored; see Warehouse.exclusive).
  return w.exclusive(async () => {
    const writer = await BulkWriter.openNow(w, table);
    try {
      for (const r of rows) writer.add(r);
    } finally {
      writer.close();
    }
    return writer.written;
  });
}

/**
 * Append `rows` given as values in the table's column order, as `INSERT INTO table VALUES (…)`
 * takes them (every column, after every migration), in one go: one Appender instead of one
 * statement per row (DuckDB parses, plans and runs each; ~1 ms a statement).
 */
export async function appendValueRows(w: Warehouse, table: string, rows: readonly (readonly BulkValue[])[]): Promise<number> {
  return w.exclusive(async () => {
    const writer = await BulkWriter.openNow(w, table);
    const { names } = writer;
    try {
      for (const r of rows) {
        if (r.length !== names.length) throw new Error(`bulk write: a row of ${table} has ${r.length} values for its ${names.length} columns`);
      }
      // as columns: no object per row
      writer.addColumns(Object.fromEntries(names.map((n, c) => [n, rows.map((r) => r[c])])), rows.length);
    } finally {
      writer.close();
    }
    return writer.written;
  });
}
