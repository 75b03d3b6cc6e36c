import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ShingleSpill, searchSpilledSegment } from "../../pipelines/analyse/spill.ts";
import { SKETCHED_SIGNATURE_WORDS, searchSegment, sketchedSignature } from "../../pipelines/dedupe/cluster.ts";
import type { SegmentJob } from "../../pipelines/dedupe/segments.ts";
import { lcg } from "../dedupe/random-items.ts";

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

  it("stores a batch's records (addRecords: one buffer, their ends) as addRecord stores each, whatever the batch's size", () => {
    const parent = mkdtempSync(join(tmpdir(), "spill-test-"));
    try {
      const spill = ShingleSpill.create(parent);
      const W = SKETCHED_SIGNATURE_WORDS;
      let x = 99;
      const record = (n: number) => Uint32Array.from({ length: W + n }, () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0));
      const expected: Uint32Array[] = [];
      // batches of 1, 50 and 3,000 records (the last larger than one write buffer, 4 MB), between single records
      for (const size of [1, 50, 3_000, 7]) {
        expected.push(record(5));
        expect(spill.addRecord(new Uint8Array(expected.at(-1)!.buffer))).toBe(expected.length - 1);
        const records = Array.from({ length: size }, (_, k) => record((k * 131) % 700));
        const ends = new Int32Array(size);
        const words = records.reduce((sum, r) => sum + r.length, 0);
        // a view inside a larger buffer, as the worker's result can be
        const buffer = new Uint32Array(words + 3);
        let at = 1;
        records.forEach((r, k) => {
          buffer.set(r, at);
          at += r.length;
          ends[k] = at - 1;
        });
        expect(spill.addRecords(buffer.subarray(1, words + 1), ends)).toBe(expected.length);
        expected.push(...records);
      }
      expect(spill.size).toBe(expected.length);
      for (let k = 0; k < expected.length; k++) {
        const { sig, set } = spill.get(k);
        expect(same(sig, expected[k].subarray(0, W)) && same(set, expected[k].subarray(W)), `record ${k}`).toBe(true);
      }
      expect(() => spill.addRecords(new Uint32Array(W), Int32Array.of(W - 1))).toThrow(/not a signature and a set/);
      spill.close();
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it("gives a segment's search the sets and signatures it would have in memory, records of any size read one after the other", () => {
    // Sets of 3,000–40,000 values, half of them copies of an earlier one with a few values changed,
    // so that the search finds candidates; one set larger than a read block (1 Mi values, a block 256 Ki), one empty.
    const rnd = lcg(7);
    const sets: Uint32Array[] = [];
    for (let k = 0; k < 400; k++) {
      const n = k === 200 ? (1 << 20) + 3 : k === 5 ? 0 : 3000 + Math.floor(rnd() * 37000);
      const copy = k > 0 && k !== 200 && rnd() < 0.5 ? sets[Math.floor(rnd() * k)] : null;
      const set = copy && copy.length ? Uint32Array.from(copy, (v) => (rnd() < 0.2 ? (rnd() * 2 ** 32) >>> 0 : v)) : Uint32Array.from({ length: n }, () => (rnd() * 2 ** 32) >>> 0);
      sets.push(set.sort());
    }
    const spill = ShingleSpill.create();
    try {
      // stored in another order than the search's (the spill's is the analysis' storage order)
      const storage = sets.map((_, k) => k).sort((a, b) => ((a * 7919) % 401) - ((b * 7919) % 401));
      const recordOf = new Int32Array(sets.length);
      for (const k of storage) recordOf[k] = spill.add(sketchedSignature(sets[k]), sets[k]);
      const times = Float64Array.from(sets, (_, k) => (k < 20 ? Number.NaN : k * 3_600_000));
      // the second half of the order, with its warm-up (the undated items and one window before it)
      const ranges = Int32Array.of(0, 20, 150, 200, 200, 400);
      const order = [...Array.from({ length: 20 }, (_, k) => k), ...Array.from({ length: 250 }, (_, k) => 150 + k)];
      const job: SegmentJob = { windowDays: 10, ranges, records: Int32Array.from(order, (k) => recordOf[k]), times: Float64Array.from(order, (k) => times[k]) };
      const found = searchSpilledSegment(spill.locate(job));
      const expected = searchSegment(10, ranges, (x) => ({ set: sets[order[x]], sig: undefined, time: times[order[x]] }));
      expect(expected.js.length).toBeGreaterThan(50);
      expect(found).toEqual(expected);
    } finally {
      spill.close();
    }
  });
});
