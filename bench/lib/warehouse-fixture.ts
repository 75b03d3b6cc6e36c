/**
 * A crawled-looking warehouse for the product-path benchmarks: the registry's
 * agencies, an own portal per agency plus the provincial portal and the
 * newspaper (credited from the text's "Nguồn:" line), and N articles of the
 * synthetic corpus (bench/lib/corpus.ts) written through the product's bulk
 * writer (pipelines/warehouse/bulk-write.ts). Generation is not what is timed.
 */
import { loadRegistry } from "../../pipelines/registry/load.ts";
import type { Registry } from "../../pipelines/registry/types.ts";
import type { ArticleInput } from "../../pipelines/analyse/article.ts";
import { fromVietnamWallClock, toVietnamIso } from "../../pipelines/time/vietnam-time.ts";
import { contentHash } from "../../pipelines/warehouse/articles.ts";
import { BulkWriter } from "../../pipelines/warehouse/bulk-write.ts";
import type { Warehouse } from "../../pipelines/warehouse/db.ts";
import { prng } from "../../pipelines/farm/content.ts";
import { type CorpusItem, corpusItem } from "./corpus.ts";

export interface BenchSource {
  source_id: string;
  agency_id: string | null;
  channel: string;
  platform: string;
  name: string;
  base_url: string;
}

export const CORPUS_FROM = fromVietnamWallClock(2024, 1, 1)!.getTime();
export const CORPUS_TO = fromVietnamWallClock(2026, 11, 1)!.getTime();
const FETCHED_AT = new Date("2026-11-20T00:00:00+07:00");
/** Share of articles on the shared channels (provincial portal, newspaper), credited from the text. */
const SHARED_SHARE = 0.4;

export function benchSources(registry: Registry): BenchSource[] {
  const own = registry.agencies.map((a) => ({
    source_id: `bench-${a.id}`,
    agency_id: a.id,
    channel: "own_portal",
    platform: "nukeviet",
    name: `Cổng thông tin ${a.name}`,
    base_url: `https://${a.id}.bench.invalid`,
  }));
  return [
    ...own,
    { source_id: "bench-cong-tinh", agency_id: null, channel: "provincial_portal", platform: "provincial2026", name: "Cổng thông tin tỉnh", base_url: "https://tinh.bench.invalid" },
    { source_id: "bench-bao", agency_id: null, channel: "newspaper", platform: "baotayninh", name: "Báo (DEMO)", base_url: "https://bao.bench.invalid" },
  ];
}

export interface CorpusArticle {
  item: CorpusItem;
  source: BenchSource;
  article_id: string;
}

/** Article `i` with its source: copies land on another source than their original. */
export function corpusArticle(i: number, registry: Registry, sources: BenchSource[]): CorpusArticle {
  const current = registry.agencies.filter((a) => !a.valid_to);
  const credit = (rnd: () => number) => current[Math.floor(rnd() * current.length)].name;
  const item = corpusItem(i, CORPUS_FROM, CORPUS_TO, credit);
  const rnd = prng(0x5eed ^ Math.imul(i + 7, 2246822519));
  const shared = sources.filter((s) => s.agency_id === null);
  const own = sources.filter((s) => s.agency_id !== null);
  const source = rnd() < SHARED_SHARE || item.copyOf !== null ? shared[Math.floor(rnd() * shared.length)] : own[Math.floor(rnd() * own.length)];
  if (item.copyOf === null && source.agency_id === null) {
    // A shared-channel original names its agency as the portals do.
    item.text = { ...item.text, body: `${item.text.body}\nNguồn: ${credit(rnd)}` };
  }
  return { item, source, article_id: `${source.source_id}:${i + 1}` };
}

/** The Vietnamese calendar day ("YYYY-MM-DD") an article is dated, null when undated. */
export const publishedDay = (item: CorpusItem): string | null => (item.publishedMs === null ? null : toVietnamIso(new Date(item.publishedMs)).slice(0, 10));

/** What the analysis reads of article `i` (analyseArticle's input), its source's agency and channel included. */
export function analysisInput(a: CorpusArticle): ArticleInput {
  return {
    title: a.item.text.title, body_text: a.item.text.body, byline: null, published_day: publishedDay(a.item), first_seen_day: toVietnamIso(FETCHED_AT).slice(0, 10),
    source_agency_id: a.source.agency_id, channel: a.source.channel,
  };
}

/**
 * Write articles `from` … n-1 (default from 0, sources included; from > 0 adds articles to a
 * warehouse written so before, as a crawl would) in transactions of `batch` articles.
 */
export async function writeCorpus(w: Warehouse, n: number, options: { registryDir?: string; batch?: number; from?: number; log?: (line: string) => void } = {}): Promise<void> {
  const registry = loadRegistry(options.registryDir);
  const sources = benchSources(registry);
  const batch = options.batch ?? 20_000;
  const from = options.from ?? 0;
  if (from === 0) {
    await w.transaction(async () => {
      const writer = await BulkWriter.open(w, "sources");
      for (const s of sources) writer.add({ ...s, is_demo: true, updated_at: FETCHED_AT });
      writer.close();
    });
  }
  for (let start = from; start < n; start += batch) {
    await w.transaction(async () => {
      const writer = await BulkWriter.open(w, "articles");
      for (let i = start; i < Math.min(n, start + batch); i++) {
        const { item, source, article_id } = corpusArticle(i, registry, sources);
        writer.add({
          article_id,
          source_id: source.source_id,
          item_id: String(i + 1),
          url: `${source.base_url}/tin-tuc/bai-${i + 1}.html`,
          canonical_url: null,
          title: item.text.title,
          published_at: item.publishedMs === null ? null : new Date(item.publishedMs),
          published_text: null,
          date_source: item.publishedMs === null ? null : "byline",
          date_confidence: item.publishedMs === null ? null : 0.95,
          body_text: item.text.body,
          content_hash: contentHash(item.text.title, item.text.body),
          version: 1,
          first_seen_at: FETCHED_AT,
          fetched_at: FETCHED_AT,
          run_id: "bench",
          byline: null,
          date_resolution: null,
          media_kind: "text",
        });
      }
      writer.close();
    });
    if ((start / batch) % 10 === 0) options.log?.(`corpus: ${Math.min(n, start + batch).toLocaleString("en")} articles written`);
  }
}
