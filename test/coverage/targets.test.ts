import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { periodWindow } from "../../pipelines/coverage/periods.ts";
import { creditSpans, creditsOf, foldTopicText, matchesTopic, needsTextForTopics, targetStatus, targetsFor, type TargetWindow } from "../../pipelines/coverage/targets.ts";
import { loadRegistry } from "../../pipelines/registry/load.ts";
import type { Registry, Target } from "../../pipelines/registry/types.ts";
import { coverageRows, type ReportItem } from "../../pipelines/report/coverage.ts";
import { matchKey } from "../../pipelines/text/normalize.ts";
import { FIXTURE_REGISTRY } from "../report/helpers.ts";
import { MINIMAL } from "../registry/helpers.ts";

const shipped = loadRegistry(FIXTURE_REGISTRY);
const mini = loadRegistry(MINIMAL);

let n = 0;
const item = (over: Partial<ReportItem> = {}): ReportItem => ({
  item_key: `item:${n++}`,
  agency_id: "so-a",
  channel: "newspaper",
  published_at: "2024-05-02T09:00:00+07:00",
  areas: ["tthc"],
  title: "Sở Alpha rút ngắn thời gian giải quyết thủ tục",
  text: "",
  sessions: 1,
  attendance: null,
  quantity: null,
  media_kind: "text",
  ...over,
});
const target = (r: Registry, id: string) => r.targets.find((t) => t.id === id)!;
const tw = (r: Registry, id: string, agency: string, period = periodWindow(target(r, id).period, 2024, 1)): TargetWindow => ({ target: target(r, id), agency_id: agency, window: period });

/** The product's engine (the one `cchc report` runs), restricted to one target window. */
function engineRow(r: Registry, w: TargetWindow, items: ReportItem[], today = new Date("2026-11-24T00:00:00+07:00")) {
  const only: Registry = { ...r, targets: [w.target] };
  const row = coverageRows(only, items, today).find((x) => x.agency_id === w.agency_id && x.period === w.window.key);
  if (!row) throw new Error(`no coverage row for ${w.target.id} ${w.agency_id} ${w.window.key}`);
  return row;
}
const countMatching = (r: Registry, w: TargetWindow, items: ReportItem[]) => engineRow(r, w, items).actual;

describe("which targets apply", () => {
  it("binds Sở KH&ĐT to its 2024 investment target every quarter, and Sở Tài chính not", () => {
    const khdt = targetsFor(shipped, "so-ke-hoach-dau-tu", "2024-01-01", "2024-12-31").filter((x) => x.target.clause === "V.6");
    expect(khdt.map((x) => x.window.key)).toEqual(["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]);
    expect(targetsFor(shipped, "so-tai-chinh", "2024-01-01", "2024-12-31").some((x) => x.target.clause === "V.6")).toBe(false);
  });

  it("gives a 2024 target nothing to a body created in 2025", () => {
    expect(targetsFor(shipped, "so-nong-nghiep-moi-truong", "2024-01-01", "2024-12-31")).toEqual([]);
  });

  it("binds every sở and district to the quarterly provincial-portal target, the city's wards to the 2023 appendix", () => {
    const trangbang = targetsFor(shipped, "ubnd-tx-trang-bang", "2024-04-01", "2024-06-30").map((x) => `${x.target.clause}@${x.window.key}`);
    expect(trangbang).toEqual(expect.arrayContaining(["V.1.c@2024-Q2", "V.1.b@2024"]));
    const ward = targetsFor(shipped, "ubnd-p3-tay-ninh", "2023-01-01", "2023-12-31").map((x) => x.target.clause);
    expect(ward).toEqual(expect.arrayContaining(["Phụ lục III.a", "Phụ lục III.b", "Phụ lục III.c", "Phụ lục III.d"]));
    expect(targetsFor(shipped, "ubnd-p3-tay-ninh", "2024-01-01", "2024-12-31")).toEqual([]);
  });
});

describe("counting matching items", () => {
  const yearly = tw(mini, "t-yearly", "so-a", periodWindow("year", 2024));

  it("counts items of the agency on the target's channels (groups expanded) inside the window", () => {
    const items = [
      item(),
      item({ channel: "facebook" }),
      item({ channel: "egov" }), // not mass media
      item({ agency_id: "so-b" }), // another agency
      item({ published_at: "2023-12-31T23:59:00+07:00" }), // 2023 in Vietnam
      item({ published_at: "2024-12-31T23:59:00+07:00" }), // still 2024 in Vietnam
      item({ published_at: "2024-12-31T17:00:00Z" }), // 2025-01-01 00:00 in Vietnam
    ];
    expect(countMatching(mini, yearly, items)).toBe(3);
  });

  it("credits items of a predecessor, as of their date, to its successor", () => {
    const r: Registry = { ...mini, targets: [{ ...target(mini, "t-yearly"), id: "t-2025", year: 2025 }] };
    const w = { target: r.targets[0], agency_id: "so-c", window: periodWindow("year", 2025) };
    // an item dated after the merger but still credited to the old sở counts for the new one
    expect(countMatching(r, w, [item({ published_at: "2025-04-01T08:00:00+07:00" }), item({ agency_id: "so-b", published_at: "2025-05-01T08:00:00+07:00" })])).toBe(2);
    // an item of the old sở while it still existed does not
    expect(countMatching(r, w, [item({ published_at: "2025-02-01T08:00:00+07:00" })])).toBe(0);
  });

  it("applies the topic filter, ignoring diacritics and requiring whole words", () => {
    const land = target(mini, "t-land");
    expect(matchesTopic(land, item({ title: "Công khai bảng giá đất đai năm 2024" }))).toBe(true);
    expect(matchesTopic(land, item({ title: "Cong khai thu tuc DAT DAI" }))).toBe(true);
    expect(matchesTopic(land, item({ title: "Cải cách hành chính", text: "… lĩnh vực đất đai …" }))).toBe(true);
    expect(matchesTopic(land, item({ title: "Đất nước đổi mới" }))).toBe(false);
    const withArea: Target = { ...land, topic: { areas: ["tthc"], keywords: [] } };
    expect(matchesTopic(withArea, item({ areas: ["the_che"] }))).toBe(false);
  });

  it("drops an item's text only when no keyword filter could read it: every topic decision stays the same", () => {
    const topical = [...shipped.targets, ...mini.targets].filter((t) => t.topic?.keywords.length);
    expect(topical.length).toBeGreaterThan(0);
    // a keyword split between the title's end and the text's start still needs the text
    expect(needsTextForTopics(topical, item({ title: "Công khai bảng giá đất", text: "đai năm nay" }))).toBe(true);
    expect(needsTextForTopics(topical, item({ title: "Hội nghị", text: "Tổng kết công tác năm" }))).toBe(false);
    const words = ["đất", "đai", "giá", "đầu", "tư", "nhà", "doanh", "nghiệp", "video", "hướng", "dẫn", "hội", "nghị", "Dat", "DAI", "năm", "—", "\n"];
    const phrase = fc.array(fc.constantFrom(...words), { maxLength: 8 }).map((ws) => ws.join(" "));
    fc.assert(
      fc.property(phrase, phrase, (title, text) => {
        const full = item({ title, text });
        const kept = needsTextForTopics(topical, full) ? full : { ...full, text: "" };
        return topical.every((t) => matchesTopic(t, kept) === matchesTopic(t, item({ title, text })));
      }),
      { numRuns: 400 },
    );
  });

  it("folds an item's raw text once for the topic filters and decides as on the whole text", () => {
    const topical = [...shipped.targets, ...mini.targets].filter((t) => t.topic?.keywords.length);
    const words = ["Đất", "đai", "giá", "đầu", "tư", "nhà", "doanh", "nghiệp", "video", "hướng", "dẫn", "hội", "nghị", "Dat", "DAI", "năm", "—", "\n", "x\u0301", "  ", ""];
    const phrase = fc.array(fc.constantFrom(...words), { maxLength: 8 }).map((ws) => ws.join(" "));
    fc.assert(
      fc.property(phrase, phrase, (title, raw) => {
        const folded = item({ title });
        foldTopicText(topical, folded, raw);
        // the text kept is the raw text's matching key, or nothing when needsTextForTopics drops it
        const keyed = item({ title, text: matchKey(raw) });
        expect(folded.text).toBe(needsTextForTopics(topical, keyed) ? matchKey(raw) : "");
        return topical.every((t) => matchesTopic(t, folded) === matchesTopic(t, item({ title, text: raw })));
      }),
      { numRuns: 600 },
    );
  });

  it("stops counting at a deadline inside the window", () => {
    const plan = tw(shipped, "t2024-1007-v1a-own-plan", "so-noi-vu", periodWindow("year", 2024));
    const doc = (day: string) => item({ agency_id: "so-noi-vu", channel: "official_document", published_at: `${day}T10:00:00+07:00` });
    expect(countMatching(shipped, plan, [doc("2024-04-20")])).toBe(1);
    expect(countMatching(shipped, plan, [doc("2024-04-21")])).toBe(0);
  });

  it("adds quantities (e.g. portal visits)", () => {
    const visits = tw(shipped, "t2023-31-pl-iiid-visits", "ubnd-p3-tay-ninh", periodWindow("year", 2023));
    const v = (n: number, day: string) => item({ agency_id: "ubnd-p3-tay-ninh", channel: "site_visits", quantity: n, published_at: `${day}T00:00:00+07:00` });
    const e = engineRow(shipped, visits, [v(6000, "2023-06-30"), v(4500, "2023-11-06"), v(9000, "2023-11-07")], new Date("2023-12-01T00:00:00+07:00"));
    expect(e).toMatchObject({ actual: 10500, minimum: 10000, gap: 0, status: "met", period_end: "2023-11-06" });
    expect(e.item_amounts).toEqual([6000, 4500]);
  });
});

describe("status", () => {
  it("is met, on track, at risk or missed", () => {
    expect(targetStatus(12, 12, 0.3)).toBe("met");
    expect(targetStatus(6, 12, 0.5)).toBe("on_track");
    expect(targetStatus(5, 12, 0.5)).toBe("at_risk");
    expect(targetStatus(0, 1, 0.5)).toBe("on_track");
    expect(targetStatus(0, 1, 0.85)).toBe("at_risk");
    expect(targetStatus(11, 12, 1)).toBe("missed");
  });

  it("never calls a met target anything else, nor an over period on track (property)", () => {
    fc.assert(
      fc.property(fc.nat(50), fc.integer({ min: 1, max: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), (count, required, elapsed) => {
        const s = targetStatus(count, required, elapsed);
        if (count >= required) return s === "met";
        if (elapsed >= 1) return s === "missed";
        return s === "on_track" || s === "at_risk";
      }),
    );
  });

  it("is monotone: one more item never makes the status worse (property)", () => {
    const rank = { missed: 0, at_risk: 1, on_track: 2, met: 3 };
    fc.assert(
      fc.property(fc.nat(50), fc.integer({ min: 1, max: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), (count, required, elapsed) =>
        rank[targetStatus(count + 1, required, elapsed)] >= rank[targetStatus(count, required, elapsed)],
      ),
    );
  });

  it("evaluates an agency's quarter against 1007/KH-UBND with gap and status", () => {
    const portalItem = (day: string, title = "Sở Kế hoạch và Đầu tư hỗ trợ nhà đầu tư") =>
      item({ agency_id: "so-ke-hoach-dau-tu", channel: "provincial_portal", published_at: `${day}T08:00:00+07:00`, title });
    const items = [portalItem("2024-02-10"), portalItem("2024-05-03", "Tin hoạt động chung")];
    const today = new Date("2024-05-20T12:00:00+07:00");
    const rows = coverageRows(shipped, items, today).filter((r) => r.agency_id === "so-ke-hoach-dau-tu");
    const at = (clause: string, period: string) => rows.find((r) => r.clause === clause && r.period === period)!;
    expect(at("V.6", "2024-Q2")).toMatchObject({ minimum: 1, actual: 0, gap: 1, status: "on_track" });
    expect(at("V.1.c", "2024-Q2")).toMatchObject({ actual: 1, status: "met" });
    expect(at("V.6", "2024-Q1")).toMatchObject({ actual: 1, status: "met" });
    const later = coverageRows(shipped, items, new Date("2024-10-02T00:00:00+07:00")).find(
      (r) => r.agency_id === "so-ke-hoach-dau-tu" && r.clause === "V.6" && r.period === "2024-Q3",
    )!;
    expect(later).toMatchObject({ actual: 0, status: "missed" });
  });
});

describe("credit spans", () => {
  it("answers for every day given exactly what creditsOf answers, lineage across 2025 included", () => {
    const agencies = shipped.agencies.map((a) => a.id);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...agencies), fc.integer({ min: 0, max: 4 * 366 })), { minLength: 1, maxLength: 60 }),
        (picks) => {
          const dayOf = (k: number) => new Date(Date.UTC(2023, 0, 1 + k)).toISOString().slice(0, 10);
          const days = new Map<string, string[]>();
          for (const [a, k] of picks) days.set(a, [...(days.get(a) ?? []), dayOf(k)]);
          const spans = creditSpans(shipped, days);
          for (const [a, k] of picks) {
            const day = dayOf(k);
            const got = spans.filter((s) => s.from_agency === a && s.first_day <= day && day <= s.last_day).map((s) => ({ agency_id: s.agency_id, reason: s.reason }));
            expect(got, `${a} ${day}`).toEqual(creditsOf(shipped, a, day));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("splits an agency's days where its credits change (so-tai-nguyen-moi-truong ends 28/02/2025)", () => {
    const spans = creditSpans(shipped, new Map([["so-tai-nguyen-moi-truong", ["2025-03-01", "2024-06-01", "2025-02-28", "2024-06-01"]]]));
    expect(spans.filter((s) => s.reason === "own").map((s) => [s.first_day, s.last_day])).toEqual([
      ["2024-06-01", "2025-02-28"],
      ["2025-03-01", "2025-03-01"],
    ]);
    expect(spans.filter((s) => s.reason === "successor").map((s) => [s.first_day, s.agency_id])).toEqual([["2025-03-01", "so-nong-nghiep-moi-truong"]]);
  });
});
