/**
 * The clusterer's sketched signature (writeSketchedSignature), against an
 * oracle written from its definition: one-permutation MinHash over the
 * murmur3-finalised shingles (top 6 bits the bin, low 26 bits the value, the
 * smallest per bin), empty bins filled by rotation densification (the next
 * non-empty bin's value plus the distance × 2^26), all 0xffffffff for an
 * empty set, then the sketch: the low 4 bits of each value, 8 to a word.
 * Sets of every size from none to thousands (bins left empty, bins hit many
 * times), written at an offset inside a larger array.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SKETCHED_SIGNATURE_WORDS, sketchedSignature, writeSketchedSignature } from "../../pipelines/dedupe/cluster.ts";

/** murmur3's 32-bit finaliser of h ^ seed. */
function fmix(h: number, seed: number): number {
  let x = (h ^ seed) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

function oracle(set: number[]): number[] {
  const seed = fmix(1, 0x9e3779b9);
  const bins: (number | null)[] = new Array(64).fill(null);
  for (const s of set) {
    const h = fmix(s, seed);
    const bin = Math.floor(h / 2 ** 26);
    const v = h % 2 ** 26;
    if (bins[bin] === null || v < bins[bin]!) bins[bin] = v;
  }
  const sig = bins.map((v, k) => {
    if (v !== null) return v;
    if (!set.length) return 0xffffffff;
    for (let d = 1; d < 64; d++) {
      const w = bins[(k + d) % 64];
      if (w !== null) return w + d * 2 ** 26;
    }
    throw new Error("unreachable");
  });
  const sketch = new Array(8).fill(0);
  sig.forEach((v, k) => (sketch[Math.floor(k / 8)] = (sketch[Math.floor(k / 8)] + (v % 16) * 16 ** (k % 8)) >>> 0));
  return [...sig, ...sketch];
}

describe("sketched signature", () => {
  it("is one-permutation MinHash with rotation densification and its 4-bit sketch, for sets of any size", () => {
    const set = fc.oneof(
      fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 8 }),
      fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 3000 }),
    ).map((xs) => [...new Set(xs)].sort((a, b) => a - b));
    fc.assert(
      fc.property(set, fc.integer({ min: 0, max: 5 }), (xs, at) => {
        const expected = oracle(xs);
        expect([...sketchedSignature(Uint32Array.from(xs))]).toEqual(expected);
        const out = new Uint32Array(at + SKETCHED_SIGNATURE_WORDS + 3).fill(0x12345678);
        writeSketchedSignature(Uint32Array.from(xs), out, at);
        expect([...out.subarray(at, at + SKETCHED_SIGNATURE_WORDS)]).toEqual(expected);
        expect([...out.subarray(0, at), ...out.subarray(at + SKETCHED_SIGNATURE_WORDS)].every((v) => v === 0x12345678)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
