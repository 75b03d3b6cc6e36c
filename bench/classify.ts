/**
 * Classification speed per core, on the product's functions: `classify()`
 * (pipelines/classify: normalise, fold, score) and the analysis' path
 * (`prepareText` once per article, shared with clustering and attribution,
 * then `classifyWords`), over the synthetic 3 KB corpus (bench/lib/corpus.ts)
 * and, when `../shared/eval/dev.jsonl` is present, the labelled real texts
 * (read only, never copied). Rates are per CPU-second of this process (one
 * thread: one core), so other jobs on the machine do not halve them.
 * Baseline: a keyword-regex floor (NFC, lower-case, one regex). Target ≥ 20,000
 * articles/s per core. Each figure is the median of three interleaved rounds after a warm-up
 * of 2,000 calls of each function (the real texts are read 20 times in --quick, 50 otherwise, so that
 * a round lasts long enough to measure on a busy machine).
 */
import { classifyWords } from "../pipelines/classify/classify.ts";
import { classify, defaultLexicon } from "../pipelines/classify/index.ts";
import { prepareText } from "../pipelines/text/prepared.ts";
import { prng } from "../pipelines/farm/content.ts";
import { corpusText } from "./lib/corpus.ts";
import { evalTexts } from "./lib/eval-texts.ts";
import { interleavedMedians } from "./lib/cpu.ts";
import { type Benchmark, compare, type Figure } from "./lib/types.ts";

const KEYWORDS = /cải cách hành chính|chuyển đổi số|dịch vụ công|một cửa|thủ tục hành chính/;
const TARGET = 20_000;

function rows(label: string, articles: Array<{ title: string; text: string }>, repeat: number): Figure[] {
  const lexicon = defaultLexicon();
  const n = articles.length * repeat;
  const fns: Array<(a: { title: string; text: string }) => unknown> = [
    (a) => classify(a),
    (a) => {
      const t = prepareText(a.title, a.text);
      classifyWords(lexicon, t.titleWords, t.bodyWords, t.titleIds, t.bodyIds);
    },
    (a) => KEYWORDS.test(`${a.title}\n${a.text}`.normalize("NFC").toLowerCase()),
  ];
  // Warm-up: compiled code and the token table in the steady state of a long analysis run (2,000 calls of each).
  for (const f of fns) for (let k = 0; k < 2_000; k++) f(articles[k % articles.length]);
  const loop = (f: (a: { title: string; text: string }) => unknown) => () => {
    for (let r = 0; r < repeat; r++) for (const a of articles) f(a);
  };
  const [ours, shared, floor] = interleavedMedians(fns.map(loop));
  const baseline = { name: "keyword-regex floor", value: n / floor, unit: "articles/s/core" };
  return [
    compare({ name: `classify() on ${label}`, value: n / ours, unit: "articles/s/core" }, baseline, {
      higherIsBetter: true,
      target: `≥ ${TARGET.toLocaleString("en")} articles/s/core`,
      targetMet: n / ours >= TARGET,
    }),
    compare({ name: `prepareText + classifyWords (the analysis' path) on ${label}`, value: n / shared, unit: "articles/s/core" }, baseline, {
      higherIsBetter: true,
      target: `≥ ${TARGET.toLocaleString("en")} articles/s/core`,
      targetMet: n / shared >= TARGET,
    }),
  ];
}

export const classifyBench: Benchmark = {
  name: "classify",
  description: "classify() and the analysis' prepareText + classifyWords, per core (CPU time), on 3 KB synthetic and real texts",
  async run({ quick }) {
    const n = quick ? 5_000 : 30_000;
    const rnd = prng(7);
    const articles = Array.from({ length: n }, () => {
      const { title, body } = corpusText(rnd, rnd() < 0.3);
      return { title, text: body };
    });
    const bytes = Math.round(articles.reduce((s, a) => s + Buffer.byteLength(a.text), 0) / n);
    const figures = rows(`${n.toLocaleString("en")} synthetic articles (${bytes.toLocaleString("en")} bytes avg)`, articles, 1);
    const real = evalTexts(["dev.jsonl"]);
    if (real) figures.push(...rows(`${real.length} real texts (×${quick ? 20 : 50})`, real, quick ? 20 : 50));
    return { sizes: { articles: n, body_bytes: bytes }, figures };
  },
};
