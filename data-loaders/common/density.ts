/**
 * Main-content extraction for pages of an unknown CMS, by text density: the
 * block whose paragraphs hold the most text that is not link text wins.
 * Navigation, headers, footers, sidebars and comment boxes never count.
 */
import type { Cheerio, CheerioAPI } from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { cleanText } from "./html-text.ts";

/** Chrome that is never article text. */
export const BOILERPLATE =
  "script, style, noscript, iframe, nav, header, footer, aside, form, button, svg, template, " +
  '[role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], ' +
  ".menu, .navbar, .breadcrumb, .breadcrumbs, .sidebar, .side-bar, .widget, .comments, .comment, .share, .social, " +
  ".related, .tin-lien-quan, .tinlienquan, .other-news, .pagination, .paging, .tags, .demo-banner, .teaser";

/** Text blocks; only leaves count (a div of text and <br>s is a leaf, a div of paragraphs is not). */
const PARAGRAPHS = "p, pre, blockquote, li, td, div";

function linkDensity($: CheerioAPI, el: Cheerio<AnyNode>, textLength: number): number {
  if (textLength === 0) return 1;
  const linkText = el.find("a").text().replace(/\s+/g, " ").trim().length;
  return Math.min(1, linkText / textLength);
}

/**
 * The element holding the main text of a page (after boilerplate is removed
 * from `root`, a clone), or null when no block has at least `minChars` of text.
 */
export function mainContent($: CheerioAPI, root: Cheerio<AnyNode>, minChars = 120): Cheerio<Element> | null {
  const scores = new Map<Element, number>();
  root.find(PARAGRAPHS).each((_, el) => {
    const node = $(el);
    if (node.find(PARAGRAPHS).length > 0) return; // count leaf blocks only
    const length = cleanText(node.text()).length;
    if (length < 25) return;
    const score = length * (1 - linkDensity($, node, length));
    const parent = el.parent as Element | null;
    if (parent?.type === "tag") scores.set(parent, (scores.get(parent) ?? 0) + score);
    const grand = parent?.parent as Element | null;
    if (grand?.type === "tag") scores.set(grand, (scores.get(grand) ?? 0) + score / 2);
  });
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, score] of scores) {
    if (score > bestScore) [best, bestScore] = [el, score];
  }
  if (!best || bestScore < minChars) return null;
  return $(best);
}
