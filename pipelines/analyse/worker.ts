/**
 * A worker thread of the analysis (pool.ts): loads the lexicon from its file
 * and compiles the agencies once, then analyses each batch it is sent with
 * `analyseBatch` (batch.ts: texts decoded here, rows and shingle sets sent
 * back in order, the sets' buffers moved, not copied); then each segment of
 * the clustering's order it is sent (`searchSpilledSegment`, spill.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import { type AgencyRef, compileAgencies } from "../attribute/attribute.ts";
import { loadLexicon } from "../classify/lexicon.ts";
import { type ArticleBatch, analyseBatch, type BatchContext, resultTransfer, type SourceInfo } from "./batch.ts";
import { foundTransfer, searchSpilledSegment, type SpilledSegment } from "./spill.ts";

const data = workerData as { lexiconFile: string; agencies: AgencyRef[]; sources: [string, SourceInfo][] };
const ctx: BatchContext = {
  rules: { lexicon: loadLexicon(data.lexiconFile), matcher: compileAgencies(data.agencies) },
  sources: new Map(data.sources),
};

parentPort!.on("message", (message: { id: number; batch?: ArticleBatch; segment?: SpilledSegment }) => {
  try {
    if (message.segment) {
      const found = searchSpilledSegment(message.segment);
      parentPort!.postMessage({ id: message.id, result: found }, foundTransfer(found));
      return;
    }
    const result = analyseBatch(ctx, message.batch!);
    parentPort!.postMessage({ id: message.id, result }, resultTransfer(result));
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: (error as Error).stack ?? String(error) });
  }
});
