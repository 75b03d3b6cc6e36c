/**
 * The benchmark corpus itself (bench/lib/corpus.ts), against the real texts of
 * `shared/eval/` it is calibrated on (statistics only): body length, the share
 * of near-duplicates as the product's clusterer finds them (`clusterItems`,
 * pipelines/dedupe/cluster.ts: texts that join another's cluster), and the
 * share of the 100 commonest folded syllables (`foldedWords`,
 * pipelines/text/phrases.ts). Skipped without the eval texts.
 */
import { clusterItems, type DedupeInput } from "../pipelines/dedupe/cluster.ts";
import { foldedWords } from "../pipelines/text/phrases.ts";
import { corpusItem } from "./lib/corpus.ts";
import { evalTexts } from "./lib/eval-texts.ts";
import { type Benchmark, compare } from "./lib/types.ts";
import { CORPUS_FROM, CORPUS_TO } from "./lib/warehouse-fixture.ts";

/** Goals (issue 18), declared here once: ~3 KB bodies, and at least the real texts' share of near-duplicates. */
const BODY_BYTES = { min: 2_400, max: 3_600 };
const TOP_SYLLABLES = 100;
const TOP_SHARE_TOLERANCE = 0.05;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Share of the texts that join an earlier text's cluster. */
function nearDuplicateShare(items: DedupeInput[]): number {
  return 1 - new Set(clusterItems(items).map((c) => c.cluster_id)).size / items.length;
}

/** Share of all folded syllables that the `top` commonest make up. */
function topShare(texts: string[], top: number): number {
  const counts = new Map<string, number>();
  let total = 0;
  for (const t of texts) {
    for (const w of foldedWords(t)) {
      for (const syl of w.split(" ")) {
        counts.set(syl, (counts.get(syl) ?? 0) + 1);
        total++;
      }
    }
  }
  const sorted = [...counts.values()].sort((a, b) => b - a);
  return sorted.slice(0, top).reduce((a, b) => a + b, 0) / total;
}

export const corpusBench: Benchmark = {
  name: "corpus",
  description: "the benchmark corpus against the real eval texts: body length, near-duplicate share (clusterItems), commonest syllables",
  async run({ quick }) {
    const real = evalTexts(["dev.jsonl", "attribution-dev.jsonl"]);
    if (!real) return { skipped: "no ../shared/eval texts to calibrate on" };
    const n = quick ? 1_000 : 3_000;
    const corpus = Array.from({ length: n }, (_, i) => corpusItem(i, CORPUS_FROM, CORPUS_TO, () => "Sở Nội vụ tỉnh Tây Ninh"));
    const realBytes = mean(real.map((r) => Buffer.byteLength(r.text)));
    const bytes = mean(corpus.map((c) => Buffer.byteLength(c.text.body)));
    const realDup = nearDuplicateShare(real.map((r, k) => ({ id: `r${String(k).padStart(4, "0")}`, title: r.title, text: r.text, published_at: null })));
    const dup = nearDuplicateShare(
      corpus.map((c) => ({ id: String(c.index).padStart(6, "0"), title: c.text.title, text: c.text.body, published_at: c.publishedMs === null ? null : new Date(c.publishedMs).toISOString() })),
    );
    const realTop = topShare(real.map((r) => r.text), TOP_SYLLABLES);
    const top = topShare(corpus.map((c) => c.text.body), TOP_SYLLABLES);
    const label = `the first ${n.toLocaleString("en")} corpus articles`;
    const against = `the ${real.length} real eval texts`;
    return {
      sizes: { corpus_articles: n, real_texts: real.length },
      notes: [
        `the eval texts are extracts cut at 2,000 bytes, so their length bounds real bodies from below only; their near-duplicate share (a sample across many hosts) is a floor`,
      ],
      figures: [
        compare({ name: `body length, ${label}`, value: bytes, unit: "bytes" }, { name: against, value: realBytes, unit: "bytes" }, {
          higherIsBetter: true,
          target: `~3 KB: mean ${BODY_BYTES.min.toLocaleString("en")}–${BODY_BYTES.max.toLocaleString("en")} bytes`,
          targetMet: bytes >= BODY_BYTES.min && bytes <= BODY_BYTES.max,
        }),
        compare({ name: `near-duplicates (clusterItems: texts joining another), ${label}`, value: 100 * dup, unit: "%" }, { name: against, value: 100 * realDup, unit: "%" }, {
          higherIsBetter: true,
          target: "≥ the real texts' share",
          targetMet: dup >= realDup,
        }),
        compare({ name: `share of the ${TOP_SYLLABLES} commonest folded syllables, ${label}`, value: 100 * top, unit: "%" }, { name: against, value: 100 * realTop, unit: "%" }, {
          higherIsBetter: true,
          target: `within ±${100 * TOP_SHARE_TOLERANCE} points of the real texts'`,
          targetMet: Math.abs(top - realTop) <= TOP_SHARE_TOLERANCE,
        }),
      ],
    };
  },
};
