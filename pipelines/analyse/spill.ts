/**
 * The analysis' shingle sets and their signatures, kept on disk between its two orders: the
 * articles are analysed in storage order (a plain scan of the texts, no sort),
 * while the clusterer takes them in time order (undated first, then by
 * instant). Each set is appended to one temporary file as it is computed, after
 * its signature (computed with it, in the analysis' workers), and both are read
 * back in one read when the clusterer reaches its article, so memory
 * holds the sets of one time window, not the corpus (a million 3 KB articles
 * make ~2 GB of sets). The file is created in a temporary folder of its own
 * and unlinked at once (its descriptor keeps it until `close` or the process'
 * end, even a kill -9); where unlinking an open file fails, `close` removes it.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FoundCandidates, type SearchItem, SKETCHED_SIGNATURE_WORDS, searchSegment } from "../dedupe/cluster.ts";
import type { SegmentJob } from "../dedupe/segments.ts";

/** Bytes gathered before one write. */
const WRITE_BYTES = 4 << 20;

export class ShingleSpill {
  private readonly fd: number;
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];
  private end = 0;
  private buffer = Buffer.allocUnsafe(WRITE_BYTES);
  private used = 0;
  private closed = false;

  private constructor(private readonly dir: string) {
    this.fd = openSync(join(dir, "shingles.bin"), "w+");
    // Unlinked at once where the system allows it (the open descriptor keeps the file): a process
    // killed with -9 then leaves no gigabytes behind in the temporary folder.
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // (Windows: removed by close)
    }
  }

  /** A new, empty spill in a temporary folder of its own (under `parent`, default the system's). */
  static create(parent: string = tmpdir()): ShingleSpill {
    return new ShingleSpill(mkdtempSync(join(parent, "cchc-analysis-")));
  }

  /** Sets stored. */
  get size(): number {
    return this.offsets.length;
  }

  /** Store one set with its signature (`sig`, SKETCHED_SIGNATURE_WORDS words); returns its number (0, 1, 2, … in the order of the calls). */
  add(sig: Uint32Array, set: Uint32Array): number {
    if (sig.length !== SKETCHED_SIGNATURE_WORDS) throw new Error(`analysis spill: a signature of ${sig.length} words, not ${SKETCHED_SIGNATURE_WORDS}`);
    return this.append([new Uint8Array(sig.buffer, sig.byteOffset, sig.byteLength), new Uint8Array(set.buffer, set.byteOffset, set.byteLength)]);
  }

  /**
   * Store one record as `add` would have written it (its signature's words, then its set's, in this
   * machine's byte order: a stored article_analysis.record); returns its number.
   */
  addRecord(record: Uint8Array): number {
    if (record.byteLength % 4 !== 0 || record.byteLength < SKETCHED_SIGNATURE_WORDS * 4) throw new Error(`analysis spill: a record of ${record.byteLength} bytes is not a signature and a set`);
    return this.append([record]);
  }

  /**
   * Store a batch's records, one after the other in `records` (record k is words [ends[k-1], ends[k]):
   * batch.ts' BatchResult), each as `addRecord` would, in one copy (or one write); returns the number
   * of the first.
   */
  addRecords(records: Uint32Array, ends: Int32Array, count: number = ends.length): number {
    const first = this.offsets.length;
    let start = 0;
    for (let k = 0; k < count; k++) {
      const words = ends[k] - start;
      if (words < SKETCHED_SIGNATURE_WORDS) throw new Error(`analysis spill: a record of ${words * 4} bytes is not a signature and a set`);
      this.offsets.push(this.end + start * 4);
      this.lengths.push(words);
      start = ends[k];
    }
    const bytes = new Uint8Array(records.buffer, records.byteOffset, start * 4);
    if (this.used + bytes.byteLength > this.buffer.length) this.flush();
    if (bytes.byteLength > this.buffer.length) {
      // larger than the write buffer: written as it is, where it goes
      let done = 0;
      while (done < bytes.byteLength) done += writeSync(this.fd, bytes, done, bytes.byteLength - done, this.end + done);
    } else {
      this.buffer.set(bytes, this.used);
      this.used += bytes.byteLength;
    }
    this.end += bytes.byteLength;
    return first;
  }

  private append(parts: Uint8Array[]): number {
    const bytes = parts.reduce((sum, p) => sum + p.byteLength, 0);
    if (this.used + bytes > this.buffer.length) {
      this.flush();
      if (bytes > this.buffer.length) this.buffer = Buffer.allocUnsafe(bytes);
    }
    for (const p of parts) {
      this.buffer.set(p, this.used);
      this.used += p.byteLength;
    }
    this.offsets.push(this.end);
    this.lengths.push(bytes / 4);
    this.end += bytes;
    return this.offsets.length - 1;
  }

  private flush(): void {
    let done = 0;
    while (done < this.used) done += writeSync(this.fd, this.buffer, done, this.used - done, this.end - this.used + done);
    this.used = 0;
  }

  /** Set number `k` and its signature, as they were stored (views of one buffer, read at once). */
  get(k: number): { sig: Uint32Array; set: Uint32Array } {
    if (this.used) this.flush();
    return readRecord(this.fd, this.offsets[k], this.lengths[k], k);
  }

  /**
   * A segment's search (`SegmentJob`) with its records located in this spill's file: what a worker
   * thread of this process needs to read them itself (`searchSpilledSegment`; the descriptor is the
   * process'), valid until `close`.
   */
  locate(job: SegmentJob): SpilledSegment {
    if (this.used) this.flush();
    const offsets = new Float64Array(job.records.length), words = new Int32Array(job.records.length);
    for (let x = 0; x < job.records.length; x++) {
      offsets[x] = this.offsets[job.records[x]];
      words[x] = this.lengths[job.records[x]];
    }
    return { ...job, fd: this.fd, offsets, words };
  }

  /** Close and remove the file (idempotent). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      closeSync(this.fd);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/** Record `k` (a signature, then a set: `words` words at byte `offset` of the file `fd`), read at once. */
function readRecord(fd: number, offset: number, words: number, k: number): { sig: Uint32Array; set: Uint32Array } {
  const record = new Uint32Array(words);
  const view = new Uint8Array(record.buffer);
  let done = 0;
  while (done < view.length) {
    const n = readSync(fd, view, done, view.length - done, offset + done);
    if (n === 0) throw new Error(`analysis spill: set ${k} is cut short (${done} of ${view.length} bytes)`);
    done += n;
  }
  return { sig: record.subarray(0, SKETCHED_SIGNATURE_WORDS), set: record.subarray(SKETCHED_SIGNATURE_WORDS) };
}

/** A segment's search with its items' records located in a spill's file (`ShingleSpill.locate`). */
export interface SpilledSegment extends SegmentJob {
  fd: number;
  /** Per item, its record's byte offset in the file and its length in words. */
  offsets: Float64Array;
  words: Int32Array;
}

/** Words of one block of `SpillReader`: its records are carved one after the other from it. */
const READ_BLOCK_WORDS = 1 << 18;

/**
 * Reads records of a spill's file one after the other into blocks of READ_BLOCK_WORDS words (1 MB),
 * each record's set and signature views of its block: no buffer of its own per record (an
 * allocation the garbage collector then tracks, one per article). A block is let go with the last
 * view of it: the search keeps the sets of one window, which are read in the order they leave it.
 */
class SpillReader {
  private block = new Uint32Array(0);
  private bytes = new Uint8Array(0);
  private used = 0;

  constructor(private readonly fd: number) {}

  /** Record `k` (`words` words at byte `offset`), as `readRecord` gives it. */
  read(offset: number, words: number, k: number): { sig: Uint32Array; set: Uint32Array } {
    if (this.used + words > this.block.length) {
      this.block = new Uint32Array(Math.max(READ_BLOCK_WORDS, words));
      this.bytes = new Uint8Array(this.block.buffer);
      this.used = 0;
    }
    const at = this.used * 4, length = words * 4;
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, this.bytes, at + done, length - done, offset + done);
      if (n === 0) throw new Error(`analysis spill: set ${k} is cut short (${done} of ${length} bytes)`);
      done += n;
    }
    const sig = this.block.subarray(this.used, this.used + SKETCHED_SIGNATURE_WORDS);
    const set = this.block.subarray(this.used + SKETCHED_SIGNATURE_WORDS, this.used + words);
    this.used += words;
    return { sig, set };
  }
}

/** `searchSegment` of a located segment, its sets and signatures read from the spill's file (in any thread of the process). */
export function searchSpilledSegment(job: SpilledSegment): FoundCandidates {
  const reader = new SpillReader(job.fd);
  const item: SearchItem = { set: new Uint32Array(0), sig: undefined, time: 0 };
  return searchSegment(job.windowDays, job.ranges, (x) => {
    const { sig, set } = reader.read(job.offsets[x], job.words[x], job.records[x]);
    item.set = set;
    item.sig = sig;
    item.time = job.times[x];
    return item;
  });
}

/** The buffers of a segment's result, moved to the thread that clusters (not copied). */
export const foundTransfer = (found: FoundCandidates): ArrayBuffer[] => [found.ends.buffer, found.js.buffer, found.sims.buffer] as ArrayBuffer[];
