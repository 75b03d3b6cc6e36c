/**
 * The leaders' briefing marts on the DEMO warehouse (issue 17):
 *   - notable items (mart_briefing_notable) never include a flagged item: the DEMO
 *     item whose title is a formula and script payload, unattributed items, items the
 *     attributor sent for review, undated ones; an item an analyst excludes leaves them;
 *   - every agency behind in a quarter is listed, with what it lacks, none cut off;
 *   - the quarter's counts by status are the quarter's coverage rows.
 * The expectations are recounted here from mart_coverage / mart_items with the test's
 * own predicates, not read from the marts under test.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawlDemo } from "../../pipelines/cli/commands/crawl.ts";
import { HOSTILE_TITLE } from "../../pipelines/farm/portals.ts";
import { briefingRows } from "../../pipelines/report/queries.ts";
import { refreshAfterCrawl } from "../../pipelines/report/refresh.ts";
import { makeOverride } from "../../pipelines/overrides/overrides.ts";
import { recordOverride } from "../../pipelines/overrides/store.ts";
import { type Row, withWarehouse } from "../../pipelines/warehouse/db.ts";
import { FIXTURE_REGISTRY } from "./helpers.ts";

const NOW = new Date("2026-11-24T10:00:00+07:00");

/** The test's own idea of a title no briefing may put forward. */
function looksHostile(title: string): boolean {
  const t = title.normalize("NFKC").replace(/^[\s\u0000-\u001f]+/, "");
  return /^[=+\-@]/.test(t) || /<\s*\/?\s*[a-z!]/i.test(t) || /javascript:/i.test(t) || /\bon[a-z]+\s*=/i.test(t);
}

describe("briefing marts on the DEMO warehouse", () => {
  let db: string;
  const read = <T>(fn: (w: Parameters<Parameters<typeof withWarehouse<T>>[1]>[0]) => Promise<T>) => withWarehouse(db, fn, { readOnly: true });

  beforeAll(async () => {
    db = join(mkdtempSync(join(tmpdir(), "cchc-briefing-")), "demo.duckdb");
    await crawlDemo(db, undefined, () => undefined);
    await refreshAfterCrawl(db, { registryDir: FIXTURE_REGISTRY, now: NOW });
  }, 180_000);
  afterAll(() => rmSync(dirname(db), { recursive: true, force: true }));

  it("never puts a flagged item among the notable items, and keeps the best of the rest", async () => {
    const { notable } = await read(briefingRows);
    const items = await read((w) => w.all("SELECT item_key, article_id, title, agency_id, published_at, score, is_cchc, year, month FROM mart_items"));
    const review = new Set((await read((w) => w.all("SELECT article_id FROM attribution_review"))).map((r) => r.article_id));
    const hostile = items.find((d) => d.title === HOSTILE_TITLE);
    expect(hostile, "the DEMO farm plants its hostile test item").toBeDefined();
    const month = (d: Row) => `${d.year}-${String(d.month).padStart(2, "0")}`;
    // Without the rule, the hostile item would be among its month's six best.
    const rivals = items.filter((d) => d.is_cchc && month(d) === month(hostile!) && Number(d.score) > Number(hostile!.score));
    expect(rivals.length).toBeLessThan(6);

    const fine = (d: Row) => d.is_cchc && d.year !== null && d.agency_id !== null && !review.has(d.article_id) && !looksHostile(String(d.title));
    const byMonth = new Map<string, Row[]>();
    for (const d of items.filter(fine)) byMonth.set(month(d), [...(byMonth.get(month(d)) ?? []), d]);
    const expected = [...byMonth].flatMap(([m, list]) =>
      list
        .sort((a, b) => Number(b.score) - Number(a.score) || String(b.published_at).localeCompare(String(a.published_at)) || String(a.item_key).localeCompare(String(b.item_key)))
        .slice(0, 6)
        .map((d, i) => `${m}#${i + 1}:${d.item_key}`),
    );
    const actual = notable.map((d) => `${d.month_key}#${d.rank}:${d.item_key}`);
    expect(actual.sort()).toEqual(expected.sort());
    expect(notable.some((d) => d.title === HOSTILE_TITLE)).toBe(false);
    expect(notable.every((d) => d.agency_name)).toBe(true);
  });

  it("lists every agency behind in a quarter with what it lacks", async () => {
    const { behind, quarters } = await read(briefingRows);
    const coverage = await read((w) => w.all("SELECT period, agency_id, agency_name, plan, clause, provisional_label, actual, minimum, gap, status FROM mart_coverage WHERE period_kind = 'quarter'"));
    const lagging = coverage.filter((r) => r.status === "at_risk" || r.status === "missed");
    const expected = [...new Set(lagging.map((r) => `${r.period}|${r.agency_id}`))].sort();
    expect(behind.map((d) => `${d.quarter_key}|${d.agency_id}`).sort()).toEqual(expected);
    expect(Math.max(...quarters.map((q) => (q.behind_agencies as string[]).length))).toBeGreaterThan(10); // more than a run-on line ever showed
    for (const q of quarters) {
      expect(behind.filter((d) => d.quarter_key === q.quarter_key).map((d) => d.agency_name).sort()).toEqual([...(q.behind_agencies as string[])].sort());
    }
    for (const d of behind) {
      const rows = lagging.filter((r) => r.period === d.quarter_key && r.agency_id === d.agency_id);
      const lacks = d.lacks as Row[];
      expect(lacks.map((l) => `${l.basis}|${l.actual}/${l.minimum}|${l.gap}|${l.status}`).sort()).toEqual(
        rows.map((r) => `${r.provisional_label ?? `${r.plan}, mục ${r.clause}`}|${r.actual}/${r.minimum}|${r.gap}|${r.status}`).sort(),
      );
    }
  });

  it("counts the quarter's coverage rows by status", async () => {
    const { quarters } = await read(briefingRows);
    const coverage = await read((w) => w.all("SELECT period, agency_id, status FROM mart_coverage WHERE period_kind = 'quarter'"));
    for (const q of quarters) {
      const rows = coverage.filter((r) => r.period === q.quarter_key);
      for (const s of ["met", "on_track", "at_risk", "missed", "not_started"]) expect(Number(q[s]), `${q.quarter_key} ${s}`).toBe(rows.filter((r) => r.status === s).length);
      expect(Number(q.rows)).toBe(rows.length);
      expect(Number(q.agencies)).toBe(new Set(rows.map((r) => r.agency_id)).size);
    }
  });

  it("drops an item an analyst excludes from the notable items", async () => {
    const before = (await read(briefingRows)).notable;
    // the best item of a month with several notable items
    const top = before.find((d) => String(d.item_key).startsWith("article:") && Number(d.rank) === 1 && before.filter((x) => x.month_key === d.month_key).length > 2)!;
    await withWarehouse(db, (w) =>
      recordOverride(w, makeOverride({ article_id: String(top.item_key).slice("article:".length), action: "exclude", by: "kiểm thử", why: "không phải CCHC" }, NOW)),
    );
    await refreshAfterCrawl(db, { registryDir: FIXTURE_REGISTRY, now: NOW });
    const after = (await read(briefingRows)).notable;
    expect(after.some((d) => d.item_key === top.item_key)).toBe(false);
    expect(after.filter((d) => d.month_key === top.month_key).length).toBeGreaterThan(0);
  }, 120_000);
});
