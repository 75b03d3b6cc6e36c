/**
 * The product's coverage engine as `cchc report` runs it (materialiseCoverage:
 * report_items → resolved lineage → coverage and coverage_items, in one
 * transaction) on a warehouse of synthetic countable articles credited to the
 * real registry's agencies: 1,000,000 articles (--quick: 40,000). The rows are
 * written into the product's own tables (articles, labels, attribution,
 * clusters) with the bench Appender; analysis (classification) is not timed.
 * Baseline: the same step on a warehouse a quarter the size, so the ratio
 * shows how the rate holds as items grow (≈ 1: cost linear in items).
 */
import { join } from "node:path";
import { loadRegistry } from "../pipelines/registry/load.ts";
import { loadRegistryIntoWarehouse } from "../pipelines/registry/warehouse.ts";
import { materialiseCoverage } from "../pipelines/report/index.ts";
import { Warehouse } from "../pipelines/warehouse/db.ts";
import { prng } from "../pipelines/farm/content.ts";
import { appendRows, micros } from "./lib/load.ts";
import { timed } from "./lib/measure.ts";
import { type Benchmark, compare } from "./lib/types.ts";

const CHANNELS = ["own_portal", "provincial_portal", "newspaper", "facebook"];
const TODAY = new Date("2026-11-24T00:00:00+07:00");

interface Row {
  id: string;
  source: string;
  agency: string;
  at: Date;
}

export async function warehouseOf(path: string, n: number, seed: number): Promise<Warehouse> {
  const registry = loadRegistry();
  const w = await Warehouse.open(path);
  await loadRegistryIntoWarehouse(w, registry);
  const agencies = registry.agencies.map((a) => a.id);
  const rnd = prng(seed);
  const from = Date.UTC(2023, 0, 1);
  const span = 3 * 365 * 86_400_000;
  const rows: Row[] = Array.from({ length: n }, (_, i) => {
    const a = Math.floor(rnd() * agencies.length);
    const c = Math.floor(rnd() * CHANNELS.length);
    return { id: `s${a}-${c}:${i}`, source: `s${a}-${c}`, agency: agencies[a], at: new Date(from + rnd() * span) };
  });
  const now = micros(new Date());
  await w.transaction(async () => {
    const sources = agencies.flatMap((agency, a) => CHANNELS.map((channel, c) => ({ id: `s${a}-${c}`, agency, channel })));
    await appendRows(w, "sources", sources, {
      source_id: (s) => s.id, agency_id: (s) => s.agency, channel: (s) => s.channel, platform: () => "nukeviet",
      name: (s) => s.id, is_demo: () => true, updated_at: () => now,
    });
    await appendRows(w, "articles", rows, {
      article_id: (r) => r.id, source_id: (r) => r.source, item_id: (r) => r.id, url: (r) => `http://127.0.0.1/${r.id}`,
      title: (r) => `Cải cách thủ tục hành chính ${r.id}`, published_at: (r) => micros(r.at), body_text: () => "Cải cách hành chính.",
      content_hash: (r) => r.id, version: () => 1, first_seen_at: () => now, fetched_at: () => now, media_kind: () => "text",
    });
    await appendRows(w, "article_labels", rows, {
      article_id: (r) => r.id, is_cchc: () => true, score: () => 1, primary_area: () => "tthc", areas: () => "tthc", indices: () => "",
      tthc_fields: () => "", matched_json: () => "[]", classified_is_cchc: () => true, classified_areas: () => "tthc", analysed_at: () => now,
    });
    await appendRows(w, "article_attribution", rows, {
      article_id: (r) => r.id, agency_id: (r) => r.agency, method: () => "source", confidence: () => 1, evidence: () => "",
    });
    await appendRows(w, "article_clusters", rows, { article_id: (r) => r.id, cluster_id: (r) => r.id, similarity: () => 1, cluster_size: () => 1 });
  });
  return w;
}

export const coverageBench: Benchmark = {
  name: "coverage",
  description: "The report step's coverage engine (materialiseCoverage, as `cchc report` runs it) on a warehouse of countable articles",
  async run({ quick, tmpDir, log }) {
    const registry = loadRegistry();
    const n = quick ? 40_000 : 1_000_000;
    const time = async (size: number, seed: number) => {
      log(`loading ${size.toLocaleString("en")} countable articles`);
      const w = await warehouseOf(join(tmpDir, `coverage-${size}.duckdb`), size, seed);
      try {
        log(`materialising coverage over ${size.toLocaleString("en")} articles`);
        const t = await timed(() => materialiseCoverage(w, registry, TODAY));
        const counted = Number((await w.one("SELECT count(*) AS n FROM coverage_items"))!.n);
        return { seconds: t.seconds, rows: t.result.length, counted };
      } finally {
        await w.close();
      }
    };
    const small = await time(n / 4, 7);
    const full = await time(n, 11);
    return {
      sizes: { articles: n, coverage_rows: full.rows, coverage_items: full.counted, agencies: registry.agencies.length },
      notes: [`${full.rows} coverage rows and ${full.counted.toLocaleString("en")} counted items written in ${full.seconds.toFixed(1)} s`],
      figures: [
        compare(
          { name: `materialiseCoverage on ${n.toLocaleString("en")} articles`, value: n / full.seconds, unit: "articles/s" },
          { name: `same on ${(n / 4).toLocaleString("en")} articles`, value: n / 4 / small.seconds, unit: "articles/s" },
          { higherIsBetter: true },
        ),
      ],
    };
  },
};
