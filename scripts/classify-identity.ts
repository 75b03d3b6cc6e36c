/**
 * Proof that a change to the classifier's engine (normalisation, folding,
 * lexicon matching) leaves its output identical: prints one SHA-256 per corpus
 * over every `classify()` result (labels, score, areas, area scores, indices,
 * fields, matched evidence) and over every `prepareText` result (the body and
 * the folded words that clustering and attribution read), and over every
 * `analyseArticle` result (what `cchc report` computes per article: labels,
 * attribution from the text, shingle hashes). Run it before and after a change
 * and compare the lines.
 *
 *   node --import tsx scripts/classify-identity.ts [--db W.duckdb] [--synthetic N] [--articles N] [--fuzz N] [FILE.jsonl …]
 *
 * --db reads every article (title, body_text, byline, dates) of a warehouse
 * (e.g. the DEMO crawl), --synthetic N the bench corpus (bench/lib/corpus.ts,
 * seeded), --articles N the articles of the report benchmark's warehouse
 * (bench/lib/warehouse-fixture.ts: copies, credit lines, dates), and
 * each JSON-lines file its records' title and text (e.g. ../shared/eval/*.jsonl,
 * read only: nothing is copied or printed but counts and hashes), and --fuzz N
 * seeded texts made of the lexicon's own terms (in every case, with and without
 * diacritics, decomposed) mixed with the edge cases of normalisation: odd
 * whitespace, boilerplate lines, very long lines, symbols and astral characters.
 * --fuzz-agencies N: seeded texts of the registry's agency names and aliases
 * (in the same variants) among attribution's cue words, punctuation, credit
 * lines, years and the same edge cases, with bylines and dates.
 * Every text is analysed as a shared channel's (source_agency_id null), so its
 * attribution is read from the text, with the registry's agencies.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { classifyWords } from "../pipelines/classify/classify.ts";
import { classify, defaultLexicon } from "../pipelines/classify/index.ts";
import { prng } from "../pipelines/farm/content.ts";
import { prepareText } from "../pipelines/text/prepared.ts";
import { withWarehouse } from "../pipelines/warehouse/db.ts";
import { parse } from "yaml";
import { DEFAULT_LEXICON } from "../pipelines/classify/lexicon.ts";
import { foldDiacritics } from "../pipelines/text/normalize.ts";
import { corpusText } from "../bench/lib/corpus.ts";
import { benchSources, corpusArticle, publishedDay } from "../bench/lib/warehouse-fixture.ts";
import { analyseArticle, type AnalysisRules } from "../pipelines/analyse/article.ts";
import { compileAgencies, fromRegistryAgencies } from "../pipelines/attribute/attribute.ts";
import { loadRegistry } from "../pipelines/registry/load.ts";
import * as CUES from "../pipelines/attribute/cues.ts";

interface Text {
  title: string;
  text: string;
  byline?: string | null;
  /** "YYYY-MM-DD", or null when undated. */
  date?: string | null;
}

const CHANNELS = ["newspaper", "provincial_portal"];
let RULES: AnalysisRules | null = null;

function fingerprint(texts: Text[]): { classify: string; prepared: string; analysis: string; cchc: number; attributed: number } {
  const c = createHash("sha256");
  const p = createHash("sha256");
  const a = createHash("sha256");
  let cchc = 0;
  let attributed = 0;
  const lexicon = defaultLexicon();
  RULES ??= { lexicon, matcher: compileAgencies(fromRegistryAgencies(loadRegistry(undefined, ["agencies"]).agencies)) };
  texts.forEach((t, k) => {
    const analysis = analyseArticle(RULES!, {
      title: t.title, body_text: t.text, byline: t.byline ?? null, published_day: t.date ?? null, first_seen_day: "2026-11-20",
      source_agency_id: null, channel: CHANNELS[k % CHANNELS.length],
    });
    if (analysis.attribution.agency_id) attributed++;
    a.update(`${JSON.stringify([analysis.classification, analysis.attribution, Array.from(analysis.shingles)])}\n`);
    const result = classify(t);
    if (result.is_cchc) cchc++;
    c.update(`${JSON.stringify(result)}\n`);
    const prepared = prepareText(t.title, t.text);
    p.update(`${JSON.stringify([prepared.body, prepared.titleWords, prepared.bodyWords])}\n`);
    // The analysis' path must agree with classify() itself.
    if (JSON.stringify(classifyWords(lexicon, prepared.titleWords, prepared.bodyWords, prepared.titleIds, prepared.bodyIds)) !== JSON.stringify(result)) {
      throw new Error(`prepareText + classifyWords differs from classify() on "${t.title.slice(0, 60)}"`);
    }
    if (JSON.stringify(analysis.classification) !== JSON.stringify(result)) throw new Error(`analyseArticle's labels differ from classify() on "${t.title.slice(0, 60)}"`);
  });
  const hex = (h: ReturnType<typeof createHash>) => h.digest("hex").slice(0, 16);
  return { classify: hex(c), prepared: hex(p), analysis: hex(a), cchc, attributed };
}

function report(label: string, texts: Text[]): void {
  const f = fingerprint(texts);
  process.stdout.write(`${label}: ${texts.length} texts, ${f.cchc} CCHC, ${f.attributed} attributed, classify ${f.classify}, prepared ${f.prepared}, analysis ${f.analysis}\n`);
}

/** Articles 0 … n-1 of the report benchmark's warehouse, with their dates as the analysis reads them. */
function benchArticles(n: number): Text[] {
  const registry = loadRegistry();
  const sources = benchSources(registry);
  return Array.from({ length: n }, (_, i) => {
    const { item } = corpusArticle(i, registry, sources);
    return { title: item.text.title, text: item.text.body, date: publishedDay(item) };
  });
}

/** Every string under areas, indices, tthc_fields and context of the lexicon file. */
function lexiconTerms(): string[] {
  const doc = parse(readFileSync(DEFAULT_LEXICON, "utf-8")) as Record<string, unknown>;
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (k !== "label") out.push(k);
        walk(x);
      }
    }
  };
  for (const section of ["areas", "indices", "tthc_fields", "context"]) walk(doc[section]);
  return out.filter((t) => !["terms", "weight"].includes(t));
}

const ODD = [" ", "  ", "\t", "\n", "\r\n", "\n\n", " \n ", "\u00a0", "\u200b", "\u3000", "\ufeff", "\u2028", ", ", ". ", "(", ")", ": ", "/", "-", "–", "\u{1F600}", "Ð", "đ", "Đ", "ǅ", "\u0301", "ß", "İ", "ﬁ", "²", "٣"];
const LINES = ["Lượt xem: 1234", "Chia sẻ", "Tin liên quan", "Cập nhật ngày 12/3/2025", "Từ khóa: cải cách", "Facebook", "Ảnh", "Trang chủ", "Theo dõi trên Google News", "   ", ""];

/** Seeded texts of lexicon terms and normalisation edge cases. */
function fuzzTexts(n: number): Text[] {
  const rnd = prng(18);
  const terms = lexiconTerms();
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const variant = (t: string) => {
    const r = rnd();
    return r < 0.15 ? foldDiacritics(t) : r < 0.25 ? t.toUpperCase() : r < 0.35 ? t.normalize("NFD") : r < 0.4 ? t.replace(/ /g, "  ") : t;
  };
  const piece = () => {
    const r = rnd();
    if (r < 0.12) return variant(pick(terms));
    if (r < 0.8) return pick(["năm", "tỉnh", "Tây Ninh", "ngày", "người dân", "xã", "12", "2025", "và", "của", "các", "Sở", "UBND", "huyện"]);
    if (r < 0.92) return pick(ODD);
    return `\n${pick(LINES)}\n`;
  };
  const text = (len: number) => {
    let s = "";
    for (let i = 0; i < len; i++) s += piece() + (rnd() < 0.7 ? " " : "");
    if (rnd() < 0.05) s += `\n${"chuyển đổi số ".repeat(20)}`; // a line longer than 160 characters
    return s;
  };
  return Array.from({ length: n }, () => ({ title: text(Math.floor(rnd() * 12)), text: text(Math.floor(rnd() * 400)) }));
}

/** Seeded texts of agency names, attribution cues and normalisation edge cases (see --fuzz-agencies). */
function agencyFuzzTexts(n: number): Text[] {
  const rnd = prng(1812);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const names = loadRegistry(undefined, ["agencies"]).agencies.flatMap((x) => [x.name, ...x.short_names, ...x.aliases]);
  const cues = Object.values(CUES).flatMap((v) => (Array.isArray(v) ? (v as string[]) : [...(v as Set<string>)]));
  const variant = (t: string) => {
    const r = rnd();
    return r < 0.1 ? foldDiacritics(t) : r < 0.15 ? t.toUpperCase() : r < 0.2 ? t.toLowerCase() : r < 0.25 ? t.normalize("NFD") : t;
  };
  const piece = () => {
    const r = rnd();
    if (r < 0.15) return variant(pick(names));
    if (r < 0.45) return pick(cues);
    if (r < 0.7) return pick(["năm", "tỉnh", "Tây Ninh", "Long An", "ngày", "xã", "phường", "12", "2023", "2025", "và", "của", "các", "ông", "bà", "Nguyễn Văn A"]);
    if (r < 0.9) return pick([...ODD, " - ", " – ", ";", ".", "(", ")", ":", "Nguồn:", "Theo", "\n"]);
    return `\n${pick(["Nguồn: ", "Tin, ảnh: ", "Theo ", "Thu Hà – ", ""])}${variant(pick(names))}\n`;
  };
  const text = (len: number) => {
    let s = "";
    for (let i = 0; i < len; i++) s += piece() + (rnd() < 0.75 ? " " : "");
    return s;
  };
  return Array.from({ length: n }, () => ({
    title: text(Math.floor(rnd() * 16)),
    text: text(Math.floor(rnd() * 300)),
    byline: rnd() < 0.2 ? text(4) : null,
    date: rnd() < 0.5 ? null : `20${18 + Math.floor(rnd() * 9)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`,
  }));
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { db: { type: "string" }, synthetic: { type: "string" }, articles: { type: "string" }, fuzz: { type: "string" }, "fuzz-agencies": { type: "string" } },
  });
  if (values.db) {
    const rows = await withWarehouse(
      values.db,
      (w) => w.all("SELECT title, body_text, byline, strftime(published_at, '%Y-%m-%d') AS day FROM articles ORDER BY article_id"),
      { readOnly: true },
    );
    report(`warehouse ${values.db}`, rows.map((r) => ({ title: String(r.title ?? ""), text: String(r.body_text ?? ""), byline: (r.byline as string | null) ?? null, date: (r.day as string | null) ?? null })));
  }
  if (values.articles) report(`bench articles ${values.articles}`, benchArticles(Number(values.articles)));
  if (values.synthetic) {
    const rnd = prng(7);
    const texts = Array.from({ length: Number(values.synthetic) }, () => {
      const { title, body } = corpusText(rnd, rnd() < 0.3);
      return { title, text: body };
    });
    report(`synthetic ${values.synthetic}`, texts);
  }
  if (values.fuzz) report(`fuzz ${values.fuzz}`, fuzzTexts(Number(values.fuzz)));
  if (values["fuzz-agencies"]) report(`fuzz-agencies ${values["fuzz-agencies"]}`, agencyFuzzTexts(Number(values["fuzz-agencies"])));
  for (const file of positionals) {
    const texts = readFileSync(file, "utf-8")
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as { title?: string; text?: string; byline?: string | null; date?: string | null })
      .map((r) => ({ title: r.title ?? "", text: r.text ?? "", byline: r.byline ?? null, date: /^\d{4}-\d\d-\d\d$/.test(r.date ?? "") ? r.date : null }));
    report(file, texts);
  }
}

main().catch((error) => {
  console.error(`classify-identity: ${(error as Error).message}`);
  process.exitCode = 1;
});
