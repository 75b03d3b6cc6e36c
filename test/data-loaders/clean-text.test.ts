/**
 * `cleanText` (data-loaders/common/html-text.ts) returns a text with only lone plain spaces as it is
 * (trimmed) instead of rebuilding it with the whitespace replace: the result must be what the
 * replace gives on every text, whatever whitespace, zero-width space or decomposed letter it holds;
 * and it is a string of its own, not a slice that keeps the page it was read from alive.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { cleanText, isFolded } from "../../data-loaders/common/html-text.ts";

/** The fold as written before the shortcut: NFC, every run of whitespace or U+200B one space, trimmed. */
const reference = (text: string) => text.normalize("NFC").replace(/[\s\u00a0\u200b]+/g, " ").trim();

/** A small deterministic generator (no Math.random: a failure can be replayed). */
function generator(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

describe("cleanText", () => {
  it("folds as the whitespace replace does, on every BMP code point alone and between spaces and letters", () => {
    const differ: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, `a${ch}b`, ` ${ch}`, `${ch} `, `a ${ch} b`, `${ch}${ch}`]) if (cleanText(text) !== reference(text)) differ.push(JSON.stringify(text));
    }
    expect(differ).toEqual([]);
  });

  it("folds as the whitespace replace does on random texts of spaces, other whitespace, U+200B and letters", () => {
    const next = generator(18);
    const parts = [" ", " ", "a", "ệ", "e\u0301", "\u200b", "\u00a0", "\t", "\n", "\r\n", "\u2003", "\u3000", "\ufeff", "\u2028", "Tây Ninh", "  "];
    for (let i = 0; i < 20_000; i++) {
      let text = "";
      for (let n = Math.floor(next() * 12); n > 0; n--) text += parts[Math.floor(next() * parts.length)];
      expect(cleanText(text), JSON.stringify(text)).toBe(reference(text));
    }
  });

  it("takes a text with only lone plain spaces as folded, and any other whitespace as not", () => {
    expect(isFolded("Sở Nội vụ tỉnh Tây Ninh")).toBe(true);
    expect(isFolded(" a b ")).toBe(true);
    expect(isFolded("")).toBe(true);
    for (const text of ["a  b", "a\tb", "a\nb", "a\u00a0b", "a\u200bb", "a\u2000b", "a\u200ab", "a\u3000b", "a\ufeffb", "a\u1680b", "a\u202fb", "a\u205fb", "a\u2029b", "a\u000bb"]) {
      expect(isFolded(text), JSON.stringify(text)).toBe(false);
    }
  });

  it("returns a text that does not hold the page it was read from", () => {
    // a text node's data is a slice of the page: kept as such, a headline would keep its whole page alive
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const pageChars = 100_000;
    const pages = 100;
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept: string[] = [];
    for (let i = 0; i < pages; i++) {
      const page = `<p>Cổng thông tin điện tử ${i} ${"Sở Nội vụ tỉnh ".repeat(pageChars / 15)}</p>`; // two-byte: 2 bytes a character
      kept.push(cleanText(page.slice(3, 60)));
    }
    gc();
    const perText = (process.memoryUsage().heapUsed - before) / pages;
    expect(kept[7]).toBe(reference(`Cổng thông tin điện tử 7 ${"Sở Nội vụ tỉnh ".repeat(pageChars / 15)}`.slice(0, 57)));
    expect(perText).toBeLessThan(pageChars / 10);
  });
});
