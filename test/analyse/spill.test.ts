import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ShingleSpill } from "../../pipelines/analyse/spill.ts";
import { SKETCHED_SIGNATURE_WORDS } from "../../pipelines/dedupe/cluster.ts";

/** Same values (typed arrays of a million values are slow to compare with toEqual). */
const same = (a: Uint32Array, b: Uint32Array) => a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe("the analysis' shingle spill", () => {
  it("gives back every set and its signature as stored, in any order, across write buffers, and leaves no file behind", () => {
    const parent = mkdtempSync(join(tmpdir(), "spill-test-"));
    try {
      const spill = ShingleSpill.create(parent);
      // unlinked at once: nothing in the folder while the spill is open (Linux)
      expect(readdirSync(parent)).toEqual([]);
      const sets: Uint32Array[] = [];
      const sigs: Uint32Array[] = [];
      let x = 12345;
      for (let k = 0; k < 3000; k++) {
        // sizes from empty to larger than one write buffer (4 MB = 1 Mi values) for one of them
        const n = k === 1500 ? (1 << 20) + 7 : (k * 37) % 900;
        const set = new Uint32Array(n);
        for (let i = 0; i < n; i++) set[i] = x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        const sig = new Uint32Array(SKETCHED_SIGNATURE_WORDS);
        for (let i = 0; i < sig.length; i++) sig[i] = x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        sets.push(set);
        sigs.push(sig);
        // views of larger buffers (as the analysis passes them) as well as whole arrays
        const inBatch = new Uint32Array(SKETCHED_SIGNATURE_WORDS * 3);
        inBatch.set(sig, SKETCHED_SIGNATURE_WORDS);
        expect(spill.add(k % 2 ? sig : inBatch.subarray(SKETCHED_SIGNATURE_WORDS, 2 * SKETCHED_SIGNATURE_WORDS), k % 2 ? set : set.subarray(0))).toBe(k);
      }
      expect(spill.size).toBe(3000);
      for (const k of [2999, 0, 1500, 1, 1499, 1501, 17]) expect(same(spill.get(k).set, sets[k]) && same(spill.get(k).sig, sigs[k])).toBe(true);
      for (let k = 0; k < sets.length; k++) {
        const { sig, set } = spill.get(k);
        expect(same(set, sets[k]), `set ${k}`).toBe(true);
        expect(same(sig, sigs[k]), `signature ${k}`).toBe(true);
      }
      expect(spill.get(3).set.length).toBe(111);
      expect(spill.get(0).set.length).toBe(0);
      expect(() => spill.add(new Uint32Array(64), new Uint32Array(3))).toThrow(/signature of 64 words/);
      spill.close();
      spill.close();
      expect(readdirSync(parent)).toEqual([]);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
