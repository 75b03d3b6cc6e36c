/**
 * Turning HTML into the plain text the classifier reads: paragraphs joined by
 * blank lines, whitespace folded, scripts/styles/navigation dropped, NFC.
 */
import type { Cheerio, CheerioAPI } from "cheerio";
import type { AnyNode } from "domhandler";

const BLOCKS = "p, div, li, h1, h2, h3, h4, h5, h6, blockquote, tr, td, th, figcaption, pre, section, article";
const NOISE = "script, style, noscript, iframe, nav, form, button, svg, template";

/** Fold whitespace and apply Unicode NFC. */
export function cleanText(text: string): string {
  return text.normalize("NFC").replace(/[\s\u00a0\u200b]+/g, " ").trim();
}

/** One-line text of an element (a headline, a link), without what scripts, styles or forms inside it hold. */
export function inlineText(el: Cheerio<AnyNode>): string {
  const copy = el.first().clone();
  copy.find(NOISE).remove();
  return cleanText(copy.text());
}

/** Block-aware text of an element: one paragraph per block, separated by a blank line. */
export function blockText($: CheerioAPI, root: Cheerio<AnyNode>): string {
  const copy = root.clone();
  copy.find(NOISE).remove();
  copy.find("br").replaceWith("\n");
  copy.find(BLOCKS).each((_, el) => {
    $(el).prepend("\n\n").append("\n\n");
  });
  return copy
    .text()
    .split(/\n\s*\n/)
    .map((part) => cleanText(part))
    .filter((part) => part.length > 0)
    .join("\n\n");
}
