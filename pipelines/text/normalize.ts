/**
 * Text normalisation for matching: Unicode NFC, case folding, a diacritic-folded
 * form (đ → d) so that text whose diacritics were lost (OCR copies, ASCII slugs)
 * still matches, whitespace / punctuation clean-up and boilerplate-line removal.
 * Everything here is pure.
 */

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

/**
 * Folded form of each UTF-16 code unit up to U+1EFF (Latin + Vietnamese), as a
 * char code: a-z/0-9, DROP for a combining mark (it vanishes inside a word),
 * BREAK (a space) otherwise. Everything from U+1F00 on is a BREAK.
 */
const DROP = 0;
const BREAK = 32;
let FOLD: Uint8Array | null = null;

function foldTable(): Uint8Array {
  const table = new Uint8Array(0x1f00).fill(BREAK);
  for (let c = 0; c < 0x1f00; c++) {
    if (c >= 0x300 && c <= 0x36f) {
      table[c] = DROP;
      continue;
    }
    const f = foldDiacritics(String.fromCharCode(c)).toLowerCase();
    table[c] = /^[a-z0-9]$/.test(f) ? f.charCodeAt(0) : BREAK;
  }
  return table;
}

/**
 * Folded words of the raw tokens already seen: text repeats its words, so a
 * token is folded once per process. An open-addressing table keyed by the
 * token's characters, probed while the text is scanned, so a token seen
 * before costs no allocation at all and yields the same (interned) string.
 */
const SLOTS = 1 << 15;
const MAX_ENTRIES = SLOTS * 0.6;
let FOLDED: string[] = new Array(SLOTS).fill("");
/** Hash of the raw token in each slot; 0 marks an empty slot (a token hashing to 0 is stored as 1). */
let HASH = new Int32Array(SLOTS);
/** The raw token of each slot: its characters at POOL[OFFSET[slot]…], LENGTH[slot] of them. */
let OFFSET = new Int32Array(SLOTS);
let LENGTH = new Int32Array(SLOTS);
let POOL = new Uint16Array(SLOTS * 8);
let used = 0;
let entries = 0;
/** The characters of the token being scanned (tokens longer than this are compared on the text itself). */
const SCRATCH = new Uint16Array(64);

/** The slow path: fold a token not in the table and store it. */
function addToken(table: Uint8Array, text: string, start: number, end: number, h: number): string {
  let w = "";
  for (let i = start; i < end; i++) {
    const f = table[text.charCodeAt(i)];
    if (f !== DROP) w += String.fromCharCode(f);
  }
  const len = end - start;
  if (entries >= MAX_ENTRIES || used + len > POOL.length) {
    if (entries < MAX_ENTRIES) {
      const bigger = new Uint16Array(Math.max(POOL.length * 2, used + len));
      bigger.set(POOL);
      POOL = bigger;
    } else {
      FOLDED = new Array(SLOTS).fill("");
      HASH = new Int32Array(SLOTS);
      OFFSET = new Int32Array(SLOTS);
      LENGTH = new Int32Array(SLOTS);
      used = 0;
      entries = 0;
    }
  }
  let slot = h & (SLOTS - 1);
  while (HASH[slot] !== 0) slot = (slot + 1) & (SLOTS - 1);
  for (let k = 0; k < len; k++) POOL[used + k] = text.charCodeAt(start + k);
  OFFSET[slot] = used;
  LENGTH[slot] = len;
  used += len;
  FOLDED[slot] = w;
  HASH[slot] = h;
  entries++;
  return w;
}

/** The folded word of text[start, end), whose hash is h (never 0). */
function foldToken(table: Uint8Array, text: string, start: number, end: number, h: number): string {
  const len = end - start;
  let slot = h & (SLOTS - 1);
  for (;;) {
    const sh = HASH[slot];
    if (sh === 0) return addToken(table, text, start, end, h);
    if (sh === h && LENGTH[slot] === len) {
      const off = OFFSET[slot];
      let k = 0;
      if (len <= 64) while (k < len && POOL[off + k] === SCRATCH[k]) k++;
      else while (k < len && POOL[off + k] === text.charCodeAt(start + k)) k++;
      if (k === len) return FOLDED[slot];
    }
    slot = (slot + 1) & (SLOTS - 1);
  }
}

/**
 * The folded words of a text, in one pass: diacritic-folded, lower-case, split
 * on every run of non-alphanumerics. "Sở Tư pháp, Tây Ninh" → ["so", "tu",
 * "phap", "tay", "ninh"]. This is the classifier's, the clusterer's and the
 * attribution's hot path: each maximal run of word characters is hashed as it
 * is scanned and folded through the token table.
 */
export function foldWords(text: string): string[] {
  const table = (FOLD ??= foldTable());
  const out: string[] = [];
  let start = -1;
  let h = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x1f00 ? table[c] : BREAK) === BREAK) {
      if (start >= 0) {
        const w = foldToken(table, text, start, i, h || 1);
        if (w) out.push(w);
        start = -1;
      }
    } else {
      if (start < 0) {
        start = i;
        h = 0x811c9dc5 | 0;
      }
      SCRATCH[(i - start) & 63] = c;
      h = Math.imul(h ^ c, 0x01000193);
    }
  }
  if (start >= 0) {
    const w = foldToken(table, text, start, n, h || 1);
    if (w) out.push(w);
  }
  return out;
}

/**
 * The matching key of a text: diacritic-folded, lower-case, every run of
 * non-alphanumerics one space, padded with one space on each side so that a
 * term " cai cach " matches whole words only. "Cải cách (CCHC)!" → " cai cach cchc ".
 */
export function matchKey(text: string): string {
  const words = foldWords(text);
  return words.length ? ` ${words.join(" ")} ` : " ";
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
  const key = foldWords(line).join(" ");
  if (!key) return true;
  return BOILERPLATE.some((re) => re.test(key));
}

/**
 * Clean an article body for classification: NFC, whitespace folded within each
 * line, boilerplate lines and empty lines dropped, lines joined by "\n".
 * (Every run of whitespace becomes one space, or one line break when it holds
 * one; the text is NFC once, so its lines are.)
 */
export function normalizeBody(text: string): string {
  const nfc = text.normalize("NFC");
  // Most crawled text is already clean (single spaces, bare line breaks): no need to rebuild it.
  const lines = UNCLEAN_SPACE.test(nfc) ? nfc.replace(/[\s\u00a0\u200b]+/g, (run) => (run.includes("\n") ? "\n" : " ")).split("\n") : nfc.split("\n");
  let out = "";
  for (const raw of lines) {
    const line = raw.trim();
    if (line.length > 0 && !isBoilerplateLine(line)) out = out ? `${out}\n${line}` : line;
  }
  return out;
}

/** Whitespace that normalizeBody must rewrite: anything but single spaces inside lines and bare line breaks. */
const UNCLEAN_SPACE = /[\t\v\f\r\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]| [ \n]|\n |^ | $/;
