/**
 * The whole data path on the DEMO farm: crawl → registry → analysis → coverage,
 * then the evidence export from the CLI. Every number on the dashboard must be
 * a count of real rows: checked here on the coverage table itself.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawlInto } from "../../pipelines/cli/commands/crawl.ts";
import { demoSources } from "../../pipelines/farm/demo-sources.ts";
import { HOSTILE_TITLE } from "../../pipelines/farm/portals.ts";
import { type Farm, startFarm } from "../../pipelines/farm/server.ts";
import { itemRows } from "../../pipelines/report/queries.ts";
import { refreshAfterCrawl } from "../../pipelines/report/refresh.ts";
import { UTF8_BOM } from "../../pipelines/export/csv.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";
import { FIXTURE_REGISTRY } from "../fixtures/registries.ts";

const ROOT = resolve(import.meta.dirname, "../..");

describe("DEMO farm → warehouse → coverage → evidence", () => {
  let farm: Farm;
  const dir = mkdtempSync(join(tmpdir(), "cchc-pipeline-"));
  const db = join(dir, "w.duckdb");

  beforeAll(async () => {
    farm = await startFarm({ only: ["sonoivu", "sotuphap", "tayninh", "baotayninh"] });
    await crawlInto(db, demoSources(farm.portals, 0), { onEvent: () => {} });
    await refreshAfterCrawl(db, { now: new Date("2026-11-24T12:00:00+07:00"), registryDir: FIXTURE_REGISTRY });
  }, 180_000);
  afterAll(() => farm?.close());

  it("computes coverage whose every count is the number of real items it lists", async () => {
    const w = await Warehouse.open(db, { readOnly: true });
    try {
      const items = new Set((await itemRows(w)).map((r) => r.item_key as string));
      const coverage = await w.all("SELECT measure, actual, item_keys FROM coverage");
      expect(coverage.length).toBeGreaterThan(0);
      const counted = coverage.filter((r) => (r.actual as number) > 0);
      expect(counted.length).toBeGreaterThan(0);
      for (const r of coverage) {
        const keys = r.item_keys as string[];
        for (const k of keys) expect(items.has(k)).toBe(true);
        if (r.measure !== "sessions" && r.measure !== "staff_informed") expect(r.actual).toBe(keys.length);
      }
    } finally {
      await w.close();
    }
  });

  it("clusters the provincial portal's and the newspaper's copies of agency items, and counts one item per agency per channel per cluster", async () => {
    const w = await Warehouse.open(db, { readOnly: true });
    try {
      const spanning = await w.all(`
        SELECT cluster_id, list(DISTINCT split_part(article_id, ':', 1) ORDER BY split_part(article_id, ':', 1)) AS sources
        FROM article_clusters GROUP BY cluster_id HAVING count(DISTINCT split_part(article_id, ':', 1)) > 1`);
      expect(spanning.length).toBeGreaterThan(5);
      expect(spanning.some((c) => (c.sources as string[]).includes("demo-sonoivu") && (c.sources as string[]).includes("demo-tayninh"))).toBe(true);
      const dup = await w.one(`SELECT count(*) AS n FROM (SELECT cluster_id, agency_id, channel FROM countable_items GROUP BY ALL HAVING count(*) > 1)`);
      expect(dup!.n).toBe(0);
    } finally {
      await w.close();
    }
  });

  it("exports evidence as CSV with a BOM, Vietnamese headers and one line per item of the year", () => {
    const out = join(dir, "evidence.csv");
    const stdout = execFileSync(process.execPath, [join(ROOT, "bin/cchc.mjs"), "export", "evidence", "--year", "2024", "--db", db, "--out", out], {
      cwd: ROOT,
      encoding: "utf-8",
    });
    const n = Number(/^đã ghi ([\d.]+) dòng minh chứng/.exec(stdout)![1].replaceAll(".", ""));
    expect(n).toBeGreaterThan(0);
    const csv = readFileSync(out, "utf-8");
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.slice(1).split("\r\n")[0]).toMatch(/^Cơ quan \(tại ngày đăng\),Mã cơ quan,Cơ quan kế thừa hiện nay,/);
    expect(csv.includes("DEMO")).toBe(true);
    // The DEMO item with a formula and HTML in its title arrives as inert text: neutralised, never a live formula.
    expect(csv).toContain(`"'${HOSTILE_TITLE.replaceAll('"', '""')}"`);
    for (const line of csv.slice(1).split("\r\n")) expect(line).not.toMatch(/(^|,)"?[=+@]/);
  });

  it("refuses a bad --year with a non-zero exit and writes nothing", () => {
    const out = join(dir, "never.csv");
    expect(() =>
      execFileSync(process.execPath, [join(ROOT, "bin/cchc.mjs"), "export", "evidence", "--year", "20x4", "--db", db, "--out", out], { stdio: "pipe" }),
    ).toThrow(/--year: "20x4" không phải là năm/);
    expect(() => readFileSync(out)).toThrow();
  });
});
