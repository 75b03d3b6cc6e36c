/** The site's pure helpers (src/components/format.js) against the periods the coverage engine writes. */
import { describe, expect, it } from "vitest";
import { currentQuarter, currentYear, defaultYear, noTargetsNote, targetBasis, yearChoices } from "../../src/components/format.js";

describe("site helpers", () => {
  it("opens on the present: the current year even without rows, and the current quarter", () => {
    expect(defaultYear([2023, 2024], "2026-12-01")).toBe(2026);
    expect(yearChoices([2024, 2023, 2024], "2026-12-01")).toEqual([2026, 2024, 2023]);
    expect(currentYear("2026-12-01")).toBe(2026);
    expect(currentQuarter("2026-12-01")).toBe(4);
    expect(currentQuarter("2026-03-31")).toBe(1);
  });

  it("prints a provisional target's label, and why a year has no targets", () => {
    expect(targetBasis({ plan: "1007/KH-UBND", clause: "V.1.b", year: 2026, provisional_label: "tạm tính theo 1007/KH-UBND V.1.b" })).toBe(
      "tạm tính theo 1007/KH-UBND V.1.b (chưa có kế hoạch năm 2026)",
    );
    expect(targetBasis({ plan: "1007/KH-UBND", clause: "V.1.b", year: 2024, provisional_label: null })).toBe("1007/KH-UBND V.1.b");
    const meta = { target_years: [{ year: 2027, targets: 0, empty_reason: "Chưa có chỉ tiêu nào cho năm 2027: …" }] };
    expect(noTargetsNote(meta, 2027)).toBe("Chưa có chỉ tiêu nào cho năm 2027: …");
    expect(noTargetsNote({}, 2028)).toMatch(/^Chưa có chỉ tiêu nào cho năm 2028: chưa nhập kế hoạch năm 2028\. Cách làm: /);
  });
});
