/**
 * `node --import tsx bench/calibrate.ts [EVAL_DIR]`: the statistics the
 * benchmark corpus (bench/lib/corpus.ts) is calibrated on, measured on the real
 * texts of EVAL_DIR (default ../shared/eval: dev.jsonl, attribution-dev.jsonl)
 * and on the corpus itself, side by side. Only numbers are printed; no text is
 * copied anywhere. Near-duplicates are found with the product's own clusterer
 * (pipelines/dedupe/cluster.ts): `clusterItems`, and all pairs at the same
 * Jaccard threshold.
 */
import { clusterItems, type DedupeInput, jaccard, SAME_ARTICLE_JACCARD, shingles } from "../pipelines/dedupe/cluster.ts";
import { corpusItem } from "./lib/corpus.ts";
import { evalDir, evalTexts } from "./lib/eval-texts.ts";
import { CORPUS_FROM, CORPUS_TO } from "./lib/warehouse-fixture.ts";

function quantiles(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return `n ${s.length}, mean ${mean.toFixed(0)}, p10 ${at(0.1)}, median ${at(0.5)}, p90 ${at(0.9)}, max ${at(1)} UTF-8 bytes`;
}

function duplication(items: DedupeInput[]): string {
  const sets = items.map((i) => shingles(i));
  let near = 0;
  const copies = new Set<number>();
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      if (jaccard(sets[i], sets[j]) >= SAME_ARTICLE_JACCARD) {
        near++;
        copies.add(j);
      }
    }
  }
  const clusters = new Set(clusterItems(items).map((c) => c.cluster_id)).size;
  return `${near} pairs at Jaccard ≥ ${SAME_ARTICLE_JACCARD}; ${copies.size} texts (${((100 * copies.size) / items.length).toFixed(1)} %) repeat an earlier one; clusterItems: ${clusters} clusters, ${((100 * (items.length - clusters)) / items.length).toFixed(1)} % of the texts joined another`;
}

const real = evalTexts(["dev.jsonl", "attribution-dev.jsonl"], process.argv[2]);
if (real) {
  const dir = evalDir(process.argv[2]);
  const items = real.map((r, k) => ({ id: `r${k}`, title: r.title, text: r.text, published_at: null }));
  console.log(`real texts (${dir}): bodies ${quantiles(items.map((i) => Buffer.byteLength(i.text)))}`);
  console.log(`real texts: ${duplication(items)}`);
} else {
  console.log(`no eval texts${process.argv[2] ? ` in ${process.argv[2]}` : ""}: corpus only`);
}
const n = 3_000;
const corpus = Array.from({ length: n }, (_, i) => corpusItem(i, CORPUS_FROM, CORPUS_TO, () => "Sở Nội vụ tỉnh Tây Ninh"));
console.log(`corpus (bench/lib/corpus.ts, first ${n}): bodies ${quantiles(corpus.map((c) => Buffer.byteLength(c.text.body)))}`);
console.log(
  `corpus: generated as copies ${corpus.filter((c) => c.copyOf !== null).length}; ` +
    duplication(corpus.map((c) => ({ id: String(c.index).padStart(6, "0"), title: c.text.title, text: c.text.body, published_at: c.publishedMs === null ? null : new Date(c.publishedMs).toISOString() }))),
);
