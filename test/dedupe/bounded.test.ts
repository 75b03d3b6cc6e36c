/**
 * De-duplication bounded by its time window: the same clusters as before the
 * window-bounded rewrite on the DEMO farm's crawled articles (fixture recorded
 * with the previous all-pairs-by-bucket implementation), generated
 * near-duplicates against their known groups, and a comparison count that
 * grows linearly with the item count.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ClusterBuilder, clusterItems, type DedupeInput, filterBitsFor, MAX_BUCKET, shingleHashes, SYNDICATION_WINDOW_DAYS } from "../../pipelines/dedupe/cluster.ts";
import { foldDiacritics } from "../../pipelines/text/normalize.ts";

const DAY = 86_400_000;

/** Group ids by cluster: a canonical form that ignores which id names the cluster. */
function groups(assignments: { id: string; cluster_id: string }[]): string[][] {
  const by = new Map<string, string[]>();
  for (const a of assignments) by.set(a.cluster_id, [...(by.get(a.cluster_id) ?? []), a.id]);
  return [...by.values()].map((g) => g.sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** A small deterministic PRNG for the generated corpus (independent of the product's). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const SYLLABLES = "an ba binh cao cong chi dan dong giang ha hai hanh hoa huy khanh lam linh long minh nam nghia ngoc nhan phong phu quang son tam tan thanh thuy tien toan trung tuan van viet xuan yen".split(" ");
const TONED = "ấn bà bình cao công chí dân đông giang hà hải hạnh hoà huy khánh lâm linh long minh nam nghĩa ngọc nhân phong phú quang sơn tâm tân thành thuỷ tiến toàn trung tuấn văn việt xuân yên".split(" ");

function story(rnd: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const k = Math.floor(rnd() * SYLLABLES.length);
    out.push(rnd() < 0.5 ? TONED[k] : SYLLABLES[k]);
    if (i % 40 === 39) out.push(".\n");
  }
  return out.join(" ");
}

/** A copy as a portal or newspaper makes it: one paragraph dropped (of four or more), a source line added, sometimes without diacritics. */
function copyOf(rnd: () => number, text: string): string {
  const lines = text.split("\n");
  const drop = lines.length >= 4 ? 1 + Math.floor(rnd() * (lines.length - 1)) : -1;
  const kept = lines.filter((_, i) => i !== drop).join("\n");
  const withSource = `${kept}\nNguồn: Sở Nội vụ`;
  return rnd() < 0.3 ? foldDiacritics(withSource) : withSource;
}

describe("window-bounded de-duplication", () => {
  it("gives the DEMO farm's crawled articles the same clusters as before", () => {
    const fixture = JSON.parse(gunzipSync(readFileSync(join(import.meta.dirname, "fixtures", "farm-clusters.json.gz"))).toString("utf-8")) as {
      items: DedupeInput[];
      clusters: { id: string; cluster_id: string }[];
    };
    expect(fixture.items.length).toBeGreaterThan(400);
    const now = clusterItems(fixture.items);
    expect(now.map((c) => c.cluster_id)).toEqual(fixture.clusters.map((c) => c.cluster_id));
    // The farm syndicates: some clusters span several sources.
    expect(groups(now).filter((g) => g.length > 1).length).toBeGreaterThan(10);
  });

  it("finds generated near-duplicate groups exactly, whatever the input order", () => {
    const rnd = lcg(18);
    const items: DedupeInput[] = [];
    const expected: string[][] = [];
    const start = Date.parse("2024-01-01T08:00:00+07:00");
    for (let s = 0; s < 150; s++) {
      const text = story(rnd, 120 + Math.floor(rnd() * 300));
      const day = start + Math.floor(rnd() * 700) * DAY;
      const copies = rnd() < 0.4 ? 1 + Math.floor(rnd() * 4) : 0;
      const group = [`s${s}:0`];
      items.push({ id: group[0], title: `Tin ${s}`, text, published_at: new Date(day).toISOString() });
      for (let c = 1; c <= copies; c++) {
        const id = `s${s}:${c}`;
        const undated = rnd() < 0.15;
        const at = day + Math.floor(rnd() * (SYNDICATION_WINDOW_DAYS - 1) * DAY);
        items.push({ id, title: `Tin ${s} (bản sao)`, text: copyOf(rnd, text), published_at: undated ? null : new Date(at).toISOString() });
        group.push(id);
      }
      expected.push(group.sort());
      // The same template 60+ days later is a new item.
      if (rnd() < 0.1) {
        const id = `s${s}:later`;
        items.push({ id, title: `Tin ${s}`, text, published_at: new Date(day + (60 + Math.floor(rnd() * 90)) * DAY).toISOString() });
        expected.push([id]);
      }
    }
    expected.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    expect(groups(clusterItems(items))).toEqual(expected);
    const shuffled = [...items].sort(() => (rnd() < 0.5 ? -1 : 1));
    expect(groups(clusterItems(shuffled))).toEqual(expected);
  });

  it("finds the groups exactly when many items are undated, one template flooding the undated buckets", () => {
    const rnd = lcg(19);
    const items: DedupeInput[] = [];
    const expected: string[][] = [];
    const start = Date.parse("2024-01-01T08:00:00+07:00");
    const at = (ms: number) => new Date(ms).toISOString();
    // Past 2 × MAX_BUCKET undated copies of one template: its buckets are cut to their most recent
    // members before the dated items begin; its dated copies still join it.
    const template = story(rnd, 200);
    const flood: string[] = [];
    for (let c = 0; c < 2 * MAX_BUCKET + 40; c++) {
      flood.push(`t:${String(c).padStart(3, "0")}`);
      items.push({ id: flood.at(-1)!, title: "Lịch tiếp công dân", text: copyOf(rnd, template), published_at: null });
    }
    for (let c = 0; c < 5; c++) {
      flood.push(`t:dated${c}`);
      items.push({ id: flood.at(-1)!, title: "Lịch tiếp công dân", text: copyOf(rnd, template), published_at: at(start + c * 2 * DAY) });
    }
    expected.push(flood.sort());
    for (let s = 0; s < 120; s++) {
      const text = story(rnd, 120 + Math.floor(rnd() * 300));
      const day = start + Math.floor(rnd() * 700) * DAY;
      const group = [`s${s}:0`];
      items.push({ id: group[0], title: `Tin ${s}`, text, published_at: rnd() < 0.5 ? null : at(day) });
      for (let c = 1, copies = rnd() < 0.5 ? 1 + Math.floor(rnd() * 3) : 0; c <= copies; c++) {
        group.push(`s${s}:${c}`);
        const dated = at(day + Math.floor(rnd() * (SYNDICATION_WINDOW_DAYS - 1) * DAY));
        items.push({ id: group.at(-1)!, title: `Tin ${s} (bản sao)`, text: copyOf(rnd, text), published_at: rnd() < 0.5 ? null : dated });
      }
      expected.push(group.sort());
    }
    items.push({ id: "empty", title: "", text: "", published_at: null });
    expected.push(["empty"]);
    expected.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    expect(groups(clusterItems(items))).toEqual(expected);
  });

  it("compares a bounded number of pairs: linear in the item count, even when one template floods a window", () => {
    const run = (n: number) => {
      const rnd = lcg(n);
      const builder = new ClusterBuilder();
      const template = story(lcg(1), 200);
      const start = Date.parse("2024-01-01T00:00:00+07:00");
      for (let i = 0; i < n; i++) {
        // A third are the same weekly template (a reception schedule), two thirds unrelated stories.
        const text = i % 3 === 0 ? `${template} tuần ${Math.floor(i / 300)}` : story(rnd, 150);
        builder.add(`x:${String(i).padStart(6, "0")}`, shingleHashes(foldDiacritics(text).toLowerCase().split(/\s+/).filter(Boolean)), start + i * 60_000);
      }
      return builder;
    };
    const small = run(1_500);
    const large = run(6_000);
    expect(large.size).toBe(6_000);
    // Four times the items, at most about four times the comparisons (quadratic would be sixteen).
    expect(large.comparisons).toBeLessThanOrEqual(5 * Math.max(small.comparisons, 1));
    expect(large.comparisons).toBeLessThanOrEqual(6_000 * MAX_BUCKET);
  });

  it("refuses items out of order instead of clustering them wrongly", () => {
    const b = new ClusterBuilder();
    b.add("a", Uint32Array.of(1, 2, 3), Date.parse("2024-01-02T00:00:00Z"));
    expect(() => b.add("b", Uint32Array.of(1, 2, 3), Date.parse("2024-01-01T00:00:00Z"))).toThrow(/out of order/);
    expect(() => b.add("c", Uint32Array.of(1, 2, 3), Number.NaN)).toThrow(/out of order/);
  });
});

describe("the undated index's probe filter", () => {
  it("has a positive power-of-two size for any bucket count, the largest ones included", () => {
    for (const buckets of [0, 1, 100, 1 << 20, (1 << 28) + 1, 2 ** 31, 2 ** 33]) {
      const bits = filterBitsFor(buckets);
      expect(bits, `buckets ${buckets}`).toBeGreaterThanOrEqual(1024);
      expect(Number.isInteger(Math.log2(bits))).toBe(true);
      expect(bits).toBeGreaterThanOrEqual(Math.min(buckets * 8, 2 ** 30));
    }
  });
});
