/**
 * The one place where DuckDB values become plain JavaScript values.
 * BIGINT/HUGEINT → number (throws past 2^53), DATE → "YYYY-MM-DD",
 * TIMESTAMP WITH TIME ZONE → ISO 8601 with +07:00 (Asia/Ho_Chi_Minh, no DST).
 */
import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBStructValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
} from "@duckdb/node-api";
import { toVietnamIso } from "../time/vietnam-time.ts";

export type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

export function toPlain(value: unknown): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new RangeError(`integer ${value} does not fit a JavaScript number`);
    }
    return Number(value);
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof DuckDBTimestampTZValue) return toVietnamIso(new Date(Number(value.micros / 1000n)));
  if (value instanceof DuckDBTimestampValue) return new Date(Number(value.micros / 1000n)).toISOString().slice(0, 19);
  if (value instanceof DuckDBDateValue) return value.toString();
  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  if (value instanceof DuckDBListValue) return value.items.map(toPlain);
  if (value instanceof DuckDBStructValue) {
    return Object.fromEntries(Object.entries(value.entries).map(([k, v]) => [k, toPlain(v)]));
  }
  return String(value);
}

export function toPlainRow(row: Record<string, unknown>): Record<string, Plain> {
  const out: Record<string, Plain> = {};
  for (const [key, value] of Object.entries(row)) out[key] = toPlain(value);
  return out;
}
