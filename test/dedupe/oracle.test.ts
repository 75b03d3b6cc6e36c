/**
 * The clusterer's index (typed-array buckets, a ring of the window's items,
 * lazy eviction, the packed undated index) against a brute-force oracle on
 * random inputs built to stress it: few templates, so buckets overflow
 * MAX_BUCKET; Jaccard similarities around the threshold, so the result depends
 * on the order pairs are joined in; a short window, so items leave all the
 * time; undated items, empty sets and equal instants.
 *
 * The oracle holds no index: for each item and band it lists, from every
 * earlier item, those whose two band values equal the item's (the undated ones
 * first when the item is dated, then those of its own kind, within the window
 * when dated), keeps the newest MAX_BUCKET of each list, and runs the rule on
 * each in order (enough agreeing MinHash values, not already met in an earlier
 * band, not one cluster yet, the joined cluster's dates within the window,
 * exact Jaccard at the threshold).
 */
import { describe, expect, it } from "vitest";
import {
  BANDS, type ClusterAssignment, ClusterBuilder, clusterOrder, jaccardSorted, MAX_BUCKET, MIN_AGREEING, ROWS,
  SAME_ARTICLE_JACCARD, signature, sketchedSignature,
} from "../../pipelines/dedupe/cluster.ts";

import { type Item, lcg } from "./random-items.ts";

const DAY = 86_400_000;


interface Shape {
  seed: number;
  items: number;
  templates: number;
  /** Values of a template's pool, and how many of them an item draws. */
  pool: number;
  draw: number;
  days: number;
  undatedShare: number;
}

/** Random items in clusterOrder: each a draw from one template's pool (templates skewed, so some flood their buckets). */
function randomItems(s: Shape): Item[] {
  const rnd = lcg(s.seed);
  const pools = Array.from({ length: s.templates }, () => Array.from({ length: s.pool }, () => Math.floor(rnd() * 2 ** 32) >>> 0));
  const start = Date.UTC(2025, 0, 1);
  const items: Item[] = [];
  for (let i = 0; i < s.items; i++) {
    const pool = pools[Math.floor(rnd() ** 2 * s.templates)];
    const picked = new Set<number>();
    const draw = rnd() < 0.01 ? 0 : s.draw;
    while (picked.size < draw) picked.add(pool[Math.floor(rnd() * pool.length)]);
    const set = Uint32Array.from(picked).sort();
    // instants on a coarse grid (many equal ones), some undated
    const time = rnd() < s.undatedShare ? Number.NaN : start + Math.floor(rnd() * s.days * 24) * 3_600_000;
    items.push({ id: `x:${String(Math.floor(rnd() * 1e9)).padStart(9, "0")}:${i}`, set, time });
  }
  return items.sort(clusterOrder);
}

/** The clusters by brute force (items in clusterOrder), and the most candidates one bucket held before the cap. */
function oracle(items: Item[], windowDays: number, threshold = SAME_ARTICLE_JACCARD): { assignments: ClusterAssignment[]; widest: number } {
  const windowMs = windowDays * DAY;
  const n = items.length;
  let widest = 0;
  const sigs = items.map((x) => signature(x.set));
  const parent = items.map((_, i) => i);
  const best = new Array<number>(n).fill(0);
  const lo = items.map((x) => x.time);
  const hi = items.map((x) => x.time);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const minOf = (a: number, b: number, f: (x: number, y: number) => number) => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : f(a, b));
  const sameBand = (i: number, j: number, b: number) => sigs[i][b * ROWS] === sigs[j][b * ROWS] && sigs[i][b * ROWS + 1] === sigs[j][b * ROWS + 1];
  const consider = (j: number, i: number, band: number) => {
    let agree = 0;
    for (let k = 0; k < BANDS * ROWS; k++) if (sigs[i][k] === sigs[j][k]) agree++;
    if (agree < MIN_AGREEING) return;
    for (let b = 0; b < band; b++) if (sameBand(i, j, b)) return;
    const ri = find(i), rj = find(j);
    if (ri === rj) return;
    const min = minOf(lo[ri], lo[rj], Math.min), max = minOf(hi[ri], hi[rj], Math.max);
    if (!Number.isNaN(min) && max - min > windowMs) return;
    const sim = jaccardSorted(items[j].set, items[i].set);
    if (sim < threshold) return;
    best[i] = Math.max(best[i], sim);
    best[j] = Math.max(best[j], sim);
    const [root, child] = ri < rj ? [ri, rj] : [rj, ri];
    parent[child] = root;
    lo[root] = minOf(lo[root], lo[child], Math.min);
    hi[root] = minOf(hi[root], hi[child], Math.max);
  };
  for (let i = 0; i < n; i++) {
    if (!items[i].set.length) continue;
    const dated = !Number.isNaN(items[i].time);
    for (let b = 0; b < BANDS; b++) {
      const earlier = (keep: (j: number) => boolean) => {
        const list: number[] = [];
        for (let j = 0; j < i; j++) if (items[j].set.length && keep(j) && sameBand(i, j, b)) list.push(j);
        widest = Math.max(widest, list.length);
        return list.slice(-MAX_BUCKET);
      };
      const undated = (j: number) => Number.isNaN(items[j].time);
      if (dated) for (const j of earlier(undated)) consider(j, i, b);
      const own = dated ? (j: number) => !undated(j) && items[j].time >= items[i].time - windowMs : undated;
      for (const j of earlier(own)) consider(j, i, b);
    }
  }
  const minId = new Map<number, string>();
  items.forEach((x, i) => {
    const r = find(i);
    if (!minId.has(r) || x.id < minId.get(r)!) minId.set(r, x.id);
  });
  return { assignments: items.map((x, i) => ({ id: x.id, cluster_id: minId.get(find(i))!, similarity: best[i] || 1 })), widest };
}

const built = (items: Item[], windowDays: number, withSignatures: boolean) => {
  const builder = new ClusterBuilder(SAME_ARTICLE_JACCARD, windowDays);
  for (const x of items) builder.add(x.id, x.set, x.time, withSignatures ? sketchedSignature(x.set) : undefined);
  return builder;
};

describe("the clusterer's index against a brute-force oracle", () => {
  const shapes: [string, Shape, number][] = [
    ["crowded buckets, a short window", { seed: 1, items: 1000, templates: 3, pool: 40, draw: 17, days: 10, undatedShare: 0.05 }, 3],
    ["half the items undated (the packed index)", { seed: 2, items: 1000, templates: 3, pool: 40, draw: 16, days: 30, undatedShare: 0.5 }, 3],
    ["a long window over a few days", { seed: 3, items: 1000, templates: 4, pool: 50, draw: 20, days: 3, undatedShare: 0.02 }, 10],
    ["a zero-day window: only equal instants are comparable", { seed: 4, items: 1000, templates: 2, pool: 40, draw: 16, days: 0.125, undatedShare: 0 }, 0],
  ];
  for (const [what, shape, windowDays] of shapes) {
    it(`gives the same clusters and similarities: ${what}`, () => {
      const items = randomItems(shape);
      const { assignments: expected, widest } = oracle(items, windowDays);
      // the inputs exercise what they are for: joins and refusals both, and buckets past the cap
      expect(widest).toBeGreaterThan(MAX_BUCKET);
      const joined = expected.filter((a) => a.similarity < 1).length;
      expect(joined).toBeGreaterThan(items.length / 10);
      expect(new Set(expected.map((a) => a.cluster_id)).size).toBeGreaterThan(items.length / 20);
      const builder = built(items, windowDays, false);
      expect(builder.assignments()).toEqual(expected);
      // the signature given by the caller (the analysis computes it in its workers) changes nothing
      expect(built(items, windowDays, true).assignments()).toEqual(expected);
    });
  }
});
