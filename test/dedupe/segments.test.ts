/**
 * The clustering in segments (pipelines/dedupe/segments.ts: each segment's candidates searched
 * apart, `searchSegment`, then clustered in the order, `ClusterBuilder.addFound`) against the
 * clusterer fed item by item (`ClusterBuilder.add`, itself checked against a brute-force oracle in
 * oracle.test.ts): the same assignments, similarities, cluster sizes and exact comparisons, on
 * random inputs with many near-duplicates across segment boundaries, undated items, chains of
 * copies whose dates the window refuses to join, equal instants, empty sets, and segments of one
 * item; the segments' searches ending in any order.
 */
import { describe, expect, it } from "vitest";
import { ClusterBuilder, clusterOrder, type FoundCandidates, SAME_ARTICLE_JACCARD, searchSegment, segmentWarmUp, sketchedSignature } from "../../pipelines/dedupe/cluster.ts";
import { type SegmentJob, SegmentedClustering } from "../../pipelines/dedupe/segments.ts";

import { type Item, lcg } from "./random-items.ts";

const DAY = 86_400_000;


/**
 * Items in clusterOrder: each a draw of `draw` values from one of a few templates' pools (so pairs
 * sit around the threshold and many join), on an hourly grid over `days` (many equal instants),
 * `undated` of them undated; plus `chains` chains of near-identical copies `step` days apart, each
 * link similar to the next, which the window cuts into several clusters.
 */
function randomItems(seed: number, n: number, days: number, undated: number, chains = 0, step = 4): Item[] {
  const rnd = lcg(seed);
  const templates = Array.from({ length: 4 }, () => Array.from({ length: 40 }, () => Math.floor(rnd() * 2 ** 32) >>> 0));
  const start = Date.UTC(2025, 0, 1);
  const items: Item[] = [];
  for (let i = 0; i < n; i++) {
    const pool = templates[Math.floor(rnd() ** 2 * templates.length)];
    const picked = new Set<number>();
    const draw = rnd() < 0.01 ? 0 : 16;
    while (picked.size < draw) picked.add(pool[Math.floor(rnd() * pool.length)]);
    const time = rnd() < undated ? Number.NaN : start + Math.floor(rnd() * days * 24) * 3_600_000;
    items.push({ id: `x:${String(Math.floor(rnd() * 1e9)).padStart(9, "0")}:${i}`, set: Uint32Array.from(picked).sort(), time });
  }
  for (let c = 0; c < chains; c++) {
    const base = Array.from({ length: 30 }, () => Math.floor(rnd() * 2 ** 32) >>> 0);
    const first = start + Math.floor(rnd() * days) * DAY;
    for (let k = 0; k < 8; k++) {
      // each copy changes one value of the last: every link similar (Jaccard 29/31), the chain not
      base[Math.floor(rnd() * base.length)] = Math.floor(rnd() * 2 ** 32) >>> 0;
      items.push({ id: `chain:${c}:${k}`, set: Uint32Array.from(new Set(base)).sort(), time: first + k * step * DAY });
    }
  }
  return items.sort(clusterOrder);
}

interface Outcome {
  rows: string[];
  comparisons: number;
}

const outcome = (builder: ClusterBuilder): Outcome => {
  const rows: string[] = [];
  builder.eachAssignment((id, cluster, similarity, size) => rows.push(`${id} ${cluster} ${similarity} ${size}`));
  return { rows, comparisons: builder.comparisons };
};

/** Item by item, as `cchc report` without workers. */
function serial(items: Item[], windowDays: number): Outcome {
  const builder = new ClusterBuilder(SAME_ARTICLE_JACCARD, windowDays);
  for (const x of items) builder.add(x.id, x.set, x.time, sketchedSignature(x.set));
  return outcome(builder);
}

/**
 * In segments (the product's SegmentedClustering), each search in this thread (searchSegment, the
 * workers' function) but ending after a random delay, so the results come back out of order.
 */
async function segmented(items: Item[], windowDays: number, segmentSize: number, concurrency: number, seed = 1): Promise<Outcome & { jobs: SegmentJob[] }> {
  const rnd = lcg(seed);
  const builder = new ClusterBuilder(SAME_ARTICLE_JACCARD, windowDays);
  const jobs: SegmentJob[] = [];
  const run = (job: SegmentJob) => {
    jobs.push(job);
    const found = searchSegment(job.windowDays, job.ranges, (x) => ({ set: items[job.records[x]].set, sig: x % 2 ? sketchedSignature(items[job.records[x]].set) : undefined, time: job.times[x] }));
    return new Promise<FoundCandidates>((resolve) => setTimeout(() => resolve(found), Math.floor(rnd() * 3)));
  };
  const clustering = new SegmentedClustering(builder, { total: items.length + 5, segmentSize, concurrency, run, idOf: (k) => items[k].id });
  items.forEach((x, k) => clustering.push(k, x.time));
  expect(await clustering.finish()).toBe(items.length);
  return { ...outcome(builder), jobs };
}

/** Pairs of items joined (one cluster) that sit in different segments: the boundaries matter. */
function joinedAcross(rows: string[], segmentSize: number): number {
  const byCluster = new Map<string, number[]>();
  rows.forEach((row, k) => {
    const cluster = row.split(" ")[1];
    byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), Math.floor(k / segmentSize)]);
  });
  let across = 0;
  for (const segments of byCluster.values()) if (new Set(segments).size > 1) across++;
  return across;
}

describe("the clustering in segments", () => {
  const cases: [string, Item[], number][] = [
    ["dated items, a short window", randomItems(11, 900, 20, 0.03), 3],
    ["half the items undated", randomItems(12, 900, 30, 0.5), 3],
    ["only undated items", randomItems(13, 500, 30, 1), 10],
    ["chains the window cuts, few other items", randomItems(14, 200, 60, 0.05, 25), 10],
    ["a zero-day window (equal instants only)", randomItems(15, 800, 0.25, 0.02), 0],
  ];
  for (const [what, items, windowDays] of cases) {
    it(`gives the same clusters as item by item: ${what}`, async () => {
      const expected = serial(items, windowDays);
      expect(expected.rows.filter((r) => !r.endsWith(" 1")).length).toBeGreaterThan(items.length / 10);
      for (const [segmentSize, concurrency] of [[1, 2], [7, 3], [64, 2], [Math.ceil(items.length / 4), 2], [items.length, 1]]) {
        const got = await segmented(items, windowDays, segmentSize, concurrency, segmentSize);
        expect(got.rows, `segments of ${segmentSize}`).toEqual(expected.rows);
        expect(got.comparisons, `segments of ${segmentSize}`).toBe(expected.comparisons);
        expect(got.jobs.length).toBe(Math.ceil(items.length / segmentSize));
        if (segmentSize > 1 && segmentSize < items.length) expect(joinedAcross(got.rows, segmentSize)).toBeGreaterThan(0);
      }
    }, 60_000);
  }

  it("cuts the chains by the window, as item by item, whatever the segments", async () => {
    const items = randomItems(16, 0, 60, 0, 12, 4);
    const expected = serial(items, 10);
    // a chain of 8 copies 4 days apart spans 28 days: never one cluster within 10 days
    const clusters = new Map<string, number>();
    for (const row of expected.rows) clusters.set(row.split(" ")[1], (clusters.get(row.split(" ")[1]) ?? 0) + 1);
    expect(Math.max(...clusters.values())).toBeLessThanOrEqual(3);
    expect(clusters.size).toBeLessThan(items.length);
    for (const size of [1, 2, 3, 5, 13]) expect((await segmented(items, 10, size, 2)).rows).toEqual(expected.rows);
  });

  it("warms a segment up with the undated items before it and the dated ones of its first item's window", () => {
    const t0 = Date.UTC(2025, 0, 1);
    const times = [Number.NaN, Number.NaN, t0, t0 + DAY, t0 + 5 * DAY, t0 + 12 * DAY, t0 + 12 * DAY, t0 + 30 * DAY];
    expect(segmentWarmUp(times, 0, 10)).toEqual([]);
    expect(segmentWarmUp(times, 1, 10)).toEqual([0, 1]);
    expect(segmentWarmUp(times, 2, 10)).toEqual([0, 2]);
    expect(segmentWarmUp(times, 4, 10)).toEqual([0, 2, 2, 4]);
    // the item 12 days in: those at most 10 days before it (day 5), and the undated
    expect(segmentWarmUp(times, 5, 10)).toEqual([0, 2, 4, 5]);
    expect(segmentWarmUp(times, 6, 10)).toEqual([0, 2, 4, 6]);
    // nothing dated within the window: the undated only
    expect(segmentWarmUp(times, 7, 10)).toEqual([0, 2]);
    expect(segmentWarmUp([t0, t0 + 20 * DAY], 1, 10)).toEqual([]);
    expect(segmentWarmUp([t0, t0], 1, 0)).toEqual([0, 1]);
  });

  it("refuses items out of order before searching, and reports a failed search", async () => {
    const items = randomItems(17, 50, 10, 0.2);
    const run = (job: SegmentJob) => Promise.resolve(searchSegment(job.windowDays, job.ranges, (x) => ({ set: items[job.records[x]].set, sig: undefined, time: job.times[x] })));
    const clustering = new SegmentedClustering(new ClusterBuilder(), { total: 50, segmentSize: 10, concurrency: 2, run, idOf: (k) => items[k].id });
    clustering.push(items.length - 1, items.at(-1)!.time);
    expect(() => clustering.push(0, Number.NaN)).toThrow(/out of order/);
    const failing = new SegmentedClustering(new ClusterBuilder(), {
      total: 50, segmentSize: 10, concurrency: 2, run: () => Promise.reject(new Error("worker gone")), idOf: (k) => items[k].id,
    });
    items.forEach((x, k) => failing.push(k, x.time));
    await expect(failing.finish()).rejects.toThrow(/worker gone/);
    // one builder is fed one way
    const builder = new ClusterBuilder();
    builder.add("a", items[0].set, Number.NaN);
    expect(() => builder.addFound("b", Number.NaN, { from: 1, ends: Int32Array.of(0), js: new Int32Array(0), sims: new Float64Array(0) }, 0)).toThrow(/fed with add/);
  });
});
