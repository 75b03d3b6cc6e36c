/**
 * The crawler's store on the product's path: `ArticleStore.store`
 * (pipelines/warehouse/articles.ts) as the crawl calls it (pipelines/crawl/crawl.ts,
 * `fetchArticle` → the write batch's end) — one call per write batch
 * (CrawlLimits.batchSize articles at most), one transaction each — into a
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
import { ArticleStore, type ArticleWrite, upsertArticle } from "../pipelines/warehouse/articles.ts";
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

/** The crawl's write batch: what a fast crawl fills within the writer's time limit (batchMaxMs). */
const BIG_BATCH = DEFAULT_LIMITS.batchSize;
/** A small batch: what a polite crawl (a delay per host) fills in batchMaxMs. */
const SMALL_BATCH = 25;

export const storeBench: Benchmark = {
  name: "store",
  description: "crawler store: ArticleStore.store per crawl batch into a warehouse already holding articles (3 KB bodies)",
  async run({ quick, tmpDir, log }) {
    const existing = quick ? 20_000 : 200_000;
    const n = quick ? 20_000 : 40_000;
    const oneByOne = quick ? 300 : 1_000;
    const batch = SMALL_BATCH;
    const w = await Warehouse.open(join(tmpDir, "store.duckdb"));
    try {
      await writeCorpus(w, existing, { log });
      await w.run("CHECKPOINT");
      const writes = writesFor(existing, n);
      // As the crawl does: one store for the run, one call and one transaction per write batch.
      const store = new ArticleStore(w);
      // What the crawl reads at each source's start (the items it must not fetch again), once per run.
      const sourceIds = benchSources(loadRegistry()).map((x) => x.source_id);
      const read = await timed(async () => {
        await store.preload(sourceIds);
        for (const id of sourceIds) await store.knownItemIds(id);
      });
      await store.prepare();
      // Most writes in crawl-sized batches (quick: 30 batches of 500), the rest in a polite crawl's small ones.
      const half = Math.floor((n * 3) / 4);
      const storeAll = async (list: ArticleWrite[], size: number) => {
        const cpu = process.cpuUsage();
        const t = await timed(async () => {
          for (let i = 0; i < list.length; i += size) await w.transaction(() => store.store(list.slice(i, i + size)));
        });
        const used = process.cpuUsage(cpu);
        return { ...t, cpuSeconds: (used.user + used.system) / 1e6 };
      };
      const big = await storeAll(writes.slice(0, half), BIG_BATCH);
      const small = await storeAll(writes.slice(half), batch);
      const again = await storeAll(writes, BIG_BATCH);
      const single = writesFor(existing + n, oneByOne);
      const base = await timed(async () => {
        for (const x of single) await w.transaction(() => upsertArticle(w, x.sourceId, x.url, x.article, x.fetchedAt, x.runId));
      });
      const count = Number((await w.one("SELECT count(*) AS n FROM articles"))!.n);
      if (count !== existing + n + oneByOne) throw new Error(`store wrote ${count} articles, expected ${existing + n + oneByOne}`);
      const rate = half / big.seconds;
      log(`stored ${half} in batches of ${BIG_BATCH} in ${big.seconds.toFixed(1)} s, ${n - half} in batches of ${batch} in ${small.seconds.toFixed(1)} s, re-stored in ${again.seconds.toFixed(1)} s, one by one ${oneByOne} in ${base.seconds.toFixed(1)} s`);
      const baseline = { name: `one article per call and transaction (${oneByOne.toLocaleString("en")})`, value: oneByOne / base.seconds, unit: "articles/s" };
      return {
        notes: [`reading what ${sourceIds.length} sources have stored (${existing.toLocaleString("en")} articles), once per crawl run: ${(read.seconds * 1000).toFixed(0)} ms`],
        sizes: { existing_articles: existing, stored_articles: n, batch, big_batch: BIG_BATCH, one_by_one: oneByOne },
        figures: [
          compare(
            { name: `ArticleStore.store (the crawl's store), ${half.toLocaleString("en")} new 3 KB articles, batches of ${BIG_BATCH} = CrawlLimits.batchSize (${existing.toLocaleString("en")} stored before)`, value: rate, unit: "articles/s" },
            baseline,
            { higherIsBetter: true, target: "≥ 10,000 articles/s", targetMet: rate >= 10_000 },
          ),
          compare(
            { name: `same, batches of ${batch} (a polite crawl's batch: one commit per ${batch} articles)`, value: (n - half) / small.seconds, unit: "articles/s" },
            baseline,
            { higherIsBetter: true },
          ),
          compare(
            { name: `same batches of ${BIG_BATCH}, per CPU-second (process time, DuckDB's threads included)`, value: half / big.cpuSeconds, unit: "articles/CPU-s" },
            null,
            { higherIsBetter: true, target: "≥ 10,000 articles/s", targetMet: half / big.cpuSeconds >= 10_000 },
          ),
          compare({ name: "all of them again (unchanged: fetch time only)", value: n / again.seconds, unit: "articles/s" }, null, { higherIsBetter: true }),
        ],
      };
    } finally {
      await w.close();
    }
  },
};
