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
/** Bumped when a word is registered: a token folded before looks its id up again. */
let generation = 1;

/** The id of a folded word ("cai"), registering it when it has none. */
export function registerWord(folded: string): number {
  let id = REGISTERED.get(folded);
  if (id === undefined) {
    REGISTERED.set(folded, (id = REGISTERED.size + 1));
    generation++;
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
 * and its registered id.
 */
const SLOTS = 1 << 15;
const MAX_ENTRIES = SLOTS * 0.6;
let FOLDED: string[] = new Array(SLOTS).fill("");
/** Hash of the raw token in each slot; 0 marks an empty slot (a token hashing to 0 is stored as 1). */
let HASH = new Int32Array(SLOTS);
/** The raw token of each slot: its characters at POOL[OFFSET[slot]…], LENGTH[slot] of them. */
let OFFSET = new Int32Array(SLOTS);
let LENGTH = new Int32Array(SLOTS);
/** The registered id of each slot's folded word, valid when GEN[slot] is the current generation. */
let ID = new Int32Array(SLOTS);
let GEN = new Int32Array(SLOTS);
let POOL = new Uint16Array(SLOTS * 8);
let used = 0;
let entries = 0;

/** The slow path: fold a token not in the table and store it; returns its slot. */
function addToken(table: Uint8Array, text: string, start: number, end: number, h: number): number {
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
      ID = new Int32Array(SLOTS);
      GEN = new Int32Array(SLOTS);
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
  GEN[slot] = 0;
  entries++;
  return slot;
}

/** The slot of the token text[start, end), whose hash is h (never 0). */
function tokenSlot(table: Uint8Array, text: string, start: number, end: number, h: number): number {
  const len = end - start;
  let slot = h & (SLOTS - 1);
  for (;;) {
    const sh = HASH[slot];
    if (sh === 0) return addToken(table, text, start, end, h);
    if (sh === h && LENGTH[slot] === len) {
      const off = OFFSET[slot];
      let k = 0;
      while (k < len && POOL[off + k] === text.charCodeAt(start + k)) k++;
      if (k === len) return slot;
    }
    slot = (slot + 1) & (SLOTS - 1);
  }
}

/** Append the folded word of text[start, end) (hash h) and its id, unless it folds to nothing. */
function pushToken(table: Uint8Array, text: string, start: number, end: number, h: number, words: string[], ids: number[] | null): void {
  const slot = tokenSlot(table, text, start, end, h || 1);
  const w = FOLDED[slot];
  if (!w) return;
  words.push(w);
  if (ids) {
    if (GEN[slot] !== generation) {
      ID[slot] = REGISTERED.get(w) ?? 0;
      GEN[slot] = generation;
    }
    ids.push(ID[slot]);
  }
}

/**
 * Fold text[from, to) onto words (and ids): each maximal run of word
 * characters is hashed as it is scanned and folded through the token table.
 */
function foldRange(text: string, from: number, to: number, words: string[], ids: number[] | null): void {
  const table = (FOLD ??= foldTable());
  let start = -1;
  let h = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x1f00 ? table[c] : BREAK) === BREAK) {
      if (start >= 0) {
        pushToken(table, text, start, i, h, words, ids);
        start = -1;
      }
    } else {
      if (start < 0) {
        start = i;
        h = 0x811c9dc5 | 0;
      }
      h = Math.imul(h ^ c, 0x01000193);
    }
  }
  if (start >= 0) pushToken(table, text, start, to, h, words, ids);
}

/**
 * The folded words of a text, in one pass: diacritic-folded, lower-case, split
 * on every run of non-alphanumerics. "Sở Tư pháp, Tây Ninh" → ["so", "tu",
 * "phap", "tay", "ninh"]. This is the classifier's, the clusterer's and the
 * attribution's hot path.
 */
export function foldWords(text: string): string[] {
  const out: string[] = [];
  foldRange(text, 0, text.length, out, null);
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
  foldRange(text, 0, text.length, words, ids);
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
    foldRange(line, 0, line.length, words, ids);
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
  const table = (FOLD ??= foldTable());
  const n = nfc.length;
  let out: string | null = null; // the body so far, once a line was dropped (until then: nfc[0, keptEnd))
  let keptEnd = 0;
  let lineStart = 0;
  let lineMark = 0;
  let start = -1;
  let h = 0;
  let prev = 10;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? nfc.charCodeAt(i) : 10;
    if ((c < 0x1f00 ? table[c] : BREAK) !== BREAK) {
      if (start < 0) {
        start = i;
        h = 0x811c9dc5 | 0;
      }
      h = Math.imul(h ^ c, 0x01000193);
      prev = c;
      continue;
    }
    if (start >= 0) {
      pushToken(table, nfc, start, i, h, words, ids);
      start = -1;
    }
    if (c === 32) {
      if (prev === 32 || prev === 10) return null;
    } else if (c === 10) {
      if (prev === 32) return null;
      // The end of a line: nfc[lineStart, i), already trimmed.
      const length = i - lineStart;
      if (length > 0 && !isBoilerplateFolded(length, words, lineMark)) {
        if (out === null) keptEnd = i; // every line so far kept: the body is nfc up to here
        else out = out ? `${out}\n${nfc.slice(lineStart, i)}` : nfc.slice(lineStart, i);
      } else {
        if (out === null) out = nfc.slice(0, keptEnd);
        words.length = lineMark;
        ids.length = lineMark;
      }
      lineStart = i + 1;
      lineMark = words.length;
    } else if ((c < 33 || c >= 0xa0) && isOddSpace(c)) return null;
    prev = c;
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
