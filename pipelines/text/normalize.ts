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
 * BREAK (a space) otherwise, plus NOT_INERT when the code unit may make a
 * text other than NFC (see isNfcInert). Everything from U+1F00 on is a BREAK.
 */
const DROP = 0;
const BREAK = 32;
const NOT_INERT = 0x80;
let FOLD: Uint8Array | null = null;

function foldTable(): Uint8Array {
  const table = new Uint8Array(0x1f00).fill(BREAK);
  for (let c = 0; c < 0x1f00; c++) {
    let f = BREAK;
    if (c >= 0x300 && c <= 0x36f) f = DROP;
    else {
      const s = foldDiacritics(String.fromCharCode(c)).toLowerCase();
      if (/^[a-z0-9]$/.test(s)) f = s.charCodeAt(0);
    }
    table[c] = isNfcInert(c) ? f : f | NOT_INERT;
  }
  return table;
}

/**
 * Does a UTF-16 code unit leave a text in NFC? A text made only of such code
 * units is NFC already, so that normalize("NFC") (a tenth of the fold) is
 * skipped for it: Unicode's NFC quick check answers "yes" for a text whose
 * characters all have NFC_Quick_Check = Yes and combining class 0. Not inert:
 * a surrogate (astral text is left to normalize), a mark (\p{M}: every
 * character with a non-zero combining class, and every NFC_Quick_Check =
 * Maybe character but the conjoining Hangul jamo), the conjoining jamo
 * U+1100–U+11FF, and a character NFC changes on its own (NFC_Quick_Check =
 * No). test/text/one-pass-fold.test.ts checks the claim on every code point.
 */
export function isNfcInert(c: number): boolean {
  if ((c >= 0xd800 && c <= 0xdfff) || (c >= 0x1100 && c <= 0x11ff)) return false;
  const s = String.fromCharCode(c);
  return !/\p{M}/u.test(s) && s.normalize("NFC") === s;
}

/** isNfcInert from U+1F00 on, computed on first sight: 0 not yet known, 1 inert, 2 not. */
const HIGH_INERT = new Uint8Array(0x10000 - 0x1f00);
function highInert(c: number): boolean {
  let k = HIGH_INERT[c - 0x1f00];
  if (k === 0) HIGH_INERT[c - 0x1f00] = k = isNfcInert(c) ? 1 : 2;
  return k === 1;
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
 * FNV-1a of a folded word's characters, as an unsigned 32-bit number: the
 * clusterer's word hash (pipelines/dedupe/cluster.ts), stored with each token
 * (see the token table) so that a folded text comes with its words' hashes.
 */
export function wordHash(w: string): number {
  let h = 0x811c9dc5;
  for (let c = 0; c < w.length; c++) h = Math.imul(h ^ w.charCodeAt(c), 0x01000193);
  return h >>> 0;
}

/**
 * Folded words of the raw tokens already seen: text repeats its words, so a
 * token is folded once per process. An open-addressing table keyed by the
 * token's characters, probed while the text is scanned, so a token seen
 * before costs no allocation at all and yields the same (interned) string,
 * its registered id and its hash. A slot is one 32-bit number (0: empty): the
 * entry number + 1 in its low ENTRY_BITS, the token's hash above them (its
 * bits the slot number does not give), so that the probed table is 128 KB.
 * Each entry is a 32-byte record, everything a lookup reads in one place (one
 * cache line): the token's length, its registered id (-1 for a token that
 * folds to nothing, e.g. a lone combining mark), its folded word's wordHash,
 * and its code units when they are at most INLINE (else their offset in
 * POOL). Entries are numbered in order of first sight, so the common tokens'
 * records and folded strings (FOLDED) sit together in a few cache lines.
 */
const SLOTS = 1 << 15;
const MASK = SLOTS - 1;
const MAX_ENTRIES = Math.floor(SLOTS * 0.6);
/** Bits of a slot holding the entry number + 1 (MAX_ENTRIES < 2^ENTRY_BITS); the hash's bits above. */
const ENTRY_BITS = 15;
const ENTRY_MASK = (1 << ENTRY_BITS) - 1;
const SLOT = new Int32Array(SLOTS);
const INLINE = 8;
/** Int32 offsets in an entry's record (8 of them, from e << 3). */
const R_LENGTH = 0;
const R_ID = 1;
const R_HASH = 2;
/** The inline code units (Uint16 offset × 2), or the POOL offset of a longer token. */
const R_CHARS = 4;
const RECORDS = new ArrayBuffer(MAX_ENTRIES * 32);
const R32 = new Int32Array(RECORDS);
const R16 = new Uint16Array(RECORDS);
const FOLDED: string[] = new Array(MAX_ENTRIES).fill("");
/** Each entry's raw token as a string, made when first asked for (tokenRaw), else "". */
const RAW: string[] = new Array(MAX_ENTRIES).fill("");
let POOL = new Uint16Array(1 << 16);
let used = 0;
let entries = 0;

/** Look the registered id of every stored token up again (after words were registered). */
function refreshIds(): void {
  for (let e = 0; e < entries; e++) R32[(e << 3) + R_ID] = FOLDED[e] ? (REGISTERED.get(FOLDED[e]) ?? 0) : -1;
  idsStale = false;
}

/**
 * The slow path: fold the token t[start, end) (hash h), not in the table, and
 * store it in `slot` (empty); returns its entry. The fold keeps each code
 * unit's letter or digit, dropping marks and breaks: foldSpan's tokens hold no
 * break, and a word of tokenEntry's folds as foldWords(word).join("").
 */
function addToken(table: Uint8Array, t: Uint16Array, start: number, end: number, h: number, slot: number): number {
  let w = "";
  for (let i = start; i < end; i++) {
    const c = t[i];
    const f = c < 0x1f00 ? table[c] & ~NOT_INERT : BREAK;
    if (f !== DROP && f !== BREAK) w += String.fromCharCode(f);
  }
  const len = end - start;
  if (entries >= MAX_ENTRIES) {
    SLOT.fill(0);
    used = 0;
    entries = 0;
    slot = h & MASK;
  }
  const e = entries++;
  const r = e << 3;
  if (len <= INLINE) {
    const r16 = (r + R_CHARS) << 1;
    for (let k = 0; k < len; k++) R16[r16 + k] = t[start + k];
  } else {
    if (used + len > POOL.length) {
      const bigger = new Uint16Array(Math.max(POOL.length * 2, used + len));
      bigger.set(POOL);
      POOL = bigger;
    }
    for (let k = 0; k < len; k++) POOL[used + k] = t[start + k];
    R32[r + R_CHARS] = used;
    used += len;
  }
  SLOT[slot] = (h & ~ENTRY_MASK) | (e + 1);
  R32[r + R_LENGTH] = len;
  R32[r + R_ID] = w ? (REGISTERED.get(w) ?? 0) : -1;
  R32[r + R_HASH] = wordHash(w);
  FOLDED[e] = w;
  RAW[e] = "";
  return e;
}

/** The entry of the token t[start, end), whose hash is h, added when new. */
function tokenSlot(table: Uint8Array, t: Uint16Array, start: number, end: number, h: number): number {
  const len = end - start;
  const tag = h & ~ENTRY_MASK;
  let slot = h & MASK;
  for (;;) {
    const v = SLOT[slot];
    if (v === 0) return addToken(table, t, start, end, h, slot);
    if ((v & ~ENTRY_MASK) === tag) {
      const e = (v & ENTRY_MASK) - 1;
      const r = e << 3;
      if (R32[r + R_LENGTH] === len) {
        let k = 0;
        if (len <= INLINE) {
          const r16 = (r + R_CHARS) << 1;
          while (k < len && R16[r16 + k] === t[start + k]) k++;
        } else {
          const off = R32[r + R_CHARS];
          while (k < len && POOL[off + k] === t[start + k]) k++;
        }
        if (k === len) return e;
      }
    }
    slot = (slot + 1) & MASK;
  }
}

/**
 * The token table's entry for the raw word t[start, end) (attribution's
 * tokens: a run of letters, digits and marks, pipelines/attribute), added when
 * new: its folded form (tokenFold: foldWords(word).join(""), "" when it folds
 * to nothing), registered id (tokenId) and raw string (tokenRaw) are then read
 * without any allocation. Valid until the next fold or tokenEntry call.
 */
export function tokenEntry(t: Uint16Array, start: number, end: number): number {
  let h = TOKEN_HASH_START;
  for (let i = start; i < end; i++) h = tokenHashStep(h, t[i]);
  return tokenEntryHashed(t, start, end, h);
}

/**
 * The token table's hash of a raw token, one code unit at a time (FNV-1a: foldSpan's and tokenEntry's), so that a
 * caller scanning a token's code units hashes them as it goes (tokenEntryHashed).
 */
export const TOKEN_HASH_START = 0x811c9dc5 | 0;
export const tokenHashStep = (h: number, unit: number): number => Math.imul(h ^ unit, 0x01000193);

/** tokenEntry(t, start, end) when h is the token's hash (tokenHashStep from TOKEN_HASH_START over t[start, end)). */
export function tokenEntryHashed(t: Uint16Array, start: number, end: number, h: number): number {
  const table = (FOLD ??= foldTable());
  if (idsStale) refreshIds();
  return tokenSlot(table, t, start, end, h);
}

/** The folded form of a tokenEntry entry. */
export const tokenFold = (e: number): string => FOLDED[e];
/** The registered id of a tokenEntry entry (0: none; -1: it folds to nothing). */
export const tokenId = (e: number): number => R32[(e << 3) + R_ID];
/** The raw token of a tokenEntry entry, `text.slice(start, start + length)` made once per entry. */
export function tokenRaw(e: number, text: string, start: number): string {
  let raw = RAW[e];
  if (raw === "") RAW[e] = raw = text.slice(start, start + R32[(e << 3) + R_LENGTH]);
  return raw;
}

/**
 * The words being folded, and their ids: WORDS[k] and IDS[k] for k < count,
 * copied out when the text is done (one slice each, instead of a push per
 * word). Grown when a text has more words.
 */
let WORDS: string[] = new Array(4096).fill("");
let IDS = new Int32Array(4096);
let HASHES = new Uint32Array(4096);
let count = 0;

/** The words folded so far, as an array of their own. */
const wordsSoFar = (): string[] => WORDS.slice(0, count);

/**
 * Buffers a caller reuses for the ids and hashes of its folds (foldBody's and
 * foldWordsWithIds' `into`), so that a fold allocates no typed arrays: the
 * ids and hashes returned are then views of these, valid until the next fold
 * into the same buffers. Grown when a text has more words.
 */
export class FoldBuffers {
  ids = new Int32Array(1024);
  hashes = new Uint32Array(1024);
}

/** The words folded so far with their ids and hashes: arrays of their own, or views of `into`'s buffers. */
function foldedSoFar(into: FoldBuffers | undefined): FoldedWords {
  if (!into) return { words: wordsSoFar(), ids: IDS.slice(0, count), hashes: HASHES.slice(0, count) };
  if (into.ids.length < count) {
    into.ids = new Int32Array(count * 2);
    into.hashes = new Uint32Array(count * 2);
  }
  into.ids.set(IDS.subarray(0, count));
  into.hashes.set(HASHES.subarray(0, count));
  return { words: wordsSoFar(), ids: into.ids.subarray(0, count), hashes: into.hashes.subarray(0, count) };
}

/**
 * The code units of the text being folded: one native copy (Buffer.write) of
 * the string, after which every read is a plain typed-array load (charCodeAt
 * on a string checks its representation on every call). Exported for
 * tokenEntry's callers: valid until the next call of any function here.
 */
let UNITS = Buffer.allocUnsafeSlow(1 << 16);
let U16 = new Uint16Array(UNITS.buffer, 0, UNITS.length >> 1);

export function unitsOf(text: string): Uint16Array {
  unitsFor(text.length);
  UNITS.write(text, 0, "utf16le");
  return U16;
}

/** UNITS and U16, grown to hold at least `length` code units. */
function unitsFor(length: number): void {
  if (length > U16.length) {
    UNITS = Buffer.allocUnsafeSlow(length * 4);
    U16 = new Uint16Array(UNITS.buffer, 0, UNITS.length >> 1);
  }
}

/**
 * Decode the UTF-8 bytes[start, end) into U16 (the code units every fold
 * here reads, as unitsOf would write them for the decoded string): the
 * number of code units, or -1 when the bytes are not well-formed UTF-8 (an
 * overlong form, a surrogate, a truncated sequence, …), which the callers
 * leave to TextDecoder (its replacement characters); a leading byte order
 * mark is skipped, as TextDecoder does. A JavaScript loop over
 * the bytes is ~1.6× faster than Node 20's TextDecoder on Vietnamese text
 * (most of whose letters are 2 or 3 bytes), and the string, when one is
 * needed, is then a copy of the units (unitsText).
 */
function decodeUnits(bytes: Uint8Array, start: number, end: number): number {
  unitsFor(end - start);
  const u = U16;
  let j = 0;
  // TextDecoder drops a leading byte order mark.
  let i = end - start >= 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf ? start + 3 : start;
  while (i < end) {
    const c = bytes[i];
    if (c < 0x80) {
      u[j++] = c;
      i++;
    } else if (c < 0xe0) {
      if (c < 0xc2 || i + 1 >= end) return -1;
      const c1 = bytes[i + 1];
      if ((c1 & 0xc0) !== 0x80) return -1;
      u[j++] = ((c & 0x1f) << 6) | (c1 & 0x3f);
      i += 2;
    } else if (c < 0xf0) {
      if (i + 2 >= end) return -1;
      const c1 = bytes[i + 1];
      const c2 = bytes[i + 2];
      if ((c1 & 0xc0) !== 0x80 || (c2 & 0xc0) !== 0x80) return -1;
      const cp = ((c & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f);
      if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) return -1;
      u[j++] = cp;
      i += 3;
    } else {
      if (c > 0xf4 || i + 3 >= end) return -1;
      const c1 = bytes[i + 1];
      const c2 = bytes[i + 2];
      const c3 = bytes[i + 3];
      if ((c1 & 0xc0) !== 0x80 || (c2 & 0xc0) !== 0x80 || (c3 & 0xc0) !== 0x80) return -1;
      const cp = ((c & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((c2 & 0x3f) << 6) | (c3 & 0x3f);
      if (cp < 0x10000 || cp > 0x10ffff) return -1;
      u[j++] = 0xd800 + ((cp - 0x10000) >> 10);
      u[j++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
      i += 4;
    }
  }
  return j;
}

/** The string of U16[0, n) (after decodeUnits): a native copy of the units. */
const unitsText = (n: number): string => UNITS.toString("utf16le", 0, n * 2);

/** The fallback decoder of bytes decodeUnits refuses: DuckDB's own (its node API decodes VARCHAR values with TextDecoder). */
const DECODER = new TextDecoder();

/** The UTF-8 bytes[start, end) as a string, as TextDecoder decodes them (decodeUnits, TextDecoder for ill-formed bytes). */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  const n = decodeUnits(bytes, start, end);
  return n < 0 ? DECODER.decode(bytes.subarray(start, end)) : unitsText(n);
}

/** What foldSpan found: the span is folded, or it stopped at whitespace to clean, or at a code unit that may not be NFC. */
const FOLDED_OK = 0;
const UNCLEAN = 1;
const NOT_NFC = 2;

/**
 * Fold the code units t[from, to) onto WORDS and IDS (from `count` on): each
 * maximal run of word characters is hashed as it is scanned and folded
 * through the token table. With `clean`, stops and returns UNCLEAN at
 * whitespace foldBody's general path would rewrite (an odd space character,
 * two spaces, a space at either end); with `checkNfc`, stops and returns
 * NOT_NFC at a code unit that is not NFC-inert (isNfcInert).
 */
function foldSpan(t: Uint16Array, from: number, to: number, clean: boolean, checkNfc: boolean): number {
  const table = (FOLD ??= foldTable());
  if (idsStale) refreshIds();
  let words = WORDS;
  let ids = IDS;
  let hashes = HASHES;
  let k = count;
  let i = from;
  while (i < to) {
    let c = t[i];
    let f: number;
    if (c < 0x1f00) {
      f = table[c];
      if (f >= NOT_INERT) {
        if (checkNfc) return NOT_NFC;
        f -= NOT_INERT;
      }
    } else {
      if (checkNfc && !highInert(c)) return NOT_NFC;
      f = BREAK;
    }
    if (f === BREAK) {
      if (clean && (c === 32 ? i === from || t[i - 1] === 32 : (c < 33 || c >= 0xa0) && isOddSpace(c))) return UNCLEAN;
      i++;
      continue;
    }
    const start = i;
    let h = TOKEN_HASH_START;
    for (;;) {
      h = tokenHashStep(h, c);
      if (++i === to) break;
      c = t[i];
      if (c >= 0x1f00) break; // a BREAK: the outer loop reads it again
      f = table[c];
      if (f >= NOT_INERT) {
        if (checkNfc) return NOT_NFC;
        f -= NOT_INERT;
      }
      if (f === BREAK) break;
    }
    const e = tokenSlot(table, t, start, i, h);
    const r = e << 3;
    const id = R32[r + R_ID];
    if (id < 0) continue; // folds to nothing
    if (k === words.length) {
      words = WORDS = WORDS.concat(new Array(WORDS.length).fill(""));
      const bigger = new Int32Array(IDS.length * 2);
      bigger.set(IDS);
      ids = IDS = bigger;
      const more = new Uint32Array(HASHES.length * 2);
      more.set(HASHES);
      hashes = HASHES = more;
    }
    words[k] = FOLDED[e];
    ids[k] = id;
    hashes[k] = R32[r + R_HASH];
    count = ++k;
  }
  return clean && to > from && t[to - 1] === 32 ? UNCLEAN : FOLDED_OK;
}

/**
 * The folded words of a text, in one pass: diacritic-folded, lower-case, split
 * on every run of non-alphanumerics. "Sở Tư pháp, Tây Ninh" → ["so", "tu",
 * "phap", "tay", "ninh"]. This is the classifier's, the clusterer's and the
 * attribution's hot path.
 */
export function foldWords(text: string): string[] {
  count = 0;
  foldSpan(unitsOf(text), 0, text.length, false, false);
  return wordsSoFar();
}

/** Folded words with, for each, its registered id (see registerWord) and its wordHash. */
export interface FoldedWords {
  words: string[];
  ids: Int32Array;
  hashes: Uint32Array;
}

/** foldWords(text) with the words' registered ids and hashes (views of `into`'s buffers when given). */
export function foldWordsWithIds(text: string, into?: FoldBuffers): FoldedWords {
  count = 0;
  foldSpan(unitsOf(text), 0, text.length, false, false);
  return foldedSoFar(into);
}

/** A text decoded from UTF-8 (decodeUtf8) with what was folded of it. */
export type Decoded<T> = T & { text: string };

/**
 * foldWordsWithIds of the UTF-8 bytes[start, end), and the decoded text:
 * the bytes are decoded straight into the code units foldSpan reads, so the
 * words are the same as foldWordsWithIds(decodeUtf8(bytes, start, end)).
 */
export function foldWordsUtf8(bytes: Uint8Array, start: number, end: number, into?: FoldBuffers): Decoded<FoldedWords> {
  const n = decodeUnits(bytes, start, end);
  if (n < 0) {
    const text = DECODER.decode(bytes.subarray(start, end));
    return { text, ...foldWordsWithIds(text, into) };
  }
  const text = unitsText(n);
  count = 0;
  foldSpan(U16, 0, n, false, false);
  return { text, ...foldedSoFar(into) };
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
  count = 0;
  foldSpan(unitsOf(line), 0, line.length, false, false);
  return isBoilerplateFolded(line.length, 0);
}

/**
 * The boilerplate rule on a line already folded: a line of `length`
 * characters whose words are WORDS[from, count) is furniture when it is at
 * most 160 characters long and has no word or a folded form that BOILERPLATE
 * matches.
 */
function isBoilerplateFolded(length: number, from: number): boolean {
  if (length > 160) return false;
  if (count === from) return true;
  let key = WORDS[from];
  for (let i = from + 1; i < count; i++) key += ` ${WORDS[i]}`;
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

/** An article body normalised (normalizeBody) and folded (foldWords of it, with ids and hashes), in one pass. */
export interface FoldedBody extends FoldedWords {
  body: string;
}

/**
 * normalizeBody(text) and foldWordsWithIds of it, computed together: each line
 * is folded once, and its words both decide whether it is boilerplate and are
 * the body's words. Most crawled text is already clean (single spaces, bare
 * line breaks) and NFC: it is then scanned once, normalize("NFC") is not
 * called, and the body is the text itself when no line is dropped. With
 * `into`, the ids and hashes are views of its buffers (see FoldBuffers).
 */
export function foldBody(text: string, into?: FoldBuffers): FoldedBody {
  return foldBodyOf(text, false, into);
}

/**
 * foldBody of the UTF-8 bytes[start, end), and the decoded text: the bytes
 * are decoded straight into the code units foldBody folds (the same
 * foldSpan, tables and token table), and the text's string is a copy of
 * those units, of which the body is the text itself or slices, as in
 * foldBody. Equal to foldBody(decodeUtf8(bytes, start, end)), whitespace to
 * clean and text that is not NFC included (foldBody's general path, on the
 * decoded string); bytes that are not well-formed UTF-8 are decoded by
 * TextDecoder.
 */
export function foldBodyUtf8(bytes: Uint8Array, start: number, end: number, into?: FoldBuffers): Decoded<FoldedBody> {
  const n = decodeUnits(bytes, start, end);
  const text = n < 0 ? DECODER.decode(bytes.subarray(start, end)) : unitsText(n);
  return { text, ...foldBodyOf(text, n >= 0, into) };
}

/** foldBody, of a text whose code units are in U16 already when `decoded` (foldBodyUtf8). */
function foldBodyOf(text: string, decoded: boolean, into: FoldBuffers | undefined): FoldedBody {
  // Most text is NFC already, and seen to be so while it is folded: normalize("NFC") only when a code unit may need it.
  let nfc: string | null = text;
  let body = foldCleanBody(text, true, decoded ? U16 : unitsOf(text));
  if (body === NOT_NFC) {
    nfc = text.normalize("NFC");
    body = foldCleanBody(nfc, false, unitsOf(nfc));
  } else if (body === UNCLEAN) nfc = null; // stopped before the whole text was seen to be NFC
  if (typeof body === "string") return { body, ...foldedSoFar(into) };
  count = 0;
  const lines = (nfc ?? text.normalize("NFC")).replace(/[\s\u00a0\u200b]+/g, (run) => (run.includes("\n") ? "\n" : " ")).split("\n");
  let out = "";
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const mark = count;
    foldSpan(unitsOf(line), 0, line.length, false, false);
    if (isBoilerplateFolded(line.length, mark)) count = mark;
    else out = out ? `${out}\n${line}` : line;
  }
  return { body: out, ...foldedSoFar(into) };
}

/**
 * The one-pass path of foldBody for a text whose whitespace needs no cleaning:
 * folds it line by line onto WORDS and IDS (from 0), drops the lines
 * normalizeBody drops, and returns the body, or UNCLEAN as soon as it sees
 * whitespace the general path would rewrite (an odd space character, two
 * spaces, a space next to a line break or at either end), or, with
 * `checkNfc`, NOT_NFC as soon as it sees a code unit that may make the text
 * other than NFC (otherwise the text is NFC). `units` holds the text's code
 * units (unitsOf(text), or decodeUnits of its bytes).
 */
function foldCleanBody(text: string, checkNfc: boolean, units: Uint16Array): string | typeof UNCLEAN | typeof NOT_NFC {
  const n = text.length;
  count = 0;
  let out: string | null = null; // the body so far, once a line was dropped (until then: text[0, keptEnd))
  let keptEnd = 0;
  for (let lineStart = 0; ; ) {
    let end = text.indexOf("\n", lineStart);
    if (end < 0) end = n;
    const mark = count;
    const folded = foldSpan(units, lineStart, end, true, checkNfc);
    if (folded !== FOLDED_OK) return folded as typeof UNCLEAN | typeof NOT_NFC;
    const length = end - lineStart;
    if (length > 0 && !isBoilerplateFolded(length, mark)) {
      if (out === null) keptEnd = end; // every line so far kept: the body is the text up to here
      else out = out ? `${out}\n${text.slice(lineStart, end)}` : text.slice(lineStart, end);
    } else {
      if (out === null) out = text.slice(0, keptEnd);
      count = mark;
    }
    if (end === n) break;
    lineStart = end + 1;
  }
  return out ?? text.slice(0, keptEnd);
}

/** Whitespace foldBody's regex folds besides " " and "\n" (\s, U+00A0 and U+200B). */
function isOddSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13 && c !== 10) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
