import { afterEach, beforeEach, describe, expect, it } from "vitest";
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
