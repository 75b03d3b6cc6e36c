import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Warehouse } from "../../pipelines/warehouse/db.ts";
import { killHard, spawnFixture } from "./fixtures/spawn.ts";

const dir = mkdtempSync(join(tmpdir(), "cchc-kill-load-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOTAL = 10_000;
const BATCH = 2_000;

async function counts(db: string) {
  const w = await Warehouse.open(db, { readOnly: true });
  try {
    const row = await w.one(
      `SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(DISTINCT article_id) FROM articles) AS distinct_ids,
              (SELECT count(*) FROM article_versions) AS versions,
              (SELECT coalesce(max(item_id::INTEGER), 0) FROM articles) AS max_item`,
    );
    return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
  } finally {
    await w.close();
  }
}

describe("kill -9 during a warehouse bulk load (the crawler's batched store)", () => {
  it("keeps every committed batch, nothing of the batch in flight, and a re-run completes with no duplicate", async () => {
    const db = join(dir, "w.duckdb");
    const child = spawnFixture("load-child.ts", [db, String(TOTAL), String(BATCH), "--hang-in", "3"]);
    await child.waitFor(/^MID 3$/); // batches 0–2 committed, batch 3 appended but not committed
    expect(child.lines).toEqual(["COMMITTED 0", "COMMITTED 1", "COMMITTED 2", "MID 3"]);
    await killHard(child);

    expect(await counts(db)).toEqual({ articles: 3 * BATCH, distinct_ids: 3 * BATCH, versions: 3 * BATCH, max_item: 3 * BATCH });

    // The re-run stores everything again: the committed batches come back unchanged, the rest is new.
    const rerun = spawnFixture("load-child.ts", [db, String(TOTAL), String(BATCH)]);
    expect(await rerun.waitFor(/^DONE/)).toBe(`DONE ${TOTAL - 3 * BATCH} ${3 * BATCH}`);
    expect(await rerun.exited).toBe(0);
    expect(await counts(db)).toEqual({ articles: TOTAL, distinct_ids: TOTAL, versions: TOTAL, max_item: TOTAL });
  });
});
