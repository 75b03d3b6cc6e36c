import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseVietnameseDate } from "../../data-loaders/common/vi-dates.ts";

const NOW = new Date("2026-11-24T12:00:00+07:00");
const ISO_07 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;
const pad = (n: number) => String(n).padStart(2, "0");

/** Text made of date-shaped fragments, so the parser's branches are reached, not just "no date". */
const dateish = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 9999 }).map(String),
      fc.constantFrom("/", "-", ".", ":", " ", "T", "+07", "+0700", "Z", "ICT", "h", "giờ", "AM", "PM", "SA", "CH"),
      fc.constantFrom("Thứ hai", "Chủ nhật", "thứ 7", "ngày", "tháng", "năm", "Chiều", "Sáng", "Tối", "Cập nhật:", "Mon,", "Dec", "GMT"),
      fc.string({ unit: "binary", maxLength: 3 }),
    ),
    { maxLength: 14 },
  )
  .map((parts) => parts.join(""));

function checkResult(text: string, now: Date) {
  const result = parseVietnameseDate(text, { now });
  if (result.ok) {
    expect(result.value.iso).toMatch(ISO_07);
    expect(new Date(result.value.iso).getTime()).toBe(result.value.instant.getTime());
    expect(result.value.instant.getTime()).toBeLessThanOrEqual(now.getTime());
  } else {
    expect(typeof result.reason).toBe("string");
  }
}

describe("parseVietnameseDate on hostile input", () => {
  it("never throws on arbitrary Unicode; any date it returns is a past +07:00 instant", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 80 }), (text) => checkResult(text, NOW)), { numRuns: 2_000 });
  });

  it("never throws on date-shaped noise, with either date order", () => {
    fc.assert(
      fc.property(dateish, fc.boolean(), (text, mdy) => {
        const result = parseVietnameseDate(text, { now: NOW, order: mdy ? "mdy" : "dmy" });
        if (result.ok) {
          expect(result.value.iso).toMatch(ISO_07);
          expect(result.value.instant.getTime()).toBeLessThanOrEqual(NOW.getTime());
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it("round-trips every real dd/mm/yyyy HH:MM it is given, whatever text surrounds it", () => {
    const prefix = fc.constantFrom("", "Cập nhật ngày: ", "Đăng lúc ", "Ngày đăng: ", "(", "Tin ngày ");
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01T00:00:00+07:00"), max: NOW, noInvalidDate: true }),
        prefix,
        fc.boolean(),
        (date, before, withTime) => {
          const wall = new Date(date.getTime() + 7 * 3_600_000);
          const [y, m, d, h, mi] = [wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes()];
          const text = `${before}${pad(d)}/${pad(m)}/${y}${withTime ? ` ${pad(h)}:${pad(mi)}` : ""}`;
          const result = parseVietnameseDate(text, { now: NOW });
          expect(result.ok, text).toBe(true);
          if (!result.ok) return;
          const expected = `${y}-${pad(m)}-${pad(d)}T${withTime ? `${pad(h)}:${pad(mi)}` : "00:00"}:00+07:00`;
          expect(result.value.iso).toBe(expected);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it("rejects a date later than now rather than returning it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3_000 }), (daysAhead) => {
        const wall = new Date(NOW.getTime() + 7 * 3_600_000 + daysAhead * 86_400_000);
        const text = `${pad(wall.getUTCDate())}/${pad(wall.getUTCMonth() + 1)}/${wall.getUTCFullYear()}`;
        expect(parseVietnameseDate(text, { now: NOW }).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
