/**
 * The crawl runs its sources concurrently on one warehouse connection: one source's reads go on
 * while another's write batch appends its articles (the Appender). DuckDB cuts a statement that is
 * pending on a connection when the Appender flushes on it ("Attempting to execute an unsuccessful or
 * closed pending query result"), which a loaded machine hits; the warehouse runs the work of its
 * connection one piece at a time, so no statement ever fails that way.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendRows } from "../../pipelines/warehouse/bulk-write.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";

describe("one connection, concurrent work", () => {
  let w: Warehouse;
  beforeAll(async () => {
    w = await Warehouse.open(":memory:");
    await w.run("CREATE TABLE t (i INTEGER, s VARCHAR)");
  });
  afterAll(() => w.close());

  it("reads issued while a transaction appends rows all succeed, and see every row", async () => {
    const failures: string[] = [];
    const note = (e: unknown) => void failures.push((e as Error).message);
    let rows = 0;
    for (let round = 0; round < 150; round++) {
      const writer = w
        .transaction(async () => {
          await w.run("INSERT INTO t VALUES ($i, 'row')", { i: round });
          await appendRows(w, "t", Array.from({ length: 200 }, (_, i) => ({ i, s: "appended" })));
        })
        .then(() => (rows += 201), note);
      const readers = Array.from({ length: 8 }, (_, i) => w.one("SELECT count(*) AS n FROM t WHERE i >= $i", { i }).catch(note));
      await Promise.all([writer, ...readers]);
    }
    expect(failures).toEqual([]);
    expect(await w.one("SELECT count(*) AS n FROM t")).toEqual({ n: rows });
    expect(rows).toBe(150 * 201);
  }, 60_000);
});
