/**
 * Vietnamese date parsing, pure. Every result is an instant in Asia/Ho_Chi_Minh
 * (+07:00). Impossible dates (31/02) and dates in the future are rejected.
 */
import { fromVietnamWallClock, toVietnamIso } from "../../pipelines/time/vietnam-time.ts";

export interface ParseDateOptions {
  now: Date;
  /** Order of ambiguous numeric dates: day-first (default) or month-first. */
  order?: "dmy" | "mdy";
}

export interface ParsedDate {
  instant: Date;
  iso: string;
  hasTime: boolean;
}

export type DateResult = { ok: true; value: ParsedDate } | { ok: false; reason: string };

const NUMERIC = /(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:\D{1,12}?(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*(AM|PM|SA|CH)?)?/i;

/** Parse the first numeric date (with optional time) found in `text`. */
export function parseVietnameseDate(text: string, options: ParseDateOptions): DateResult {
  const source = text.normalize("NFC");
  const m = NUMERIC.exec(source);
  if (!m) return { ok: false, reason: `no date in "${text}"` };
  let [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let year: number, month: number, day: number;
  if (m[1].length === 4) {
    [year, month, day] = [a, b, c];
  } else if (options.order === "mdy") {
    [month, day, year] = [a, b, c];
  } else {
    [day, month, year] = [a, b, c];
  }
  if (String(year).length !== 4) return { ok: false, reason: `no four-digit year in "${text}"` };
  let hour = m[4] ? Number(m[4]) : 0;
  const minute = m[5] ? Number(m[5]) : 0;
  const second = m[6] ? Number(m[6]) : 0;
  const meridiem = m[7]?.toUpperCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return { ok: false, reason: `hour ${hour} with ${meridiem} in "${text}"` };
    const pm = meridiem === "PM" || meridiem === "CH";
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  const instant = fromVietnamWallClock(year, month, day, hour, minute, second);
  if (!instant) return { ok: false, reason: `impossible date in "${text}"` };
  if (instant.getTime() > options.now.getTime()) return { ok: false, reason: `date in the future: "${text}"` };
  return { ok: true, value: { instant, iso: toVietnamIso(instant), hasTime: Boolean(m[4]) } };
}
