/**
 * Vietnamese date parsing, pure. Every result is an instant in Asia/Ho_Chi_Minh
 * (+07:00). Impossible dates (31/02, a weekday that does not match) and dates in
 * the future are rejected; a missing date is reported as such, never replaced
 * by the crawl date.
 *
 * Formats read (see ../shared/domain/README.md §4):
 *   "Thứ hai - 25/12/2023 21:47", "Thứ sáu: 15:00 ngày 09/02/2024",
 *   "Cập nhật ngày: 14/12/2022 - 10:19", "12/05/2016 04:00:00 PM",
 *   "7/17/2018 9:00 AM" (month-first sources), "08.09.2021", "08-09-2021",
 *   "11 tháng 12 năm 2023", "10:15 AM 15/08/2007", "2024/02/09", "2025-06-30 00:02:07",
 *   ISO 8601 with any offset, NukeViet's PHP `date('Y-m-dTH:i:s')` quirk
 *   "2023-12-25+0721:47:00" / "2023-12-25ICT21:47:00", RFC 822 (feeds),
 *   and yearless "Chiều 3.11" (day.month) through `parseYearlessDate`.
 */
import type { AdapterContext, DateSource, ExtractedDate } from "../types.ts";
import { fromVietnamWallClock, toVietnamIso, vietnamParts } from "../../pipelines/time/vietnam-time.ts";

export type DateOrder = "dmy" | "mdy";

export interface ParseDateOptions {
  now: Date;
  /** Order of ambiguous numeric dates: day-first (default) or month-first. */
  order?: DateOrder;
}

export interface ParsedDate {
  instant: Date;
  iso: string;
  hasTime: boolean;
}

export type DateResult = { ok: true; value: ParsedDate } | { ok: false; reason: string };

/** Weekday names as printed (index = JS getUTCDay of the wall-clock date). */
/** A whole-word, case-insensitive pattern (JS \\b does not know Vietnamese letters). */
const word = (source: string) => new RegExp(`(?<!\\p{L})(?:${source})(?!\\p{L})`, "iu");

/** Weekday names as printed (index = JS getUTCDay of the wall-clock date). */
const WEEKDAYS: Array<[RegExp, number]> = [
  [word("chủ\\s*nhật"), 0],
  [word("thứ\\s*(?:hai|2)"), 1],
  [word("thứ\\s*(?:ba|3)"), 2],
  [word("thứ\\s*(?:tư|bốn|4)"), 3],
  [word("thứ\\s*(?:năm|5)"), 4],
  [word("thứ\\s*(?:sáu|6)"), 5],
  [word("thứ\\s*(?:bảy|7)"), 6],
];

/** Part of day: "Sáng" keeps the hour, "Trưa"/"Chiều"/"Tối"/"Đêm" move 1–11 o'clock past noon. */
const PART_OF_DAY = word("sáng|trưa|chiều|tối|đêm|khuya");

const ISO_LIKE =
  /(\d{4})-(\d{2})-(\d{2})(?:(T|\s+|[+-]\d{2}(?:\d{2})?|[A-Z]{2,5})(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/;
const RFC822 = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|UT|Z|[+-]\d{4})?$/;
const MONTHS_EN = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const NUMERIC = /(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)/;
/** Year first with slashes or dots: "2024/02/09", "2024.02.09" (dashes are ISO, read by parseIsoDate). */
const YEAR_FIRST = /(?<!\d)(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)/;
const WORDED = /(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:năm|,)?\s*(\d{4}))?(?!\d)/i;
const TIME = /(?<![\d:])(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})(?:\s*:\s*(\d{2}))?(?:\s*(AM|PM|SA|CH)\b)?/i;
/** English month names (full or abbreviated, optional dot), for international pages. */
const MONTH_NAME = "january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sept|sep|october|oct|november|nov|december|dec";
const MONTH_DAY_YEAR = new RegExp(`(?<!\\p{L})(${MONTH_NAME})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, "iu");
const DAY_MONTH_YEAR = new RegExp(`(?<!\\d)(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+(${MONTH_NAME})\\.?,?\\s+(\\d{4})(?!\\d)`, "iu");
/** A date written with an English month name ("Nov 19, 2019", "18 November 2019"): lets callers spot one in a text. */
export const DATE_WORDS = new RegExp(`${MONTH_DAY_YEAR.source}|${DAY_MONTH_YEAR.source}`, "iu");
/** Zone abbreviations printed after a time on international pages (offset in minutes). */
const ZONES: Record<string, number> = {
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, AKST: -540, HST: -600,
  GMT: 0, UTC: 0, UT: 0, Z: 0, WET: 0, BST: 60, CET: 60, CEST: 120, EET: 120, EEST: 180, MSK: 180, IST: 330,
  ICT: 420, WIB: 420, SGT: 480, HKT: 480, JST: 540, KST: 540, AEST: 600, AEDT: 660, NZST: 720,
};
const ZONE_WORD = /(?<![\p{L}])(?:(GMT|UTC)\s*([+-]\d{1,2})(?::?(\d{2}))?|([A-Z]{1,4}T|UTC|GMT|UT|Z))(?![\p{L}])/u;

function monthNumber(name: string): number {
  const key = name.toLowerCase().slice(0, 3);
  return MONTHS_EN.indexOf(key) + 1;
}

/** The zone printed in a text, in minutes east of UTC; null when none (Vietnam time then). */
function printedZone(text: string): number | null {
  const m = ZONE_WORD.exec(text);
  if (!m) return null;
  if (m[1]) return (m[2].startsWith("-") ? -1 : 1) * (Math.abs(Number(m[2])) * 60 + Number(m[3] ?? 0));
  return ZONES[m[4]] ?? null;
}

/** Yearless day.month ("3.11", "03/11"), as baotayninh.vn video pages print it. */
const DAY_MONTH = /(?<![\d/.:-])(\d{1,2})[./](\d{1,2})(?![\d/.:-])/;

const ok = (instant: Date, hasTime: boolean): DateResult => ({ ok: true, value: { instant, iso: toVietnamIso(instant), hasTime } });

function notFuture(result: DateResult, now: Date, text: string): DateResult {
  if (result.ok && result.value.instant.getTime() > now.getTime()) return { ok: false, reason: `date in the future: "${text}"` };
  return result;
}

function offsetMinutes(zone: string): number | null {
  if (/^(?:Z|GMT|UTC|UT)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(zone);
  if (!m) return null;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** Instant of a wall-clock time at a given UTC offset (minutes); null if impossible. */
function atOffset(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: number): Date | null {
  const local = fromVietnamWallClock(y, mo, d, h, mi, s);
  return local ? new Date(local.getTime() + (7 * 60 - offset) * 60_000) : null;
}

/**
 * ISO 8601 and its near relatives: "2025-06-30 00:02:07" (Vietnamese wall time),
 * "2023-12-25T21:47:00+07:00", "…Z", and PHP's `Y-m-dTH:i:s` where T printed the
 * zone: "2023-12-25+0721:47:00", "2023-12-25ICT21:47:00" (both +07:00 wall time).
 */
export function parseIsoDate(text: string, options: ParseDateOptions): DateResult {
  const source = text.normalize("NFC").trim();
  const m = ISO_LIKE.exec(source);
  if (!m) return { ok: false, reason: `no ISO date in "${text}"` };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!m[5]) {
    const day = fromVietnamWallClock(y, mo, d);
    return day ? notFuture(ok(day, false), options.now, text) : { ok: false, reason: `impossible date in "${text}"` };
  }
  const [h, mi, s] = [Number(m[5]), Number(m[6]), Number(m[7] ?? 0)];
  let offset = 7 * 60;
  const sep = m[4];
  if (m[8]) {
    const o = offsetMinutes(m[8]);
    if (o === null) return { ok: false, reason: `unknown zone "${m[8]}" in "${text}"` };
    offset = o;
  } else if (/^[+-]/.test(sep)) {
    // PHP zone quirk: the separator is the zone offset itself.
    const o = offsetMinutes(sep);
    if (o === null) return { ok: false, reason: `unknown zone "${sep}" in "${text}"` };
    offset = o;
  } else if (/^[A-Z]/.test(sep) && sep !== "T") {
    if (!/^(?:ICT|ICST|GMT\+7|WIB)$/.test(sep)) return { ok: false, reason: `unknown zone abbreviation "${sep}" in "${text}"` };
  }
  const instant = atOffset(y, mo, d, h, mi, s, offset);
  if (!instant) return { ok: false, reason: `impossible date in "${text}"` };
  return notFuture(ok(instant, true), options.now, text);
}

/** RFC 822 / 1123 dates of RSS feeds: "Mon, 25 Dec 2023 14:47:00 +0000". */
export function parseRfc822Date(text: string, options: ParseDateOptions): DateResult {
  const source = text.trim();
  const m = RFC822.exec(source);
  if (!m) return { ok: false, reason: `no RFC 822 date in "${text}"` };
  const month = MONTHS_EN.indexOf(m[2].toLowerCase()) + 1;
  if (month === 0) return { ok: false, reason: `unknown month "${m[2]}" in "${text}"` };
  const offset = m[7] ? offsetMinutes(m[7]) : 0;
  if (offset === null) return { ok: false, reason: `unknown zone "${m[7]}" in "${text}"` };
  const instant = atOffset(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), offset);
  if (!instant) return { ok: false, reason: `impossible date in "${text}"` };
  return notFuture(ok(instant, true), options.now, text);
}

interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
}

/** The first clock time in `text` ("21:47", "15h00", "04:00:00 PM"), adjusted by AM/PM or Sáng/Chiều/Tối. */
function readTime(text: string): TimeOfDay | { error: string } | null {
  const m = TIME.exec(text);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = Number(m[3] ?? 0);
  const meridiem = m[4]?.toUpperCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return { error: `hour ${hour} with ${meridiem}` };
    hour = (hour % 12) + (meridiem === "PM" || meridiem === "CH" ? 12 : 0);
  } else {
    const part = PART_OF_DAY.exec(text)?.[0].toLowerCase();
    if (part && part !== "sáng" && hour >= 1 && hour < 12 && !(part === "trưa" && hour >= 10)) hour += 12;
  }
  if (hour > 23 || minute > 59 || second > 59) return { error: `impossible time "${m[0].trim()}"` };
  return { hour, minute, second };
}

function weekdayCheck(text: string, instant: Date): string | null {
  for (const [pattern, weekday] of WEEKDAYS) {
    if (pattern.test(text)) {
      const p = vietnamParts(instant);
      const actual = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
      return actual === weekday ? null : `weekday does not match the date`;
    }
  }
  return null;
}

/**
 * Parse the first date (with optional time) found in `text`: numeric
 * day-first or month-first (per source), "dd tháng mm năm yyyy", ISO 8601,
 * the PHP zone quirk, RFC 822. A weekday prefix is checked against the date.
 */
export function parseVietnameseDate(text: string, options: ParseDateOptions): DateResult {
  const source = text.normalize("NFC");
  if (ISO_LIKE.test(source)) return parseIsoDate(source, options);
  if (RFC822.test(source.trim())) return parseRfc822Date(source, options);
  const yearFirst = YEAR_FIRST.exec(source);
  const numeric = yearFirst ? null : NUMERIC.exec(source);
  const worded = yearFirst || numeric ? null : WORDED.exec(source);
  if (!yearFirst && !numeric && !worded) return parseNamedMonthDate(source, text, options);
  const m = yearFirst ?? numeric ?? worded;
  if (!m) return { ok: false, reason: `no date in "${text}"` };
  const [a, b] = yearFirst ? [Number(m[3]), Number(m[2])] : [Number(m[1]), Number(m[2])];
  if (!m[3]) return { ok: false, reason: `no year in "${text}"` };
  const year = Number(yearFirst ? m[1] : m[3]);
  const [day, month] = numeric && options.order === "mdy" ? [b, a] : [a, b];
  const rest = source.slice(0, m.index) + " " + source.slice(m.index + m[0].length);
  const time = readTime(rest);
  if (time && "error" in time) return { ok: false, reason: `${time.error} in "${text}"` };
  const instant = fromVietnamWallClock(year, month, day, time?.hour ?? 0, time?.minute ?? 0, time?.second ?? 0);
  if (!instant) {
    const hint = numeric && options.order !== "mdy" && b > 12 && a <= 12 ? " (looks month-first: is the source's date order mdy?)" : "";
    return { ok: false, reason: `impossible date in "${text}"${hint}` };
  }
  const weekday = weekdayCheck(source.slice(0, m.index), instant);
  if (weekday) return { ok: false, reason: `${weekday}: "${text}"` };
  return notFuture(ok(instant, Boolean(time)), options.now, text);
}

/** "Nov 19, 2019 11:11 PM EST", "Mon 18 Nov 2019 18:54 GMT", "18 November 2019": English month names, a printed zone honoured. */
function parseNamedMonthDate(source: string, text: string, options: ParseDateOptions): DateResult {
  const mdy = MONTH_DAY_YEAR.exec(source);
  const dmyName = mdy ? null : DAY_MONTH_YEAR.exec(source);
  const m = mdy ?? dmyName;
  if (!m) return { ok: false, reason: `no date in "${text}"` };
  const [day, month, year] = mdy ? [Number(m[2]), monthNumber(m[1]), Number(m[3])] : [Number(m[1]), monthNumber(m[2]), Number(m[3])];
  const rest = source.slice(0, m.index) + " " + source.slice(m.index + m[0].length);
  const time = readTime(rest);
  if (time && "error" in time) return { ok: false, reason: `${time.error} in "${text}"` };
  const zone = time ? printedZone(rest) : null;
  const instant = atOffset(year, month, day, time?.hour ?? 0, time?.minute ?? 0, time?.second ?? 0, zone ?? 7 * 60);
  if (!instant) return { ok: false, reason: `impossible date in "${text}"` };
  return notFuture(ok(instant, Boolean(time)), options.now, text);
}

export interface YearlessDate {
  day: number;
  month: number;
  time: TimeOfDay | null;
  /** "Sáng", "Chiều", … as written, when present. */
  partOfDay: string | null;
}

/** A day.month with no year ("Chiều 3.11", "03/11 lúc 15:00"); null when `text` has none or has a year. */
export function parseYearlessDate(text: string): YearlessDate | null {
  const source = text.normalize("NFC");
  if (NUMERIC.test(source) || ISO_LIKE.test(source)) return null;
  const m = DAY_MONTH.exec(source);
  if (!m) return null;
  const [day, month] = [Number(m[1]), Number(m[2])];
  if (!fromVietnamWallClock(2024, month, day)) return null; // 2024 is a leap year: 29/02 is possible
  const rest = source.slice(0, m.index) + " " + source.slice(m.index + m[0].length);
  const time = readTime(rest);
  return {
    day,
    month,
    time: time && !("error" in time) ? time : null,
    partOfDay: PART_OF_DAY.exec(source)?.[0] ?? null,
  };
}

export interface YearContext {
  now: Date;
  /** Dates known to be no later than the item (e.g. the next, older item of a listing). */
  notBefore?: Date | null;
  /** Dates known to be no earlier than the item (the previous, newer item of a listing). */
  notAfter?: Date | null;
  /** Words for the resolution note, e.g. "listing neighbours". */
  contextName?: string;
}

export interface YearResolution {
  result: DateResult;
  /** How the year was chosen; always set when a date is returned. */
  resolution: string;
  confidence: number;
}

const DAY_MS = 86_400_000;
const dmy = (d: Date) => {
  const p = vietnamParts(d);
  return `${String(p.day).padStart(2, "0")}/${String(p.month).padStart(2, "0")}/${p.year}`;
};

/**
 * Give a yearless date its year, never silently: from the bounds of its context
 * when exactly one year fits them, otherwise the latest year in which the date is
 * not after `now` (the crawl date), with a lower confidence.
 */
export function resolveYear(date: YearlessDate, ctx: YearContext): YearResolution {
  const build = (year: number) =>
    fromVietnamWallClock(year, date.month, date.day, date.time?.hour ?? 0, date.time?.minute ?? 0, date.time?.second ?? 0);
  const nowYear = vietnamParts(ctx.now).year;
  if (ctx.notBefore || ctx.notAfter) {
    const low = (ctx.notBefore?.getTime() ?? -Infinity) - DAY_MS;
    const high = Math.min((ctx.notAfter?.getTime() ?? Infinity) + DAY_MS, ctx.now.getTime());
    const fromYear = ctx.notBefore ? vietnamParts(ctx.notBefore).year : vietnamParts(ctx.notAfter!).year - 1;
    const toYear = ctx.notAfter ? vietnamParts(ctx.notAfter).year : nowYear;
    const fits: Date[] = [];
    for (let y = fromYear; y <= toYear; y++) {
      const at = build(y);
      if (at && at.getTime() >= low && at.getTime() <= high) fits.push(at);
    }
    const bounds = [ctx.notBefore ? `after ${dmy(ctx.notBefore)}` : null, ctx.notAfter ? `before ${dmy(ctx.notAfter)}` : null]
      .filter(Boolean)
      .join(", ");
    const name = ctx.contextName ?? "context";
    if (fits.length === 1) {
      const at = fits[0];
      return { result: ok(at, Boolean(date.time)), resolution: `year ${vietnamParts(at).year} from ${name} (${bounds})`, confidence: 0.8 };
    }
    // One bound only: the occurrence nearest to it (listing neighbours are close in time).
    if (fits.length > 1 && !(ctx.notBefore && ctx.notAfter)) {
      const at = ctx.notBefore ? fits[0] : fits.at(-1)!;
      return {
        result: ok(at, Boolean(date.time)),
        resolution: `year ${vietnamParts(at).year} from ${name} (${bounds}: the nearest ${dmy(at).slice(0, 5)})`,
        confidence: 0.65,
      };
    }
  }
  for (let y = nowYear; y >= nowYear - 1; y--) {
    const at = build(y);
    if (at && at.getTime() <= ctx.now.getTime()) {
      return {
        result: ok(at, Boolean(date.time)),
        resolution: `year ${y} assumed from the crawl date ${dmy(ctx.now)} (latest ${String(date.day).padStart(2, "0")}/${String(date.month).padStart(2, "0")} not in the future)`,
        confidence: 0.5,
      };
    }
  }
  return { result: { ok: false, reason: `no year makes ${date.day}/${date.month} a past date` }, resolution: "unresolved", confidence: 0 };
}

/** Confidence of a date by where it was read (microdata is low: NukeViet writes the edit time there). */
export const SOURCE_CONFIDENCE: Record<DateSource, number> = {
  analyst: 1,
  byline: 0.95,
  jsonld: 0.9,
  feed: 0.9,
  listing: 0.85,
  opengraph: 0.85,
  time: 0.85,
  meta: 0.8,
  microdata: 0.6,
  url: 0.5,
};

export interface DateCandidate {
  text: string | null | undefined;
  source: DateSource;
  /** Override of the source's confidence. */
  confidence?: number;
}

/**
 * The date of an item from its candidates, in the order given (strongest first):
 * the first that parses wins and keeps its text and provenance. When none parses,
 * published_at is null and published_text keeps the first text seen: the item is
 * flagged, never dated by the crawl.
 */
/** A check of a parsed date against what the page itself shows; a reason refuses the date. */
export type DateCheck = (instant: Date, candidate: DateCandidate) => string | null;

export function chooseDate(candidates: DateCandidate[], options: ParseDateOptions, check?: DateCheck): ExtractedDate & { problems: string[] } {
  const problems: string[] = [];
  for (const c of candidates) {
    const text = c.text?.normalize("NFC").trim();
    if (!text) continue;
    const parsed = parseVietnameseDate(text, options);
    const refused = parsed.ok && check ? check(parsed.value.instant, c) : null;
    if (refused) {
      problems.push(`${c.source}: "${text}" refused: ${refused}`);
      continue;
    }
    if (parsed.ok) {
      return {
        published_at: parsed.value.iso,
        published_text: text,
        date_source: c.source,
        date_confidence: c.confidence ?? SOURCE_CONFIDENCE[c.source],
        date_resolution: null,
        problems,
      };
    }
    if (!parsed.ok) problems.push(`${c.source}: ${parsed.reason}`);
  }
  const firstText = candidates.find((c) => c.text?.trim())?.text?.trim() ?? null;
  return { published_at: null, published_text: firstText, date_source: null, date_confidence: 0, date_resolution: null, problems };
}

/**
 * An article's date: its own candidates first; failing those, the date of the
 * listing or feed entry that led to it (keeping that entry's text and how it
 * was resolved). Null, and so flagged, when neither has one.
 */
export function articleDate(candidates: DateCandidate[], ctx: AdapterContext, check?: DateCheck): ExtractedDate {
  const { problems, ...chosen } = chooseDate(candidates, { now: ctx.now, order: ctx.dateOrder }, check);
  const own: ExtractedDate = check && problems.length ? { ...chosen, date_problems: problems } : chosen;
  if (own.published_at) return own;
  const item = ctx.listingItem;
  if (item?.published_at) {
    const source = item.date_source ?? "listing";
    return {
      published_at: item.published_at,
      published_text: item.published_text ?? null,
      date_source: source,
      date_confidence: item.date_resolution ? Math.min(0.8, SOURCE_CONFIDENCE[source]) : SOURCE_CONFIDENCE[source],
      date_resolution: item.date_resolution ?? null,
      ...(own.date_problems ? { date_problems: own.date_problems } : {}),
    };
  }
  return own;
}
