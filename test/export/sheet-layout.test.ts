/**
 * The shared sheet layout (src/components/sheet-layout.js, used by the CLI and the
 * site): a timestamp in any offset becomes the Asia/Ho_Chi_Minh wall clock in the
 * cell. The expected values are worked out by hand (Tây Ninh is UTC+7, no DST).
 */
import { describe, expect, it } from "vitest";
import { excelWallClock } from "../../src/components/sheet-layout.js";

describe("excelWallClock", () => {
  it("keeps a +07:00 timestamp's clock and moves other offsets to Tây Ninh time", () => {
    expect(excelWallClock("2024-02-10T23:45:00+07:00")?.toISOString()).toBe("2024-02-10T23:45:00.000Z");
    expect(excelWallClock("2024-02-10T16:45:00Z")?.toISOString()).toBe("2024-02-10T23:45:00.000Z");
    // 20:00 on New Year's Eve in New York is 08:00 on 1 January in Tây Ninh (the year changes).
    expect(excelWallClock("2024-12-31T20:00:00-05:00")?.toISOString()).toBe("2025-01-01T08:00:00.000Z");
    expect(excelWallClock(new Date("2024-06-30T17:30:00Z"))?.toISOString()).toBe("2024-07-01T00:30:00.000Z");
  });

  it("gives null for an empty or unreadable value (the cell then holds the text as written)", () => {
    for (const v of [null, undefined, "", "ngày 5 tháng 2", "2024-13-99x", "2024-02-30T10:00:00+07:00", "2024-02-10T25:00:00+07:00"]) expect(excelWallClock(v)).toBeNull();
  });
});
