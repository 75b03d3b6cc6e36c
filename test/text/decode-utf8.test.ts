/**
 * decodeUtf8 (pipelines/text/normalize.ts) stands in for TextDecoder where the
 * analysis decodes the texts' UTF-8 bytes (pipelines/analyse/batch.ts): when
 * it answers, it gives TextDecoder's string, for any bytes; and the fold that
 * reads the code units it left gives what a fold of the same string gives,
 * also after other texts were folded in between.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeUtf8, foldBody, foldWords, unitsOf } from "../../pipelines/text/normalize.ts";
import { prepareText } from "../../pipelines/text/prepared.ts";

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** A body the way foldBody sees them, with marks, odd spaces, astral characters and lone surrogates. */
const pieces = fc.oneof(
  fc.constantFrom("Cải cách", "ĐẨY MẠNH", "hành chính", "Ð", "đ", "ư", "ơ", "Thủ tục", "\u0301", "e\u0302\u0301", "ß", "😀", "\ud800", "\udfff", "\ufeff", "\u0800", "\uffff"),
  fc.constantFrom(" ", "\n", "  ", "\u00a0", "\t", "Lượt xem: 25", "Chia sẻ", "Nguồn: Sở Tư pháp", ",", "\u07ff", "\u0080"),
  fc.string({ unit: "binary", maxLength: 4 }),
);
const texts = fc.array(pieces, { maxLength: 40 }).map((p) => p.join(""));

/** Bytes around the boundaries of UTF-8's sequences: leads, continuations, overlongs, surrogates, truncations. */
const bytes = fc.array(
  fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xbb, 0xf0, 0xf4, 0xf5, 0xa0, 0x9f, 0x61)),
  { maxLength: 24 },
).map((b) => Uint8Array.from(b));

describe("decodeUtf8", () => {
  it("gives TextDecoder's string whenever it answers, for any bytes, and answers for text of the BMP", () => {
    fc.assert(
      fc.property(bytes, fc.nat(4), (b, cut) => {
        const start = Math.min(cut, b.length);
        const s = decodeUtf8(b, start, b.length);
        if (s !== null) expect(s).toBe(decoder.decode(b.subarray(start)));
      }),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(texts, (t) => {
        const b = encoder.encode(t);
        const s = decodeUtf8(b, 0, b.length);
        if (s !== null) expect(s).toBe(decoder.decode(b));
        // Well-formed UTF-8 of the BMP (no astral character, no lone surrogate, no leading BOM) is always decoded here.
        const wellFormedBmp = !/[\ud800-\udfff]/.test(t) && !t.startsWith("\ufeff");
        if (wellFormedBmp) expect(s).toBe(t);
      }),
      { numRuns: 3_000 },
    );
  });

  it("leaves a leading byte order mark, a 4-byte sequence and a cut sequence to TextDecoder", () => {
    const of = (...b: number[]) => Uint8Array.from(b);
    expect(decodeUtf8(of(0xef, 0xbb, 0xbf, 0x61), 0, 4)).toBeNull(); // TextDecoder drops it: "a"
    expect(decodeUtf8(of(0x61, 0xef, 0xbb, 0xbf), 0, 4)).toBe("a\ufeff"); // kept when not leading, as TextDecoder does
    expect(decodeUtf8(encoder.encode("😀"), 0, 4)).toBeNull();
    expect(decodeUtf8(of(0xe1, 0xba), 0, 2)).toBeNull();
    expect(decodeUtf8(of(0xed, 0xa0, 0x80), 0, 3)).toBeNull(); // a surrogate's
    expect(decodeUtf8(of(0xe0, 0x9f, 0xbf), 0, 3)).toBeNull(); // overlong
    expect(decodeUtf8(of(0xc1, 0xbf), 0, 2)).toBeNull(); // overlong
    const b = encoder.encode("Sở Tư pháp");
    expect(decodeUtf8(b, 0, b.length)).toBe("Sở Tư pháp");
  });

  it("a fold of the decoded string reads its code units, also after other texts were folded in between", () => {
    fc.assert(
      fc.property(texts, texts, (a, other) => {
        const copy = (s: string) => (" " + s).slice(1); // the same characters, another string
        const b = encoder.encode(a); // lone surrogates become U+FFFD
        const decoded = decodeUtf8(b, 0, b.length);
        if (decoded === null) return;
        const expected = foldBody(copy(decoder.decode(b)));
        expect(foldBody(decoded)).toEqual(expected);
        // Another text's units replace them: the decoded string is copied in again when folded next.
        foldWords(other);
        unitsOf(copy(other));
        expect(foldBody(decoded)).toEqual(expected);
        expect(prepareText(other, decoded)).toEqual(prepareText(copy(other), copy(decoder.decode(b))));
      }),
      { numRuns: 2_000 },
    );
  });
});
