/**
 * Classification speed (issue 6): synthetic Vietnamese articles through the
 * project's classifier, single process = one core. Baseline: a keyword-regex
 * floor (NFC + lower-case + one regex) over the same articles, the cheapest
 * possible "classifier". Target: ≥ 2,000 articles/s per core.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { timed } from "./lib/measure.ts";
import { prng } from "../pipelines/farm/content.ts";
import { syntheticText } from "./lib/synthetic.ts";
import { type Benchmark, compare } from "./lib/types.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CANDIDATES = ["pipelines/classify/index.ts", "pipelines/classify/classify.ts"];
const KEYWORDS = /cải cách hành chính|chuyển đổi số|dịch vụ công|một cửa|thủ tục hành chính/;

/**
 * The labelled real articles beside the project (../shared/eval/dev.jsonl), read
 * only to time the classifier on real lengths; null when absent (CI, a fresh clone).
 */
async function realTexts(): Promise<{ articles: Array<{ title: string; text: string }>; words: number } | null> {
  const file = join(ROOT, "..", "shared", "eval", "dev.jsonl");
  if (!existsSync(file)) return null;
  const articles = readFileSync(file, "utf-8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { title?: string; text?: string })
    .map((r) => ({ title: r.title ?? "", text: r.text ?? "" }));
  const words = Math.round(articles.reduce((sum, a) => sum + a.text.split(/\s+/).length, 0) / Math.max(1, articles.length));
  return { articles, words };
}

type ClassifyFn = (input: Record<string, unknown>, ...rest: unknown[]) => unknown;

async function findClassifier(): Promise<ClassifyFn | null> {
  for (const rel of CANDIDATES) {
    const file = join(ROOT, rel);
    if (!existsSync(file)) continue;
    const mod = (await import(file)) as Record<string, unknown>;
    for (const name of ["classify", "classifyArticle"]) if (typeof mod[name] === "function") return mod[name] as ClassifyFn;
  }
  return null;
}

export const classifyBench: Benchmark = {
  name: "classify",
  description: "Classification speed on synthetic Vietnamese articles (per core)",
  async run({ quick }) {
    const classify = await findClassifier();
    if (!classify) return { skipped: `no classify() exported by ${CANDIDATES.join(" or ")} yet` };
    const n = quick ? 5_000 : 50_000;
    const words = 400;
    const rnd = prng(7);
    const articles = Array.from({ length: n }, (_, i) => {
      const { title, body } = syntheticText(rnd, rnd() < 0.3, words);
      return { title, text: body, body_text: body, url: `https://example.tayninh.gov.vn/tin-tuc/bai-${i}.html`, host: "example.tayninh.gov.vn" };
    });
    await classify(articles[0]); // warm-up (dictionaries, compiled patterns)
    const ours = await timed(async () => {
      for (const a of articles) await classify(a);
    });
    const floor = await timed(() => articles.filter((a) => KEYWORDS.test(`${a.title}\n${a.text}`.normalize("NFC").toLowerCase())).length);
    const rate = n / ours.seconds;
    const figures = [
      compare({ name: `classify (synthetic, ${words} words)`, value: rate, unit: "articles/s/core" }, { name: "keyword-regex floor", value: n / floor.seconds, unit: "articles/s/core" }, {
        higherIsBetter: true,
        target: "≥ 2,000 articles/s/core",
        targetMet: rate >= 2_000,
      }),
    ];
    const real = await realTexts();
    if (real) {
      const run = await timed(async () => {
        for (const a of real.articles) await classify(a);
      });
      const realRate = real.articles.length / run.seconds;
      const realFloor = await timed(() => real.articles.filter((a) => KEYWORDS.test(`${a.title}\n${a.text}`.normalize("NFC").toLowerCase())).length);
      figures.push(
        compare(
          { name: `classify (${real.articles.length} real texts, ${real.words} words avg)`, value: realRate, unit: "articles/s/core" },
          { name: "keyword-regex floor", value: real.articles.length / realFloor.seconds, unit: "articles/s/core" },
          { higherIsBetter: true, target: "≥ 2,000 articles/s/core", targetMet: realRate >= 2_000 },
        ),
      );
    }
    return {
      sizes: { articles: n, words_per_article: words },
      figures,
    };
  },
};
