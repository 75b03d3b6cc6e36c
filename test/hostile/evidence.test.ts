import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EVIDENCE_KEYS, EvidenceValidationError, validateEvidence, type RawEvidenceRow } from "../../pipelines/evidence/schema.ts";
import { CHANNELS } from "../../pipelines/registry/types.ts";

const NOW = new Date("2026-11-24T12:00:00+07:00");
const FILE = "minh-chung.xlsx";
const lookups = { knownAgencyIds: new Set(["so-noi-vu", "so-tai-chinh"]), knownTargetIds: new Set(["t-1"]) };

/** Cells that are sometimes valid and often hostile: formulas, markup, odd dates, huge numbers, dates as objects. */
const cell = fc.oneof(
  fc.constantFrom("so-noi-vu", "so-tai-chinh", "khong-co", ...CHANNELS, "meeting", "training"),
  fc.constantFrom("25/12/2023", "31/02/2024", "2024-03-31", "12/05/2030", "1/1/1900 25:61", "Thứ hai - 25/12/2023 21:47", ""),
  fc.constantFrom("https://sonoivu.tayninh.gov.vn/a.html", "javascript:alert(1)", "http://127.0.0.1/x", "file:///etc/passwd"),
  fc.constantFrom("=HYPERLINK(\"http://x\")", "<script>alert(1)</script>", "@SUM(A1)", "-1", "0", "3", "1e9", "99999999999999999999"),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.date({ noInvalidDate: true }),
  fc.constant(null),
);
const row = fc.record({
  line: fc.integer({ min: 2, max: 10_000 }),
  cells: fc.dictionary(fc.constantFrom(...EVIDENCE_KEYS), cell),
}) as fc.Arbitrary<RawEvidenceRow>;
/** Rows whose required cells are usually right, so the accepting branch is exercised too. */
const plausible = fc.record({
  line: fc.integer({ min: 2, max: 10_000 }),
  cells: fc.record({
    agency_id: fc.constantFrom("so-noi-vu", "so-tai-chinh"),
    channel: fc.constantFrom("own_portal", "meeting", "training"),
    date: fc.constantFrom("25/12/2023", "2024-03-31", "01/06/2025 08:30"),
    title: fc.oneof(fc.constantFrom("Hội nghị tập huấn cải cách hành chính", "=1+1", "<b>x</b>"), fc.string({ unit: "binary", maxLength: 20 })),
    url: fc.constantFrom("https://sonoivu.tayninh.gov.vn/a.html", "", "javascript:alert(1)"),
    reference: fc.constantFrom("", "Biên bản số 12/BB-SNV"),
    attendance: fc.constantFrom("", "40", "-3", "=1"),
  }),
}) as fc.Arbitrary<RawEvidenceRow>;

describe("evidence importer on hostile rows", () => {
  it("returns clean rows or throws its own error naming file, line and field in Vietnamese, never anything else", () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(row, plausible, plausible), { maxLength: 4 }), (rows) => {
        let result;
        try {
          result = validateEvidence(FILE, rows, NOW, lookups);
        } catch (error) {
          expect(error, String((error as Error).stack)).toBeInstanceOf(EvidenceValidationError);
          for (const p of (error as EvidenceValidationError).problems) {
            expect(p).toMatch(/^minh-chung\.xlsx: dòng \d+, cột \w+: ./);
            // the message is Vietnamese: no English wording of the parser or the validator reaches the analyst
            expect(p.replace(/^.*?, cột \w+: /, "").replace(/"[^"]*"/g, "").replace(/\([^)]*\)/g, "")).not.toMatch(/\b(?:required|unknown|is not|missing|impossible|date in|no date|whole number|below|link|channel|same evidence)\b/i);
          }
          return;
        }
        for (const r of result) {
          expect(lookups.knownAgencyIds.has(r.agency_id)).toBe(true);
          expect(CHANNELS).toContain(r.channel);
          expect(r.published_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
          expect(new Date(r.published_at).getTime()).toBeLessThanOrEqual(NOW.getTime());
          expect(r.title).toBe(r.title.normalize("NFC"));
          expect(r.title.length).toBeGreaterThan(0);
          if (r.url !== null) expect(r.url).toMatch(/^https?:\/\//);
          expect(Number.isInteger(r.sessions) && r.sessions >= 1).toBe(true);
          accepted++;
        }
      }),
      { numRuns: 3_000 },
    );
    expect(accepted).toBeGreaterThan(0); // both branches were exercised
  });
});
