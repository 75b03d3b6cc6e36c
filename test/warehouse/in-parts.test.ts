import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ITEMS_PER_STATEMENT, inParts, placeholders, rowsBySource, Warehouse } from "../../pipelines/warehouse/db.ts";

describe("statements over many items (inParts, placeholders, rowsBySource)", () => {
  let w: Warehouse;
  beforeEach(async () => {
    w = await Warehouse.open(":memory:");
    await w.run("CREATE TABLE t (source_id VARCHAR, k INTEGER)");
  });
  afterEach(async () => w.close());

  it("splits the items into consecutive parts of at most ITEMS_PER_STATEMENT, none lost or repeated", async () => {
    const items = Array.from({ length: 2 * ITEMS_PER_STATEMENT + 7 }, (_, i) => i);
    const parts: number[][] = [];
    await inParts(items, async (part) => void parts.push(part));
    expect(parts.map((p) => p.length)).toEqual([ITEMS_PER_STATEMENT, ITEMS_PER_STATEMENT, 7]);
    expect(parts.flat()).toEqual(items);
    await inParts([], async () => void parts.push([]));
    expect(parts).toHaveLength(3);
    expect(placeholders(3)).toBe("(?, ?, ?)");
  });

  it("reads every source's rows, in the query's order, across statements (sources named twice once; no rows: an empty list)", async () => {
    const n = ITEMS_PER_STATEMENT + 3;
    const ids = Array.from({ length: n }, (_, i) => `s${String(i).padStart(4, "0")}`);
    await inParts(ids, (part) => w.run(`INSERT INTO t VALUES ${part.map(() => "(?, 2), (?, 1)").join(", ")}`, part.flatMap((id) => [id, id])));
    const out = await rowsBySource(w, [...ids, ids[0], "none"], (list) => `SELECT source_id, k FROM t WHERE source_id IN ${list} AND k > ? ORDER BY source_id, k`, [0]);
    expect(out.size).toBe(n + 1);
    for (const id of ids) expect(out.get(id)!.map((r) => Number(r.k))).toEqual([1, 2]);
    expect(out.get("none")).toEqual([]);
  });
});
