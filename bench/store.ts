/**
 * The crawler's store on the product's path: `storeArticles`
 * (pipelines/warehouse/articles.ts) as the crawl calls it — one call per
 * crawl batch (CrawlLimits.batchSize articles), one transaction each — into a
 * warehouse that already holds a crawl's worth of articles; 3 KB bodies from
 * the synthetic corpus. Then the same articles again (the re-crawl: nothing
 * changed, only fetch times move). Baseline: the same function with one
 * article per call and per transaction (what a row-at-a-time store costs:
 * `upsertArticle`, used by re-extraction).
 */
import { join } from "node:path";
import type { ExtractedArticle } from "../data-loaders/types.ts";
import { DEFAULT_LIMITS } from "../pipelines/crawl/limits.ts";
import { loadRegistry } from "../pipelines/registry/load.ts";
import { type ArticleWrite, storeArticles, upsertArticle } from "../pipelines/warehouse/articles.ts";
import { Warehouse } from "../pipelines/warehouse/db.ts";
import { timed } from "./lib/measure.ts";
import { type Benchmark, compare } from "./lib/types.ts";
import { benchSources, corpusArticle, writeCorpus } from "./lib/warehouse-fixture.ts";

function writesFor(from: number, count: number): ArticleWrite[] {
  const registry = loadRegistry();
  const sources = benchSources(registry);
  const at = new Date("2026-11-21T08:00:00+07:00");
  return Array.from({ length: count }, (_, k) => {
    const { item, source } = corpusArticle(from + k, registry, sources);
    const url = `${source.base_url}/tin-tuc/bai-${from + k + 1}.html`;
    const article = {
      item_id: String(from + k + 1),
      title: item.text.title,
      body_text: item.text.body,
      canonical_url: url,
      published_at: item.publishedMs === null ? null : new Date(item.publishedMs).toISOString(),
      published_text: null,
      date_source: item.publishedMs === null ? null : "byline",
      date_confidence: item.publishedMs === null ? 0 : 0.95,
    } as unknown as ExtractedArticle;
    return { sourceId: source.source_id, url, article, fetchedAt: at, runId: "bench-store" };
  });
}

export const storeBench: Benchmark = {
  name: "store",
  description: "crawler store: storeArticles per crawl batch into a warehouse already holding articles (3 KB bodies)",
  async run({ quick, tmpDir, log }) {
    const existing = quick ? 20_000 : 200_000;
    const n = quick ? 5_000 : 20_000;
    const oneByOne = quick ? 300 : 1_000;
    const batch = Number(process.env.CCHC_BENCH_STORE_BATCH ?? DEFAULT_LIMITS.batchSize);
    const w = await Warehouse.open(join(tmpDir, "store.duckdb"));
    try {
      await writeCorpus(w, existing, { log });
      await w.run("CHECKPOINT");
      const writes = writesFor(existing, n);
      const stored = await timed(async () => {
        for (let i = 0; i < writes.length; i += batch) await w.transaction(() => storeArticles(w, writes.slice(i, i + batch)));
      });
      const again = await timed(async () => {
        for (let i = 0; i < writes.length; i += batch) await w.transaction(() => storeArticles(w, writes.slice(i, i + batch)));
      });
      const single = writesFor(existing + n, oneByOne);
      const base = await timed(async () => {
        for (const x of single) await w.transaction(() => upsertArticle(w, x.sourceId, x.url, x.article, x.fetchedAt, x.runId));
      });
      const count = Number((await w.one("SELECT count(*) AS n FROM articles"))!.n);
      if (count !== existing + n + oneByOne) throw new Error(`store wrote ${count} articles, expected ${existing + n + oneByOne}`);
      const rate = n / stored.seconds;
      log(`stored ${n} in ${stored.seconds.toFixed(1)} s, re-stored in ${again.seconds.toFixed(1)} s, one by one ${oneByOne} in ${base.seconds.toFixed(1)} s`);
      return {
        sizes: { existing_articles: existing, stored_articles: n, batch, one_by_one: oneByOne },
        figures: [
          compare(
            { name: `storeArticles, ${n.toLocaleString("en")} new articles in batches of ${batch} (${existing.toLocaleString("en")} stored before)`, value: rate, unit: "articles/s" },
            { name: `one article per call (${oneByOne.toLocaleString("en")})`, value: oneByOne / base.seconds, unit: "articles/s" },
            { higherIsBetter: true, target: "≥ 10,000 articles/s", targetMet: rate >= 10_000 },
          ),
          compare(
            { name: "the same articles again (unchanged: fetch time only)", value: n / again.seconds, unit: "articles/s" },
            null,
            { higherIsBetter: true },
          ),
        ],
      };
    } finally {
      await w.close();
    }
  },
};
