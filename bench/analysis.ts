/**
 * The per-article work of `cchc report` (what its worker threads do):
 * `analyseArticle` (pipelines/analyse/article.ts: normalise and fold once,
 * classify, attribute, shingle) on the report benchmark's articles
 * (bench/lib/warehouse-fixture.ts: ~3 KB bodies, near-duplicates, 45 % on
 * shared channels, attributed from their text), in CPU µs per article of this
 * process (one thread: one core). Baseline: `prepareText` alone over the same
 * articles, the fold every step shares (the floor of the analysis). The
 * issue's budget for the whole command at 1M articles in 60 s on 2 cores is
 * ~120 µs of CPU per article; this row's target is ≤ 80 µs for the worker's
 * part. Median of three interleaved rounds after a warm-up of 3,000 calls.
 * Two more rows: `analyseArticleUtf8` on the articles' UTF-8 bytes (the
 * workers' path: decoded straight into the code units that are folded)
 * against `TextDecoder` + `analyseArticle` on the same bytes (the string
 * path it replaced), and `analyseBatch` (the whole call a worker makes per
 * chunk: rows, overrides, signatures) on packed chunks of 2,048 articles,
 * against `analyseArticleUtf8` alone.
 */
import { analyseArticle, analyseArticleUtf8 } from "../pipelines/analyse/article.ts";
import { type ArticleBatch, analyseBatch, packTexts, TEXT_FIELDS } from "../pipelines/analyse/batch.ts";
import { compileAgencies, fromRegistryAgencies } from "../pipelines/attribute/attribute.ts";
import { defaultLexicon } from "../pipelines/classify/index.ts";
import { loadRegistry } from "../pipelines/registry/load.ts";
import { prepareText } from "../pipelines/text/prepared.ts";
import { interleavedMedians } from "./lib/cpu.ts";
import { type Benchmark, compare } from "./lib/types.ts";
import { analysisInput, benchSources, corpusArticle } from "./lib/warehouse-fixture.ts";

const TARGET_US = 80;

export const analysisBench: Benchmark = {
  name: "analysis",
  description: "analyseArticle (the analysis' per-article work in its workers) per article, CPU µs, against prepareText alone",
  async run({ quick }) {
    const n = quick ? 5_000 : 20_000;
    const registry = loadRegistry();
    const sources = benchSources(registry);
    const inputs = Array.from({ length: n }, (_, i) => analysisInput(corpusArticle(i, registry, sources)));
    const rules = { lexicon: defaultLexicon(), matcher: compileAgencies(fromRegistryAgencies(registry.agencies)) };
    for (let k = 0; k < 3_000; k++) analyseArticle(rules, inputs[k % n]);
    for (let k = 0; k < 3_000; k++) prepareText(inputs[k % n].title, inputs[k % n].body_text);
    // The articles as the workers get them: packed chunks of UTF-8 (packTexts), the fields in TEXT_FIELDS' order.
    const encoder = new TextEncoder();
    const decoder = new TextDecoder();
    const CHUNK = 2_048;
    const batches: ArticleBatch[] = [];
    for (let from = 0; from < n; from += CHUNK) {
      const chunk = inputs.slice(from, from + CHUNK);
      const value = (a: (typeof inputs)[number], field: (typeof TEXT_FIELDS)[number]): string | null =>
        field === "source_id" ? (a.source_agency_id ?? a.channel ?? "") : (a[field] ?? null);
      batches.push({ texts: packTexts(chunk.length, (k, f) => { const v = value(chunk[k], TEXT_FIELDS[f]); return v === null ? null : encoder.encode(v); }), overrides: [] });
    }
    const ctx = { rules, sources: new Map(inputs.map((a) => [a.source_agency_id ?? a.channel ?? "", { agency_id: a.source_agency_id, channel: a.channel }])) };
    const TITLE = TEXT_FIELDS.indexOf("title");
    const BODY = TEXT_FIELDS.indexOf("body_text");
    const F = TEXT_FIELDS.length;
    const eachArticle = (fn: (b: ArticleBatch["texts"], k: number, a: (typeof inputs)[number], t: number, x: number) => void) => () => {
      batches.forEach((b, c) => {
        for (let k = 0; k < b.texts.count; k++) fn(b.texts, k, inputs[c * CHUNK + k], k * F + TITLE, k * F + BODY);
      });
    };
    const viaBytes = eachArticle(({ bytes, starts, lengths }, _k, a, t, x) => {
      analyseArticleUtf8(rules, a, bytes, starts[t], starts[t] + lengths[t], starts[x], starts[x] + lengths[x]);
    });
    const viaDecoder = eachArticle(({ bytes, starts, lengths }, _k, a, t, x) => {
      const title = decoder.decode(bytes.subarray(starts[t], starts[t] + lengths[t]));
      const body_text = decoder.decode(bytes.subarray(starts[x], starts[x] + lengths[x]));
      analyseArticle(rules, { ...a, title, body_text });
    });
    viaBytes();
    viaDecoder();
    const [bytesPath, decoderPath, batchPath] = interleavedMedians([viaBytes, viaDecoder, () => {
      for (const b of batches) analyseBatch(ctx, b);
    }]);
    const [ours, floor] = interleavedMedians([
      () => {
        for (const a of inputs) analyseArticle(rules, a);
      },
      () => {
        for (const a of inputs) prepareText(a.title, a.body_text);
      },
    ]);
    const us = (seconds: number) => (seconds * 1e6) / n;
    return {
      sizes: { articles: n, shared_channel: inputs.filter((a) => !a.source_agency_id).length },
      figures: [
        compare(
          { name: `analyseArticle on ${n.toLocaleString("en")} report-bench articles`, value: us(ours), unit: "µs/article (CPU)" },
          { name: "prepareText alone (the shared fold)", value: us(floor), unit: "µs/article (CPU)" },
          { higherIsBetter: false, target: `≤ ${TARGET_US} µs/article`, targetMet: us(ours) <= TARGET_US },
        ),
        compare(
          { name: "analyseArticleUtf8 on the packed UTF-8 bytes (the workers' path)", value: us(bytesPath), unit: "µs/article (CPU)" },
          { name: "TextDecoder + analyseArticle on the same bytes", value: us(decoderPath), unit: "µs/article (CPU)" },
          { higherIsBetter: false },
        ),
        compare(
          { name: `analyseBatch on packed chunks of ${CHUNK.toLocaleString("en")} (a worker's whole call)`, value: us(batchPath), unit: "µs/article (CPU)" },
          { name: "analyseArticleUtf8 alone", value: us(bytesPath), unit: "µs/article (CPU)" },
          { higherIsBetter: false },
        ),
      ],
    };
  },
};
