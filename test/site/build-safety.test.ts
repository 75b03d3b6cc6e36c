/**
 * Issue 11 "What was seen" 8, through the product's own build (pipelines/site/build.ts buildSite) with a
 * stand-in for Observable Framework: a failed build or a bad --db leaves the previous site whole, a
 * good one is swapped in with the warehouse's stamp, and a site stops "showing" a warehouse whose
 * numbers changed since (what `cchc briefing` checks before it prints).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshAfterCrawl } from "../../pipelines/report/refresh.ts";
import { buildSite, type FrameworkRunner, SITE_STAMP, siteShows, siteStamp, warehouseStamp } from "../../pipelines/site/build.ts";
import { FIXTURE_REGISTRY } from "../fixtures/registries.ts";

const dir = mkdtempSync(join(tmpdir(), "cchc-build-safety-"));
const db = join(dir, "w.duckdb");
const other = join(dir, "other.duckdb");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Framework as buildSite runs it: writes pages into CCHC_SITE_OUTPUT (or fails with `code`). */
const framework = (page: string, code = 0): FrameworkRunner => async (_args, env) => {
  if (code === 0) {
    mkdirSync(env.CCHC_SITE_OUTPUT, { recursive: true });
    for (const f of ["index.html", "ban-tin.html"]) writeFileSync(join(env.CCHC_SITE_OUTPUT, f), `${page} ${env.CCHC_DB}`);
  }
  return code;
};

beforeAll(async () => {
  await refreshAfterCrawl(db, { create: true, registryDir: FIXTURE_REGISTRY, now: new Date("2026-11-24T10:00:00+07:00") });
  await refreshAfterCrawl(other, { create: true, registryDir: FIXTURE_REGISTRY, now: new Date("2026-11-24T10:00:00+07:00") });
}, 120_000);

describe("building the site", () => {
  it("swaps a successful build in, stamped with the warehouse it shows", async () => {
    const out = join(dir, "site");
    await buildSite(framework("mới"), { db, outDir: out, isolated: true });
    expect(readFileSync(join(out, "index.html"), "utf-8")).toBe(`mới ${db}`);
    expect(siteStamp(out)).toEqual(await warehouseStamp(db));
    expect(siteShows(out, await warehouseStamp(db))).toBe(true);
    expect(siteShows(out, await warehouseStamp(other))).toBe(false); // another warehouse: not the site it shows
  }, 60_000);

  it("drops the stale loader outputs of a kept root, an archive's folder of extracted entries included", async () => {
    const root = join(dir, "kept-root");
    const data = join(root, ".observablehq", "cache", "data");
    mkdirSync(join(data, "scorecard-items"), { recursive: true });
    writeFileSync(join(root, "index.md"), "# kept"); // an existing private root: not copied again
    for (const f of ["scorecard-items.zip", "scorecard-items/0.arrow", "scorecard-items/15.arrow", "items.arrow"]) writeFileSync(join(data, f), "x");
    await buildSite(framework("mới"), { db, outDir: join(dir, "kept-root-site"), persistentRoot: root, stale: ["scorecard-items.zip", "scorecard-items"] });
    expect(existsSync(join(data, "scorecard-items.zip"))).toBe(false);
    expect(existsSync(join(data, "scorecard-items"))).toBe(false); // Framework keeps extracted entries fresh by the loader's date only
    expect(existsSync(join(data, "items.arrow"))).toBe(true);
  }, 60_000);

  it("keeps the previous site whole when the build fails, and when --db does not exist", async () => {
    const out = join(dir, "kept");
    await buildSite(framework("cũ"), { db, outDir: out, isolated: true });
    await expect(buildSite(framework("hỏng", 1), { db, outDir: out, isolated: true })).rejects.toThrow(/dựng trang thất bại .* được giữ nguyên/);
    expect(readFileSync(join(out, "index.html"), "utf-8")).toBe(`cũ ${db}`);
    const missing = join(dir, "khong-co.duckdb");
    await expect(buildSite(framework("sai"), { db: missing, outDir: out, isolated: true })).rejects.toThrow(/không tồn tại/);
    expect(existsSync(missing)).toBe(false);
    expect(readFileSync(join(out, "index.html"), "utf-8")).toBe(`cũ ${db}`);
    expect(existsSync(join(out, SITE_STAMP))).toBe(true);
  }, 60_000);

  it("no longer shows the warehouse once its numbers were computed again (the briefing rebuilds before printing)", async () => {
    const out = join(dir, "stale");
    await buildSite(framework("trước"), { db, outDir: out, isolated: true });
    expect(siteShows(out, await warehouseStamp(db))).toBe(true);
    await refreshAfterCrawl(db, { registryDir: FIXTURE_REGISTRY, now: new Date("2026-11-25T10:00:00+07:00") });
    expect(siteShows(out, await warehouseStamp(db))).toBe(false);
  }, 120_000);
});
