/**
 * The one-pass fold (foldWords, matchKey, normalizeBody of pipelines/text)
 * gives exactly what the previous implementations gave. The oracle below is
 * that previous code, kept here as the specification: a key string built
 * character by character from a table of strings, split on spaces; a body
 * cleaned line by line.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  foldBody, foldDiacritics, foldWords, foldWordsWithIds, isBoilerplateLine, isNfcInert, matchKey, normalizeBody, registerWord, tokenEntry, tokenFold, tokenId,
  tokenRaw, unitsOf, wordId,
} from "../../pipelines/text/normalize.ts";
import { foldedWords, PhraseTrie } from "../../pipelines/text/phrases.ts";
import { prepareText } from "../../pipelines/text/prepared.ts";

let TABLE: string[] | null = null;
function referenceMatchKey(text: string): string {
  TABLE ??= Array.from({ length: 0x1f00 }, (_, c) => {
    if (c >= 0x300 && c <= 0x36f) return "";
    const f = foldDiacritics(String.fromCharCode(c)).toLowerCase();
    return /^[a-z0-9]$/.test(f) ? f : " ";
  });
  let out = " ";
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const f = c < 0x1f00 ? TABLE[c] : " ";
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
const referenceWords = (text: string) => {
  const key = referenceMatchKey(text).trim();
  return key ? key.split(" ") : [];
};
const referenceClean = (line: string) => line.normalize("NFC").replace(/[\s\u00a0\u200b]+/g, " ").trim();
const referenceBody = (text: string) =>
  text
    .normalize("NFC")
    .split(/\r?\n/)
    .map(referenceClean)
    .filter((line) => line.length > 0 && !isBoilerplateLine(line))
    .join("\n");

const pieces = fc.oneof(
  fc.constantFrom("Cải cách", "ĐẨY MẠNH", "hành chính", "Ð", "đ", "ư", "ơ", "Thủ tục", "\u0301", "\u0323", "e\u0302\u0301", "İ", "ß", "ǅ", "½", "²", "😀", "\ud800"),
  fc.constantFrom(" ", "\n", "\r\n", "\r", "\u00a0", "\u200b", "\t", "\u2028", "\ufeff", "\v", "Cập nhật ngày 12/3/2024", "Lượt xem: 25", "Chia sẻ", "Nguồn: Sở Tư pháp", ",", "!"),
  fc.string({ unit: "binary", maxLength: 4 }),
);
const text = fc.array(pieces, { maxLength: 30 }).map((p) => p.join(""));

describe("one-pass fold: identical output", () => {
  it("foldWords / foldedWords / matchKey equal the character-by-character key on random text", () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(foldWords(t)).toEqual(referenceWords(t));
        expect(foldedWords(t)).toEqual(referenceWords(t));
        expect(matchKey(t)).toBe(referenceMatchKey(t));
      }),
      { numRuns: 2_000 },
    );
  });

  it("normalizeBody equals the line-by-line cleaning on random text", () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(normalizeBody(t)).toBe(referenceBody(t));
      }),
      { numRuns: 2_000 },
    );
  });

  it("stays exact for long tokens, tokens that differ only late, and past the token table's capacity", () => {
    const long = `${"Đường".repeat(30)}x`;
    const t = `${long} ${long.slice(0, -1)}y ${long} Thủ tục THỦ TỤC thu tuc`;
    expect(foldWords(t)).toEqual(referenceWords(t));
    expect(foldWords(t)).toEqual(referenceWords(t));
    const many = Array.from({ length: 50_000 }, (_, i) => `Tỉnh${i.toString(36)}ư`).join(" ");
    expect(foldWords(many)).toEqual(referenceWords(many));
    expect(foldWords(t)).toEqual(referenceWords(t));
  });

  it("gives the same words and bodies on the DEMO farm's crawled articles", () => {
    const { items } = JSON.parse(gunzipSync(readFileSync(join(import.meta.dirname, "..", "dedupe", "fixtures", "farm-clusters.json.gz"))).toString("utf-8")) as {
      items: { title: string; text: string }[];
    };
    for (const it of items) {
      expect(normalizeBody(it.text)).toBe(referenceBody(it.text));
      expect(foldWords(it.title)).toEqual(referenceWords(it.title));
      expect(foldWords(normalizeBody(it.text))).toEqual(referenceWords(referenceBody(it.text)));
      // Twice: the second pass reads the token cache.
      expect(foldWords(it.text)).toEqual(referenceWords(it.text));
    }
  });

  it("foldBody / prepareText give normalizeBody's body and its words, each word with its registered id", () => {
    for (const w of ["cai", "cach", "hanh", "chinh", "thu", "tuc", "xem"]) registerWord(w);
    fc.assert(
      fc.property(text, text, (title, t) => {
        const b = foldBody(t);
        expect(b.body).toBe(referenceBody(t));
        expect(b.words).toEqual(referenceWords(referenceBody(t)));
        expect(Array.from(b.ids)).toEqual(b.words.map(wordId));
        const p = prepareText(title, t);
        expect(p.titleWords).toEqual(referenceWords(title));
        expect(Array.from(p.titleIds)).toEqual(p.titleWords.map(wordId));
        expect(Array.from(foldWordsWithIds(t).ids)).toEqual(foldWords(t).map(wordId));
      }),
      { numRuns: 2_000 },
    );
  });

  it("each word comes with the FNV-1a hash of its folded characters (the clusterer's word hash)", () => {
    const fnv = (w: string) => {
      let h = 0x811c9dc5;
      for (const ch of w) h = Number((BigInt(h ^ ch.charCodeAt(0)) * 0x01000193n) & 0xffffffffn);
      return h;
    };
    fc.assert(
      fc.property(text, text, (title, t) => {
        const p = prepareText(title, t);
        expect(Array.from(p.titleHashes)).toEqual(p.titleWords.map(fnv));
        expect(Array.from(p.bodyHashes)).toEqual(p.bodyWords.map(fnv));
        expect(Array.from(foldWordsWithIds(t).hashes)).toEqual(foldWords(t).map(fnv));
      }),
      { numRuns: 1_000 },
    );
  });

  it("prepareText's ids and hashes (views of buffers it reuses) stay right while other folds run, until the next prepareText", () => {
    const fnv = (w: string) => {
      let h = 0x811c9dc5;
      for (const ch of w) h = Number((BigInt(h ^ ch.charCodeAt(0)) * 0x01000193n) & 0xffffffffn);
      return h;
    };
    // Texts of up to ~3,000 words, past the buffers' first size; folds in between write the fold's own buffers.
    const long = fc.tuple(text, fc.integer({ min: 0, max: 100 })).map(([t, n]) => `${t} ${"Cải cách hành chính, thủ tục. ".repeat(n)}${t}`);
    fc.assert(
      fc.property(long, long, text, (title, t, other) => {
        const p = prepareText(title, t);
        foldWordsWithIds(other);
        foldBody(`${other}\n${t}`);
        matchKey(t);
        tokenEntry(unitsOf(other), 0, other.length);
        expect(Array.from(p.bodyIds)).toEqual(p.bodyWords.map(wordId));
        expect(Array.from(p.bodyHashes)).toEqual(p.bodyWords.map(fnv));
        expect(Array.from(p.titleIds)).toEqual(p.titleWords.map(wordId));
        expect(Array.from(p.titleHashes)).toEqual(p.titleWords.map(fnv));
        expect(p.bodyWords).toEqual(referenceWords(referenceBody(t)));
      }),
      { numRuns: 300 },
    );
  });

  it("tokenEntry folds any raw word as foldWords(word).join(\"\"), with its id and its own characters", () => {
    const word = fc.array(fc.constantFrom("a", "Đ", "ư", "Ở", "\u0301", "\u0323", "ß", "İ", "ǅ", "½", "²", "٣", "Ω", "😀", "\ud800", "x", "9", "ﬁ"), { minLength: 1, maxLength: 8 }).map((p) => p.join(""));
    registerWord("do");
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        const text = words.join(" ");
        for (let round = 0; round < 2; round++) {
          let at = 0;
          for (const w of words) {
            const e = tokenEntry(unitsOf(text), at, at + w.length);
            const fold = referenceWords(w).join("");
            expect(tokenFold(e)).toBe(fold);
            expect(tokenId(e)).toBe(fold ? wordId(fold) : -1);
            expect(tokenRaw(e, text, at)).toBe(w);
            at += w.length + 1;
          }
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it("a word registered after a text was folded gets its id the next time (no stale cache)", () => {
    const t = "Kiểm soát thủ tục zqxwv hành chính";
    expect(foldWordsWithIds(t).ids[4]).toBe(0);
    const id = registerWord("zqxwv");
    expect(id).toBeGreaterThan(0);
    expect(foldWordsWithIds(t).ids[4]).toBe(id);
    expect(foldBody(t).ids[4]).toBe(id);
  });

  it("PhraseTrie.scan on ids finds what a scan on the words' characters finds (longest match, no overlap)", () => {
    const phrases = ["cải cách", "cải cách hành chính", "hành chính", "thủ tục hành chính", "một cửa", "một cửa liên thông", "Chia sẻ", "Ð"];
    const trie = new PhraseTrie<string>();
    for (const p of phrases) trie.add(p, p);
    // Reference: every phrase compared on its folded characters.
    const keyed = phrases.map((p) => ({ p, words: referenceWords(p) }));
    const referenceScan = (words: string[]) => {
      const hits: { start: number; end: number; values: string[] }[] = [];
      for (let i = 0; i < words.length; ) {
        const best = keyed
          .filter((k) => k.words.every((w, j) => words[i + j] === w))
          .sort((a, b) => b.words.length - a.words.length)[0];
        if (best) {
          hits.push({ start: i, end: i + best.words.length, values: [best.p] });
          i += best.words.length;
        } else i++;
      }
      return hits;
    };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...phrases, "Cải", "cách", "HÀNH", "tỉnh", "chinh", ",", "\n", "x"), { maxLength: 40 }), (parts) => {
        const t = parts.join(" ");
        const { words, ids } = foldWordsWithIds(t);
        expect(trie.scan(words, ids)).toEqual(referenceScan(words));
        expect(trie.scan(words)).toEqual(referenceScan(words));
      }),
      { numRuns: 1_000 },
    );
  });
});

// foldBody skips normalize("NFC") for a text made only of NFC-inert code units: the claim that such a text is NFC.
describe("NFC-inert code units", () => {
  const inert: string[] = [];
  for (let c = 0; c < 0x10000; c++) if (isNfcInert(c)) inert.push(String.fromCharCode(c));

  it("none can follow the first character of a canonical decomposition (so none composes with what precedes it)", () => {
    const composing: number[] = [];
    for (let cp = 0; cp < 0x110000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const d = String.fromCodePoint(cp).normalize("NFD");
      const first = String.fromCodePoint(d.codePointAt(0)!).length;
      for (let i = first; i < d.length; i++) if (isNfcInert(d.charCodeAt(i))) composing.push(d.charCodeAt(i));
    }
    expect(composing).toEqual([]);
  });

  it("each is NFC alone, and random text made of them is NFC", () => {
    for (const ch of inert) expect(ch.normalize("NFC")).toBe(ch);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: inert.length - 1 }), { maxLength: 40 }), (ix) => {
        const t = ix.map((i) => inert[i]).join("");
        expect(t.normalize("NFC")).toBe(t);
      }),
      { numRuns: 2_000 },
    );
  });

  it("Vietnamese letters, digits, ASCII and common punctuation are inert; marks, surrogates and jamo are not", () => {
    for (const ch of "aăâeêioôơuưyđĐỹỸẠậ09 .,;:!?()“”–—…\n") expect(isNfcInert(ch.charCodeAt(0))).toBe(true);
    for (const c of [0x0301, 0x0323, 0xd83d, 0xde00, 0x1161, 0x11a8, 0x212b, 0x0340]) expect(isNfcInert(c)).toBe(false);
  });

  it("a decomposed body folds and normalises as its NFC form does", () => {
    const nfc = "Cải cách thủ tục hành chính\nĐẩy mạnh chuyển đổi số";
    const nfd = nfc.normalize("NFD");
    expect(foldBody(nfd)).toEqual(foldBody(nfc));
    expect(foldBody(nfd).body).toBe(nfc);
  });
});
