/**
 * Classification speed (issue 6): synthetic Vietnamese articles through the
 * project's classifier, single process = one core. Baseline: a keyword-regex
 * floor (NFC + lower-case + one regex) over the same articles, the cheapest
 * possible "classifier". Target: ≥ 2,000 articles/s per core.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { timed } from "./lib/measure.ts";
import { seededRandom, syntheticText } from "./lib/synthetic.ts";
import { type Benchmark, compare } from "./lib/types.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CANDIDATES = ["pipelines/classify/index.ts", "pipelines/classify/classify.ts"];
const KEYWORDS = /cải cách hành chính|chuyển đổi số|dịch vụ công|một cửa|thủ tục hành chính/;

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
    const rnd = seededRandom(7);
    const articles = Array.from({ length: n }, (_, i) => {
      const { title, body } = syntheticText(rnd, rnd() < 0.3, 250);
      return { title, text: body, body_text: body, url: `https://example.tayninh.gov.vn/tin-tuc/bai-${i}.html`, host: "example.tayninh.gov.vn" };
    });
    await classify(articles[0]); // warm-up (dictionaries, compiled patterns)
    const ours = await timed(async () => {
      for (const a of articles) await classify(a);
    });
    const floor = await timed(() => articles.filter((a) => KEYWORDS.test(`${a.title}\n${a.text}`.normalize("NFC").toLowerCase())).length);
    const rate = n / ours.seconds;
    return {
      sizes: { articles: n, words_per_article: 250 },
      figures: [
        compare({ name: "classify", value: rate, unit: "articles/s/core" }, { name: "keyword-regex floor", value: n / floor.seconds, unit: "articles/s/core" }, {
          higherIsBetter: true,
          target: "≥ 2,000 articles/s/core",
          targetMet: rate >= 2_000,
        }),
      ],
    };
  },
};
