/**
 * A synthetic corpus shaped like real portal text, for the product-path
 * benchmarks (`cchc report`, the crawler's store, classify). Deterministic
 * (seeded) and generated: syllables are built from Vietnamese onsets, rhymes
 * and tones; words (mostly two syllables) are drawn with a Zipf law; nothing
 * is copied from any text.
 *
 * Calibrated against the statistics (only) of the 204 real texts in
 * `../shared/eval/` (measured 01/12/2026): after diacritic folding, the
 * commonest syllable is 2.0 % of the tokens there (1.8 % here), the 10
 * commonest 12 % (14 %), the 100 commonest 54 % (53 %), ~1,500 distinct folded
 * syllables (~1,400). Unrelated texts share more 3-shingles here than real ones
 * (mean pairwise Jaccard 0.017 against 0.003, 99th percentile 0.031 against
 * 0.027), so clustering is measured on the pessimistic side. Bodies are ~3 KB
 * (3.4 KB mean; the eval texts are extracts of ~1.2 KB), with
 * NEAR_DUPLICATE_SHARE of the articles being copies of an article published
 * 0–9 days before (another source, a paragraph dropped, a credit line added,
 * sometimes without diacritics), and UNDATED_SHARE undated.
 */
import { prng } from "../../pipelines/farm/content.ts";
import { foldDiacritics } from "../../pipelines/text/normalize.ts";

export const NEAR_DUPLICATE_SHARE = 0.08;
export const UNDATED_SHARE = 0.02;
export const CCHC_SHARE = 0.3;
const TARGET_BODY_BYTES = 3_000;
/** Zipf–Mandelbrot law of word ranks: p(k) ∝ 1 / (k + ZIPF_Q)^ZIPF_S. */
const ZIPF_S = 1.2;
const ZIPF_Q = 6;

const ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "k", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s", "t", "th", "tr", "v", "x"];
const RHYMES = [
  "a", "ai", "am", "an", "ang", "anh", "ao", "au", "ay", "e", "em", "en", "eo", "ê", "êm", "ên", "ênh", "êu", "i", "ia", "iêm", "iên", "iêu", "im",
  "in", "inh", "o", "oa", "oai", "oan", "oang", "oanh", "oi", "om", "on", "ong", "ô", "ôi", "ôm", "ôn", "ông", "ơ", "ơi", "ơm", "ơn", "u", "ua", "uân",
  "uê", "ui", "um", "un", "ung", "uy", "uyên", "ư", "ưa", "ưng", "ươi", "ươn", "ương", "ưu", "ac", "ach", "at", "ăc", "ăn", "ăng", "âm", "ân", "âng", "ât",
  "ec", "et", "êch", "êt", "ich", "it", "oc", "ot", "ôc", "ôt", "ơt", "uc", "ut", "ưc", "ươc", "ươt",
];
/** Combining tone marks: level, grave, acute, hook, tilde, dot below. */
const TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];

/** Phrases a CCHC article carries (the classifier's vocabulary), and ordinary subjects. */
const CCHC_PHRASES = ["cải cách hành chính", "thủ tục hành chính", "dịch vụ công trực tuyến", "chuyển đổi số", "bộ phận một cửa", "chỉ số hài lòng", "chính quyền điện tử"];
const OTHER_PHRASES = ["hội thao truyền thống", "mùa mưa bão", "giải bóng đá thiếu niên", "lễ hội văn hóa", "vụ lúa đông xuân", "hiến máu tình nguyện"];

function syllable(rnd: () => number): string {
  const onset = ONSETS[Math.floor(rnd() * ONSETS.length)];
  const rhyme = RHYMES[Math.floor(rnd() * RHYMES.length)];
  const stop = /[ctp]h?$/.test(rhyme);
  const tone = stop ? TONES[rnd() < 0.5 ? 2 : 5] : TONES[Math.floor(rnd() * TONES.length)];
  const v = rhyme.search(/[aăâeêioôơuưy]/);
  return `${onset}${rhyme.slice(0, v + 1)}${tone}${rhyme.slice(v + 1)}`.normalize("NFC");
}

interface Vocabulary {
  words: string[];
  /** Cumulative Zipf weights, for sampling by binary search. */
  cumulative: Float64Array;
}

let VOCAB: Vocabulary | null = null;

/** 30,000 words of 1–3 syllables (mostly 2) over ~6,000 syllables, ranked at random. */
function vocabulary(): Vocabulary {
  if (VOCAB) return VOCAB;
  const rnd = prng(0x18c0de);
  const syllables = new Set<string>();
  while (syllables.size < 6_000) syllables.add(syllable(rnd));
  const pool = [...syllables];
  const drawSyl = () => pool[Math.floor(rnd() * pool.length)];
  const words = new Set<string>();
  while (words.size < 30_000) {
    const r = rnd();
    const n = r < 0.2 ? 1 : r < 0.9 ? 2 : 3;
    words.add(Array.from({ length: n }, drawSyl).join(" "));
  }
  const list = [...words];
  const cumulative = new Float64Array(list.length);
  let acc = 0;
  for (let k = 0; k < list.length; k++) cumulative[k] = acc += 1 / (k + ZIPF_Q) ** ZIPF_S;
  return (VOCAB = { words: list, cumulative });
}

function sample(cumulative: Float64Array, rnd: () => number): number {
  const x = rnd() * cumulative[cumulative.length - 1];
  let lo = 0, hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** One sentence of 8–24 words, with a subject phrase now and then. */
function sentence(rnd: () => number, v: Vocabulary, subjects: string[]): string {
  const n = 8 + Math.floor(rnd() * 17);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(rnd() < 0.04 ? subjects[Math.floor(rnd() * subjects.length)] : v.words[sample(v.cumulative, rnd)]);
    if (i > 3 && i < n - 2 && rnd() < 0.08) out[out.length - 1] += ",";
  }
  return `${cap(out.join(" "))}.`;
}

export interface CorpusText {
  title: string;
  body: string;
}

/** A title and a ~3 KB body in paragraphs; CCHC texts carry the reform vocabulary. */
export function corpusText(rnd: () => number, isCchc: boolean, bodyBytes = TARGET_BODY_BYTES): CorpusText {
  const v = vocabulary();
  const subjects = isCchc ? CCHC_PHRASES : OTHER_PHRASES;
  const subject = subjects[Math.floor(rnd() * subjects.length)];
  const title = cap(`${v.words[sample(v.cumulative, rnd)]} ${subject} ${v.words[sample(v.cumulative, rnd)]} ${v.words[sample(v.cumulative, rnd)]}`);
  const paragraphs: string[] = [];
  let bytes = 0;
  while (bytes < bodyBytes) {
    const sentences = 2 + Math.floor(rnd() * 4);
    const p = Array.from({ length: sentences }, () => sentence(rnd, v, subjects));
    if (!paragraphs.length) p[0] = `${cap(subject)} ${p[0].charAt(0).toLowerCase()}${p[0].slice(1)}`;
    const text = p.join(" ");
    paragraphs.push(text);
    bytes += Buffer.byteLength(text) + 1;
  }
  return { title, body: paragraphs.join("\n") };
}

/** A copy as another portal or the newspaper makes it: a paragraph dropped, a credit line added, sometimes without diacritics. */
export function copyText(rnd: () => number, original: CorpusText, credit: string): CorpusText {
  const paragraphs = original.body.split("\n");
  if (paragraphs.length >= 4) paragraphs.splice(1 + Math.floor(rnd() * (paragraphs.length - 1)), 1);
  paragraphs.push(`Nguồn: ${credit}`);
  const body = paragraphs.join("\n");
  return rnd() < 0.2 ? { title: foldDiacritics(original.title), body: foldDiacritics(body) } : { title: original.title, body };
}

export interface CorpusItem {
  /** Index in the corpus (0 …). */
  index: number;
  isCchc: boolean;
  /** Epoch ms, or null when undated. */
  publishedMs: number | null;
  /** Index of the article this one copies, or null. */
  copyOf: number | null;
  text: CorpusText;
}

/**
 * Article `i` of a corpus spread over [fromMs, toMs): the same whatever the
 * batch it is generated in. A copy regenerates its original (the article a few
 * indices before) and is dated 0–9 days after it.
 */
export function corpusItem(i: number, fromMs: number, toMs: number, credit: (rnd: () => number) => string, seed = 18): CorpusItem {
  const rnd = prng(seed ^ Math.imul(i + 1, 2654435761));
  const isCopy = i > 0 && rnd() < NEAR_DUPLICATE_SHARE;
  if (isCopy) {
    const j = Math.max(0, i - 1 - Math.floor(rnd() * 20));
    const original = corpusItem(j, fromMs, toMs, credit, seed);
    if (original.copyOf === null) {
      const undated = rnd() < UNDATED_SHARE;
      const at = original.publishedMs === null ? null : original.publishedMs + Math.floor(rnd() * 9 * 86_400_000);
      return { index: i, isCchc: original.isCchc, publishedMs: undated ? null : at, copyOf: j, text: copyText(rnd, original.text, credit(rnd)) };
    }
  }
  const undated = rnd() < UNDATED_SHARE;
  const at = fromMs + Math.floor((rnd() * (toMs - fromMs)) / 60_000) * 60_000;
  const isCchc = rnd() < CCHC_SHARE;
  return { index: i, isCchc, publishedMs: undated ? null : at, copyOf: null, text: corpusText(rnd, isCchc) };
}
