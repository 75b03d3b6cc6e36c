import { describe, expect, it } from "vitest";
import { elapsedShare, endOfDay, periodWindow, periodWindows, vietnamDayOf, windowContaining } from "../../pipelines/coverage/periods.ts";

const iso = (d: Date) => d.toISOString();

describe("reporting periods in Asia/Ho_Chi_Minh", () => {
  it("starts a quarter at local midnight (17:00 UTC the day before)", () => {
    const q1 = periodWindow("quarter", 2024, 1);
    expect(iso(q1.start)).toBe("2023-12-31T17:00:00.000Z");
    expect(iso(q1.end)).toBe("2024-03-31T17:00:00.000Z");
    expect([q1.key, q1.label, q1.first_day, q1.last_day]).toEqual(["2024-Q1", "Quý I/2024", "2024-01-01", "2024-03-31"]);
  });

  it("knows months, halves, nine months and years", () => {
    expect(periodWindow("month", 2024, 2).last_day).toBe("2024-02-29");
    expect(periodWindow("month", 2023, 2).last_day).toBe("2023-02-28");
    expect(periodWindow("half", 2024, 2)).toMatchObject({ first_day: "2024-07-01", last_day: "2024-12-31", label: "6 tháng cuối năm 2024" });
    expect(periodWindow("nine_months", 2024)).toMatchObject({ first_day: "2024-01-01", last_day: "2024-09-30", key: "2024-9M" });
    expect(iso(periodWindow("year", 2024).end)).toBe("2024-12-31T17:00:00.000Z");
    expect(periodWindows("month", 2024)).toHaveLength(12);
    expect(() => periodWindow("quarter", 2024, 5)).toThrow(RangeError);
  });

  it("puts an instant in the Vietnamese quarter, not the UTC one", () => {
    // 2024-03-31 17:30 UTC is 2024-04-01 00:30 in Vietnam
    expect(windowContaining("quarter", new Date("2024-03-31T17:30:00Z"))!.key).toBe("2024-Q2");
    expect(windowContaining("quarter", new Date("2024-03-31T16:59:59Z"))!.key).toBe("2024-Q1");
    expect(windowContaining("nine_months", new Date("2024-10-01T00:00:00+07:00"))).toBeNull();
    expect(windowContaining("half", new Date("2024-06-30T23:59:00+07:00"))!.key).toBe("2024-H1");
  });

  it("measures the elapsed share of a window", () => {
    const q = periodWindow("quarter", 2024, 2); // 91 days
    expect(elapsedShare(q.start, q.end, new Date("2024-03-01T00:00:00+07:00"))).toBe(0);
    expect(elapsedShare(q.start, q.end, new Date("2024-07-05T00:00:00+07:00"))).toBe(1);
    expect(elapsedShare(q.start, q.end, new Date(q.start.getTime() + 45.5 * 86400_000))).toBeCloseTo(0.5, 10);
  });

  it("ends a day at the next local midnight", () => {
    expect(iso(endOfDay("2024-04-20"))).toBe("2024-04-20T17:00:00.000Z");
  });

  it("names an instant's Vietnam day from its milliseconds, midnight +07:00 included", () => {
    const cases: [string, string][] = [
      ["2024-03-31T16:59:59.999Z", "2024-03-31"],
      ["2024-03-31T17:00:00.000Z", "2024-04-01"],
      ["2024-12-31T17:00:00.000Z", "2025-01-01"],
      ["2024-02-28T18:30:00.000Z", "2024-02-29"],
      ["1969-12-31T16:59:59.000Z", "1969-12-31"],
      ["1969-12-31T17:00:00.000Z", "1970-01-01"],
    ];
    for (const [at, day] of cases) expect(vietnamDayOf(Date.parse(at)), at).toBe(day);
    // asked again (its cached name), the same day
    expect(vietnamDayOf(Date.parse("2024-03-31T23:00:00.000Z"))).toBe("2024-04-01");
  });
});
