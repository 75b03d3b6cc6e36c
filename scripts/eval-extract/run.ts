/**
 * `npm run eval:extract`: main-content extraction measured on our evaluation
 * set (eval/extract/annotations.json over the rebuilt corpus, see
 * build-corpus.ts). For each extractor: shingle precision, recall and F1
 * (word 4-grams, multiset; P and R averaged over pages, F1 of the averages
 * and the mean of per-page F1), pages that throw, and CPU ms per page (process CPU time: per core, whatever the machine's load).
 *
 *   npm run eval:extract [-- --only generic,readability] [--set aeb|nukeviet] [--worst 10] [--json out.json]
 */
import { readFileSync, existsSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { extractMainText } from "../../data-loaders/common/main-text.ts";
import { generic } from "../../data-loaders/generic/index.ts";
import { type Annotation, score, truthBlocks } from "./truth.ts";

const ROOT = new URL("../../eval/extract/", import.meta.url).pathname;

interface Page {
  annotation: Annotation;
  html: string;
  url: string;
  truth: string;
}

type Extractor = (html: string, url: string) => string;

/** The extractors compared; "generic" is the product's path (the generic adapter's body_text). */
const EXTRACTORS: Record<string, Extractor> = {
  generic: (html, url) => generic.parseArticle(html, url, { now: new Date() }).body_text,
  "main-text": (html) => {
    const text = extractMainText(html);
    if (!text) throw new Error("no main text");
    return text;
  },
  // Mozilla Readability 0.6 on linkedom, as published (no tuning).
  readability: (html) => {
    const { document } = parseHTML(html);
    const article = new Readability(document as unknown as Document).parse();
    if (!article?.textContent) throw new Error("readability: no article");
    return article.textContent;
  },
};

function pageUrl(html: string, a: Annotation): string {
  const m =
    /<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)["']/i.exec(html) ??
    /<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)["']/i.exec(html);
  try {
    if (m) return new URL(m[1], "https://eval.invalid/").href;
  } catch {
    // fall through
  }
  return `https://eval.invalid/${a.set}/${a.id}-article-page.html`;
}

function loadPages(set?: string): Page[] {
  const annotations: Annotation[] = JSON.parse(readFileSync(`${ROOT}annotations.json`, "utf8"));
  const pages: Page[] = [];
  let missing = 0;
  for (const a of annotations) {
    if (set && a.set !== set) continue;
    const file = `${ROOT}corpus/${a.set}/${a.file}`;
    if (!existsSync(file)) {
      missing++;
      continue;
    }
    const html = readFileSync(file, "utf8");
    pages.push({ annotation: a, html, url: pageUrl(html, a), truth: truthBlocks(html, a).join("\n\n") });
  }
  if (missing) console.error(`${missing} annotated pages are not in the corpus: run node --import tsx scripts/eval-extract/build-corpus.ts`);
  return pages;
}

interface Row {
  extractor: string;
  pages: number;
  precision: number;
  recall: number;
  f1: number;
  meanPageF1: number;
  throws: number;
  msPerPage: number;
}

function evaluate(name: string, fn: Extractor, pages: Page[]): { row: Row; perPage: Array<{ id: string; f1: number; p: number; r: number; error?: string }> } {
  for (const p of pages.slice(0, 5)) {
    try {
      fn(p.html, p.url);
    } catch {
      // warm-up only
    }
  }
  const perPage: Array<{ id: string; f1: number; p: number; r: number; error?: string }> = [];
  let throws = 0;
  let ms = 0;
  for (const p of pages) {
    let text = "";
    let error: string | undefined;
    const t0 = process.cpuUsage();
    try {
      text = fn(p.html, p.url);
    } catch (e) {
      throws++;
      error = (e as Error).message.slice(0, 120);
    }
    const used = process.cpuUsage(t0);
    ms += (used.user + used.system) / 1000;
    const s = score(text, p.truth);
    perPage.push({ id: p.annotation.id, f1: s.f1, p: s.precision, r: s.recall, error });
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const precision = mean(perPage.map((x) => x.p));
  const recall = mean(perPage.map((x) => x.r));
  return {
    row: {
      extractor: name,
      pages: pages.length,
      precision,
      recall,
      f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
      meanPageF1: mean(perPage.map((x) => x.f1)),
      throws,
      msPerPage: ms / Math.max(1, pages.length),
    },
    perPage,
  };
}

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    set: { type: "string" },
    worst: { type: "string" },
    json: { type: "string" },
  },
});
const pages = loadPages(values.set);
if (pages.length === 0) {
  console.error("no evaluation pages: build the corpus first (node --import tsx scripts/eval-extract/build-corpus.ts)");
  process.exit(1);
}
const names = values.only ? values.only.split(",") : Object.keys(EXTRACTORS);
const rows: Row[] = [];
const details: Record<string, unknown> = {};
for (const name of names) {
  const fn = EXTRACTORS[name];
  if (!fn) throw new Error(`unknown extractor "${name}" (known: ${Object.keys(EXTRACTORS).join(", ")})`);
  const { row, perPage } = evaluate(name, fn, pages);
  rows.push(row);
  details[name] = perPage;
  if (values.worst) {
    const worst = [...perPage].sort((a, b) => a.f1 - b.f1).slice(0, Number(values.worst));
    for (const w of worst) console.log(`  ${name} ${w.id} F1 ${w.f1.toFixed(3)} P ${w.p.toFixed(3)} R ${w.r.toFixed(3)}${w.error ? ` THROWS ${w.error}` : ""}`);
  }
}
const f = (x: number) => x.toFixed(3);
console.log(`\n${pages.length} pages (${[...new Set(pages.map((p) => p.annotation.set))].join(", ")}), shingle (word 4-gram) scores`);
console.log("| extractor | precision | recall | F1 | mean page F1 | throws | CPU ms/page |");
console.log("|---|---|---|---|---|---|---|");
for (const r of rows) console.log(`| ${r.extractor} | ${f(r.precision)} | ${f(r.recall)} | ${f(r.f1)} | ${f(r.meanPageF1)} | ${r.throws} | ${r.msPerPage.toFixed(1)} |`);
if (values.json) writeFileSync(values.json, JSON.stringify({ rows, details }, null, 2));
