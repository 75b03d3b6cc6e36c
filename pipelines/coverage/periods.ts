/**
 * Reporting periods as calendar windows in Asia/Ho_Chi_Minh, pure: month,
 * quarter, half, nine months (January–September) and year.
 */
import type { Period } from "../registry/types.ts";
import { fromVietnamWallClock, toVietnamIso, VIETNAM_OFFSET_MINUTES, vietnamParts } from "../time/vietnam-time.ts";

export interface PeriodWindow {
  period: Period;
  year: number;
  /** 1-based: month 1–12, quarter 1–4, half 1–2, nine_months 1, year 1. */
  index: number;
  /** Stable key, e.g. 2024-Q2, 2024-H1, 2024-M03, 2024-9M, 2024. */
  key: string;
  /** Vietnamese label, e.g. "Quý II/2024". */
  label: string;
  /** First day, YYYY-MM-DD. */
  first_day: string;
  /** Last day (inclusive), YYYY-MM-DD. */
  last_day: string;
  /** First instant. */
  start: Date;
  /** First instant after the window (exclusive end). */
  end: Date;
}

const ROMAN = ["I", "II", "III", "IV"];
const COUNT: Record<Period, number> = { month: 12, quarter: 4, half: 2, nine_months: 1, year: 1 };

function monthsOf(period: Period, index: number): [number, number] {
  switch (period) {
    case "month":
      return [index, index];
    case "quarter":
      return [3 * index - 2, 3 * index];
    case "half":
      return [6 * index - 5, 6 * index];
    case "nine_months":
      return [1, 9];
    case "year":
      return [1, 12];
  }
}

const pad = (n: number) => String(n).padStart(2, "0");

export function periodWindow(period: Period, year: number, index = 1): PeriodWindow {
  if (!Number.isInteger(index) || index < 1 || index > COUNT[period]) throw new RangeError(`${period} ${index} does not exist`);
  const [m1, m2] = monthsOf(period, index);
  const start = fromVietnamWallClock(year, m1, 1);
  const end = m2 === 12 ? fromVietnamWallClock(year + 1, 1, 1) : fromVietnamWallClock(year, m2 + 1, 1);
  if (!start || !end) throw new RangeError(`bad year ${year}`);

  const key = {
    month: `${year}-M${pad(index)}`,
    quarter: `${year}-Q${index}`,
    half: `${year}-H${index}`,
    nine_months: `${year}-9M`,
    year: `${year}`,
  }[period];
  const label = {
    month: `Tháng ${index}/${year}`,
    quarter: `Quý ${ROMAN[index - 1]}/${year}`,
    half: index === 1 ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}`,
    nine_months: `9 tháng năm ${year}`,
    year: `Năm ${year}`,
  }[period];
  return {
    period,
    year,
    index,
    key,
    label,
    first_day: `${year}-${pad(m1)}-01`,
    last_day: vietnamDay(new Date(end.getTime() - 1)),
    start,
    end,
  };
}

/** Every window of a period kind in a year, in order. */
export function periodWindows(period: Period, year: number): PeriodWindow[] {
  return Array.from({ length: COUNT[period] }, (_, i) => periodWindow(period, year, i + 1));
}

/** The window of `period` containing an instant; null for nine_months after September. */
export function windowContaining(period: Period, instant: Date): PeriodWindow | null {
  const { year, month } = vietnamParts(instant);
  switch (period) {
    case "month":
      return periodWindow(period, year, month);
    case "quarter":
      return periodWindow(period, year, Math.ceil(month / 3));
    case "half":
      return periodWindow(period, year, month <= 6 ? 1 : 2);
    case "nine_months":
      return month <= 9 ? periodWindow(period, year, 1) : null;
    case "year":
      return periodWindow(period, year, 1);
  }
}

/** Share of [start, end) that has passed at `today`, clamped to 0..1. */
export function elapsedShare(start: Date, end: Date, today: Date): number {
  const total = end.getTime() - start.getTime();
  if (total <= 0) return 1;
  return Math.min(1, Math.max(0, (today.getTime() - start.getTime()) / total));
}

/** The first instant of a calendar day (YYYY-MM-DD, Vietnam time). */
export function startOfDay(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  const start = fromVietnamWallClock(y, m, d);
  if (!start) throw new RangeError(`not a date: ${day}`);
  return start;
}

/** The instant just after a calendar day ends (YYYY-MM-DD, Vietnam time). */
export function endOfDay(day: string): Date {
  return new Date(startOfDay(day).getTime() + 24 * 3600_000);
}

/** A Date's calendar day in Vietnam, YYYY-MM-DD. */
export const vietnamDay = (instant: Date): string => toVietnamIso(instant).slice(0, 10);

const DAY_MS = 24 * 3600_000;
const OFFSET_MS = VIETNAM_OFFSET_MINUTES * 60_000;
/** Vietnam days by day number: every Vietnam day is one fixed 24-hour span (UTC+07:00 all year, vietnam-time.ts). */
const DAY_NAMES = new Map<number, string>();

/** vietnamDay of an instant given in milliseconds, each day's name computed once (the report step asks it per item). */
export function vietnamDayOf(ms: number): string {
  const n = Math.floor((ms + OFFSET_MS) / DAY_MS);
  let day = DAY_NAMES.get(n);
  if (day === undefined) DAY_NAMES.set(n, (day = vietnamDay(new Date(ms))));
  return day;
}
