/**
 * The clusterer's shingle hashes: sorted, without repeats, and the same from
 * a prepared text's word hashes (the analysis' path) as from the words. The
 * oracle sorts with the engine's own sort and removes repeats with a Set.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dedupeWords, preparedShingles, shingleHashes } from "../../pipelines/dedupe/cluster.ts";
import { normalizeBody } from "../../pipelines/text/normalize.ts";
import { foldedWords } from "../../pipelines/text/phrases.ts";
import { prepareText } from "../../pipelines/text/prepared.ts";

const sortedSet = (xs: Iterable<number>) => [...new Set(xs)].sort((a, b) => a - b);

describe("shingle hashes", () => {
  const vocabulary = fc.constantFrom("cai", "cach", "hanh", "chinh", "tay", "ninh", "so", "tu", "phap", "2025", "x");
  it("are strictly ascending and hold every shingle of the words once, at every length (the bucket sort and its fallback)", () => {
    fc.assert(
      fc.property(fc.array(vocabulary, { maxLength: 900 }), fc.integer({ min: 1, max: 40 }), (words, repeat) => {
        // A passage repeated `repeat` times: many equal shingles (one bucket holding them all).
        const text = Array.from({ length: repeat }, () => words.slice(0, Math.ceil(words.length / repeat))).flat();
        for (const w of [words, text]) {
          const out = Array.from(shingleHashes(w));
          for (let i = 1; i < out.length; i++) expect(out[i]).toBeGreaterThan(out[i - 1]);
          // Each prefix adds its last shingle: the set of a text is the union over its windows.
          const windows = w.length < 3 ? [Array.from(shingleHashes(w))] : w.slice(2).map((_, i) => Array.from(shingleHashes(w.slice(i, i + 3))));
          expect(out).toEqual(sortedSet(windows.flat()));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("of a prepared text equal those of its title and body words (title included when the body is short)", () => {
    const piece = fc.constantFrom("Cải cách", "hành chính", "Tây Ninh", "Sở Tư pháp", "năm 2025", "\n", ", ", "Chia sẻ", "đ", "ß", "😀");
    const text = fc.array(piece, { maxLength: 400 }).map((p) => p.join(" "));
    fc.assert(
      fc.property(text, text, (title, body) => {
        const expected = shingleHashes(dedupeWords(foldedWords(title), foldedWords(normalizeBody(body))));
        expect(Array.from(preparedShingles(prepareText(title, body)))).toEqual(Array.from(expected));
      }),
      { numRuns: 500 },
    );
  });
});
