/**
 * The syndication window at its exact boundary: two copies exactly SYNDICATION_WINDOW_DAYS apart
 * are one cluster, 1 ms more and they are two, whichever way the clusterer is fed (item by item,
 * `clusterItems` in any order, in segments of the order searched apart). Every place that applies
 * the window (the search's eviction, a segment's warm-up, the clusters' date span) must use the same
 * inclusive comparison: with any one of them exclusive, the first case splits.
 */
import { describe, expect, it } from "vitest";
import {
  ClusterBuilder, ClusterOrderCheck, clusterItems, type FoundCandidates, SAME_ARTICLE_JACCARD, SYNDICATION_WINDOW_DAYS, searchSegment, windowMsOf, withinWindow,
} from "../../pipelines/dedupe/cluster.ts";
import { type SegmentJob, SegmentedClustering } from "../../pipelines/dedupe/segments.ts";

const DAY = 86_400_000;
const WINDOW = SYNDICATION_WINDOW_DAYS * DAY;
const T0 = Date.UTC(2025, 2, 1, 7, 30);
const SET = Uint32Array.from({ length: 40 }, (_, k) => 1_000 + k * 7);

interface Copy {
  id: string;
  time: number;
}

/** Each copy's cluster id, item by item (ClusterBuilder.add). */
function serial(copies: Copy[]): string[] {
  const builder = new ClusterBuilder(SAME_ARTICLE_JACCARD, SYNDICATION_WINDOW_DAYS);
  for (const c of copies) builder.add(c.id, SET, c.time);
  return builder.assignments().map((a) => a.cluster_id);
}

/** Each copy's cluster id, in segments of `size` (SegmentedClustering, each segment searched by searchSegment). */
async function segmented(copies: Copy[], size: number): Promise<string[]> {
  const builder = new ClusterBuilder(SAME_ARTICLE_JACCARD, SYNDICATION_WINDOW_DAYS);
  const run = (job: SegmentJob): Promise<FoundCandidates> => Promise.resolve(searchSegment(job.windowDays, job.ranges, (x) => ({ set: SET, sig: undefined, time: job.times[x] })));
  const clustering = new SegmentedClustering(builder, { total: copies.length, segmentSize: size, concurrency: 2, run, idOf: (k) => copies[k].id });
  copies.forEach((c, k) => clustering.push(k, c.time));
  await clustering.finish();
  return builder.assignments().map((a) => a.cluster_id);
}

const TEXT = "Sở Tư pháp tổ chức hội nghị triển khai công tác cải cách hành chính năm 2025, đẩy mạnh giải quyết thủ tục hành chính trực tuyến toàn trình cho người dân và doanh nghiệp.";

/** Each copy's cluster id from clusterItems (the same text, dated by an ISO instant), given the copies newest first. */
const unordered = (copies: Copy[]): string[] =>
  clusterItems([...copies].reverse().map((c) => ({ id: c.id, title: "", text: TEXT, published_at: new Date(c.time).toISOString() })))
    .reverse()
    .map((a) => a.cluster_id);

async function everyWay(copies: Copy[]): Promise<string[][]> {
  return [serial(copies), await segmented(copies, 1), await segmented(copies, copies.length), unordered(copies)];
}

describe("the syndication window's boundary", () => {
  it("is inclusive: withinWindow and windowMsOf", () => {
    expect(windowMsOf(SYNDICATION_WINDOW_DAYS)).toBe(WINDOW);
    expect(withinWindow(T0, T0 + WINDOW, WINDOW)).toBe(true);
    expect(withinWindow(T0, T0 + WINDOW + 1, WINDOW)).toBe(false);
    expect(withinWindow(T0, T0, 0)).toBe(true);
  });

  it("joins two copies exactly the window apart, every way the clusterer is fed", async () => {
    const copies = [{ id: "a", time: T0 }, { id: "b", time: T0 + WINDOW }];
    for (const clusters of await everyWay(copies)) expect(clusters).toEqual(["a", "a"]);
  });

  it("keeps two copies the window + 1 ms apart apart, every way", async () => {
    const copies = [{ id: "a", time: T0 }, { id: "b", time: T0 + WINDOW + 1 }];
    for (const clusters of await everyWay(copies)) expect(clusters).toEqual(["a", "b"]);
  });

  it("bounds a cluster's span by the window: a chain reaches the boundary, not 1 ms past it", async () => {
    const copies = [
      { id: "a", time: T0 }, { id: "b", time: T0 + 5 * DAY }, { id: "c", time: T0 + WINDOW }, { id: "d", time: T0 + WINDOW + 1 },
    ];
    // d is within the window of b and c, but joining them would stretch the cluster past it
    for (const clusters of await everyWay(copies)) expect(clusters).toEqual(["a", "a", "a", "d"]);
  });
});

describe("ClusterOrderCheck", () => {
  it("takes undated items first, then dated ones by instant (equal instants allowed), and refuses the rest", () => {
    const order = new ClusterOrderCheck();
    order.push("u1", Number.NaN);
    order.push("u2", Number.NaN);
    order.push("d1", T0);
    order.push("d2", T0);
    order.push("d3", T0 + 1);
    expect(() => order.push("late", T0)).toThrow(/item late out of order/);
    expect(() => order.push("undated", Number.NaN)).toThrow(/item undated out of order/);
  });
});
