import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawl } from "../../pipelines/crawl/crawl.ts";
import { demoSources } from "../../pipelines/farm/demo-sources.ts";
import { type Farm, startFarm } from "../../pipelines/farm/server.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";

describe("crawl the DEMO farm into DuckDB", () => {
  let farm: Farm;
  const db = join(mkdtempSync(join(tmpdir(), "cchc-crawl-")), "w.duckdb");
  beforeAll(async () => {
    farm = await startFarm({ only: ["sonoivu", "sotuphap"] });
  });
  afterAll(() => farm.close());

  it("loads every article of the farm, with dates, and nothing twice on a second run", async () => {
    const expected = farm.portals.reduce((n, p) => n + p.site.articleCount, 0);
    const sources = demoSources(farm.portals);
    expect(sources.map((s) => s.source_id).sort()).toEqual(["demo-sonoivu", "demo-sotuphap"]);

    let w = await Warehouse.open(db);
    const first = await crawl(w, sources);
    const count = async () => (await w.one("SELECT count(*) AS n, count(published_at) AS dated FROM articles"))!;
    expect(await count()).toEqual({ n: expected, dated: expected });
    expect(Object.values(first.sources).reduce((n, s) => n + s.new_articles, 0)).toBe(expected);
    await w.close();

    const before = farm.requests.get("sonoivu")!;
    w = await Warehouse.open(db);
    const second = await crawl(w, sources);
    expect(await count()).toEqual({ n: expected, dated: expected });
    expect(Object.values(second.sources).reduce((n, s) => n + s.new_articles, 0)).toBe(0);
    // a re-run with nothing new reads the first listing page only
    expect(farm.requests.get("sonoivu")! - before).toBeLessThanOrEqual(2);
    expect((await w.one("SELECT count(*) AS n FROM crawl_runs WHERE status = 'ok'"))!.n).toBe(2);
    await w.close();
  });
});
