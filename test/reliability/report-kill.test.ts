/**
 * kill -9 during the product's own writer: `cchc report` (registry load,
 * analysis, resolved lineage, coverage and coverage_items in one transaction),
 * killed at several moments. After each kill the warehouse opens, shows one
 * whole state (every coverage row equals the items listed for it, and all of
 * coverage agrees with the independent oracle of the state it belongs to), and
 * a re-run completes.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withWarehouse } from "../../pipelines/warehouse/db.ts";
import { buildWarehouse, FIXTURE_REGISTRY } from "../report/helpers.ts";
import { compareWithOracle } from "../report/oracle.ts";

const ROOT = join(import.meta.dirname, "..", "..");

async function consistent(db: string): Promise<{ rows: number; mismatched: number }> {
  return withWarehouse(db, async (w) => {
    const r = await w.one(`
      SELECT (SELECT count(*) FROM coverage) AS rows,
             (SELECT count(*) FROM coverage c
               WHERE c.actual <> coalesce((SELECT sum(amount) FROM coverage_items ci
                 WHERE ci.target_id = c.target_id AND ci.agency_id = c.agency_id AND ci.period = c.period), 0)) AS mismatched`);
    return { rows: Number(r!.rows), mismatched: Number(r!.mismatched) };
  });
}

describe("kill -9 during cchc report", () => {
  let db: string;
  beforeAll(async () => {
    db = await buildWarehouse({
      now: new Date(),
      sources: [{ id: "stp", agency_id: "so-tu-phap", channel: "provincial_portal" }],
      articles: Array.from({ length: 30 }, (_, i) => ({
        source: "stp",
        id: String(i),
        title: `Sở Tư pháp cải cách thủ tục hành chính số ${i}`,
        published_at: `2024-${String((i % 12) + 1).padStart(2, "0")}-10T09:00:00+07:00`,
        body: `Sở Tư pháp rà soát, đơn giản hóa thủ tục hành chính về hộ tịch, chứng thực, dịch vụ công trực tuyến. Bản tin ${i} ${"x".repeat(i)}.`,
      })),
    });
  });
  afterAll(() => rmSync(dirname(db), { recursive: true, force: true }));

  it("leaves one whole state after each kill, and a re-run completes", async () => {
    const before = await consistent(db);
    expect(before.rows).toBeGreaterThan(0);
    for (const delay of [1500, 2500, 3500, 4500]) {
      const child = spawn(process.execPath, [join(ROOT, "bin", "cchc.mjs"), "report", "--db", db, "--registry", FIXTURE_REGISTRY], { stdio: "ignore" });
      const exited = new Promise((resolve) => child.on("exit", resolve));
      await new Promise((r) => setTimeout(r, delay));
      child.kill("SIGKILL");
      await exited;
      const after = await consistent(db);
      expect(after, `killed after ${delay} ms`).toEqual({ rows: before.rows, mismatched: 0 });
      const { expected, actual } = await compareWithOracle(db, new Date());
      expect(actual.map((r) => [r.target_id, r.agency_id, r.period, r.actual])).toEqual(expected.map((r) => [r.target_id, r.agency_id, r.period, r.actual]));
    }
    const rerun = spawn(process.execPath, [join(ROOT, "bin", "cchc.mjs"), "report", "--db", db, "--registry", FIXTURE_REGISTRY], { stdio: "ignore" });
    expect(await new Promise((resolve) => rerun.on("exit", resolve))).toBe(0);
    expect(await consistent(db)).toEqual({ rows: before.rows, mismatched: 0 });
  }, 120_000);
});
