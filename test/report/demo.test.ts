/**
 * The DEMO warehouse as `npm start` makes it (the farm crawled, analyst
 * evidence imported, the report step run with the fixture registry):
 *   - every coverage row equals the independent oracle's recount;
 *   - every code the warehouse holds has a Vietnamese label, and the evidence
 *     export (CSV and XLSX) shows no raw code;
 *   - the overview, agency scorecard, matrix, briefing and evidence export
 *     agree on every count and status for every agency.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawlDemo } from "../../pipelines/cli/commands/crawl.ts";
import { evidenceCsv } from "../../pipelines/evidence/files.ts";
import { defaultLookups, importEvidenceFile } from "../../pipelines/evidence/import.ts";
import { evidenceExport } from "../../pipelines/export/evidence.ts";
import { areaMixRows, briefingRows, channelMixRows, coverageTableRows, evidenceRows, overviewRows, scorecardRows } from "../../pipelines/report/queries.ts";
import { refreshAfterCrawl } from "../../pipelines/report/refresh.ts";
import { scorecardItemPartFiles } from "../../pipelines/report/scorecard-items.ts";
import { evidenceSummaryRows, itemTargetRows, reviewItemRows, reviewSummaryRows } from "../../pipelines/report/site-queries.ts";
import { vocabularyRows } from "../../pipelines/vocabulary/index.ts";
import { type Row, withWarehouse } from "../../pipelines/warehouse/db.ts";
import { evidenceRow, FIXTURE_REGISTRY } from "./helpers.ts";
import { compareWithOracle } from "./oracle.ts";

const NOW = new Date("2026-11-24T10:00:00+07:00");

/** Columns that hold codes, with the vocabulary domain each code must be in. */
const CODED: [string, string][] = [
  ["SELECT DISTINCT channel AS code FROM sources", "channel"],
  ["SELECT DISTINCT platform FROM sources", "platform"],
  ["SELECT DISTINCT channel FROM registry_sources", "channel"],
  ["SELECT DISTINCT platform FROM registry_sources WHERE platform IS NOT NULL", "platform"],
  ["SELECT DISTINCT media_kind FROM articles", "media_kind"],
  ["SELECT DISTINCT channel FROM evidence_items", "channel"],
  ["SELECT DISTINCT media_kind FROM evidence_items", "media_kind"],
  ["SELECT DISTINCT reform_area FROM evidence_items WHERE reform_area IS NOT NULL", "reform_area"],
  ["SELECT DISTINCT unnest(string_split(areas, ',')) FROM article_labels WHERE areas <> ''", "reform_area"],
  ["SELECT DISTINCT method FROM article_attribution", "attribution"],
  ["SELECT DISTINCT status FROM coverage", "coverage_status"],
  ["SELECT DISTINCT measure FROM coverage", "measure"],
  ["SELECT DISTINCT period_kind FROM coverage", "period_kind"],
  ["SELECT DISTINCT unnest(channels_expanded) FROM targets", "channel"],
  ["SELECT DISTINCT status FROM plan_tasks", "task_status"],
  ["SELECT DISTINCT area FROM plan_tasks", "reform_area"],
  ["SELECT DISTINCT kind FROM agencies", "agency_kind"],
  ["SELECT DISTINCT relation FROM agency_lineage", "lineage_relation"],
  ["SELECT DISTINCT status FROM source_health", "source_health"],
  ["SELECT DISTINCT health FROM crawl_source_overview", "source_health"],
  ["SELECT DISTINCT status FROM crawl_run_sources", "run_status"],
  ["SELECT DISTINCT reason FROM int_agency_current", "credit_reason"],
  ["SELECT DISTINCT reason FROM int_item_credit", "credit_reason"],
  ["SELECT DISTINCT uncounted_reason FROM mart_item_targets WHERE uncounted_reason IS NOT NULL", "uncounted_reason"],
];

describe("the DEMO warehouse", () => {
  let db: string;
  const read = <T>(fn: (w: Parameters<Parameters<typeof withWarehouse<T>>[1]>[0]) => Promise<T>) => withWarehouse(db, fn, { readOnly: true });

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "cchc-demo-"));
    db = join(dir, "demo.duckdb");
    await crawlDemo(db, undefined, () => undefined);
    const file = join(dir, "evidence.csv");
    writeFileSync(
      file,
      evidenceCsv([
        evidenceRow({ agency_id: "so-tai-chinh", channel: "zalo", date: "15/03/2024", title: "Tin Zalo hướng dẫn nộp hồ sơ trực tuyến", url: "https://zalo.me/demo/1" }),
        evidenceRow({ agency_id: "so-tai-chinh", channel: "meeting", date: "02/04/2024", title: "Hội nghị quán triệt kế hoạch CCHC", reference: "Biên bản 12/BB", attendance: "85", reform_area: "chi_dao_dieu_hanh" }),
        evidenceRow({ agency_id: "so-tu-phap", channel: "youtube", date: "10/05/2024", title: "Video hướng dẫn nộp hồ sơ hộ tịch trực tuyến", url: "https://www.youtube.com/watch?v=demo" }),
        evidenceRow({ agency_id: "ubnd-p3-tay-ninh", channel: "site_visits", date: "30/06/2023", title: "Lượt truy cập 6 tháng", reference: "BC 1", quantity: "6000" }),
        evidenceRow({ agency_id: "ubnd-p3-tay-ninh", channel: "site_visits", date: "06/11/2023", title: "Lượt truy cập đến 06/11", reference: "BC 2", quantity: "4500" }),
      ]),
    );
    await withWarehouse(db, (w) => importEvidenceFile(w, file, NOW, defaultLookups(FIXTURE_REGISTRY)));
    await refreshAfterCrawl(db, { registryDir: FIXTURE_REGISTRY, now: NOW });
  }, 180_000);
  afterAll(() => rmSync(dirname(db), { recursive: true, force: true }));

  it("agrees with the independent oracle on every coverage row", async () => {
    const { expected, actual } = await compareWithOracle(db, NOW);
    expect(actual.length).toBeGreaterThan(100);
    expect(actual.filter((r) => Number(r.actual) > 0).length).toBeGreaterThan(10);
    expect(actual).toEqual(expected);
  });

  it("has a Vietnamese label for every code it holds", async () => {
    const known = new Set(vocabularyRows().map((t) => `${t.domain}:${t.code}`));
    const missing: string[] = [];
    await read(async (w) => {
      for (const [sql, domain] of CODED) {
        for (const r of await w.all(sql)) {
          const code = Object.values(r)[0];
          if (code !== null && !known.has(`${domain}:${code}`)) missing.push(`${domain}:${code} (${sql})`);
        }
      }
      // The vocabulary table holds the same terms as the module.
      expect(Number((await w.one("SELECT count(*) AS n FROM vocabulary"))!.n)).toBe(known.size);
    });
    expect(missing).toEqual([]);
  });

  it("exports evidence (CSV and XLSX) with labels, never a raw code", async () => {
    const codes = new Set(vocabularyRows().filter((t) => !["platform"].includes(t.domain) && !/^\d/.test(t.code)).map((t) => t.code));
    for (const year of [2023, 2024, 2025]) {
      const { data: csv } = await read((w) => evidenceExport(w, { year }, "csv"));
      const cells = csv.toString("utf-8").split(/\r\n/).flatMap((l) => l.split(","));
      const raw = cells.filter((c) => codes.has(c.replace(/^"|"$/g, "")) || /^\d{4}-Q[1-4]$/.test(c));
      expect(raw, `CSV ${year}`).toEqual([]);
      const { data: xlsx } = await read((w) => evidenceExport(w, { year }, "xlsx"));
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx as never);
      const values: string[] = [];
      book.worksheets[0].eachRow((row) => row.eachCell((cell) => values.push(String(cell.text))));
      expect(values.filter((v) => codes.has(v) || /^\d{4}-Q[1-4]$/.test(v)), `XLSX ${year}`).toEqual([]);
    }
  });

  it("shows the same counts and statuses on the overview, agency scorecard, matrix, briefing and evidence export", async () => {
    const coverage = await read((w) => coverageTableRows(w));
    const { figures, targets } = await read(overviewRows);
    const scorecard = await read(scorecardRows);
    const briefing = await read(briefingRows);
    // What identifies an item in the export (which has no item key): source, date, title and link.
    const identity = (r: Row) => [r.source_id, r.published_at, r.title, r.url].join("|");
    const itemIdentity = new Map(
      (await read((w) => w.all("SELECT item_key, source_id, strftime(published_at, '%Y-%m-%dT%H:%M:%S+07:00') AS published_at, title, coalesce(url, reference) AS url FROM mart_items"))).map((r) => [String(r.item_key), identity(r)]),
    );
    const years = [...new Set(coverage.map((r) => Number(r.year)))];
    expect(years.length).toBeGreaterThan(0);
    const behind = (r: Row) => r.status === "at_risk" || r.status === "missed";
    for (const year of years) {
      const ofYear = coverage.filter((r) => Number(r.year) === year);
      // Overview (whole year) vs matrix rows: agencies bound and behind.
      const fig = figures.find((f) => Number(f.year) === year && Number(f.quarter) === 0)!;
      expect(Number(fig.agencies_bound)).toBe(new Set(ofYear.map((r) => r.agency_id)).size);
      expect(Number(fig.agencies_behind)).toBe(new Set(ofYear.filter(behind).map((r) => r.agency_id)).size);
      for (const r of ofYear) expect(r.behind, `${r.target_id} ${r.agency_id} ${r.period}`).toBe(behind(r));
      // Overview per target vs matrix.
      for (const t of targets.filter((x) => Number(x.year) === year && Number(x.quarter) === 0)) {
        const rows = ofYear.filter((r) => r.target_id === t.target_id);
        for (const s of ["met", "on_track", "at_risk", "missed"]) {
          expect(Number(t[s]), `${t.target_id} ${s}`).toBe(new Set(rows.filter((r) => r.status === s).map((r) => r.agency_id)).size);
        }
      }
      // Agency scorecard vs matrix, per agency.
      const exported = await read((w) => evidenceRows(w, { year }));
      for (const agency of new Set(ofYear.map((r) => String(r.agency_id)))) {
        const rows = ofYear.filter((r) => r.agency_id === agency);
        const card = scorecard.find((c) => c.agency_id === agency && Number(c.year) === year)!;
        expect(card, agency).toBeDefined();
        for (const s of ["met", "on_track", "at_risk", "missed", "not_started"]) expect(Number(card[s]), `${agency} ${s}`).toBe(rows.filter((r) => r.status === s).length);
        expect(Number(card.behind)).toBe(rows.filter(behind).length);
        // Every counted item is listed exactly once, and the export for that agency lists it with that target.
        const keys = new Set(rows.flatMap((r) => (r.item_keys ? String(r.item_keys).split(",") : [])));
        expect(Number(card.items_counted), agency).toBe(keys.size);
        for (const r of rows) expect(Number(r.items), `${r.target_id} ${agency} ${r.period}`).toBe(r.item_keys ? String(r.item_keys).split(",").length : 0);
        const forAgency = await read((w) => evidenceRows(w, { year, agencyId: agency }));
        // The export for the agency: one row per item (never one per lineage link), and every item a
        // coverage row of the agency counts is there, citing that target and period.
        const identities = forAgency.map(identity);
        expect(new Set(identities).size, `${agency}: an item exported twice`).toBe(identities.length);
        for (const r of rows.filter((x) => Number(x.actual) > 0)) {
          // a provisional target is cited by its label ("tạm tính theo <plan> <clause>")
          const cite = (r.provisional_label as string | null) ?? `${r.plan} ${r.clause}`;
          for (const key of String(r.item_keys).split(",")) {
            const e = forAgency.find((x) => identity(x) === itemIdentity.get(key));
            expect(e, `${cite} ${agency} ${r.period}: counted item ${key} missing from the agency's export`).toBeDefined();
            expect(String(e!.target_ids).split(","), `${key}`).toContain(r.target_id);
            expect(String(e!.targets).split("; "), `${key}`).toContain(cite);
            expect(String(e!.target_periods).split("; "), `${key}`).toContain(r.period_label);
          }
        }
        expect(forAgency.length).toBeLessThanOrEqual(exported.length);
      }
      // Briefing quarters vs matrix.
      for (const q of briefing.quarters.filter((x) => String(x.quarter_key).startsWith(`${year}-`))) {
        const rows = ofYear.filter((r) => r.period === q.quarter_key);
        expect([...(q.met_agencies as string[])].sort()).toEqual([...new Set(rows.filter((r) => r.status === "met").map((r) => String(r.agency_name)))].sort());
        expect([...(q.behind_agencies as string[])].sort()).toEqual([...new Set(rows.filter(behind).map((r) => String(r.agency_name)))].sort());
      }
      // Channel page vs overview: the year's items by channel add up, for all agencies and for each.
      const { mix } = await read(channelMixRows);
      expect(mix.filter((m) => Number(m.year) === year && m.agency_key === "*").reduce((n, m) => n + Number(m.items), 0)).toBe(Number(fig.cchc_items));
      const shares = mix.filter((m) => Number(m.year) === year && m.agency_key === "*").reduce((n, m) => n + Number(m.share), 0);
      if (Number(fig.cchc_items) > 0) expect(shares).toBeCloseTo(1, 9);
      // Area page: every area of an item counts once per item.
      const { areas, agencies: perAgency } = await read(areaMixRows);
      const tagged = await read((w) => w.one("SELECT count(*) AS n FROM mart_items i, unnest(string_split(i.areas, ',')) AS t(a) WHERE i.is_cchc AND i.year = $y AND a <> ''", { y: year }));
      expect(areas.filter((a) => Number(a.year) === year).reduce((n, a) => n + Number(a.items), 0)).toBe(Number(tagged!.n));
      // The page draws the marts' sums as they are: one row per quarter and area, and per agency and area
      // the same total (for the year, and within the all-years rows).
      const ofYearAreas = areas.filter((a) => Number(a.year) === year);
      expect(new Set(ofYearAreas.map((a) => `${a.period}|${a.area}`)).size).toBe(ofYearAreas.length);
      expect(perAgency.filter((a) => Number(a.year) === year).reduce((n, a) => n + Number(a.items), 0)).toBe(Number(tagged!.n));
      expect(perAgency.filter((a) => Number(a.year) === 0).reduce((n, a) => n + Number(a.items), 0)).toBe(areas.reduce((n, a) => n + Number(a.items), 0));
      // Briefing months vs overview quarters: items add up.
      for (const quarter of [1, 2, 3, 4]) {
        const months = briefing.months.filter((m) => Number(m.year) === year && Math.ceil(Number(m.month) / 3) === quarter);
        const f = figures.find((x) => Number(x.year) === year && Number(x.quarter) === quarter)!;
        expect(months.reduce((n, m) => n + Number(m.cchc_items), 0), `${year} Q${quarter}`).toBe(Number(f.cchc_items));
      }
      // The overview's monthly chart and the briefing's channel list (mart_month_channel) vs the briefing's months.
      const { months: perChannel } = await read(overviewRows);
      for (const m of briefing.months.filter((x) => Number(x.year) === year)) {
        const rows = perChannel.filter((c) => c.month_key === m.month_key);
        expect(rows.reduce((n, c) => n + Number(c.cchc_items), 0), String(m.month_key)).toBe(Number(m.cchc_items));
        expect(briefing.channels.filter((c) => c.month_key === m.month_key).map((c) => [c.channel, Number(c.cchc_items)]).sort()).toEqual(rows.map((c) => [c.channel, Number(c.cchc_items)]).sort());
        for (const c of rows) expect(c.channel_label, String(c.channel)).not.toBe(c.channel);
      }
    }
  }, 300_000); // many queries per agency and year: minutes on a loaded 2-core machine (a correctness test, not a timing)

  it("says of every item whether it counts toward a target in force and, if not, why (rechecked from the coverage rows)", async () => {
    const items = await read((w) => w.all("SELECT item_key, year, agency_id, channel, published_at::DATE::VARCHAR AS day, credited_ids FROM mart_items"));
    const status = new Map((await read(itemTargetRows)).map((r) => [String(r.item_key), r]));
    const counted = new Set((await read((w) => w.all("SELECT DISTINCT item_key FROM coverage_items"))).map((r) => String(r.item_key)));
    const coverage = await read((w) => coverageTableRows(w));
    const ended = new Map((await read((w) => w.all("SELECT agency_id, valid_to::VARCHAR AS valid_to FROM agencies"))).map((a) => [String(a.agency_id), a.valid_to as string | null]));
    expect(status.size).toBe(items.length);
    const seen = new Set<string>();
    for (const i of items) {
      const s = status.get(String(i.item_key))!;
      const key = String(i.item_key);
      expect(s.counted, key).toBe(counted.has(key));
      if (s.counted) {
        expect(s.uncounted_reason, key).toBeNull();
        expect(String(s.target_status)).toMatch(/: (Đạt|Đúng tiến độ|Có nguy cơ|Không đạt|Chưa đến kỳ)/);
        continue;
      }
      // The reason, walked here from the coverage rows of the item's year.
      const ofYear = coverage.filter((r) => Number(r.year) === Number(i.year));
      const credited = (i.credited_ids as string[]).length ? (i.credited_ids as string[]) : [String(i.agency_id)];
      const bound = ofYear.filter((r) => credited.includes(String(r.agency_id)));
      const expected = !ofYear.length
        ? "no_targets_year"
        : !i.agency_id
          ? "unattributed"
          : !bound.length
            ? ended.get(String(i.agency_id)) && String(ended.get(String(i.agency_id))) < String(i.day) ? "agency_ended" : "agency_not_bound"
            : !bound.some((r) => String(r.channels).split(",").includes(String(i.channel)))
              ? "channel_not_counted"
              : "not_matched";
      expect(s.uncounted_reason, key).toBe(expected);
      expect(String(s.uncounted_reason_label)).toMatch(/\p{L}/u);
      seen.add(expected);
    }
    // The DEMO farm has items of an abolished district in 2026, unattributed items and a year before any plan.
    expect([...seen].sort()).toEqual(expect.arrayContaining(["agency_ended", "no_targets_year", "unattributed"]));

    // The Minh chứng summary holds every evidence row once; the review counts and lists agree.
    const summary = await read(evidenceSummaryRows);
    for (const year of new Set(summary.map((r) => Number(r.year)))) {
      const rows = await read((w) => evidenceRows(w, { year }));
      const ofYear = summary.filter((r) => Number(r.year) === year);
      expect(ofYear.reduce((n, r) => n + Number(r.items), 0), String(year)).toBe(rows.length);
      expect(ofYear.filter((r) => r.counted).reduce((n, r) => n + Number(r.items), 0), String(year)).toBe(rows.filter((r) => r.targets).length);
    }
    const review = await read(reviewItemRows);
    const reviewSummary = await read(reviewSummaryRows);
    const sum = (f: (r: Row) => boolean) => reviewSummary.filter(f).reduce((n, r) => n + Number(r.items), 0);
    expect(sum((r) => r.attributed === "unattributed")).toBe(review.filter((r) => !r.agency_id).length);
    for (const t of [0, 60, 95, 100]) expect(sum((r) => r.attributed === "attributed" && Number(r.confidence_pct) < t)).toBe(review.filter((r) => r.agency_id && Number(r.confidence_pct) < t).length);
  });

  it("puts every counted item of an agency-year in exactly one part of scorecard-items.zip, the card's items_part, which Thẻ điểm names", async () => {
    const files = await read(scorecardItemPartFiles);
    const parts = Number((await read((w) => w.all("SELECT mart_scorecard_items_parts() AS n")))[0]!.n);
    expect(files.map(([name]) => name)).toEqual(Array.from({ length: parts }, (_, i) => `${i}.arrow`));
    // The page's literal list of parts, in part order (Framework needs static names).
    const page = readFileSync(join(import.meta.dirname, "../../src/the-diem.md"), "utf-8");
    expect([...page.matchAll(/FileAttachment\("data\/scorecard-items\/(\d+)\.arrow"\)/g)].map((m) => Number(m[1]))).toEqual([...Array(parts).keys()]);
    const cardPart = new Map((await read(scorecardRows)).map((r) => [`${r.agency_id}|${r.year}`, Number(r.items_part)]));
    const found = new Map<string, number[]>();
    files.forEach(([, bytes], part) => {
      for (const r of tableFromIPC(bytes).toArray()) {
        const key = [r.agency_id, r.year, r.target_id, r.period, r.item_key].join("|");
        found.set(key, [...(found.get(key) ?? []), part]);
        expect(cardPart.get(`${r.agency_id}|${r.year}`), key).toBe(part);
      }
    });
    // Independently of the mart: every item coverage_items counted, per agency, year, target and period.
    const counted = await read((w) => w.all(
      `SELECT ci.agency_id, x.year, ci.target_id, ci.period, ci.item_key
       FROM coverage_items ci JOIN coverage x USING (target_id, agency_id, period)`,
    ));
    expect(counted.length).toBeGreaterThan(100);
    expect(counted.map((r) => [r.agency_id, Number(r.year), r.target_id, r.period, r.item_key].join("|")).sort()).toEqual([...found.keys()].sort());
    expect([...found].filter(([, ps]) => ps.length !== 1)).toEqual([]);
    // The rule spreads the agencies: several parts hold items.
    expect(files.filter(([, bytes]) => tableFromIPC(bytes).numRows > 0).length).toBeGreaterThan(2);
  });
});
