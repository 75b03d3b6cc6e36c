import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { appendRows, appendValueRows, dateValue } from "../../pipelines/warehouse/bulk-write.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";

describe("appendValueRows (rows in the table's column order, as INSERT … VALUES takes them)", () => {
  let w: Warehouse;
  beforeEach(async () => {
    w = await Warehouse.open(":memory:");
    await w.run("CREATE TABLE t (id VARCHAR PRIMARY KEY, day DATE, n INTEGER, ok BOOLEAN, words VARCHAR[], note VARCHAR)");
    await w.run("CREATE TABLE u (id VARCHAR PRIMARY KEY, day DATE, n INTEGER, ok BOOLEAN, words VARCHAR[], note VARCHAR)");
  });
  afterEach(async () => w.close());

  it("writes the same rows as one INSERT per row with CAST(? AS DATE) and JSON lists", async () => {
    const rows: (string | number | boolean | string[] | null)[][] = [
      ["a", "2024-02-29", 3, true, ["x", "yếu tố"], null],
      ["b", null, 0, false, [], "ghi chú"],
      ["c", "1999-12-31", -7, true, null, ""],
    ];
    await appendValueRows(w, "t", rows);
    for (const r of rows) {
      await w.run("INSERT INTO u VALUES (?, CAST(? AS DATE), ?, ?, CAST(CAST(? AS JSON) AS VARCHAR[]), ?)", [
        r[0], r[1], r[2], r[3], r[4] === null ? null : JSON.stringify(r[4]), r[5],
      ] as (string | number | boolean | null)[]);
    }
    const read = (table: string) => w.all(`SELECT id, CAST(day AS VARCHAR) AS day, n, ok, CAST(words AS VARCHAR) AS words, note FROM ${table} ORDER BY id`);
    expect(await read("t")).toEqual(await read("u"));
    expect((await read("t"))[0]).toMatchObject({ id: "a", day: "2024-02-29", n: 3, ok: true });
  });

  it("refuses a row whose values do not match the table's columns, and a malformed day", async () => {
    await expect(appendValueRows(w, "t", [["a", null, 1, true, []]])).rejects.toThrow(/5 values for its 6 columns/);
    expect(() => dateValue("29/02/2024")).toThrow(/not a day/);
    await expect(appendValueRows(w, "t", [["a", "2024-2-1", 1, true, [], null]])).rejects.toThrow(/not a day/);
  });
});

describe("appendRows: BLOB and UBIGINT columns", () => {
  it("writes bytes as they are and 64-bit unsigned integers beyond a double's precision", async () => {
    const w = await Warehouse.open(":memory:");
    try {
      await w.run("CREATE TABLE b (id VARCHAR, h UBIGINT, data BLOB)");
      const big = 18_446_744_073_709_551_557n; // the largest 64-bit prime: no double holds it
      await appendRows(w, "b", [
        { id: "a", h: big, data: new Uint8Array([0, 255, 7, 0]) },
        { id: "b", h: 3, data: null },
      ]);
      const rows = await w.all("SELECT id, CAST(h AS VARCHAR) AS h, hex(data) AS data FROM b ORDER BY id");
      expect(rows).toEqual([{ id: "a", h: String(big), data: "00FF0700" }, { id: "b", h: "3", data: null }]);
    } finally {
      await w.close();
    }
  });
});

describe("BulkWriter: every column type, NULLs anywhere, across data chunks", () => {
  it("writes what one INSERT per row writes, a chunk's NULLs not carried into the next (the writer reuses one data chunk)", async () => {
    const w = await Warehouse.open(":memory:");
    try {
      const columns = "id VARCHAR, n INTEGER, b BIGINT, u UBIGINT, x DOUBLE, ok BOOLEAN, day DATE, seen TIMESTAMPTZ, s VARCHAR, data BLOB";
      await w.run(`CREATE TABLE t (${columns})`);
      await w.run(`CREATE TABLE u (${columns})`);
      // 5,000 rows: three data chunks; column s is NULL only in the first chunk, data only in the second,
      // the others here and there (bits of several validity words); strings short (inlined by DuckDB) and long.
      const rows = Array.from({ length: 5_000 }, (_, k) => ({
        id: `bài:${k}`,
        n: k % 7 === 0 ? null : k - 2_500,
        b: k % 11 === 0 ? null : BigInt(k) * 1_000_000_007n,
        u: k % 13 === 0 ? null : 18_446_744_073_709_551_557n - BigInt(k),
        x: k % 5 === 0 ? null : k / 3,
        ok: k % 3 === 0 ? null : k % 2 === 0,
        day: k % 17 === 0 ? null : `2025-0${1 + (k % 9)}-1${k % 10}`,
        seen: k % 19 === 0 ? null : k % 2 ? "2025-03-01T10:00:00+07:00" : new Date(Date.UTC(2025, 0, 1, 0, 0, k)),
        s: k < 2_048 && k % 4 === 1 ? null : k % 2 ? `ngắn ${k % 10}` : `một chuỗi dài hơn mười hai byte, số ${k}`,
        data: k >= 2_048 && k < 4_096 && k % 3 === 2 ? null : Uint8Array.from({ length: k % 40 }, (_, i) => (i * k) & 255),
      }));
      const written = await appendRows(w, "t", rows);
      expect(written).toBe(rows.length);
      // the oracle: INSERT … VALUES, 500 rows a statement
      const tuple = "(?, ?, ?, ?, ?, ?, CAST(? AS DATE), CAST(? AS TIMESTAMPTZ), ?, from_hex(?))";
      for (let at = 0; at < rows.length; at += 500) {
        const part = rows.slice(at, at + 500);
        await w.run(`INSERT INTO u VALUES ${part.map(() => tuple).join(", ")}`, part.flatMap((r) => [
          r.id, r.n, r.b === null ? null : String(r.b), r.u === null ? null : String(r.u), r.x, r.ok, r.day,
          r.seen === null ? null : r.seen instanceof Date ? r.seen.toISOString() : r.seen, r.s, r.data === null ? null : Buffer.from(r.data).toString("hex"),
        ]) as (string | number | boolean | null)[]);
      }
      const read = (table: string) => w.all(`SELECT CAST(COLUMNS(*) AS VARCHAR) FROM ${table} ORDER BY id`);
      const [got, want] = [await read("t"), await read("u")];
      expect(got.length).toBe(rows.length);
      expect(got).toEqual(want);
      expect((await w.one("SELECT count(*) FILTER (WHERE s IS NULL) AS s, count(*) FILTER (WHERE data IS NULL) AS d FROM t"))).toEqual({ s: 512, d: 683 });
    } finally {
      await w.close();
    }
  });

  it("refuses a value its column cannot hold", async () => {
    const w = await Warehouse.open(":memory:");
    try {
      await w.run("CREATE TABLE t (n INTEGER, u UBIGINT)");
      await expect(appendRows(w, "t", [{ n: 1.5, u: 1 }])).rejects.toThrow(/1.5 is not an INTEGER/);
      await expect(appendRows(w, "t", [{ n: 1, u: -1 }])).rejects.toThrow(/out of UBIGINT's range/);
    } finally {
      await w.close();
    }
  });
});

describe("a bulk write that fails part-way", () => {
  it("leaves nothing behind: after the rollback, garbage collection and a later transaction the table is still empty", () => {
    // In a child with --expose-gc: an appender left open would be flushed by its cleanup into the later transaction.
    const script = join(import.meta.dirname, "scripts", "aborted-append.mts");
    const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", script], { encoding: "utf-8", cwd: join(import.meta.dirname, "..", "..") });
    expect(run.status, run.stderr).toBe(0);
    // The later transaction's own row only.
    expect(JSON.parse(run.stdout.trim().split("\n").at(-1)!)).toEqual({ failed: true, afterRollback: 0, afterLaterTransaction: 1 });
  }, 60_000);
});
