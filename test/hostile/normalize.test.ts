import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldCase, foldDiacritics, matchKey, normalizeBody } from "../../pipelines/text/normalize.ts";

/** Vietnamese-heavy text: precomposed and decomposed letters, combining marks, odd spaces, line ends. */
const vietnamese = fc
  .array(
    fc.oneof(
      fc.constantFrom("Cải cách", "ĐẨY MẠNH", "hành chính", "Ð", "đ", "ư", "ơ", "Thủ tục", "\u0301", "\u0323", "\u0309", "e\u0302\u0301"),
      fc.constantFrom(" ", "\n", "\r\n", "\u00a0", "\u200b", "\t", "Cập nhật ngày 12/3/2024", "Lượt xem: 25", "Chia sẻ", ",", "!"),
      fc.string({ unit: "binary", maxLength: 4 }),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(""));
const anyText = fc.oneof(vietnamese, fc.string({ unit: "binary", maxLength: 60 }));
const isNfc = (s: string) => s === s.normalize("NFC");

describe("text normaliser on hostile input", () => {
  it("foldCase and normalizeBody are idempotent and return NFC", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const f of [foldCase, normalizeBody]) {
          const once = f(text);
          expect(isNfc(once)).toBe(true);
          expect(f(once)).toBe(once);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("foldDiacritics leaves no Vietnamese diacritic or đ, is idempotent and NFC", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const folded = foldDiacritics(text);
        expect(isNfc(folded)).toBe(true);
        expect(foldDiacritics(folded)).toBe(folded);
        expect(folded.normalize("NFD")).not.toMatch(/[\u0300-\u036fđĐÐ]/);
      }),
      { numRuns: 2_000 },
    );
  });

  it("matchKey is idempotent, space-padded, and only lower-case ASCII letters, digits and single spaces", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const key = matchKey(text);
        expect(key).toMatch(/^ (?:[a-z0-9]+ )*$/);
        expect(matchKey(key)).toBe(key);
        expect(matchKey(text.normalize("NFD"))).toBe(key);
      }),
      { numRuns: 2_000 },
    );
  });
});
