/**
 * Syndication and duplicates: the same article on an agency portal, the
 * provincial portal and the newspaper is one cluster. Texts become sets of
 * word 3-shingles over the diacritic-folded words (so a copy that lost its
 * diacritics still matches); 64-value one-permutation MinHash signatures with
 * LSH banding find candidate pairs (32 bands of 2 rows: a pair at Jaccard 0.5
 * becomes a candidate with p > 0.9999), and a pair joins one cluster when the
 * exact Jaccard similarity of the shingle sets is at least SAME_ARTICLE_JACCARD
 * and the cluster's dated members stay within SYNDICATION_WINDOW_DAYS of each
 * other: a syndicated copy appears within days, while the same template months
 * apart (a monthly reception schedule, a yearly plan) is a new item.
 *
 * Bounded by the window: items are fed undated first, then dated in time order
 * (`clusterOrder`), and a dated item is compared only with the items published
 * at most SYNDICATION_WINDOW_DAYS before it (two items further apart can never
 * share a cluster) and with the undated ones. Older items leave the LSH index,
 * so memory holds one window of shingle sets, not the corpus. A bucket that
 * grows past MAX_BUCKET members (many copies of one template in one window) is
 * cut to its most recent MAX_BUCKET members, so a new item is compared with at
 * most BANDS × MAX_BUCKET others: the cost is linear in the item count, never
 * quadratic. The undated items have no window: their index is packed once the
 * dated items begin (`FrozenIndex`), and a 4-bit sketch of each member's
 * signature rejects nearly all of their candidates in a sequential read.
 * Pure and deterministic.
 */
import { foldedWords } from "../text/phrases.ts";
import { normalizeBody, wordHash } from "../text/normalize.ts";
import type { PreparedText } from "../text/prepared.ts";

/** Jaccard similarity of 3-shingle sets from which two texts are one article (tested in test/dedupe). */
export const SAME_ARTICLE_JACCARD = 0.5;
/** Widest span of publication dates within one cluster (undated copies join on text alone). */
export const SYNDICATION_WINDOW_DAYS = 10;
/** Most members of one LSH bucket a new item is compared with (the most recent ones). */
export const MAX_BUCKET = 64;
const DAY_MS = 86_400_000;

/** A window of `days` days, in ms (windowDays → the windowMs that withinWindow takes). */
export const windowMsOf = (days: number): number => days * DAY_MS;

/**
 * The window rule, the one place it is written: two instants (ms) are comparable, i.e. may be in
 * one cluster, when the later is at most `windowMs` after the earlier, the boundary included (two
 * items exactly SYNDICATION_WINDOW_DAYS apart are comparable, 1 ms more and they are not). The
 * search's eviction (CandidateSearch), a segment's warm-up (segmentWarmUp) and the clusters' date
 * span (ClusterBuilder) all ask it.
 */
export const withinWindow = (earlier: number, later: number, windowMs: number): boolean => later - earlier <= windowMs;

const SHINGLE = 3;
/** LSH bands of the 64-value signature, and the values per band. */
export const BANDS = 32;
export const ROWS = 2;
const HASHES = BANDS * ROWS;
/**
 * Candidates whose signatures agree on fewer than this many of the 64 values
 * are not compared exactly: at a true Jaccard of 0.5 the agreement is
 * Binomial(64, 0.5), below 13 with p < 10⁻⁵.
 */
export const MIN_AGREEING = 13;
/** Texts shorter than this many words are compared on title + text, never on text alone. */
const MIN_WORDS = 12;

export interface DedupeInput {
  id: string;
  title: string;
  text: string;
  /** ISO 8601 instant, or null when undated. */
  published_at?: string | null;
}

/** A 32-bit mixer (murmur3 finaliser). */
function mix(h: number, seed: number): number {
  let x = (h ^ seed) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const SEED = mix(1, 0x9e3779b9);

/** Is an item with this many body words compared on its title's words too? */
const withTitle = (bodyWords: number) => bodyWords < MIN_WORDS;

/** The words an item is compared on: its body's folded words, with the title's in front when the body is short. */
export function dedupeWords(titleWords: string[], bodyWords: string[]): string[] {
  return withTitle(bodyWords.length) ? [...titleWords, ...bodyWords] : bodyWords;
}

/**
 * shingleHashes(dedupeWords(…)) of a prepared text (prepareText), from the
 * words' hashes it carries, as a view of the buffer the shingles are sorted
 * in: read (or copy) it before the next shingleHashes or preparedShingles
 * call. (A typed array of its own per article, an off-heap allocation, was
 * a measurable part of the analysis.)
 */
export function preparedShingles(t: Pick<PreparedText, "titleWords" | "bodyWords" | "titleHashes" | "bodyHashes">): Uint32Array {
  if (!withTitle(t.bodyWords.length)) return sortedShingles(t.bodyWords, t.bodyHashes);
  const hashes = new Uint32Array(t.titleHashes.length + t.bodyHashes.length);
  hashes.set(t.titleHashes);
  hashes.set(t.bodyHashes, t.titleHashes.length);
  return sortedShingles(dedupeWords(t.titleWords, t.bodyWords), hashes);
}

/** The shingles being hashed (grown when a text has more). */
let SCRATCH = new Uint32Array(4096);
let SORTED = new Uint32Array(4096);
/** Bucket counts of the sort (as many as the most buckets). */
let COUNTS = new Int32Array(4096);
/** Largest bucket the insertion sort takes; a text with a larger one (a repeated passage) is sorted natively. */
const MAX_SORT_BUCKET = 48;

/**
 * Hashes of the word 3-shingles (from the three words' hashes, in order),
 * sorted, without repeats. `hashes` are the words' wordHash when the caller
 * has them (prepareText).
 */
export function shingleHashes(words: string[], hashes?: ArrayLike<number>): Uint32Array {
  return sortedShingles(words, hashes).slice();
}

/** shingleHashes(words, hashes) as a view of the buffer they are sorted in (valid until the next call). */
function sortedShingles(words: string[], hashes?: ArrayLike<number>): Uint32Array {
  if (words.length < SHINGLE) {
    if (!words.length) return new Uint32Array(0);
    return Uint32Array.of(mix(wordHash(words.join(" ")), SEED));
  }
  const wh = hashes ?? Uint32Array.from(words, wordHash);
  const n = words.length - SHINGLE + 1;
  if (SCRATCH.length < n) {
    SCRATCH = new Uint32Array(n * 2);
    SORTED = new Uint32Array(n * 2);
  }
  const out = SCRATCH;
  let h1 = wh[0];
  let h2 = wh[1];
  for (let i = 0; i < n; i++) {
    const h3 = wh[i + 2];
    out[i] = mix((h1 ^ Math.imul(h2, 0x9e3779b1) ^ Math.imul((h3 << 13) | (h3 >>> 19), 0x85ebca77)) >>> 0, 0x27d4eb2f);
    h1 = h2;
    h2 = h3;
  }
  const sorted = sortHashes(out, n);
  // Repeats are neighbours once sorted: keep each value that differs from the one before it.
  let u = 1;
  let last = sorted[0];
  for (let i = 1; i < n; i++) {
    const v = sorted[i];
    sorted[u] = v;
    if (v !== last) u++;
    last = v;
  }
  return sorted.subarray(0, u);
}

/**
 * a[0, n) in ascending order (the array holding them): hashes are uniform, so
 * they are dealt into about n buckets by their top bits, in order, and each
 * (small) bucket is sorted by insertion, a few times faster than the native
 * sort of a typed array. A bucket larger than MAX_SORT_BUCKET (repeated
 * shingles) falls back to the native sort.
 */
function sortHashes(a: Uint32Array, n: number): Uint32Array {
  if (n < 32) return a.subarray(0, n).sort();
  const bits = 32 - Math.clz32(n - 1); // 2^bits ≥ n buckets
  const buckets = 1 << bits;
  const shift = 32 - bits;
  if (COUNTS.length < buckets) COUNTS = new Int32Array(buckets);
  const counts = COUNTS;
  counts.fill(0, 0, buckets);
  for (let i = 0; i < n; i++) counts[a[i] >>> shift]++;
  // Each bucket's first place (the running sum held in a local, not re-read from the array), and the largest bucket.
  let largest = 0;
  let sum = 0;
  for (let k = 0; k < buckets; k++) {
    const c = counts[k];
    counts[k] = sum;
    sum += c;
    largest = c > largest ? c : largest;
  }
  if (largest > MAX_SORT_BUCKET) return a.subarray(0, n).sort();
  const s = SORTED;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    s[counts[v >>> shift]++] = v;
  }
  for (let i = 1; i < n; i++) {
    const v = s[i];
    let j = i - 1;
    if (s[j] <= v) continue;
    while (j >= 0 && s[j] > v) {
      s[j + 1] = s[j];
      j--;
    }
    s[j + 1] = v;
  }
  return s;
}

/** The shingle hashes of an item (title included when the text is short). */
export function shingles(item: { title: string; text: string }): Set<number> {
  return new Set(shingleHashes(dedupeWords(foldedWords(item.title), foldedWords(normalizeBody(item.text)))));
}

export function jaccard(a: Set<number>, b: Set<number>): number {
  if (!a.size && !b.size) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Jaccard similarity of two sorted, repeat-free hash arrays (same value as `jaccard` on their sets). */
export function jaccardSorted(a: Uint32Array, b: Uint32Array): number {
  if (!a.length && !b.length) return 0;
  let i = 0, j = 0, inter = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      inter++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return inter / (a.length + b.length - inter);
}

/**
 * One-permutation MinHash: each shingle hashed once, its top 6 bits pick one of
 * 64 bins, each bin keeps its smallest value; an empty bin (short texts) takes
 * the next non-empty bin's value shifted by the distance ("rotation"
 * densification), so that equal sets give equal signatures and the share of
 * agreeing values estimates the Jaccard similarity.
 */
export function signature(set: Uint32Array): Uint32Array {
  return sketchedSignature(set).subarray(0, HASHES);
}

/** Words of the sketch after the signature: the low 4 bits of each of its 64 values, 8 to a word. */
const SKETCH_WORDS = HASHES / 8;
/** Words of a sketched signature (`sketchedSignature`): the 64 values, then the sketch. */
export const SKETCHED_SIGNATURE_WORDS = HASHES + SKETCH_WORDS;

/**
 * `signature(set)` followed by its sketch (SKETCH_WORDS words): two equal values have equal low 4
 * bits, so the nibbles two sketches share bound from above the values their signatures share.
 * What `ClusterBuilder.add` takes as its `sig` (the analysis' workers compute it: batch.ts).
 */
export function sketchedSignature(set: Uint32Array): Uint32Array {
  const sig = new Uint32Array(SKETCHED_SIGNATURE_WORDS);
  writeSketchedSignature(set, sig, 0);
  return sig;
}

/** A bin no value reached yet (values are below it), and the bins' minima being computed. */
const EMPTY = 0x4000000;
const MINS = new Int32Array(HASHES);

/** `sketchedSignature(set)` written into out[at, at + SKETCHED_SIGNATURE_WORDS). */
export function writeSketchedSignature(set: Uint32Array, out: Uint32Array, at: number): void {
  // Each bin's smallest value, in small integers: EMPTY until a value comes, and the minimum without a branch (which the
  // hashes make unpredictable).
  const mins = MINS;
  mins.fill(EMPTY);
  for (let i = 0; i < set.length; i++) {
    const h = mix(set[i], SEED);
    const bin = h >>> 26;
    const v = h & 0x3ffffff;
    const d = v - mins[bin];
    mins[bin] += d & (d >> 31);
  }
  for (let k = 0; k < HASHES; k++) out[at + k] = mins[k] === EMPTY ? 0xffffffff : mins[k];
  out.fill(0, at + HASHES, at + SKETCHED_SIGNATURE_WORDS);
  if (set.length) {
    for (let k = 0; k < HASHES; k++) {
      if (out[at + k] < 0x4000000) continue;
      for (let d = 1; d < HASHES; d++) {
        const v = out[at + ((k + d) % HASHES)];
        if (v < 0x4000000) {
          out[at + k] = (v + d * 0x4000000) >>> 0;
          break;
        }
      }
    }
  }
  for (let k = 0; k < HASHES; k++) out[at + HASHES + (k >>> 3)] |= (out[at + k] & 15) << ((k & 7) * 4);
}

/** Do the sketch at a[at …] and the one of the sketched signature `sig` share fewer than `min` nibbles? */
function sketchesAgreeFewerThan(a: Uint32Array, at: number, sig: Uint32Array, min: number): boolean {
  let differ = 0;
  for (let w = 0; w < SKETCH_WORDS; w++) {
    let x = a[at + w] ^ sig[HASHES + w];
    x |= x >>> 1;
    x |= x >>> 2;
    differ += Math.imul(x & 0x11111111, 0x11111111) >>> 28;
  }
  return HASHES - differ < min;
}

/**
 * Fewer than `min` values shared by the sketched signature at a[at …] and `b`? First on the
 * sketches (one sketch word holds 8 values: a pair of unrelated texts, which agrees on about 2
 * values, shares about 6 nibbles), then, when the sketches cannot tell, on the values.
 */
function agreeFewerThan(a: Uint32Array, at: number, b: Uint32Array, min: number): boolean {
  if (sketchesAgreeFewerThan(a, at + HASHES, b, min)) return true;
  let agree = 0;
  for (let k = 0; k < HASHES; k++) if (a[at + k] === b[k]) agree++;
  return agree < min;
}

/**
 * A band's bucket key: its two values mixed into 30 bits, a small integer (V8 keeps it unboxed: no
 * allocation per lookup). A rare collision only adds a candidate, which the exact checks reject.
 */
const bandKey = (sig: Uint32Array, b: number) => (Math.imul(sig[b * ROWS] ^ 0x27d4eb2f, 0x9e3779b1) ^ sig[b * ROWS + 1]) & 0x3fffffff;

export interface ClusterAssignment {
  id: string;
  /** The smallest member id: stable while the cluster's membership is. */
  cluster_id: string;
  /** Best Jaccard similarity to another member when it joined (1 for a singleton). */
  similarity: number;
}

/** The order `ClusterBuilder.add` needs: undated first, then by instant, then by id. */
export function clusterOrder(a: { id: string; time: number }, b: { id: string; time: number }): number {
  const ua = Number.isNaN(a.time), ub = Number.isNaN(b.time);
  if (ua !== ub) return ua ? -1 : 1;
  if (!ua && a.time !== b.time) return a.time - b.time;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Fewest slots of a LiveIndex's ring and of each band's table (both grow by doubling). */
const MIN_SLOTS = 64;

/** Slot of a bucket key in an open-addressing table of `mask + 1` slots. */
const spread = (key: number, mask: number) => (Math.imul(key, 0x9e3779b1) >>> 7) & mask;

/**
 * The LSH index of one kind of items (the undated ones while they come, or the dated ones of the
 * window), in typed arrays: no object per item or bucket, so nothing for the garbage collector.
 *
 * Items are numbered in the order they are added; the live ones are [low, high) (the undated
 * index never drops any; the dated one drops, by raising `low`, the items older than the window,
 * which are also the lowest numbers). Each live item has a slot in a ring (`number & mask`) holding
 * its sketched signature, its shingle set and, per band, the previous member of its bucket. A
 * bucket is a chain from its newest member through those links; its members are the live ones
 * (a link to a number below `low` ends the chain), its visible members the newest MAX_BUCKET of
 * them: what the Map of arrays this replaces held after its evictions and cuts.
 *
 * Per band, an open-addressing table (linear probing) of the bucket keys, each with 1 + its newest
 * member (0: empty slot). A bucket whose newest member has left is empty; its slot stays until the
 * table is rebuilt (when a band passes half its slots), which drops such slots.
 */
class LiveIndex {
  low = 0;
  high = 0;
  private ringMask: number;
  /** Per ring slot, SKETCHED_SIGNATURE_WORDS words. */
  sigs: Uint32Array;
  /** Per ring slot, the shingle set (undefined: none, or left). */
  sets: (Uint32Array | undefined)[];
  /** Per ring slot, the item's instant in ms (NaN: undated). */
  private times: Float64Array;
  /** Per ring slot and band, the previous member of the item's bucket in that band (-1: none). */
  private prev: Int32Array;
  private tableMask: number;
  /** Per band, tableMask + 1 slots of two words: the bucket key, 1 + its newest member (0: empty). */
  private table: Int32Array;
  /** Slots in use per band (empty buckets included, until a rebuild), and in the fullest band. */
  private used = new Int32Array(BANDS);
  private most = 0;

  constructor(ringSlots = MIN_SLOTS, tableSlots = MIN_SLOTS) {
    this.ringMask = ringSlots - 1;
    this.sigs = new Uint32Array(ringSlots * SKETCHED_SIGNATURE_WORDS);
    this.sets = new Array(ringSlots);
    this.times = new Float64Array(ringSlots);
    this.prev = new Int32Array(ringSlots * BANDS);
    this.tableMask = tableSlots - 1;
    this.table = new Int32Array(BANDS * tableSlots * 2);
  }

  /** Position of item j's signature in `sigs` (j live). */
  sigAt(j: number): number {
    return (j & this.ringMask) * SKETCHED_SIGNATURE_WORDS;
  }

  setOf(j: number): Uint32Array {
    return this.sets[j & this.ringMask]!;
  }

  /** Instant of item j (live). */
  timeOf(j: number): number {
    return this.times[j & this.ringMask];
  }

  /** Item `high`, at `time`, becomes live (numbers are consecutive: an item without a set is live with no data). */
  open(i: number, time: number): void {
    if (i !== this.high) throw new Error(`clustering: item ${i} opened after ${this.high - 1}`);
    this.high = i + 1;
    if (this.high - this.low > this.ringMask + 1) this.growRing();
    this.times[i & this.ringMask] = time;
  }

  /** Keep item i's set and signature (i live, just opened). */
  keep(i: number, set: Uint32Array, sig: Uint32Array): void {
    const slot = i & this.ringMask;
    this.sets[slot] = set;
    this.sigs.set(sig.subarray(0, SKETCHED_SIGNATURE_WORDS), slot * SKETCHED_SIGNATURE_WORDS);
  }

  /** Items below `low` leave (their sets are let go). */
  dropBelow(low: number): void {
    for (; this.low < low; this.low++) this.sets[this.low & this.ringMask] = undefined;
  }

  private growRing(): void {
    const slots = (this.ringMask + 1) * 2;
    const mask = slots - 1;
    const sigs = new Uint32Array(slots * SKETCHED_SIGNATURE_WORDS);
    const sets: (Uint32Array | undefined)[] = new Array(slots);
    const times = new Float64Array(slots);
    const prev = new Int32Array(slots * BANDS);
    for (let j = this.low; j < this.high - 1; j++) {
      const from = j & this.ringMask, to = j & mask;
      sigs.set(this.sigs.subarray(from * SKETCHED_SIGNATURE_WORDS, (from + 1) * SKETCHED_SIGNATURE_WORDS), to * SKETCHED_SIGNATURE_WORDS);
      sets[to] = this.sets[from];
      times[to] = this.times[from];
      prev.set(this.prev.subarray(from * BANDS, (from + 1) * BANDS), to * BANDS);
    }
    this.ringMask = mask;
    this.sigs = sigs;
    this.sets = sets;
    this.times = times;
    this.prev = prev;
  }

  /** Make room for one more bucket in every band (before a `place` per band): rebuilds the tables when one passes half its slots. */
  reserve(): void {
    if ((this.most + 1) * 2 <= this.tableMask + 1) return;
    // A band's live buckets have distinct newest members, all live: at most the live items.
    const live = this.high - this.low;
    // at most a quarter full after the rebuild: the next one comes after as many insertions again
    let slots = this.tableMask + 1;
    while ((live + 1) * 4 > slots) slots *= 2;
    while (slots > MIN_SLOTS && (live + 1) * 16 <= slots) slots /= 2;
    const old = this.table, oldMask = this.tableMask;
    this.tableMask = slots - 1;
    this.table = new Int32Array(BANDS * slots * 2);
    this.used.fill(0);
    this.most = 0;
    for (let b = 0; b < BANDS; b++) {
      const base = b * (oldMask + 1);
      for (let s = 0; s <= oldMask; s++) {
        const newest = old[(base + s) * 2 + 1] - 1;
        if (newest < this.low) continue;
        const slot = this.find(b, old[(base + s) * 2]);
        this.table[slot * 2] = old[(base + s) * 2];
        this.table[slot * 2 + 1] = newest + 1;
        this.used[b]++;
      }
      if (this.used[b] > this.most) this.most = this.used[b];
    }
  }

  /** Folded loads of `touch` (kept, so that they are made). */
  private touched = 0;

  /**
   * Load the first table slot of each of `sig`'s band keys, with no branch on what is read: the 32
   * loads (cache misses, mostly) overlap, and the probes that follow find their slots in the cache.
   */
  touch(sig: Uint32Array): void {
    let acc = 0;
    const slots = this.tableMask + 1;
    for (let b = 0; b < BANDS; b++) {
      // the slot's member (any, when the key is elsewhere: only loads, of valid positions), its sketch and link
      const ring = (this.table[(b * slots + spread(bandKey(sig, b), this.tableMask)) * 2 + 1] - 1) & this.ringMask;
      acc ^= this.sigs[ring * SKETCHED_SIGNATURE_WORDS + HASHES] ^ this.prev[ring * BANDS + b];
    }
    this.touched ^= acc;
  }

  /** The table slot of `key` in band b: the one holding it, or the empty one where it goes. */
  find(b: number, key: number): number {
    const base = b * (this.tableMask + 1);
    for (let s = spread(key, this.tableMask); ; s = (s + 1) & this.tableMask) {
      const e = this.table[(base + s) * 2 + 1];
      if (e === 0 || this.table[(base + s) * 2] === key) return base + s;
    }
  }

  /** Newest live member of the bucket in table slot `slot` (from `find`), or -1. */
  newest(slot: number): number {
    const m = this.table[slot * 2 + 1] - 1;
    return m >= this.low ? m : -1;
  }

  /** The member before j (live) in its bucket of band b, or -1 when none is live. */
  before(j: number, b: number): number {
    const m = this.prev[(j & this.ringMask) * BANDS + b];
    return m >= this.low ? m : -1;
  }

  /** Item i (live, the newest) joins the bucket of `key` in band b, at table slot `slot` (from `find`, after `reserve`). */
  place(slot: number, b: number, key: number, i: number): void {
    const e = this.table[slot * 2 + 1];
    if (e === 0) {
      this.table[slot * 2] = key;
      if (++this.used[b] > this.most) this.most = this.used[b];
    }
    this.prev[(i & this.ringMask) * BANDS + b] = e - 1;
    this.table[slot * 2 + 1] = i + 1;
  }

  /**
   * The visible members of the bucket whose newest live member is `newest` (-1: none) in band b —
   * its newest MAX_BUCKET live members — written into `out` newest first; returns how many.
   */
  visibleMembers(newest: number, b: number, out: Int32Array): number {
    let n = 0;
    for (let m = newest; m >= 0 && n < MAX_BUCKET; m = this.before(m, b)) out[n++] = m;
    return n;
  }

  /**
   * Every band's buckets with their visible members: `each(band, key, members, n)`, the n members in
   * members[0, n), newest first (a scratch array, valid during the call).
   */
  eachBucket(each: (band: number, key: number, members: Int32Array, n: number) => void): void {
    const scratch = new Int32Array(MAX_BUCKET);
    for (let b = 0; b < BANDS; b++) {
      const base = b * (this.tableMask + 1);
      for (let s = 0; s <= this.tableMask; s++) {
        const n = this.visibleMembers(this.newest(base + s), b, scratch);
        if (n) each(b, this.table[(base + s) * 2], scratch, n);
      }
    }
  }

  /** Let go of the buckets (the frozen index holds them now); the items' sets and signatures stay. */
  dropBuckets(): void {
    this.table = new Int32Array(0);
    this.prev = new Int32Array(0);
    this.tableMask = -1;
  }
}

/**
 * Bits of the undated index's probe filter for this many buckets: about 8 a bucket, a power of two
 * from 2^10 to 2^30 (1 << 31 is negative and 1 << 32 is 1 in JavaScript: an empty filter that would
 * answer "no bucket" to every probe).
 */
export function filterBitsFor(buckets: number): number {
  return 1 << Math.min(30, Math.max(10, 32 - Math.clz32(Math.max(1, buckets * 8 - 1))));
}

/** Words of one member in `FrozenIndex.members`: the item, then its sketch. */
const MEMBER_WORDS = 1 + SKETCH_WORDS;

/**
 * The undated items' index once the dated items begin (it never changes after: dated items go to
 * their own index, undated ones come first), packed into typed arrays: each bucket's visible members
 * (its most recent MAX_BUCKET, in order) stored one after the other with their sketches, so that the
 * candidates the sketches reject (nearly all) cost a sequential read, not a signature lookup each;
 * per band an open-addressing table of the bucket keys, behind a bit filter of all of them that
 * answers most probes (most keys have no undated bucket) from a few kilobytes.
 */
class FrozenIndex {
  /** Per band, `capacity` slots of two words: the bucket key, and 1 + the bucket's position (0: empty). */
  private readonly table: Int32Array;
  private readonly capacity: number;
  private readonly filter: Int32Array;
  private readonly filterMask: number;
  /** Per bucket, its first member's position in `members` and its member count. */
  readonly start: Int32Array;
  readonly count: Int32Array;
  readonly members: Uint32Array;

  constructor(index: LiveIndex) {
    const perBand = new Int32Array(BANDS);
    let buckets = 0, total = 0;
    index.eachBucket((b, _key, _members, n) => {
      perBand[b]++;
      buckets++;
      total += n;
    });
    const widest = Math.max(...perBand);
    this.capacity = 1 << (32 - Math.clz32(Math.max(1, widest * 2 - 1)));
    this.table = new Int32Array(BANDS * this.capacity * 2);
    const filterBits = filterBitsFor(buckets);
    this.filter = new Int32Array(filterBits >>> 5);
    this.filterMask = filterBits - 1;
    this.start = new Int32Array(buckets);
    this.count = new Int32Array(buckets);
    this.members = new Uint32Array(total * MEMBER_WORDS);
    let e = 0, m = 0;
    index.eachBucket((b, key, visible, n) => {
      this.start[e] = m;
      this.count[e] = n;
      // oldest first
      for (let v = n - 1; v >= 0; v--) {
        const j = visible[v];
        this.members[m * MEMBER_WORDS] = j;
        const at = index.sigAt(j) + HASHES;
        for (let w = 0; w < SKETCH_WORDS; w++) this.members[m * MEMBER_WORDS + 1 + w] = index.sigs[at + w];
        m++;
      }
      const f = this.filterBit(b, key);
      this.filter[f >>> 5] |= 1 << (f & 31);
      let slot = spread(key, this.capacity - 1) + b * this.capacity;
      while (this.table[slot * 2 + 1] !== 0) slot = ((slot + 1) & (this.capacity - 1)) + b * this.capacity;
      this.table[slot * 2] = key;
      this.table[slot * 2 + 1] = e + 1;
      e++;
    });
  }

  private filterBit(band: number, key: number): number {
    return (Math.imul(key ^ Math.imul(band + 1, 0x85ebca6b), 0xc2b2ae35) >>> 3) & this.filterMask;
  }

  /** Folded loads of `touch` (kept, so that they are made). */
  private touched = 0;

  /** LiveIndex.touch for this index: the filter word and first table slot of each of `sig`'s band keys, and that slot's bucket's first member. */
  touch(sig: Uint32Array): void {
    let acc = 0;
    const last = this.start.length - 1;
    if (last < 0) return;
    for (let b = 0; b < BANDS; b++) {
      const key = bandKey(sig, b);
      const f = this.filterBit(b, key);
      const e = this.table[(spread(key, this.capacity - 1) + b * this.capacity) * 2 + 1] - 1;
      acc ^= this.filter[f >>> 5] ^ this.members[this.start[Math.min(e >>> 0, last)] * MEMBER_WORDS + 1];
    }
    this.touched ^= acc;
  }

  /** The bucket of `key` in band `band`, or -1. */
  bucket(band: number, key: number): number {
    const f = this.filterBit(band, key);
    if ((this.filter[f >>> 5] & (1 << (f & 31))) === 0) return -1;
    const base = band * this.capacity;
    for (let slot = spread(key, this.capacity - 1) + base; ; slot = ((slot + 1) & (this.capacity - 1)) + base) {
      const e = this.table[slot * 2 + 1];
      if (e === 0) return -1;
      if (this.table[slot * 2] === key) return e - 1;
    }
  }
}

/** The check that items come in `clusterOrder` (undated first, then dated by instant), as they are pushed one by one. */
export class ClusterOrderCheck {
  /** The latest dated instant pushed (-Infinity: none yet). */
  private last = Number.NEGATIVE_INFINITY;

  /** Throws unless the item `id` at `time` (ms, NaN: undated) may follow the items pushed before. */
  push(id: string, time: number): void {
    if (Number.isNaN(time) ? this.last > Number.NEGATIVE_INFINITY : time < this.last) {
      throw new Error(`clustering: item ${id} out of order (undated items first, then dated ones by instant)`);
    }
    if (!Number.isNaN(time)) this.last = time;
  }
}

/** What `CandidateSearch.add` hands each of an item's candidates, in the order the clusterer meets them. */
export interface CandidateSink {
  /** Item i (being added, its shingle set `set`) and an earlier item j (its set: the search's `setOf(j)`). */
  candidate(j: number, i: number, set: Uint32Array): void;
}

/**
 * The part of the clusterer that reads no cluster: the LSH indexes (the undated items', packed once
 * the dated ones begin, and the dated items of the window) and, for each item, the earlier items it
 * is compared with, in order: for each band, the visible members of its bucket (for a dated item
 * those of the undated index first), oldest first, whose signatures agree with the item's on at least
 * MIN_AGREEING values and that no earlier band brought. Which items these are depends only on the
 * items and their order (index membership, eviction by time, the MAX_BUCKET visible members), never
 * on the clusters found so far: so a segment of the order can be searched apart, in another thread,
 * from an index rebuilt with the items before it that are still comparable (`searchSegment`), and
 * `ClusterBuilder` applies the rest of the rule (not one cluster yet, the joined dates within the
 * window, the exact Jaccard at the threshold) in the order.
 */
export class CandidateSearch {
  /** The undated items (all comparable for good); its buckets go to `frozen` when the dated items begin. */
  private readonly undated = new LiveIndex();
  /** The undated index packed, from the first dated item on (null before). */
  private frozen: FrozenIndex | null = null;
  /** The dated items within the window of the newest one. */
  private readonly dated = new LiveIndex();
  /** Number of the first dated item (Infinity until one comes). */
  private firstDated = Number.POSITIVE_INFINITY;
  private readonly windowMs: number;
  /** Visible members of one bucket, newest first (scratch). */
  private readonly visible = new Int32Array(MAX_BUCKET);

  constructor(windowDays = SYNDICATION_WINDOW_DAYS) {
    this.windowMs = windowMsOf(windowDays);
  }

  /**
   * Add item i: its shingle hashes (`shingleHashes`), instant in ms (NaN when undated) and
   * `sketchedSignature(set)` (computed here when undefined). Items come in `clusterOrder` (the
   * caller checks it: `ClusterOrderCheck`), numbered one more each time within each kind: the
   * undated ones from 0, the dated ones from the first given (a segment's search starts them at the
   * first item still in the window). `sink` gets the item's candidates; null: the item only joins
   * the index (an item before a segment).
   */
  add(i: number, set: Uint32Array, time: number, sig: Uint32Array | undefined, sink: CandidateSink | null): void {
    const isUndated = Number.isNaN(time);
    const own = isUndated ? this.undated : this.dated;
    if (!isUndated) {
      if (this.frozen === null) {
        this.firstDated = i;
        this.dated.low = this.dated.high = i;
        this.frozen = new FrozenIndex(this.undated);
        this.undated.dropBuckets();
      }
      this.evictOutside(time);
    }
    own.open(i, time);
    if (!set.length) return;
    if (sig === undefined) sig = sketchedSignature(set);
    own.keep(i, set, sig);
    own.reserve();
    own.touch(sig);
    if (!isUndated && sink !== null) this.frozen!.touch(sig);
    for (let b = 0; b < BANDS; b++) {
      const key = bandKey(sig, b);
      const slot = own.find(b, key);
      if (sink !== null) {
        if (!isUndated) this.compareFrozen(this.frozen!.bucket(b, key), i, sig, set, b, sink);
        this.compareBucket(own, own.newest(slot), i, sig, set, b, sink);
      }
      own.place(slot, b, key, i);
    }
  }

  /** The shingle set of item j (one still in the index). */
  setOf(j: number): Uint32Array {
    return (j < this.firstDated ? this.undated : this.dated).setOf(j);
  }

  /** Compare item i with the visible members of a bucket of `index` (its newest live member, -1: none), oldest first. */
  private compareBucket(index: LiveIndex, newest: number, i: number, sig: Uint32Array, set: Uint32Array, band: number, sink: CandidateSink): void {
    let n = index.visibleMembers(newest, band, this.visible);
    while (n > 0) this.compareWith(this.visible[--n], i, sig, set, band, sink);
  }

  /** compareBucket for a bucket of the frozen undated index (-1: none): the sketches reject most members first. */
  private compareFrozen(e: number, i: number, sig: Uint32Array, set: Uint32Array, band: number, sink: CandidateSink): void {
    if (e < 0) return;
    const { members, start, count } = this.frozen!;
    for (let m = start[e], end = m + count[e]; m < end; m++) {
      if (!sketchesAgreeFewerThan(members, m * MEMBER_WORDS + 1, sig, MIN_AGREEING)) this.compareWith(members[m * MEMBER_WORDS], i, sig, set, band, sink);
    }
  }

  /** Item i against an earlier item j of one of its buckets: a candidate unless their signatures tell it apart or an earlier band brought it. */
  private compareWith(j: number, i: number, sig: Uint32Array, set: Uint32Array, band: number, sink: CandidateSink): void {
    const index = j < this.firstDated ? this.undated : this.dated;
    const others = index.sigs;
    const at = index.sigAt(j);
    // Most candidates fail the agreement test; the order of the two checks changes no outcome: each only rejects.
    if (agreeFewerThan(others, at, sig, MIN_AGREEING)) return;
    // Compared in an earlier band already?
    for (let b = 0; b < band; b++) {
      if (others[at + b * ROWS] === sig[b * ROWS] && others[at + b * ROWS + 1] === sig[b * ROWS + 1]) return;
    }
    sink.candidate(j, i, set);
  }

  /** Drop the dated items outside the window of an item at `time` from the index (the oldest first): nothing later can share their cluster. */
  private evictOutside(time: number): void {
    let low = this.dated.low;
    while (low < this.dated.high && !withinWindow(this.dated.timeOf(low), time, this.windowMs)) low++;
    this.dated.dropBelow(low);
  }
}

/** What the search of one segment of the order found (`searchSegment`): each item's candidates with their exact Jaccard similarity. */
export interface FoundCandidates {
  /** Number of the segment's first item. */
  from: number;
  /** Per item of the segment, the end of its candidates in `js` and `sims` (they begin at the previous item's end). */
  ends: Int32Array;
  /** The candidates (item numbers), each item's in the order the clusterer meets them. */
  js: Int32Array;
  /** jaccardSorted of the item's set and the candidate's. */
  sims: Float64Array;
}

/**
 * The items a segment of the order starting at item `from` must have in its index before its search
 * (`searchSegment`), as ranges of item numbers [start, end), flattened: all the undated items before
 * it, and, when it starts among the dated ones, those published at most the window before its first
 * item (exactly the dated items `evictOutside` keeps when that item comes: withinWindow). `times`: the items'
 * instants in the order (NaN: undated, first), at least up to `from`.
 */
export function segmentWarmUp(times: ArrayLike<number>, from: number, windowDays = SYNDICATION_WINDOW_DAYS): number[] {
  if (from === 0) return [];
  if (Number.isNaN(times[from - 1])) return [0, from];
  // the first dated item, then the first one not before the cut (the order is sorted: binary searches)
  const firstAtOrAfter = (lo: number, hi: number, before: (t: number) => boolean) => {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(times[mid])) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const firstDated = firstAtOrAfter(0, from, Number.isNaN);
  const windowMs = windowMsOf(windowDays);
  const start = firstAtOrAfter(firstDated, from, (t) => !withinWindow(t, times[from], windowMs));
  const ranges = firstDated > 0 ? [0, firstDated] : [];
  if (start < from) ranges.push(start, from);
  return ranges;
}

/** A segment's search records its items' candidates and their similarities (FoundCandidates). */
class Found implements CandidateSink {
  private js = new Int32Array(1024);
  private sims = new Float64Array(1024);
  private n = 0;
  readonly ends: Int32Array;

  constructor(
    private readonly search: CandidateSearch,
    readonly from: number,
    count: number,
  ) {
    this.ends = new Int32Array(count);
  }

  candidate(j: number, i: number, set: Uint32Array): void {
    if (this.n === this.js.length) {
      const js = new Int32Array(this.n * 2), sims = new Float64Array(this.n * 2);
      js.set(this.js);
      sims.set(this.sims);
      this.js = js;
      this.sims = sims;
    }
    this.js[this.n] = j;
    this.sims[this.n++] = jaccardSorted(this.search.setOf(j), set);
  }

  /** Item i's candidates are all in. */
  end(i: number): void {
    this.ends[i - this.from] = this.n;
  }

  result(): FoundCandidates {
    return { from: this.from, ends: this.ends, js: this.js.slice(0, this.n), sims: this.sims.slice(0, this.n) };
  }
}

/** One item of a segment's search: its set, signature (`sketchedSignature`, or undefined) and instant (NaN: undated). */
export interface SearchItem {
  set: Uint32Array;
  sig: Uint32Array | undefined;
  time: number;
}

/**
 * The candidates of the items of one segment of the order, found apart from the clustering (in a
 * worker thread): `ranges` are ranges of item numbers [start, end), flattened, the segment's warm-up
 * (`segmentWarmUp`) and then the segment itself, last; `item(x)` gives the x-th of those items, in
 * that order (read at once: it may hand the same object each time). `ClusterBuilder.addFound` then clusters the segment's items in the order, with the
 * same result as `ClusterBuilder.add`.
 */
export function searchSegment(windowDays: number, ranges: ArrayLike<number>, item: (x: number) => SearchItem): FoundCandidates {
  const search = new CandidateSearch(windowDays);
  const last = ranges.length - 2;
  let x = 0;
  for (let r = 0; r < last; r += 2) {
    for (let i = ranges[r]; i < ranges[r + 1]; i++) {
      const it = item(x++);
      search.add(i, it.set, it.time, it.sig, null);
    }
  }
  const from = ranges[last], to = ranges[last + 1];
  const found = new Found(search, from, to - from);
  for (let i = from; i < to; i++) {
    const it = item(x++);
    search.add(i, it.set, it.time, it.sig, found);
    found.end(i);
  }
  return found.result();
}

/**
 * Incremental clustering. Feed items in `clusterOrder` (undated first, then dated in time order),
 * either all with `add` (the search in this thread) or all with `addFound` (the candidates found
 * apart, `searchSegment`); `assignments()` gives each item's cluster, the same either way.
 */
export class ClusterBuilder implements CandidateSink {
  private readonly ids: string[] = [];
  private readonly parent: number[] = [];
  private readonly best: number[] = [];
  /** Date span per cluster root (NaN: no dated member yet). */
  private readonly lo: number[] = [];
  private readonly hi: number[] = [];
  private readonly search: CandidateSearch;
  private readonly order = new ClusterOrderCheck();
  private readonly windowMs: number;
  /** How the items come: "add" or "found" (null: none yet); one builder is fed one way. */
  private fed: "add" | "found" | null = null;
  /** Exact Jaccard comparisons made (for the benchmark's notes). */
  comparisons = 0;

  constructor(
    private readonly threshold = SAME_ARTICLE_JACCARD,
    readonly windowDays = SYNDICATION_WINDOW_DAYS,
  ) {
    this.windowMs = windowMsOf(windowDays);
    this.search = new CandidateSearch(windowDays);
  }

  get size(): number {
    return this.ids.length;
  }

  /**
   * Add one item: its id, shingle hashes (`shingleHashes`) and instant in ms (NaN when undated);
   * `sig`, when the caller has it, is `sketchedSignature(set)` (computed here otherwise).
   */
  add(id: string, set: Uint32Array, time: number, sig?: Uint32Array): void {
    this.search.add(this.admit(id, time, "add"), set, time, sig, this);
  }

  /**
   * Add the item whose candidates are the x-th item's of `found` (what `searchSegment` found for
   * its segment): its id and instant, as `add` would be given them.
   */
  addFound(id: string, time: number, found: FoundCandidates, x: number): void {
    const i = this.admit(id, time, "found");
    if (i !== found.from + x) throw new Error(`clustering: item ${id} is number ${i}, not ${found.from + x} as its segment's search numbered it`);
    const { ends, js, sims } = found;
    for (let c = x ? ends[x - 1] : 0; c < ends[x]; c++) this.join(i, js[c], null, sims[c]);
  }

  /** The search's candidate j of item i: the rest of the rule, with the exact similarity computed only when it decides. */
  candidate(j: number, i: number, set: Uint32Array): void {
    this.join(i, j, set, 0);
  }

  /** Item i's number, after checking the order and opening its cluster. */
  private admit(id: string, time: number, how: "add" | "found"): number {
    if (this.fed !== how && this.fed !== null) throw new Error(`clustering: item ${id} given with ${how} to a clusterer fed with ${this.fed}`);
    this.fed = how;
    this.order.push(id, time);
    const i = this.ids.length;
    this.ids.push(id);
    this.parent.push(i);
    this.best.push(0);
    this.lo.push(time);
    this.hi.push(time);
    return i;
  }

  private find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r];
    while (this.parent[i] !== r) {
      const next = this.parent[i];
      this.parent[i] = r;
      i = next;
    }
    return r;
  }

  private fits(a: number, b: number): boolean {
    const la = this.lo[a], lb = this.lo[b], ha = this.hi[a], hb = this.hi[b];
    const min = Number.isNaN(la) ? lb : Number.isNaN(lb) ? la : Math.min(la, lb);
    const max = Number.isNaN(ha) ? hb : Number.isNaN(hb) ? ha : Math.max(ha, hb);
    return Number.isNaN(min) || withinWindow(min, max, this.windowMs);
  }

  /**
   * Item i and its candidate j: join their clusters when they are one article (not one cluster yet,
   * the joined cluster's dates within the window, exact Jaccard at the threshold). The similarity is
   * `sim`, or, when `set` (item i's) is given, computed here from the search's sets.
   */
  private join(i: number, j: number, set: Uint32Array | null, sim: number): void {
    const ri = this.find(i), rj = this.find(j);
    if (ri === rj || !this.fits(ri, rj)) return;
    this.comparisons++;
    if (set !== null) sim = jaccardSorted(this.search.setOf(j), set);
    if (sim < this.threshold) return;
    if (sim > this.best[i]) this.best[i] = sim;
    if (sim > this.best[j]) this.best[j] = sim;
    const [root, child] = ri < rj ? [ri, rj] : [rj, ri];
    this.parent[child] = root;
    const [lr, lc, hr, hc] = [this.lo[root], this.lo[child], this.hi[root], this.hi[child]];
    this.lo[root] = Number.isNaN(lr) ? lc : Number.isNaN(lc) ? lr : Math.min(lr, lc);
    this.hi[root] = Number.isNaN(hr) ? hc : Number.isNaN(hc) ? hr : Math.max(hr, hc);
  }

  /**
   * Every item's cluster, in the order the items were added, handed to `emit` one at a time with the
   * cluster's size (no list of a million objects is built): the same values as `assignments`.
   */
  eachAssignment(emit: (id: string, clusterId: string, similarity: number, clusterSize: number) => void): void {
    const n = this.ids.length;
    const root = new Int32Array(n);
    const size = new Int32Array(n);
    const minId: string[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const r = (root[i] = this.find(i));
      size[r]++;
      const cur = minId[r];
      if (cur === undefined || this.ids[i] < cur) minId[r] = this.ids[i];
    }
    for (let i = 0; i < n; i++) emit(this.ids[i], minId[root[i]], this.best[i] || 1, size[root[i]]);
  }

  /** Every item's cluster, in the order the items were added. */
  assignments(): ClusterAssignment[] {
    const minId = new Map<number, string>();
    for (let i = 0; i < this.ids.length; i++) {
      const r = this.find(i);
      const cur = minId.get(r);
      if (cur === undefined || this.ids[i] < cur) minId.set(r, this.ids[i]);
    }
    return this.ids.map((id, i) => ({ id, cluster_id: minId.get(this.find(i))!, similarity: this.best[i] || 1 }));
  }
}

/** Group items into clusters of the same article (any input order; the result follows the input). */
export function clusterItems(items: DedupeInput[], threshold = SAME_ARTICLE_JACCARD, windowDays = SYNDICATION_WINDOW_DAYS): ClusterAssignment[] {
  const keyed = items.map((it, k) => ({ k, id: it.id, time: it.published_at ? Date.parse(it.published_at) : Number.NaN }));
  keyed.sort(clusterOrder);
  const builder = new ClusterBuilder(threshold, windowDays);
  for (const { k, time } of keyed) {
    const it = items[k];
    builder.add(it.id, shingleHashes(dedupeWords(foldedWords(it.title), foldedWords(normalizeBody(it.text)))), time);
  }
  const out: ClusterAssignment[] = new Array(items.length);
  builder.assignments().forEach((a, pos) => (out[keyed[pos].k] = a));
  return out;
}
