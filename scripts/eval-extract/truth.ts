/**
 * Ground truth of the extraction evaluation, from our own annotations
 * (eval/extract/annotations.json): for each saved page, the selector of the
 * element(s) that hold the article body, selectors to drop inside them, and
 * block prefixes that start / end / interrupt the body. The text is derived
 * here with a block walker of its own (independent of data-loaders/common).
 *
 * Annotation guide (what counts as article text): the body paragraphs,
 * sub-headings, lists, block quotes and tables of the article; never the
 * headline, the byline/date line, captions, embedded social posts, share /
 * subscribe / newsletter prompts, "related" or "read more" links, tags,
 * author boxes, comments or advertising.
 */
import * as cheerio from "cheerio";
import type { AnyNode, Element } from "domhandler";

export interface Annotation {
  id: string;
  /** "aeb" (benchmark HTML) or "nukeviet" (shared fixtures). */
  set: string;
  file: string;
  /** Selector of the body element(s); all matches, outermost only, in document order. */
  body: string;
  /** Selectors removed inside the body. */
  drop?: string[];
  /** Prefix of the first block that belongs to the body (blocks before it are dropped). */
  start?: string;
  /** Prefixes of blocks where the body ends (that block and all after it are dropped). */
  end?: string[];
  /** Prefixes of single blocks to drop wherever they are. */
  skip?: string[];
  note?: string;
}

/** Never article text, on every page (the guide above). */
const ALWAYS_DROP =
  "script, style, noscript, template, svg, iframe, figure, figcaption, [class*=caption], aside, button, form, select, textarea, blockquote.twitter-tweet, blockquote.instagram-media";
const BLOCK = new Set(
  "p div li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr td th section article header footer dl dt dd figure main br hr".split(" "),
);

/** Paragraph-separated text of nodes: a block element starts and ends a paragraph. */
function walkText(nodes: AnyNode[], out: string[], current: { text: string }): void {
  for (const node of nodes) {
    if (node.type === "text") current.text += (node as unknown as { data: string }).data;
    else if (node.type === "tag") {
      const el = node as Element;
      const block = BLOCK.has(el.name);
      if (block) flush(out, current);
      walkText(el.children, out, current);
      if (block) flush(out, current);
    }
  }
}

function flush(out: string[], current: { text: string }): void {
  const t = current.text.normalize("NFC").replace(/[\s\u00a0\u200b]+/g, " ").trim();
  if (t) out.push(t);
  current.text = "";
}

export function truthBlocks(html: string, a: Annotation): string[] {
  const $ = cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } } as never);
  const matches = $(a.body).toArray() as Element[];
  if (matches.length === 0) throw new Error(`${a.id}: body selector "${a.body}" matches nothing`);
  const outer = matches.filter((el) => !matches.some((other) => other !== el && $(other).find(el as never).length > 0));
  const blocks: string[] = [];
  for (const el of outer) {
    const copy = $(el).clone();
    copy.find(ALWAYS_DROP).remove();
    for (const d of a.drop ?? []) copy.find(d).remove();
    const current = { text: "" };
    walkText(copy.toArray(), blocks, current);
    flush(blocks, current);
  }
  let from = 0;
  if (a.start) {
    from = blocks.findIndex((b) => b.startsWith(a.start!));
    if (from < 0) throw new Error(`${a.id}: start "${a.start}" not found`);
  }
  let to = blocks.length;
  for (const e of a.end ?? []) {
    const i = blocks.findIndex((b, k) => k > from && b.startsWith(e));
    if (i < 0) throw new Error(`${a.id}: end "${e}" not found`);
    to = Math.min(to, i);
  }
  const skip = a.skip ?? [];
  for (const s of skip) if (!blocks.some((b) => b.startsWith(s))) throw new Error(`${a.id}: skip "${s}" not found`);
  return blocks.slice(from, to).filter((b) => !skip.some((s) => b.startsWith(s)));
}

/** Lower-cased word tokens (letters and digits of any script). */
export function tokens(text: string): string[] {
  return text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
}

/** Multiset of word n-grams (shingles); a text shorter than n is one shingle. */
export function shingles(text: string, n = 4): Map<string, number> {
  const t = tokens(text);
  const out = new Map<string, number>();
  if (t.length === 0) return out;
  const count = Math.max(1, t.length - n + 1);
  for (let i = 0; i < count; i++) {
    const key = t.slice(i, i + n).join(" ");
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

export interface Score {
  precision: number;
  recall: number;
  f1: number;
}

/** Shingle precision / recall / F1 of a prediction against the truth (multiset intersection). */
export function score(predicted: string, truth: string): Score {
  const p = shingles(predicted);
  const t = shingles(truth);
  let common = 0;
  for (const [k, c] of p) common += Math.min(c, t.get(k) ?? 0);
  const pn = [...p.values()].reduce((a, b) => a + b, 0);
  const tn = [...t.values()].reduce((a, b) => a + b, 0);
  if (pn === 0 && tn === 0) return { precision: 1, recall: 1, f1: 1 };
  const precision = pn ? common / pn : 0;
  const recall = tn ? common / tn : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}
