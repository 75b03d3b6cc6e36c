/**
 * The clustering of a long order in parallel, with the same clusters as `ClusterBuilder.add`: the
 * order is cut into segments; each segment's candidates (the part of the clusterer that reads no
 * cluster: `CandidateSearch`, and the exact similarity of each candidate) are found apart, in a
 * worker thread (`searchSegment`, from an index rebuilt with the items before the segment that are
 * still comparable: `segmentWarmUp`), while this thread applies the rest of the rule to every item
 * in the original order (`ClusterBuilder.addFound`), segment after segment as their searches end.
 * A segment is searched as soon as the order has reached its end, while the order is still read.
 */
import { type ClusterBuilder, ClusterOrderCheck, type FoundCandidates, segmentWarmUp } from "./cluster.ts";

/**
 * One segment's search, to run with `searchSegment(windowDays, ranges, item)`: `ranges` as that
 * takes them (the warm-up, then the segment), and per item of those ranges, in that order, the
 * number of its record (where its set and signature are kept: the caller's) and its instant.
 */
export interface SegmentJob {
  windowDays: number;
  ranges: Int32Array;
  records: Int32Array;
  times: Float64Array;
}

export interface SegmentedOptions {
  /** Items in the order (an upper bound: fewer may come, `finish` says how many did). */
  total: number;
  /** Items of one segment (the last one may have fewer). */
  segmentSize: number;
  /** Segments searched at once (the worker threads). */
  concurrency: number;
  /** Search one segment (in a worker thread, or here). */
  run: (job: SegmentJob) => Promise<FoundCandidates>;
  /** The id of the item kept in record `record`. */
  idOf: (record: number) => string;
}

/**
 * Feed the items in `clusterOrder` with `push`, then await `finish`: `builder` (a new one, fed
 * nothing else) then holds the same clusters as if each item had gone to `builder.add`.
 */
export class SegmentedClustering {
  private readonly records: Int32Array;
  private readonly times: Float64Array;
  private n = 0;
  private readonly order = new ClusterOrderCheck();
  /** Segments whose items are all in, not sent yet (the next to send first). */
  private sent = 0;
  private ready = 0;
  private running = 0;
  /** Per segment, its search's result once in (deleted once clustered). */
  private readonly found = new Map<number, FoundCandidates>();
  private clustered = 0;
  private failed: unknown = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly builder: ClusterBuilder,
    private readonly opts: SegmentedOptions,
  ) {
    if (!(opts.segmentSize >= 1) || !(opts.concurrency >= 1)) throw new Error(`clustering: segments of ${opts.segmentSize} items, ${opts.concurrency} at once`);
    this.records = new Int32Array(opts.total);
    this.times = new Float64Array(opts.total);
  }

  /** The next item in the order: its record and instant in ms (NaN: undated). */
  push(record: number, time: number): void {
    if (this.failed) throw this.failed;
    if (this.n === this.opts.total) throw new Error(`clustering: more than the ${this.opts.total} items announced`);
    // checked here too, before any search relies on it (the builder checks it again as it clusters)
    this.order.push(this.opts.idOf(record), time);
    this.records[this.n] = record;
    this.times[this.n++] = time;
    if (this.n % this.opts.segmentSize === 0) {
      this.ready++;
      this.pump();
    }
  }

  /** Every item pushed is clustered (the number of them). */
  async finish(): Promise<number> {
    if (this.n % this.opts.segmentSize !== 0) {
      this.ready++;
      this.pump();
    }
    const segments = this.ready;
    while (this.clustered < segments && !this.failed) await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.failed) throw this.failed;
    return this.n;
  }

  private fail(error: unknown): void {
    this.failed ??= error;
    this.wake?.();
  }

  private pump(): void {
    while (this.sent < this.ready && this.running < this.opts.concurrency && !this.failed) this.send(this.sent++);
  }

  private send(segment: number): void {
    const from = segment * this.opts.segmentSize;
    const to = Math.min(this.n, from + this.opts.segmentSize);
    const ranges = [...segmentWarmUp(this.times, from, this.builder.windowDays), from, to];
    let count = 0;
    for (let r = 0; r < ranges.length; r += 2) count += ranges[r + 1] - ranges[r];
    const records = new Int32Array(count), times = new Float64Array(count);
    let x = 0;
    for (let r = 0; r < ranges.length; r += 2) {
      records.set(this.records.subarray(ranges[r], ranges[r + 1]), x);
      times.set(this.times.subarray(ranges[r], ranges[r + 1]), x);
      x += ranges[r + 1] - ranges[r];
    }
    this.running++;
    let search: Promise<FoundCandidates>;
    try {
      search = this.opts.run({ windowDays: this.builder.windowDays, ranges: Int32Array.from(ranges), records, times });
    } catch (error) {
      search = Promise.reject(error);
    }
    search.then(
      (found) => {
        this.running--;
        this.found.set(segment, found);
        try {
          this.clusterReady();
        } catch (error) {
          this.fail(error);
        }
        this.pump();
      },
      (error) => this.fail(error),
    );
  }

  /** Cluster, in the order, the segments whose searches are in. */
  private clusterReady(): void {
    for (let found = this.found.get(this.clustered); found !== undefined; found = this.found.get(this.clustered)) {
      this.found.delete(this.clustered);
      const from = this.clustered * this.opts.segmentSize;
      for (let x = 0; x < found.ends.length; x++) this.builder.addFound(this.opts.idOf(this.records[from + x]), this.times[from + x], found, x);
      this.clustered++;
      this.wake?.();
    }
  }
}
