/**
 * Asia/Ho_Chi_Minh time, pure. Vietnam has used UTC+07:00 without daylight
 * saving since 1975, so a fixed offset is exact for every date this product sees.
 */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;
export const VIETNAM_TZ = "Asia/Ho_Chi_Minh";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Wall-clock parts of an instant in Asia/Ho_Chi_Minh. */
export function vietnamParts(instant: Date) {
  const shifted = new Date(instant.getTime() + VIETNAM_OFFSET_MINUTES * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

/** ISO 8601 with the +07:00 offset, e.g. 2023-12-25T21:47:00+07:00. */
export function toVietnamIso(instant: Date): string {
  const p = vietnamParts(instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}+07:00`;
}

/** The instant of a wall-clock time in Asia/Ho_Chi_Minh; null if the parts are not a real date. */
export function fromVietnamWallClock(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): Date | null {
  if (![year, month, day, hour, minute, second].every(Number.isInteger)) return null;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 || hour < 0 || minute < 0 || second < 0) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return new Date(utc - VIETNAM_OFFSET_MINUTES * 60_000);
}

/** Calendar quarter (1–4) of an instant, in Asia/Ho_Chi_Minh. */
export function vietnamQuarter(instant: Date): { year: number; quarter: number } {
  const p = vietnamParts(instant);
  return { year: p.year, quarter: Math.floor((p.month - 1) / 3) + 1 };
}
