/**
 * `cchc export parquet`: the items, coverage and evidence marts as Parquet
 * partitioned by province and year, read back with DuckDB across provinces.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Warehouse, withWarehouse } from "../../pipelines/warehouse/db.ts";
import { exportParquet } from "../../pipelines/export/parquet.ts";
import { buildWarehouse } from "../report/helpers.ts";

const NOW = new Date("2026-11-24T10:00:00+07:00");
const ROOT = resolve(import.meta.dirname, "../..");

describe("export parquet", () => {
  let db: string;
  beforeAll(async () => {
    db = await buildWarehouse({
      now: NOW,
      sources: [
        { id: "snv", agency_id: "so-noi-vu", channel: "own_portal" },
        { id: "stp", agency_id: "so-tu-phap", channel: "own_portal" },
      ],
      articles: [
        { source: "snv", id: "1", title: "Sở Nội vụ hướng dẫn cải cách hành chính", published_at: "2024-03-05T09:00:00+07:00" },
        { source: "snv", id: "2", title: "Sở Nội vụ rà soát thủ tục hành chính", published_at: "2025-06-05T09:00:00+07:00" },
        { source: "stp", id: "1", title: "Sở Tư pháp cải cách thủ tục hành chính", published_at: "2025-04-10T09:00:00+07:00" },
      ],
    });
  }, 120_000);

  it("writes each mart by province and year, and a national query reads every province together", async () => {
    const out = mkdtempSync(join(tmpdir(), "cchc-parquet-"));
    // Through the command, as a province publishes its export.
    const printed = execFileSync(process.execPath, ["bin/cchc.mjs", "export", "parquet", "--out", out, "--db", db], { cwd: ROOT, encoding: "utf-8" });
    expect(printed).toMatch(/Đã xuất tỉnh tay-ninh/);
    expect(readdirSync(join(out, "items", "province=tay-ninh")).sort()).toEqual(["year=2024", "year=2025"]);
    // A second province's export beside it (the same rows under another code).
    await withWarehouse(db, (w) => exportParquet(w, out, "long-an"), { readOnly: true });
    const w = await Warehouse.open(":memory:");
    try {
      const counts = await withWarehouse(
        db,
        async (src) => ({
          items: Number((await src.one("SELECT count(*) AS n FROM mart_items"))!.n),
          coverage: Number((await src.one("SELECT count(*) AS n FROM mart_coverage"))!.n),
          evidence: Number((await src.one("SELECT count(*) AS n FROM mart_evidence_rows"))!.n),
          actual: Number((await src.one("SELECT sum(actual) AS n FROM mart_coverage"))!.n),
        }),
        { readOnly: true },
      );
      expect(counts.items).toBe(3);
      for (const mart of ["items", "coverage", "evidence"] as const) {
        const rows = await w.all(
          `SELECT province, count(*) AS n FROM read_parquet('${join(out, mart)}/**/*.parquet', hive_partitioning = true) GROUP BY province ORDER BY province`,
        );
        expect(rows).toEqual([
          { province: "long-an", n: counts[mart] },
          { province: "tay-ninh", n: counts[mart] },
        ]);
      }
      const national = await w.one(`SELECT sum(actual) AS n FROM read_parquet('${join(out, "coverage")}/**/*.parquet', hive_partitioning = true)`);
      expect(Number(national!.n)).toBe(2 * counts.actual);
      // Re-exporting a province replaces it: no row twice.
      await withWarehouse(db, (src) => exportParquet(src, out, "long-an"), { readOnly: true });
      const again = await w.one(`SELECT count(*) AS n FROM read_parquet('${join(out, "items")}/**/*.parquet', hive_partitioning = true) WHERE province = 'long-an'`);
      expect(Number(again!.n)).toBe(counts.items);
      expect(readdirSync(out).filter((f) => f.startsWith("."))).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it("refuses a province code that is not one, writing nothing", async () => {
    const out = mkdtempSync(join(tmpdir(), "cchc-parquet-"));
    await expect(withWarehouse(db, (w) => exportParquet(w, out, "../x"), { readOnly: true })).rejects.toThrow(/--province: "..\/x" không phải mã tỉnh/);
    expect(existsSync(join(out, "items"))).toBe(false);
  });
});
