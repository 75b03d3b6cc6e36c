/**
 * The analysis' shingle sets, kept on disk between its two orders: the
 * articles are analysed in storage order (a plain scan of the texts, no sort),
 * while the clusterer takes them in time order (undated first, then by
 * instant). Each set is appended to one temporary file as it is computed and
 * read back, one at a time, when the clusterer reaches its article, so memory
 * holds the sets of one time window, not the corpus (a million 3 KB articles
 * make ~2 GB of sets). The file is created in a temporary folder of its own
 * and unlinked at once (its descriptor keeps it until `close` or the process'
 * end, even a kill -9); where unlinking an open file fails, `close` removes it.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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

  /** Store one set; returns its number (0, 1, 2, … in the order of the calls). */
  add(set: Uint32Array): number {
    const bytes = set.byteLength;
    if (this.used + bytes > this.buffer.length) {
      this.flush();
      if (bytes > this.buffer.length) this.buffer = Buffer.allocUnsafe(bytes);
    }
    Buffer.from(set.buffer, set.byteOffset, bytes).copy(this.buffer, this.used);
    this.used += bytes;
    this.offsets.push(this.end);
    this.lengths.push(set.length);
    this.end += bytes;
    return this.offsets.length - 1;
  }

  private flush(): void {
    let done = 0;
    while (done < this.used) done += writeSync(this.fd, this.buffer, done, this.used - done, this.end - this.used + done);
    this.used = 0;
  }

  /** Set number `k`, as it was stored. */
  get(k: number): Uint32Array {
    if (this.used) this.flush();
    const set = new Uint32Array(this.lengths[k]);
    const view = new Uint8Array(set.buffer);
    let done = 0;
    while (done < view.length) {
      const n = readSync(this.fd, view, done, view.length - done, this.offsets[k] + done);
      if (n === 0) throw new Error(`analysis spill: set ${k} is cut short (${done} of ${view.length} bytes)`);
      done += n;
    }
    return set;
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
