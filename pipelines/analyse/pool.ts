/**
 * Worker threads for the analysis' per-article work (article.ts): the
 * analysis reads, applies overrides, clusters and writes in its own thread,
 * while the workers normalise, fold, classify, attribute and shingle. Each
 * `run` goes to the next worker in turn; results come back per call, so the
 * caller consumes them in the order it sent them and the tables are the same
 * as with no workers. Then the same workers search the clustering's segments
 * (`search`: dedupe/segments.ts), each sent to the least busy worker.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { AgencyRef } from "../attribute/attribute.ts";
import type { FoundCandidates } from "../dedupe/cluster.ts";
import { type ArticleBatch, type BatchResult, batchTransfer, type SourceInfo } from "./batch.ts";
import type { SpilledSegment } from "./spill.ts";

const ENTRY = fileURLToPath(new URL("./worker-entry.mjs", import.meta.url));

type Pending = { resolve: (r: never) => void; reject: (e: Error) => void; worker: number };

/** Worker threads the analysis starts: CCHC_ANALYSIS_WORKERS when set (0: none), else one per core. */
export function defaultAnalysisWorkers(): number {
  const set = process.env.CCHC_ANALYSIS_WORKERS;
  if (set !== undefined && set !== "") {
    const n = Number(set);
    if (!Number.isInteger(n) || n < 0) throw new Error(`CCHC_ANALYSIS_WORKERS: "${set}" is not a number of threads (0 or more)`);
    return n;
  }
  return Math.max(1, availableParallelism());
}

export class AnalysisPool {
  private next = 0;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  /** Calls pending per worker. */
  private readonly busy: number[];
  private failed: Error | null = null;

  private constructor(private readonly workers: Worker[]) {
    this.busy = workers.map(() => 0);
    for (const worker of workers) {
      worker.on("message", (m: { id: number; result?: never; error?: string }) => {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (p) this.busy[p.worker]--;
        if (m.error !== undefined) p?.reject(new Error(`analysis worker: ${m.error}`));
        else p?.resolve(m.result!);
      });
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => {
        if (code !== 0) this.fail(new Error(`analysis worker exited with code ${code}`));
      });
    }
  }

  static start(size: number, lexiconFile: string, agencies: AgencyRef[], sources: Map<string, SourceInfo>): AnalysisPool {
    const workerData = { lexiconFile, agencies, sources: [...sources] };
    return new AnalysisPool(Array.from({ length: size }, () => new Worker(ENTRY, { workerData })));
  }

  private fail(error: Error): void {
    this.failed ??= error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  /** Analyse a batch on the next worker (its text buffers move there: the batch is unusable here afterwards). */
  run(batch: ArticleBatch): Promise<BatchResult> {
    return this.send(this.next++ % this.workers.length, { batch }, batchTransfer(batch));
  }

  /** Search one segment of the clustering's order (`searchSpilledSegment`) on the least busy worker. */
  search(segment: SpilledSegment): Promise<FoundCandidates> {
    let worker = 0;
    for (let k = 1; k < this.workers.length; k++) if (this.busy[k] < this.busy[worker]) worker = k;
    return this.send(worker, { segment }, []);
  }

  private send<T>(worker: number, message: { batch: ArticleBatch } | { segment: SpilledSegment }, transfer: ArrayBuffer[]): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.seq++;
    this.busy[worker]++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: never) => void, reject, worker });
      this.workers[worker].postMessage({ id, ...message }, transfer);
    });
  }

  async close(): Promise<void> {
    this.failed ??= new Error("analysis pool closed");
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
