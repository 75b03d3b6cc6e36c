/**
 * The pure readability helpers of the site: axes that never overlap and name the year,
 * colours and stacking order from the vocabulary, one agency name form, vi-VN percentages,
 * and the table's sort order.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain JS module of the site
import { monthAxis, monthTick, periodAxis, quarterRange, quarterSeries, vocabScale } from "../../src/components/axes.js";
import { agencyLabel, formatPercent, setVocabulary } from "../../src/components/format.js";
// @ts-expect-error plain JS module of the site
import { compareValues } from "../../src/components/table.js";
import { vocabularyRows } from "../../pipelines/vocabulary/index.ts";

/** The vocabulary exactly as the site receives it: the output of its data loader. */
function shippedVocabulary(): unknown {
  const loader = resolve(import.meta.dirname, "../../src/data/vocabulary.json.ts");
  return JSON.parse(execFileSync(process.execPath, ["--import", "tsx", loader], { encoding: "utf-8" }));
}

describe("axes", () => {
  it("lists every quarter between the first and the last, so an empty quarter shows", () => {
    expect(quarterRange(["2025-Q2", "2024-Q3", "2025-Q2"])).toEqual(["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]);
    expect(quarterRange([])).toEqual([]);
  });

  it("keeps quarter labels flat when they fit, turns them when they do not, and thins them when even that is too tight", () => {
    const four = ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"];
    expect(periodAxis(four, 1100).x.tickRotate).toBe(0);
    expect(periodAxis(four, 1100).x.ticks).toEqual(four);
    const sixteen = quarterRange(["2023-Q1", "2026-Q4"]);
    const narrow = periodAxis(sixteen, 300);
    expect(narrow.x.tickRotate).toBe(-45);
    // 240 px for 16 bands of 15 px: a turned label needs about 20 px, so every second one shows.
    expect(narrow.x.ticks).toEqual(sixteen.filter((_: string, i: number) => i % 2 === 0));
    expect(narrow.marginBottom).toBeGreaterThan(40);
  });

  it("names the year on January and on the first month, never on two touching ticks", () => {
    expect(monthTick("2025-12", 0, "2026-01")).toBe("T12");
    expect(monthTick("2026-01", 1, "2026-02")).toBe("T1\n2026");
    expect(monthTick("2026-03", 0, "2026-04")).toBe("T3\n2026");
    expect(monthTick("2026-04", 1, "2026-05")).toBe("T4");
    const months = ["2025-12", "2026-01", "2026-02"];
    const axis = monthAxis(months, 600);
    expect(months.map((m) => axis.x.tickFormat(m))).toEqual(["T12", "T1\n2026", "T2"]);
  });

  it("breaks an index line on a quarter without data and counts 0 where no item names the index", () => {
    const rows = [
      { series: "SIPAS", period: "2024-Q1", n: 2 },
      { series: "SIPAS", period: "2024-Q1", n: 1 },
      { series: "SIPAS", period: "2024-Q4", n: 4 },
      { series: "PCI", period: "2024-Q4", n: 1 },
    ];
    const quarters = quarterRange(["2024-Q1", "2024-Q4"]);
    const collected = new Set(["2024-Q1", "2024-Q3", "2024-Q4"]); // nothing collected in Q2
    const points = quarterSeries(rows, quarters, (p: string) => collected.has(p));
    const of = (s: string) => points.filter((d: { series: string }) => d.series === s).map((d: { n: number | null }) => d.n);
    expect(of("SIPAS")).toEqual([3, null, 0, 4]);
    expect(of("PCI")).toEqual([0, null, 0, 1]);
  });
});

describe("colours and stacking order", () => {
  it("orders a chart's labels as the vocabulary does, whatever order the rows come in, and keeps each label's colour", () => {
    setVocabulary(shippedVocabulary());
    const labels = vocabularyRows().filter((t) => t.domain === "channel").map((t) => t.short);
    const [first, second, third] = labels;
    const a = vocabScale("channel", [third, first, third, second]);
    expect(a.order).toEqual([first, second, third]);
    expect(a.color.domain).toEqual(a.order);
    expect(a.color.legend).toBe(true);
    // The same label has the same colour in a chart that shows fewer channels.
    const b = vocabScale("channel", [third]);
    expect(b.color.range[0]).toBe(a.color.range[2]);
    // A label outside the vocabulary comes last, in grey.
    const c = vocabScale("channel", ["Nguồn lạ", first]);
    expect(c.order).toEqual([first, "Nguồn lạ"]);
    expect(c.color.range[1]).toBe("#BBBBBB");
  });
});

describe("labels", () => {
  it("gives every agency name one form", () => {
    expect(agencyLabel("Ủy ban nhân dân huyện Gò Dầu")).toBe("UBND huyện Gò Dầu");
    expect(agencyLabel("Ủy ban nhân dân tỉnh Tây Ninh")).toBe("UBND tỉnh Tây Ninh");
    expect(agencyLabel("Văn phòng Ủy ban nhân dân tỉnh Tây Ninh")).toBe("Văn phòng UBND tỉnh Tây Ninh");
    expect(agencyLabel("Sở Tư pháp tỉnh Tây Ninh")).toBe("Sở Tư pháp");
    expect(agencyLabel("Ủy ban nhân dân phường Long Thành Bắc, thị xã Hòa Thành, tỉnh Tây Ninh")).toBe("UBND phường Long Thành Bắc, thị xã Hòa Thành");
    expect(agencyLabel("Thanh tra tỉnh Tây Ninh")).toBe("Thanh tra tỉnh Tây Ninh");
    expect(agencyLabel(agencyLabel("Ủy ban nhân dân huyện Gò Dầu"))).toBe("UBND huyện Gò Dầu");
    expect(agencyLabel(null)).toBe("Chưa xác định");
  });

  it("writes percentages the vi-VN way, without a space", () => {
    expect(formatPercent(0.44)).toBe("44%");
    expect(formatPercent(0.6)).toBe("60%");
    expect(formatPercent(Number.NaN)).toBe("—");
  });
});

describe("table order", () => {
  it("sorts numbers by value, text in Vietnamese order, and keeps missing values last", () => {
    expect([10, 9, 100].sort(compareValues)).toEqual([9, 10, 100]);
    expect(["Đồng", "Dương", "An", "Ánh"].sort(compareValues)).toEqual(["An", "Ánh", "Dương", "Đồng"]);
    expect([null, 2, undefined, 1].sort(compareValues)).toEqual([1, 2, null, undefined]);
    // numbers inside text by value; case and tone marks alone do not order two cells
    expect(["Phường 10", "Phường 2", "phường 1"].sort(compareValues)).toEqual(["phường 1", "Phường 2", "Phường 10"]);
    expect(compareValues("ma", "Má")).toBe(0);
  });

  it("formats and sorts through format.js: no component but format.js makes its own Intl formatter or collator", () => {
    const dir = resolve(import.meta.dirname, "../../src/components");
    const own = readdirSync(dir)
      .filter((f) => f.endsWith(".js") && f !== "format.js")
      .filter((f) => /\bnew Intl\.|\bIntl\.\w+\(|\.localeCompare\(|\.toLocaleString\(/.test(readFileSync(resolve(dir, f), "utf-8")));
    expect(own).toEqual([]);
  });
});
