import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  articleDate,
  chooseDate,
  parseVietnameseDate,
  parseYearlessDate,
  resolveYear,
} from "../../data-loaders/common/vi-dates.ts";
import { NOW } from "./helpers.ts";

const parse = (text: string, order?: "dmy" | "mdy") => {
  const r = parseVietnameseDate(text, { now: NOW, order });
  return r.ok ? r.value.iso : `ERR ${r.reason}`;
};

describe("parseVietnameseDate: every format of the domain README", () => {
  it.each([
    // NukeViet
    ["Thứ hai - 25/12/2023 21:47", "2023-12-25T21:47:00+07:00"],
    ["12/05/2016 04:00:00 PM", "2016-05-12T16:00:00+07:00"],
    ["12/05/2016 12:30:00 AM", "2016-05-12T00:30:00+07:00"],
    ["2023-12-25+0721:47:00", "2023-12-25T21:47:00+07:00"],
    ["2023-12-25ICT21:47:00", "2023-12-25T21:47:00+07:00"],
    ["2023-12-25T21:47:00+07:00", "2023-12-25T21:47:00+07:00"],
    ["2023-12-25T14:47:00Z", "2023-12-25T21:47:00+07:00"],
    ["2023-12-25T09:47:00-05:00", "2023-12-25T21:47:00+07:00"],
    // SharePoint CMS (day-first host)
    ["08/09/2021 10:00", "2021-09-08T10:00:00+07:00"],
    // baotayninh.vn
    ["Cập nhật ngày: 14/12/2022 - 10:19", "2022-12-14T10:19:00+07:00"],
    ["Thứ sáu: 15:00 ngày 09/02/2024", "2024-02-09T15:00:00+07:00"],
    ["2025-06-30 00:02:07", "2025-06-30T00:02:07+07:00"],
    // 2026 portal
    ["07/02/2026", "2026-02-07T00:00:00+07:00"],
    // other separators and wordings
    ["ngày 09/02/2024", "2024-02-09T00:00:00+07:00"],
    ["09.02.2024", "2024-02-09T00:00:00+07:00"],
    ["09-02-2024 08:05", "2024-02-09T08:05:00+07:00"],
    ["9/2/2024 8h05", "2024-02-09T08:05:00+07:00"],
    ["Chủ nhật, 11/02/2024 - 07:30:15", "2024-02-11T07:30:15+07:00"],
    ["Thứ Bảy, 10/02/2024", "2024-02-10T00:00:00+07:00"],
    ["Thứ tư, 14 tháng 2 năm 2024", "2024-02-14T00:00:00+07:00"],
    ["Thứ năm, 15 Tháng 2 2024 16:03", "2024-02-15T16:03:00+07:00"],
    ["09:30 SA 09/02/2024", "2024-02-09T09:30:00+07:00"],
    ["03:30 CH 09/02/2024", "2024-02-09T15:30:00+07:00"],
    ["Chiều 09/02/2024 lúc 3:30", "2024-02-09T15:30:00+07:00"],
    ["Tối 09/02/2024, 8:15", "2024-02-09T20:15:00+07:00"],
    ["Sáng 09/02/2024, 8:15", "2024-02-09T08:15:00+07:00"],
    ["10:15 AM 15/08/2007", "2007-08-15T10:15:00+07:00"],
    ["Ngày đăng: 08:50, 30/03/2021", "2021-03-30T08:50:00+07:00"],
    ["10/10/2016 16:22 GMT+7", "2016-10-10T16:22:00+07:00"],
    ["Mon, 25 Dec 2023 14:47:00 +0000", "2023-12-25T21:47:00+07:00"],
    ["Mon, 25 Dec 2023 21:47:00 +0700", "2023-12-25T21:47:00+07:00"],
    ["29/02/2024", "2024-02-29T00:00:00+07:00"],
    ["2024/02/09 07:05", "2024-02-09T07:05:00+07:00"],
  ])("%s → %s", (text, iso) => {
    expect(parse(text)).toBe(iso);
  });

  it("reads month-first sources only when the source says so", () => {
    expect(parse("7/17/2018 9:00 AM", "mdy")).toBe("2018-07-17T09:00:00+07:00");
    expect(parse("7/17/2018 9:00 AM", "dmy")).toMatch(/^ERR impossible date .*looks month-first/);
    expect(parse("7/2/2018 2:30 PM", "mdy")).toBe("2018-07-02T14:30:00+07:00");
    expect(parse("7/2/2018 2:30 PM", "dmy")).toBe("2018-02-07T14:30:00+07:00");
  });

  it.each([
    ["31/02/2024", /impossible date/],
    ["29/02/2023", /impossible date/],
    ["32/01/2024", /impossible date/],
    ["15/13/2024", /impossible date/],
    ["15/01/2024 25:00", /impossible time/],
    ["15/01/2024 13:00 PM", /hour 13 with PM/],
    ["2023-02-30T10:00:00+07:00", /impossible date/],
    ["Thứ ba - 25/12/2023 21:47", /weekday does not match/],
    ["2023-12-25XYZ21:47:00", /unknown zone abbreviation/],
    ["01/01/2027", /date in the future/],
    ["24/11/2026 10:01", /date in the future/],
    ["Chiều 3.11", /no date/],
    ["11 tháng 12", /no year/],
    ["không có ngày", /no date/],
    ["", /no date/],
  ])("rejects %j", (text, reason) => {
    expect(parse(text)).toMatch(reason);
  });

  it("is pure and total: any text gives a result, and every accepted date is in +07:00 and not after now", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const r = parseVietnameseDate(text, { now: NOW });
        if (r.ok) {
          expect(r.value.iso).toMatch(/\+07:00$/);
          expect(r.value.instant.getTime()).toBeLessThanOrEqual(NOW.getTime());
        }
      }),
    );
    fc.assert(
      fc.property(fc.date({ min: new Date("1990-01-01"), max: NOW, noInvalidDate: true }), (d) => {
        const wall = new Date(d.getTime() + 7 * 3_600_000);
        const pad = (n: number) => String(n).padStart(2, "0");
        const text = `${pad(wall.getUTCDate())}/${pad(wall.getUTCMonth() + 1)}/${wall.getUTCFullYear()} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
        const r = parseVietnameseDate(text, { now: NOW });
        expect(r.ok && r.value.instant.getTime()).toBe(Math.floor(d.getTime() / 60_000) * 60_000);
      }),
    );
  });
});

describe("yearless dates (baotayninh.vn video pages)", () => {
  it("reads day.month with the part of day, and refuses dates with a year", () => {
    expect(parseYearlessDate("Chiều 3.11")).toEqual({ day: 3, month: 11, time: null, partOfDay: "Chiều" });
    expect(parseYearlessDate("Tối 29/2 lúc 8:15")).toEqual({ day: 29, month: 2, time: { hour: 20, minute: 15, second: 0 }, partOfDay: "Tối" });
    expect(parseYearlessDate("03/11/2024")).toBeNull();
    expect(parseYearlessDate("Chiều 31.11")).toBeNull();
    expect(parseYearlessDate("15:00")).toBeNull();
  });

  it("takes the year from context bounds when exactly one fits, else the crawl date, and always says which", () => {
    const d = parseYearlessDate("Chiều 3.11")!;
    const inContext = resolveYear(d, {
      now: NOW,
      notBefore: new Date("2024-10-28T00:00:00+07:00"),
      notAfter: new Date("2024-11-10T00:00:00+07:00"),
      contextName: "listing neighbours",
    });
    expect(inContext).toMatchObject({ resolution: "year 2024 from listing neighbours (after 28/10/2024, before 10/11/2024)", confidence: 0.8 });
    expect(inContext.result.ok && inContext.result.value.iso).toBe("2024-11-03T00:00:00+07:00");
    const fromCrawl = resolveYear(parseYearlessDate("Sáng 30.11")!, { now: NOW });
    expect(fromCrawl.result.ok && fromCrawl.result.value.iso).toBe("2025-11-30T00:00:00+07:00"); // 30/11/2026 is still to come
    expect(fromCrawl.resolution).toBe("year 2025 assumed from the crawl date 24/11/2026 (latest 30/11 not in the future)");
    expect(fromCrawl.confidence).toBe(0.5);
  });
});

describe("provenance", () => {
  it("keeps the first candidate that parses, with its text, source and confidence; records why others failed", () => {
    const d = chooseDate(
      [
        { text: "Thứ ba - 25/12/2023 21:47", source: "byline" },
        { text: null, source: "jsonld" },
        { text: "2023-12-25+0721:47:00", source: "opengraph" },
        { text: "2024-01-08T10:05:00+07:00", source: "microdata" },
      ],
      { now: NOW },
    );
    expect(d).toMatchObject({
      published_at: "2023-12-25T21:47:00+07:00",
      published_text: "2023-12-25+0721:47:00",
      date_source: "opengraph",
      date_confidence: 0.85,
    });
    expect(d.problems).toEqual([`byline: weekday does not match the date: "Thứ ba - 25/12/2023 21:47"`]);
  });

  it("flags a missing date as null, never the crawl date", () => {
    const d = articleDate([{ text: "đang cập nhật", source: "byline" }], { now: NOW });
    expect(d).toEqual({ published_at: null, published_text: "đang cập nhật", date_source: null, date_confidence: 0, date_resolution: null });
  });
});
