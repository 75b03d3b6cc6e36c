/**
 * A worker thread of the analysis (pool.ts): loads the lexicon from its file
 * and compiles the agencies once, then analyses each batch of articles it is
 * sent with `analyseArticle` and sends the results back in order (shingle
 * buffers transferred, not copied).
 */
import { parentPort, workerData } from "node:worker_threads";
import { type AgencyRef, compileAgencies } from "../attribute/attribute.ts";
import { loadLexicon } from "../classify/lexicon.ts";
import { analyseArticle, type ArticleInput } from "./article.ts";

const data = workerData as { lexiconFile: string; agencies: AgencyRef[] };
const rules = { lexicon: loadLexicon(data.lexiconFile), matcher: compileAgencies(data.agencies) };

parentPort!.on("message", (message: { id: number; articles: ArticleInput[] }) => {
  try {
    const results = message.articles.map((a) => analyseArticle(rules, a));
    parentPort!.postMessage({ id: message.id, results }, results.map((r) => r.shingles.buffer as ArrayBuffer));
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: (error as Error).stack ?? String(error) });
  }
});
