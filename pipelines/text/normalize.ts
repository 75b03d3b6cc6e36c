/**
 * Text normalisation for matching: Unicode NFC, case folding, a diacritic-folded
 * form (đ → d) so that text whose diacritics were lost (OCR copies, ASCII slugs)
 * still matches, whitespace / punctuation clean-up and boilerplate-line removal.
 * Everything here is pure.
 */
import { cleanText } from "../../data-loaders/common/html-text.ts";

/** Vietnamese-aware case folding on NFC text ("ĐẨY MẠNH" → "đẩy mạnh"). */
export function foldCase(text: string): string {
  return text.normalize("NFC").toLowerCase();
}

/**
 * Remove diacritics, keeping letters and punctuation: "Sở Tư pháp" → "So Tu phap",
 * "Đ"/"đ" → "D"/"d". U+00D0 (Ð, an OCR stand-in for Đ) folds to "D" too.
 */
export function foldDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đ]/g, "d")
    .replace(/[ĐÐ]/g, "D")
    .normalize("NFC");
}

/** Folded form of each code point up to U+1EFF (Latin + Vietnamese): a-z/0-9, "" for a combining mark, " " otherwise. */
let FOLD: string[] | null = null;

function foldTable(): string[] {
  const table: string[] = new Array(0x1f00).fill(" ");
  for (let c = 0; c < 0x1f00; c++) {
    if (c >= 0x300 && c <= 0x36f) {
      table[c] = "";
      continue;
    }
    const f = foldDiacritics(String.fromCharCode(c)).toLowerCase();
    table[c] = /^[a-z0-9]$/.test(f) ? f : " ";
  }
  return table;
}

/**
 * The matching key of a text: diacritic-folded, lower-case, every run of
 * non-alphanumerics one space, padded with one space on each side so that a
 * term " cai cach " matches whole words only. "Cải cách (CCHC)!" → " cai cach cchc ".
 * One pass over a lookup table (this is the classifier's hot path).
 */
export function matchKey(text: string): string {
  const table = (FOLD ??= foldTable());
  let out = " ";
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const f = c < 0x1f00 ? table[c] : " ";
    if (f === " ") {
      if (!space) {
        out += " ";
        space = true;
      }
    } else if (f) {
      out += f;
      space = false;
    }
  }
  return space ? out : `${out} `;
}

/** Lines that are page furniture, not article text (view counters, share bars, "updated on", …). */
const BOILERPLATE: RegExp[] = [
  /^(cap nhat( ngay)?|ngay dang|dang ngay|ngay cap nhat|thoi gian dang)( luc)? \d/,
  /^(so )?luot (xem|doc|truy cap)\b/,
  /^(chia se|in bai|gui email|gui bai|ban in|tai ve|tro ve|quay lai|xem them|xem tiep|doc them)\b/,
  /^(tin lien quan|bai viet lien quan|tin khac|cac tin khac|tin moi hon|tin cu hon|cac bai khac|tin cung chuyen muc)\b/,
  /^(tags?|tu khoa|chuyen muc)\s*:?/,
  /^(facebook|zalo|twitter|google news|google)\b/,
  /\btren google news$/,
  /^(dang nhap|dang ky|trang chu|lien he|so do site)$/,
  /^(anh|video|clip)$/,
];

/** Is this (single) line page furniture? Decided on its folded form. */
export function isBoilerplateLine(line: string): boolean {
  if (line.length > 160) return false;
  const key = matchKey(line).trim();
  if (!key) return true;
  return BOILERPLATE.some((re) => re.test(key));
}

/**
 * Clean an article body for classification: NFC, whitespace folded within each
 * line, boilerplate lines and empty lines dropped, lines joined by "\n".
 */
export function normalizeBody(text: string): string {
  return text
    .normalize("NFC")
    .split(/\r?\n/)
    .map((line) => cleanText(line))
    .filter((line) => line.length > 0 && !isBoilerplateLine(line))
    .join("\n");
}
