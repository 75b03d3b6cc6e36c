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
 */
import { analyseArticle } from "../pipelines/analyse/article.ts";
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
      ],
    };
  },
};
