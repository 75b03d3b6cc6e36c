/**
 * Syndication and duplicates: the same article on an agency portal, the
 * provincial portal and the newspaper is one cluster. Texts become sets of
 * word 3-shingles over the diacritic-folded words (so a copy that lost its
 * diacritics still matches); MinHash signatures with LSH banding find candidate
 * pairs (32 bands of 2 rows: a pair at Jaccard 0.5 becomes a candidate with
 * p > 0.9999), and a pair joins one cluster when the exact Jaccard similarity
 * of the shingle sets is at least SAME_ARTICLE_JACCARD and the cluster's dated
 * members stay within SYNDICATION_WINDOW_DAYS of each other: a syndicated copy
 * appears within days, while the same template months apart (a monthly
 * reception schedule, a yearly plan) is a new item. Pure and deterministic.
 */
import { normalizeBody } from "../text/normalize.ts";
import { foldedWords } from "../text/phrases.ts";

/** Jaccard similarity of 3-shingle sets from which two texts are one article (tested in test/dedupe). */
export const SAME_ARTICLE_JACCARD = 0.5;
/** Widest span of publication dates within one cluster (undated copies join on text alone). */
export const SYNDICATION_WINDOW_DAYS = 10;
const DAY_MS = 86_400_000;
const SHINGLE = 3;
const BANDS = 32;
const ROWS = 2;
const HASHES = BANDS * ROWS;
/** Texts shorter than this many words are compared on title + text, never on text alone. */
const MIN_WORDS = 12;

export interface DedupeInput {
  id: string;
  title: string;
  text: string;
  /** ISO 8601 instant, or null when undated. */
  published_at?: string | null;
}

/** FNV-1a 32-bit hash of a string. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 32-bit mixer (murmur3 finaliser) to derive the k-th hash from one base hash. */
function mix(h: number, seed: number): number {
  let x = (h ^ seed) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const SEEDS = Array.from({ length: HASHES }, (_, k) => mix(k + 1, 0x9e3779b9));

/** The shingle hashes of an item (title included when the text is short). */
export function shingles(item: { title: string; text: string }): Set<number> {
  let words = foldedWords(normalizeBody(item.text));
  if (words.length < MIN_WORDS) words = [...foldedWords(item.title), ...words];
  const out = new Set<number>();
  if (words.length < SHINGLE) {
    if (words.length) out.add(fnv1a(words.join(" ")));
    return out;
  }
  for (let i = 0; i + SHINGLE <= words.length; i++) out.add(fnv1a(words.slice(i, i + SHINGLE).join(" ")));
  return out;
}

export function jaccard(a: Set<number>, b: Set<number>): number {
  if (!a.size && !b.size) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

export function minhash(set: Set<number>): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const x of set) {
    for (let k = 0; k < HASHES; k++) {
      const h = mix(x, SEEDS[k]);
      if (h < sig[k]) sig[k] = h;
    }
  }
  return sig;
}

export interface ClusterAssignment {
  id: string;
  /** The smallest member id: stable while the cluster's membership is. */
  cluster_id: string;
  /** Best Jaccard similarity to another member (1 for a singleton). */
  similarity: number;
}

/** Group items into clusters of the same article. */
export function clusterItems(items: DedupeInput[], threshold = SAME_ARTICLE_JACCARD, windowDays = SYNDICATION_WINDOW_DAYS): ClusterAssignment[] {
  const sets = items.map(shingles);
  const parent = items.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  // Date span of each cluster (by root); NaN bounds = no dated member yet.
  const times = items.map((it) => (it.published_at ? Date.parse(it.published_at) : Number.NaN));
  const lo = [...times];
  const hi = [...times];
  const fits = (a: number, b: number) => {
    const min = Math.min(...[lo[a], lo[b]].filter((x) => !Number.isNaN(x)));
    const max = Math.max(...[hi[a], hi[b]].filter((x) => !Number.isNaN(x)));
    return !Number.isFinite(min) || max - min <= windowDays * DAY_MS;
  };
  const best = items.map(() => 0);
  const buckets = new Map<string, number[]>();
  items.forEach((_, i) => {
    if (!sets[i].size) return;
    const sig = minhash(sets[i]);
    for (let b = 0; b < BANDS; b++) {
      const key = `${b}:${Array.from(sig.subarray(b * ROWS, (b + 1) * ROWS)).join(",")}`;
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
  });
  const checked = new Set<string>();
  for (const list of buckets.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const [i, j] = [list[x], list[y]];
        const pair = `${i},${j}`;
        if (checked.has(pair)) continue;
        checked.add(pair);
        const [ri, rj] = [find(i), find(j)];
        if (ri === rj || !fits(ri, rj)) continue;
        const sim = jaccard(sets[i], sets[j]);
        if (sim < threshold) continue;
        best[i] = Math.max(best[i], sim);
        best[j] = Math.max(best[j], sim);
        const [root, child] = ri < rj ? [ri, rj] : [rj, ri];
        parent[child] = root;
        lo[root] = Math.min(...[lo[root], lo[child]].filter((x) => !Number.isNaN(x)), Number.POSITIVE_INFINITY);
        hi[root] = Math.max(...[hi[root], hi[child]].filter((x) => !Number.isNaN(x)), Number.NEGATIVE_INFINITY);
        if (!Number.isFinite(lo[root])) [lo[root], hi[root]] = [Number.NaN, Number.NaN];
      }
    }
  }
  const minId = new Map<number, string>();
  items.forEach((item, i) => {
    const r = find(i);
    const cur = minId.get(r);
    if (cur === undefined || item.id < cur) minId.set(r, item.id);
  });
  return items.map((item, i) => ({ id: item.id, cluster_id: minId.get(find(i))!, similarity: best[i] || 1 }));
}
