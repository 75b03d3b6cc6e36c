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
  DuckDBDataChunk,
  DuckDBDateValue,
  type DuckDBType,
  DuckDBTypeId,
  DuckDBTimestampTZValue,
  listValue,
} from "@duckdb/node-api";
// The native bindings @duckdb/node-api is built on (its own dependency, at its version): a data
// chunk's vectors are written here directly, a column at a time (see `columnWriter`).
import duckdb from "@duckdb/node-bindings";
import type { Warehouse } from "./db.ts";

export type BulkValue = string | number | boolean | null | Date | string[] | bigint | Uint8Array | undefined;

/** DuckDB's vector size: one data chunk. */
const CHUNK_ROWS = 2048;

/** Microseconds since the epoch of a Date or an ISO 8601 string (a TIMESTAMPTZ's value). */
function instantMicros(value: Date | string): bigint {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${String(value)}`);
  return BigInt(ms) * 1000n;
}

/** A DuckDB TIMESTAMPTZ value from a Date or an ISO 8601 string (null stays null). */
export function timestampTz(value: Date | string | null): DuckDBTimestampTZValue | null {
  return value === null ? null : new DuckDBTimestampTZValue(instantMicros(value));
}

/** A DuckDB DATE value from a "YYYY-MM-DD" day (as `CAST(? AS DATE)` reads it; null stays null). */
export function dateValue(value: string | null): DuckDBDateValue | null {
  if (value === null) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new Error(`not a day (YYYY-MM-DD): ${String(value)}`);
  return DuckDBDateValue.fromParts({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
}

/**
 * Writes values [start, start + n) of one column (`values`, undefined: the column is not named, all
 * NULL) into a data chunk's vector: fixed-width values through a typed array copied in at once,
 * strings and bytes one native call each, the NULLs as one validity mask.
 */
type ColumnWriter = (chunk: DuckDBDataChunk, c: number, values: readonly BulkValue[] | undefined, start: number, n: number) => void;

/** A column of fixed-width values: `set(items, k, v)` stores non-null value v at row k. */
function fixedWidth<A extends { buffer: ArrayBufferLike; byteOffset: number; byteLength: number }>(items: (n: number) => A, set: (items: A, k: number, v: NonNullable<BulkValue>) => void): ColumnWriter {
  return (chunk, c, values, start, n) => {
    const vector = duckdb.data_chunk_get_vector(chunk.chunk, c);
    const data = items(n);
    const validity = new Validity(n);
    for (let k = 0; k < n; k++) {
      const v = values?.[start + k];
      if (v === null || v === undefined) validity.setNull(k);
      else set(data, k, v);
    }
    duckdb.copy_data_to_vector(vector, 0, data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
    validity.writeTo(vector);
  };
}

/** A column of strings or bytes: each non-null value assigned on its own (DuckDB copies it into the vector's heap). */
function variableWidth(assign: (vector: duckdb.Vector, k: number, v: NonNullable<BulkValue>) => void): ColumnWriter {
  return (chunk, c, values, start, n) => {
    const vector = duckdb.data_chunk_get_vector(chunk.chunk, c);
    const validity = new Validity(n);
    for (let k = 0; k < n; k++) {
      const v = values?.[start + k];
      if (v === null || v === undefined) validity.setNull(k);
      else assign(vector, k, v);
    }
    validity.writeTo(vector);
  };
}

/** The NULLs of one column of a chunk: a validity mask (bit k of 64-bit word k/64, set = valid), written only when some are. */
class Validity {
  private mask: Uint8Array | null = null;
  constructor(private readonly n: number) {}
  setNull(k: number): void {
    this.mask ??= new Uint8Array(Math.ceil(this.n / 64) * 8).fill(0xff);
    this.mask[k >>> 3] &= ~(1 << (k & 7));
  }
  writeTo(vector: duckdb.Vector): void {
    if (!this.mask) return; // all valid: a reset chunk's vectors are
    duckdb.vector_ensure_validity_writable(vector);
    duckdb.copy_data_to_vector_validity(vector, 0, this.mask.buffer as ArrayBuffer, 0, this.mask.byteLength);
  }
}

/** The last instant string converted (a column of one run's timestamp holds the same text in every row). */
let lastInstant: { text: string; micros: bigint } | null = null;

function columnWriter(type: DuckDBType, table: string, column: string): ColumnWriter {
  switch (type.typeId) {
    case DuckDBTypeId.TIMESTAMP_TZ:
      return fixedWidth((n) => new BigInt64Array(n), (items, k, v) => {
        if (typeof v === "string") {
          if (lastInstant?.text !== v) lastInstant = { text: v, micros: instantMicros(v) };
          items[k] = lastInstant.micros;
        } else items[k] = instantMicros(v as Date);
      });
    case DuckDBTypeId.DATE:
      return fixedWidth((n) => new Int32Array(n), (items, k, v) => {
        items[k] = dateValue(v as string)!.days;
      });
    case DuckDBTypeId.BIGINT:
      return fixedWidth((n) => new BigInt64Array(n), (items, k, v) => {
        const b = BigInt(v as number | bigint);
        if (BigInt.asIntN(64, b) !== b) throw new Error(`bulk write: ${table}.${column}: ${b} is out of BIGINT's range`);
        items[k] = b;
      });
    case DuckDBTypeId.UBIGINT:
      return fixedWidth((n) => new BigUint64Array(n), (items, k, v) => {
        const b = BigInt(v as number | bigint);
        if (BigInt.asUintN(64, b) !== b) throw new Error(`bulk write: ${table}.${column}: ${b} is out of UBIGINT's range`);
        items[k] = b;
      });
    case DuckDBTypeId.INTEGER:
      return fixedWidth((n) => new Int32Array(n), (items, k, v) => {
        if (!Number.isInteger(v) || (v as number) < -2147483648 || (v as number) > 2147483647) throw new Error(`bulk write: ${table}.${column}: ${String(v)} is not an INTEGER`);
        items[k] = v as number;
      });
    case DuckDBTypeId.DOUBLE:
      return fixedWidth((n) => new Float64Array(n), (items, k, v) => {
        items[k] = v as number;
      });
    case DuckDBTypeId.BOOLEAN:
      return fixedWidth((n) => new Uint8Array(n), (items, k, v) => {
        items[k] = v ? 1 : 0;
      });
    case DuckDBTypeId.VARCHAR:
      return variableWidth((vector, k, v) => duckdb.vector_assign_string_element(vector, k, v as string));
    case DuckDBTypeId.BLOB:
      return variableWidth((vector, k, v) => duckdb.vector_assign_string_element_len(vector, k, v as Uint8Array));
    case DuckDBTypeId.LIST:
      // (rare: through the API's own vector)
      return (chunk, c, values, start, n) => {
        const vector = chunk.getColumnVector(c);
        for (let k = 0; k < n; k++) {
          const v = values?.[start + k];
          vector.setItem(k, v === null || v === undefined ? null : listValue(v as string[]));
        }
        vector.flush();
      };
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
 * rows in memory, in one data chunk reused for each (DuckDB's Appender copies what it is given).
 */
export class BulkWriter {
  private pending: Record<string, BulkValue>[] = [];
  /** Rows written so far. */
  written = 0;
  private readonly chunk: DuckDBDataChunk;

  private constructor(
    /** The table's columns, in its order. */
    readonly names: string[],
    types: DuckDBType[],
    private readonly writers: ColumnWriter[],
    private readonly appender: Awaited<ReturnType<Warehouse["connection"]["createAppender"]>>,
  ) {
    this.chunk = DuckDBDataChunk.create(types);
  }

  /** A writer for `table`, opened when the connection is free (Warehouse.exclusive). */
  static open(w: Warehouse, table: string): Promise<BulkWriter> {
    return w.exclusive(() => BulkWriter.openNow(w, table));
  }

  /** Open on the connection as it is: only inside Warehouse.exclusive (appendRows), not to be called elsewhere. */
  static async openNow(w: Warehouse, table: string): Promise<BulkWriter> {
    const { names, types } = await tableShape(w, table);
    const writers = names.map((n, i) => columnWriter(types[i], table, n));
    // "temp.name": a temporary table (catalog temp, schema main).
    const [catalog, name] = table.startsWith("temp.") ? ["temp", table.slice(5)] : [undefined, table];
    return new BulkWriter(names, types, writers, await w.connection.createAppender(name, catalog && "main", catalog));
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
    const values = this.names.map((name) => columns[name]);
    for (let start = 0; start < count; start += CHUNK_ROWS) this.appendChunk(values, start, Math.min(CHUNK_ROWS, count - start));
  }

  private flushChunk(): void {
    const rows = this.pending;
    if (!rows.length) return;
    this.pending = [];
    this.appendChunk(this.names.map((name) => rows.map((r) => r[name])), 0, rows.length);
  }

  /** One data chunk of rows [start, start + n) of the columns (in the table's order), column by column. */
  private appendChunk(columns: (readonly BulkValue[] | undefined)[], start: number, n: number): void {
    duckdb.data_chunk_reset(this.chunk.chunk);
    this.chunk.rowCount = n;
    for (let c = 0; c < columns.length; c++) this.writers[c](this.chunk, c, columns[c], start, n);
    this.appender.appendDataChunk(this.chunk);
    this.written += n;
  }

  /** Hand every pending row to DuckDB (still inside the caller's transaction). */
  flush(): void {
    this.flushChunk();
    this.appender.flushSync();
  }

  /** Hand every pending row to DuckDB and close; when that fails, drop what is held (abort) and rethrow. */
  close(): void {
    try {
      this.flush();
      this.appender.closeSync();
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  /**
   * Drop the rows not yet in the table and close, after a failure: a writer left open would keep the
   * chunks DuckDB already holds, and its cleanup (when the garbage collector frees it) would flush
   * them into whatever transaction the connection is in then — rows of a rolled-back write committed
   * later. Never throws (the failure being handled is the one to report).
   */
  abort(): void {
    this.pending = [];
    try {
      this.appender.clear();
    } catch {
      // nothing held, or the appender already closed
    }
    try {
      this.appender.closeSync();
    } catch {
      // closed already; what it held is cleared
    }
  }
}

/** Fill a writer with `fill`, then close it; on a failure (filling or closing) abort it (BulkWriter.abort) and rethrow. */
export async function filled(writer: BulkWriter, fill: (writer: BulkWriter) => void | Promise<void>): Promise<BulkWriter> {
  try {
    await fill(writer);
    writer.close();
  } catch (error) {
    writer.abort();
    throw error;
  }
  return writer;
}

/** Append `rows` to `table` in one go (see BulkWriter). */
export async function appendRows(w: Warehouse, table: string, rows: Iterable<Record<string, BulkValue>>): Promise<number> {
  // Opened, filled and flushed alone on the connection: no other statement is pending there while
  // the Appender flushes (the crawl's sources read on it while a batch is stored; see Warehouse.exclusive).
  return w.exclusive(async () => {
    const writer = await BulkWriter.openNow(w, table);
    await filled(writer, () => {
      for (const r of rows) writer.add(r);
    });
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
    await filled(writer, () => {
      for (const r of rows) {
        if (r.length !== names.length) throw new Error(`bulk write: a row of ${table} has ${r.length} values for its ${names.length} columns`);
      }
      // as columns: no object per row
      writer.addColumns(Object.fromEntries(names.map((n, c) => [n, rows.map((r) => r[c])])), rows.length);
    });
    return writer.written;
  });
}
