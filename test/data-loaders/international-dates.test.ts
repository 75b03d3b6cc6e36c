import { describe, expect, it } from "vitest";
import { chooseDate, parseVietnameseDate } from "../../data-loaders/common/vi-dates.ts";
import { NOW } from "./helpers.ts";

const iso = (text: string) => {
  const r = parseVietnameseDate(text, { now: NOW });
  return r.ok ? r.value.iso : r.reason;
};

describe("dates with English month names (international pages)", () => {
  it("reads month-day-year and day-month-year, abbreviated or not, with ordinals", () => {
    expect(iso("November 18, 2025")).toBe("2025-11-18T00:00:00+07:00");
    expect(iso("Nov. 19, 2025")).toBe("2025-11-19T00:00:00+07:00");
    expect(iso("18 November 2025")).toBe("2025-11-18T00:00:00+07:00");
    expect(iso("Monday, November 17th, 2025 at 11:04 a.m.")).toBe("2025-11-17T11:04:00+07:00");
    expect(iso("19 NOV 2025")).toBe("2025-11-19T00:00:00+07:00");
  });

  it("honours a printed zone (EST, GMT, IST, GMT+2), otherwise reads Vietnam time", () => {
    expect(iso("Published 11:11 PM EST Nov 19, 2025")).toBe("2025-11-20T11:11:00+07:00");
    expect(iso("Mon 17 Nov 2025 18:54 GMT")).toBe("2025-11-18T01:54:00+07:00");
    expect(iso("Last Updated : Nov 20, 2025 01:41 PM IST")).toBe("2025-11-20T15:11:00+07:00");
    expect(iso("Nov 20, 2025 10:00 GMT+2")).toBe("2025-11-20T15:00:00+07:00");
    expect(iso("Nov 20, 2025 10:00")).toBe("2025-11-20T10:00:00+07:00");
  });

  it("rejects impossible and future dates with a reason; a word that only starts like a month is no date", () => {
    expect(iso("February 30, 2025")).toMatch(/impossible date/);
    expect(iso("December 1, 2026 11:00 PM")).toMatch(/date in the future/);
    expect(iso("Mayor 12, 2025")).toMatch(/no date/);
  });

  it("lets a page check refuse a date with a reason, and the next candidate wins", () => {
    const chosen = chooseDate(
      [
        { text: "2010-01-01", source: "opengraph" },
        { text: "March 3, 2026", source: "byline" },
      ],
      { now: NOW },
      (instant) => (instant.getUTCFullYear() < 2020 ? "older than a page it links to" : null),
    );
    expect(chosen).toMatchObject({ published_at: "2026-03-03T00:00:00+07:00", date_source: "byline" });
    expect(chosen.problems).toEqual(['opengraph: "2010-01-01" refused: older than a page it links to']);
  });
});
