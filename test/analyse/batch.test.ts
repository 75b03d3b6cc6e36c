/**
 * The worker side of the analysis (pipelines/analyse/batch.ts): the texts it
 * decodes are the strings DuckDB's node API makes of the same bytes (its
 * `TextDecoder`), whatever the bytes; a batch's rows are analyseArticle's.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeText } from "../../pipelines/analyse/batch.ts";

const decoder = new TextDecoder();
const utf8 = (s: string) => new TextEncoder().encode(s);
const long = (s: string) => s.repeat(Math.ceil(1200 / Math.max(1, s.length)));

describe("decodeText", () => {
  it("gives the decoder's string for long Vietnamese text, astral characters, NUL and noncharacters", () => {
    for (const s of [
      long("Sở Tư pháp tỉnh Tây Ninh tổ chức hội nghị cải cách hành chính. "),
      long("ascii only text, no diacritics at all\n"),
      long("😀 emoji \u0000 nul \uffff\ufffe nonchars \u0301 mark \ufeff inner BOM "),
      long("e\u0302\u0301 decomposed, Ð, đ, ß, İ "),
    ]) {
      expect(decodeText(utf8(s))).toBe(decoder.decode(utf8(s)));
      expect(decodeText(utf8(s))).toBe(s);
    }
  });

  it("drops a leading byte order mark as the decoder does", () => {
    const bytes = utf8(`\ufeff${long("Cải cách hành chính ")}`);
    expect(decodeText(bytes)).toBe(decoder.decode(bytes));
    expect(decodeText(bytes).startsWith("\ufeff")).toBe(false);
  });

  it("replaces invalid UTF-8 as the decoder does", () => {
    const good = utf8(long("Thủ tục hành chính "));
    for (const bad of [[0xff], [0xc3], [0xe1, 0xbb], [0xed, 0xa0, 0x80], [0xc0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe0, 0x80, 0x80]]) {
      for (const at of [0, 100, good.length]) {
        const bytes = new Uint8Array([...good.subarray(0, at), ...bad, ...good.subarray(at)]);
        expect(decodeText(bytes)).toBe(decoder.decode(bytes));
      }
    }
  });

  it("is the decoder on any bytes, short or long", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.integer({ min: 0, max: 3 }), (random, copies) => {
        const bytes = new Uint8Array(Array.from({ length: copies + 1 }, () => [...random]).flat());
        expect(decodeText(bytes)).toBe(decoder.decode(bytes));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 1500 }), (s) => {
        const bytes = utf8(s);
        expect(decodeText(bytes)).toBe(decoder.decode(bytes));
      }),
      { numRuns: 300 },
    );
  });
});
