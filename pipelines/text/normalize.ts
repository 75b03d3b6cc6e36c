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
 * Ids of the folded words a phrase matcher registered (pipelines/text/phrases.ts):
 * folding a text also yields, for each word, its id here (0 for a word no
 * matcher knows), so that matching compares small integers instead of looking
 * every word up by its characters. Only registered words get an id, so the
 * table is as large as the lexicons, whatever the texts.
 */
const REGISTERED = new Map<string, number>();
/** Set when a word is registered: the ids cached in the token table are then looked up again. */
let idsStale = false;

/** The id of a folded word ("cai"), registering it when it has none. */
export function registerWord(folded: string): number {
  let id = REGISTERED.get(folded);
  if (id === undefined) {
    REGISTERED.set(folded, (id = REGISTERED.size + 1));
    idsStale = true;
  }
  return id;
}

/** The id of a folded word, or 0 when no matcher registered it. */
export function wordId(folded: string): number {
  return REGISTERED.get(folded) ?? 0;
}

/**
 * Folded words of the raw tokens already seen: text repeats its words, so a
 * token is folded once per process. An open-addressing table keyed by the
 * token's characters, probed while the text is scanned, so a token seen
 * before costs no allocation at all and yields the same (interned) string
 * and its registered id. SLOT holds, per slot, the raw token's hash (0 marks
 * an empty slot; a token hashing to 0 is stored as 1) and its entry number;
 * entries are numbered in order of first sight, so the common tokens' data
 * (ENTRY: offset of the raw characters in POOL, length, registered id; and
 * FOLDED) sit together in a few cache lines.
 */
const SLOTS = 1 << 15;
const MAX_ENTRIES = Math.floor(SLOTS * 0.6);
let SLOT = new Int32Array(SLOTS * 2);
const ENTRY = new Int32Array(MAX_ENTRIES * 4);
const E_OFFSET = 0;
const E_LENGTH = 1;
const E_ID = 2;
const FOLDED: string[] = new Array(MAX_ENTRIES).fill("");
let POOL = new Uint16Array(SLOTS * 8);
let used = 0;
let entries = 0;

/** Look the registered id of every stored token up again (after words were registered). */
function refreshIds(): void {
  for (let e = 0; e < entries; e++) ENTRY[e * 4 + E_ID] = REGISTERED.get(FOLDED[e]) ?? 0;
  idsStale = false;
}

/** The slow path: fold a token not in the table and store it; returns its entry. */
function addToken(table: Uint8Array, text: string, start: number, end: number, h: number): number {
  let w = "";
  for (let i = start; i < end; i++) {
    const f = table[text.charCodeAt(i)];
    if (f !== DROP) w += String.fromCharCode(f);
  }
  const len = end - start;
  if (entries >= MAX_ENTRIES) {
    SLOT = new Int32Array(SLOTS * 2);
    used = 0;
    entries = 0;
  }
  if (used + len > POOL.length) {
    const bigger = new Uint16Array(Math.max(POOL.length * 2, used + len));
    bigger.set(POOL);
    POOL = bigger;
  }
  let slot = h & (SLOTS - 1);
  while (SLOT[slot * 2] !== 0) slot = (slot + 1) & (SLOTS - 1);
  for (let k = 0; k < len; k++) POOL[used + k] = text.charCodeAt(start + k);
  const e = entries++;
  SLOT[slot * 2] = h;
  SLOT[slot * 2 + 1] = e;
  ENTRY[e * 4 + E_OFFSET] = used;
  ENTRY[e * 4 + E_LENGTH] = len;
  ENTRY[e * 4 + E_ID] = REGISTERED.get(w) ?? 0;
  FOLDED[e] = w;
  used += len;
  return e;
}

/** The entry of the token text[start, end), whose hash is h (never 0). */
function tokenEntry(table: Uint8Array, text: string, start: number, end: number, h: number): number {
  const len = end - start;
  let slot = h & (SLOTS - 1);
  for (;;) {
    const sh = SLOT[slot * 2];
    if (sh === 0) return addToken(table, text, start, end, h);
    if (sh === h) {
      const e = SLOT[slot * 2 + 1] * 4;
      if (ENTRY[e + E_LENGTH] === len) {
        const off = ENTRY[e + E_OFFSET];
        let k = 0;
        while (k < len && POOL[off + k] === text.charCodeAt(start + k)) k++;
        if (k === len) return e >> 2;
      }
    }
    slot = (slot + 1) & (SLOTS - 1);
  }
}

/** Append the folded word of text[start, end) (hash h) and its id, unless it folds to nothing. */
function pushToken(table: Uint8Array, text: string, start: number, end: number, h: number, words: string[], ids: number[] | null): void {
  const e = tokenEntry(table, text, start, end, h || 1);
  const w = FOLDED[e];
  if (!w) return;
  words.push(w);
  if (ids) ids.push(ENTRY[e * 4 + E_ID]);
}

/**
 * Fold text[from, to) onto words (and ids): each maximal run of word
 * characters is hashed as it is scanned and folded through the token table.
 * With `clean`, stops and returns false at whitespace foldBody's general path
 * would rewrite (an odd space character, two spaces, a space at either end).
 */
function foldSpan(text: string, from: number, to: number, words: string[], ids: number[] | null, clean: boolean): boolean {
  const table = (FOLD ??= foldTable());
  if (ids && idsStale) refreshIds();
  let i = from;
  while (i < to) {
    let c = text.charCodeAt(i);
    if ((c < 0x1f00 ? table[c] : BREAK) === BREAK) {
      if (clean && (c === 32 ? i === from || text.charCodeAt(i - 1) === 32 : (c < 33 || c >= 0xa0) && isOddSpace(c))) return false;
      i++;
      continue;
    }
    const start = i;
    let h = 0x811c9dc5 | 0;
    do {
      h = Math.imul(h ^ c, 0x01000193);
      if (++i === to) break;
      c = text.charCodeAt(i);
    } while ((c < 0x1f00 ? table[c] : BREAK) !== BREAK);
    pushToken(table, text, start, i, h, words, ids);
  }
  return !(clean && to > from && text.charCodeAt(to - 1) === 32);
}

/**
 * The folded words of a text, in one pass: diacritic-folded, lower-case, split
 * on every run of non-alphanumerics. "Sở Tư pháp, Tây Ninh" → ["so", "tu",
 * "phap", "tay", "ninh"]. This is the classifier's, the clusterer's and the
 * attribution's hot path.
 */
export function foldWords(text: string): string[] {
  const out: string[] = [];
  foldSpan(text, 0, text.length, out, null, false);
  return out;
}

/** Folded words with, for each, its registered id (see registerWord). */
export interface FoldedWords {
  words: string[];
  ids: number[];
}

/** foldWords(text) with the words' registered ids. */
export function foldWordsWithIds(text: string): FoldedWords {
  const words: string[] = [];
  const ids: number[] = [];
  foldSpan(text, 0, text.length, words, ids, false);
  return { words, ids };
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
  const words = foldWords(line);
  return isBoilerplateFolded(line.length, words, 0);
}

/**
 * The boilerplate rule on a line already folded: a line of `length`
 * characters whose words are words[from…] is furniture when it is at most 160
 * characters long and has no word or a folded form that BOILERPLATE matches.
 */
function isBoilerplateFolded(length: number, words: string[], from: number): boolean {
  if (length > 160) return false;
  if (words.length === from) return true;
  let key = words[from];
  for (let i = from + 1; i < words.length; i++) key += ` ${words[i]}`;
  return BOILERPLATE.some((re) => re.test(key));
}

/**
 * Clean an article body for classification: NFC, whitespace folded within each
 * line, boilerplate lines and empty lines dropped, lines joined by "\n".
 * (Every run of whitespace becomes one space, or one line break when it holds
 * one; the text is NFC once, so its lines are.)
 */
export function normalizeBody(text: string): string {
  return foldBody(text).body;
}

/** An article body normalised (normalizeBody) and folded (foldWords of it, with ids), in one pass. */
export interface FoldedBody extends FoldedWords {
  body: string;
}

/**
 * normalizeBody(text) and foldWordsWithIds of it, computed together: each line
 * is folded once, and its words both decide whether it is boilerplate and are
 * the body's words. Most crawled text is already clean (single spaces, bare
 * line breaks): it is then scanned once, and the body is the text itself when
 * no line is dropped.
 */
export function foldBody(text: string): FoldedBody {
  const nfc = text.normalize("NFC");
  const words: string[] = [];
  const ids: number[] = [];
  const body = foldCleanBody(nfc, words, ids);
  if (body !== null) return { body, words, ids };
  words.length = 0;
  ids.length = 0;
  const lines = nfc.replace(/[\s\u00a0\u200b]+/g, (run) => (run.includes("\n") ? "\n" : " ")).split("\n");
  let out = "";
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const mark = words.length;
    foldSpan(line, 0, line.length, words, ids, false);
    if (isBoilerplateFolded(line.length, words, mark)) {
      words.length = mark;
      ids.length = mark;
    } else out = out ? `${out}\n${line}` : line;
  }
  return { body: out, words, ids };
}

/**
 * The one-pass path of foldBody for a text whose whitespace needs no cleaning:
 * folds it line by line onto words/ids, drops the lines normalizeBody drops,
 * and returns the body, or null as soon as it sees whitespace the general path
 * would rewrite (an odd space character, two spaces, a space next to a line
 * break or at either end).
 */
function foldCleanBody(nfc: string, words: string[], ids: number[]): string | null {
  const n = nfc.length;
  let out: string | null = null; // the body so far, once a line was dropped (until then: nfc[0, keptEnd))
  let keptEnd = 0;
  for (let lineStart = 0; ; ) {
    let end = nfc.indexOf("\n", lineStart);
    if (end < 0) end = n;
    const mark = words.length;
    if (!foldSpan(nfc, lineStart, end, words, ids, true)) return null;
    const length = end - lineStart;
    if (length > 0 && !isBoilerplateFolded(length, words, mark)) {
      if (out === null) keptEnd = end; // every line so far kept: the body is nfc up to here
      else out = out ? `${out}\n${nfc.slice(lineStart, end)}` : nfc.slice(lineStart, end);
    } else {
      if (out === null) out = nfc.slice(0, keptEnd);
      words.length = mark;
      ids.length = mark;
    }
    if (end === n) break;
    lineStart = end + 1;
  }
  return out ?? nfc.slice(0, keptEnd);
}

/** Whitespace foldBody's regex folds besides " " and "\n" (\s, U+00A0 and U+200B). */
function isOddSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13 && c !== 10) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
