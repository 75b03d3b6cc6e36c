/**
 * Main-content extraction for pages of any CMS: Arc90 / Mozilla Readability's
 * published scoring (paragraph scores climbing to their ancestors, class and
 * tag weights, link density, sibling joining, conditional cleaning),
 * re-implemented on the htmlparser2 DOM that cheerio already builds (about a
 * tenth of the cost of a browser-like DOM), followed by a boilerplate pass
 * for what Readability keeps and readers do not count as the article: share
 * and newsletter prompts, "related" / "read more" blocks, captions, ad labels,
 * tag lists and the link lists that close many pages.
 *
 * Pure: a loaded document in, the chosen elements out. The caller turns them
 * into text (html-text.ts blockText) so every adapter shares one text rule.
 */
import type { CheerioAPI } from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { elementsIn, firstElement, isElement } from "./dom.ts";
import { loadPlatformHtml } from "./parse.ts";
import { blockText } from "./html-text.ts";

/** Elements that never hold article text. */
const NEVER = new Set([
  "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "video", "audio", "map",
  "form", "button", "select", "textarea", "input", "label", "nav", "aside", "footer", "figure", "figcaption", "picture",
  "dialog", "menu", "link", "meta", "head",
]);
/** Class / id words of chrome (Readability's "unlikely candidates", extended with share / consent / recirculation words). */
const UNLIKELY =
  /-ad-|\bads?\b|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|consent|cookie|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|modal|yom-remote|share|sharing|newsletter|subscri|promo|recirc|outbrain|taboola|trending|most-?(?:read|popular|viewed)|widget|toolbar|signup|paywall-prompt|caption|credit|tin-?lien-?quan|tinlienquan|other-news|tin-?khac/i;
/** Words that keep a candidate even when an unlikely word is present. */
const MAYBE = /and|article|body|column|content|main|shadow|story|entry|post|detail|noidung|chitiet/i;
const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|detail|noidung|chi-?tiet|news-?content|bodytext/i;
const NEGATIVE =
  /-ad-|hidden|^hid$|\shid$|\shid\s|^hid\s|banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|caption|credit|byline|author|newsletter|subscribe|social|recirc|read-?more|more-?(?:from|stories|news)|tin-?lien-?quan|tin-?khac/i;
/** Block-level tags: a div holding one of these is a container, not a paragraph. */
const BLOCKS = new Set([
  "address", "article", "blockquote", "dd", "div", "dl", "dt", "fieldset", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li",
  "main", "ol", "p", "pre", "section", "table", "ul", "header", "figure", "tr", "td",
]);
const SCORED = new Set(["p", "pre", "td", "h2", "h3", "h4", "h5", "h6", "section"]);
/** Short blocks that are page furniture whatever the site (English, Vietnamese and a few other languages). */
const FURNITURE =
  /^(?:advertisement|advertising|advert|ad|anzeige|publicité|quảng cáo|share(?: this(?: (?:article|story))?)?:?|share on \w+|sharing is caring!?|chia sẻ:?|related(?: (?:articles?|stories|content|news|posts?|links?))?:?|tin liên quan:?|bài liên quan:?|tin khác:?|xem thêm:?.*|đọc thêm:?.*|read more:?.*|read next:?.*|see also:?.*|also on .*|more from .*|more in .*|you may also like.*|you might also like.*|recommended(?: for you)?:?|most (?:read|popular|viewed).*|sign up.*|subscribe.*|follow (?:us|\w+) on .*|click here.*|tags?:.*|từ khóa:?.*|filed under:?.*|comments?|\d+ comments?|leave a (?:reply|comment).*|reuse this content|photo:.*|image:.*|credit:.*|ảnh:.*|\d+\s*\/\s*\d+|image \d+ of.*|back to gallery|continue reading.*|don'?t miss:?|like this (?:story|article)\?.*|print|email|in bài viết|gửi bài viết|lưu bài viết|facebook|twitter|linkedin|pinterest|whatsapp|reddit|flipboard|telegram|zalo)$/i;

interface Stats {
  /** Characters of text (whitespace folded). */
  chars: number;
  /** Characters inside links. */
  linkChars: number;
  commas: number;
}

const attr = (el: Element, name: string) => el.attribs?.[name] ?? "";
const isTag = isElement;

/** Folded text length of a text node (a run of whitespace counts one). */
function textChars(data: string): number {
  let n = 0;
  let space = true;
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i);
    const ws = c === 32 || c === 10 || c === 9 || c === 13 || c === 160 || c === 12;
    if (ws) {
      if (!space) n++;
      space = true;
    } else {
      n++;
      space = false;
    }
  }
  return n;
}

function countCommas(data: string): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i);
    if (c === 44 || c === 0x3001 || c === 0xff0c || c === 0x060c) n++;
  }
  return n;
}

function remove(node: AnyNode): void {
  const parent = node.parent;
  if (!parent) return;
  const i = parent.children.indexOf(node as never);
  if (i >= 0) parent.children.splice(i, 1);
  if (node.prev) node.prev.next = node.next;
  if (node.next) node.next.prev = node.prev;
  node.parent = node.prev = node.next = null;
}

const HIDDEN_CLASS = /(?:^|\s)(?:hidden|hide|d-none|invisible|sr-only|visually-hidden|screen-reader-text|element-invisible)(?:\s|$)/;

/**
 * The class attribute without page-builder layout tokens (Elementor, Divi, WPBakery, Gutenberg, Beaver
 * Builder): "elementor-widget-container" names a layout box, not a widget of chrome. Tokens that name
 * text or post content are kept.
 */
function classNames(el: Element): string {
  const cls = attr(el, "class");
  if (!/elementor|et_pb|vc_|wp-block|fl-/.test(cls)) return cls;
  return cls
    .split(/\s+/)
    .filter((t) => !/^(?:elementor|et_pb|vc_|wp-block|fl-)/.test(t) || /text|content|post|article/.test(t))
    .join(" ");
}

function isHidden(el: Element): boolean {
  if ("hidden" in el.attribs) return true;
  if (HIDDEN_CLASS.test(attr(el, "class"))) return true;
  const style = attr(el, "style");
  return style.length > 0 && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/** Remove what is never content; with `unlikely`, also elements whose class/id names chrome. */
function prune(el: Element, unlikely: boolean): void {
  for (let i = el.children.length - 1; i >= 0; i--) {
    const child = el.children[i];
    if (child.type === "comment" || child.type === "directive" || child.type === "cdata") {
      remove(child);
      continue;
    }
    if (!isTag(child)) continue;
    const name = child.name;
    if (name === "form" && textChars(quickText(child)) >= 1000) {
      // ASP.NET WebForms and SharePoint wrap the whole page in one <form>: search it.
      prune(child, unlikely);
      continue;
    }
    // aria-hidden text-only elements (icons, decorative labels) go; an aria-hidden container is kept (some sites hide their body from assistive tech by mistake)
    if (NEVER.has(name) || isHidden(child) || (attr(child, "aria-hidden") === "true" && !child.children.some(isTag))) {
      remove(child);
      continue;
    }
    if (name === "blockquote" && /twitter-tweet|instagram-media|tiktok-embed|facebook-post/.test(attr(child, "class"))) {
      remove(child);
      continue;
    }
    if (unlikely && name !== "body" && name !== "article" && name !== "main" && name !== "a") {
      const names = `${classNames(child)} ${attr(child, "id")}`;
      const role = attr(child, "role");
      if ((names.length > 1 && UNLIKELY.test(names) && !MAYBE.test(names)) || /^(?:navigation|banner|contentinfo|complementary|dialog|alertdialog|menu|menubar)$/.test(role)) {
        remove(child);
        continue;
      }
    }
    prune(child, unlikely);
  }
}

function computeStats(el: Element, stats: Map<Element, Stats>, inLink: boolean): Stats {
  const s: Stats = { chars: 0, linkChars: 0, commas: 0 };
  const link = inLink || el.name === "a";
  for (const child of el.children) {
    if (child.type === "text") {
      const data = (child as unknown as { data: string }).data;
      const n = textChars(data);
      s.chars += n;
      if (link) s.linkChars += n;
      s.commas += countCommas(data);
    } else if (isTag(child)) {
      const c = computeStats(child, stats, link);
      s.chars += c.chars;
      s.linkChars += c.linkChars;
      s.commas += c.commas;
    }
  }
  stats.set(el, s);
  return s;
}

function classWeight(el: Element): number {
  let w = 0;
  for (const name of [classNames(el), attr(el, "id")]) {
    if (!name) continue;
    if (NEGATIVE.test(name)) w -= 25;
    if (POSITIVE.test(name)) w += 25;
  }
  if (attr(el, "itemprop") === "articleBody") w += 50;
  return w;
}

function tagWeight(name: string): number {
  switch (name) {
    case "div":
    case "article":
    case "main":
      return 5;
    case "pre":
    case "td":
    case "blockquote":
      return 3;
    case "address":
    case "ol":
    case "ul":
    case "dl":
    case "dd":
    case "dt":
    case "li":
    case "form":
      return -3;
    case "h1":
    case "h2":
    case "h3":
    case "h4":
    case "h5":
    case "h6":
    case "th":
      return -5;
    default:
      return 0;
  }
}

function hasBlockChild(el: Element): boolean {
  return el.children.some((c) => isTag(c) && BLOCKS.has(c.name));
}

const linkDensity = (s: Stats | undefined) => (s && s.chars > 0 ? s.linkChars / s.chars : 0);

export interface MainContent {
  /** The elements holding the article, in document order (the top candidate and the siblings that join it). */
  nodes: Element[];
  /** Readability score of the top candidate. */
  score: number;
}

/** One pass of candidate scoring over a pruned tree; null when nothing scores. */
function scoreTree(root: Element, stats: Map<Element, Stats>): { top: Element; scores: Map<Element, number> } | null {
  const scores = new Map<Element, number>();
  const init = (el: Element) => {
    if (!scores.has(el)) scores.set(el, tagWeight(el.name) + classWeight(el));
  };
  const visit = (el: Element) => {
    for (const child of el.children) if (isTag(child)) visit(child);
    const scored = SCORED.has(el.name) || ((el.name === "div" || el.name === "span" || el.name === "li") && !hasBlockChild(el));
    if (!scored) return;
    const s = stats.get(el);
    if (!s || s.chars < 25) return;
    if (el.name === "li" && s.chars < 80) return;
    const score = 1 + s.commas + Math.min(Math.floor(s.chars / 100), 3);
    let ancestor = el.parent as Element | null;
    for (let level = 0; ancestor && ancestor.type === "tag" && level < 5; level++) {
      init(ancestor);
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(ancestor, scores.get(ancestor)! + score / divider);
      ancestor = ancestor.parent as Element | null;
    }
  };
  visit(root);
  let top: Element | null = null;
  let best = -Infinity;
  for (const [el, raw] of scores) {
    const score = raw * (1 - linkDensity(stats.get(el)));
    scores.set(el, score);
    if (score > best) [top, best] = [el, score];
  }
  if (!top) return null;
  // Readability: when at least three of the next five candidates share an ancestor with the top one
  // (a body split by ads or widgets), that ancestor is the article.
  const ranked = [...scores].sort((a, b) => b[1] - a[1]).slice(1, 6).filter(([, s]) => s >= best * 0.75).map(([el]) => el);
  if (ranked.length >= 3) {
    for (let parent = top.parent as Element | null; parent && parent.type === "tag" && parent.name !== "body"; parent = parent.parent as Element | null) {
      if (ranked.filter((el) => el === parent || contains(parent!, el)).length >= 3) {
        top = parent;
        break;
      }
    }
  }
  // A lone child: its parent is the article.
  for (let parent = top.parent as Element | null; parent && parent.type === "tag" && parent.name !== "body" && parent.children.filter(isTag).length === 1; parent = top.parent as Element | null) {
    top = parent;
  }
  return { top, scores };
}

function contains(ancestor: Element, node: AnyNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

/** Text of an element, whitespace folded (for the sibling test only). */
function quickText(el: AnyNode): string {
  if (el.type === "text") return (el as unknown as { data: string }).data;
  if (!isTag(el)) return "";
  return el.children.map(quickText).join("");
}

/** The top candidate and the siblings that belong with it (Readability's sibling step). */
function gather(top: Element, scores: Map<Element, number>, stats: Map<Element, Stats>): Element[] {
  const parent = top.parent as Element | null;
  if (!parent || parent.type !== "tag" || parent.name === "html") return [top];
  const topScore = scores.get(top) ?? 0;
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = attr(top, "class");
  const out: Element[] = [];
  for (const sibling of parent.children) {
    if (!isTag(sibling)) continue;
    if (sibling === top) {
      out.push(sibling);
      continue;
    }
    let bonus = 0;
    if (topClass && attr(sibling, "class") === topClass) bonus += topScore * 0.2;
    const score = scores.get(sibling);
    if (score !== undefined && score + bonus >= threshold) {
      out.push(sibling);
      continue;
    }
    // A paragraph beside the article (Readability's rule), also when wrapped in single-child containers (a lead).
    let inner: Element = sibling;
    while (inner.children.filter(isTag).length === 1 && !inner.children.some((c) => c.type === "text" && /\S/.test((c as unknown as { data: string }).data))) {
      inner = inner.children.find(isTag)!;
    }
    if (inner.name === "p" || (inner.name === "div" && !hasBlockChild(inner))) {
      const s = stats.get(inner);
      if (!s) continue;
      const density = linkDensity(s);
      if (s.chars > 80 && density < 0.25) out.push(sibling);
      else if (s.chars > 0 && s.chars <= 80 && density === 0 && /\.( |$)/.test(quickText(inner))) out.push(sibling);
    }
  }
  return out;
}

/**
 * A body split into chunks that are not siblings (each chunk beside its own ad rail) shares the
 * top candidate's exact class: scored elements of that class join, in document order.
 */
function withCousins(nodes: Element[], top: Element, scores: Map<Element, number>, root: Element): Element[] {
  const cls = attr(top, "class").trim();
  if (!cls) return nodes;
  const threshold = Math.max(10, (scores.get(top) ?? 0) * 0.2);
  const cousins = [...scores].filter(
    ([el, score]) => el !== top && score >= threshold && attr(el, "class").trim() === cls && !nodes.some((n) => n === el || contains(n, el) || contains(el, n)),
  );
  if (cousins.length === 0) return nodes;
  const order = new Map<Element, number>();
  let i = 0;
  const walk = (el: Element) => {
    order.set(el, i++);
    for (const c of el.children) if (isTag(c)) walk(c);
  };
  walk(root);
  return [...nodes, ...cousins.map(([el]) => el)].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}

function countTags(el: Element, names: Set<string>): number {
  let n = 0;
  for (const c of el.children) {
    if (!isTag(c)) continue;
    if (names.has(c.name)) n++;
    n += countTags(c, names);
  }
  return n;
}

const P = new Set(["p"]);
const IMG = new Set(["img"]);
const LI = new Set(["li"]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);

/** Readability's conditional cleaning, plus furniture and link lists, inside the chosen content. */
function clean(el: Element, stats: Map<Element, Stats>): void {
  for (let i = el.children.length - 1; i >= 0; i--) {
    const child = el.children[i];
    if (!isTag(child)) continue;
    const s = stats.get(child) ?? { chars: 0, linkChars: 0, commas: 0 };
    const name = child.name;
    const weight = classWeight(child);
    const density = linkDensity(s);
    if (name === "a" || name === "b" || name === "strong" || name === "em" || name === "i" || name === "span" || name === "br" || name === "img") {
      if (name === "span" || name === "a") {
        // a span/link that is page furniture by itself ("Advertisement", "Share")
        if (s.chars < 40 && weight < 0) remove(child);
      }
      continue;
    }
    if (s.chars < 120) {
      const text = quickText(child).replace(/\s+/g, " ").trim();
      if (FURNITURE.test(text)) {
        remove(child);
        continue;
      }
    }
    if (name === "p" || HEADINGS.has(name) || (!hasBlockChild(child) && name !== "table")) {
      if (s.chars === 0 && countTags(child, IMG) === 0) {
        remove(child);
        continue;
      }
      if (weight < 0 && s.chars < 200) {
        remove(child);
        continue;
      }
      if (name !== "p" && density > 0.5 && s.chars < 200) {
        remove(child);
        continue;
      }
      if (name === "p" && density > 0.8 && s.chars < 120) {
        remove(child);
        continue;
      }
      continue;
    }
    if (weight < 0 && !(attr(child, "itemprop") === "articleBody")) {
      remove(child);
      continue;
    }
    if (name === "table" || name === "ul" || name === "ol" || name === "div" || name === "section" || name === "dl" || name === "header") {
      // A block holding much plain text is searched, never dropped whole (an article body with a link list under it).
      if (s.commas < 10 && !(s.chars - s.linkChars >= 500 && density < 0.5)) {
        const p = countTags(child, P);
        const img = countTags(child, IMG);
        // Readability's allowance: a block is fishy for its list items only when they outnumber its paragraphs by 100
        const li = countTags(child, LI) - 100;
        const isList = name === "ul" || name === "ol";
        const fishy =
          (img > 1 && p / img < 0.5 && s.chars < 200) ||
          (!isList && li > p) ||
          (s.chars < 25 && (img === 0 || img > 2)) ||
          (weight < 25 && density > 0.2 && !(isList && density < 0.6 && s.chars > 200)) ||
          (weight >= 25 && density > 0.5);
        if (fishy) {
          remove(child);
          continue;
        }
      }
    }
    clean(child, stats);
  }
}

/** cheerio on htmlparser2 (not parse5): the same DOM types, several times faster to build (the platform adapters' loader). */
export const loadFast: (html: string) => CheerioAPI = loadPlatformHtml;

/**
 * The main content of a page: Readability's scoring on a pruned tree, retried
 * without the class/id filter (on a fresh parse) when it finds too little.
 * Returns the loaded document it chose from and the chosen elements.
 * `loaded` (optional, from loadFast(html)) saves a parse; it is modified.
 */
export function findMainContent(html: string, minChars = 140, loaded?: CheerioAPI): ({ $: CheerioAPI } & MainContent) | null {
  let fallback: ({ $: CheerioAPI } & MainContent) | null = null;
  for (const unlikely of [true, false]) {
    // The first pass may use a document the caller has loaded (and read its metadata from): it is pruned in place.
    const $ = unlikely && loaded ? loaded : loadFast(html);
    const doc = $.root()[0] as unknown as Element;
    const root = firstElement(doc, (el) => el.name === "body") ?? doc;
    prune(root, unlikely);
    const stats = new Map<Element, Stats>();
    computeStats(root, stats, false);
    let nodes: Element[];
    let score: number;
    const marked = elementsIn(doc, (el) => el.attribs.itemprop === "articleBody").find((el) => (stats.get(el)?.chars ?? 0) >= minChars);
    if (marked) {
      nodes = [marked];
      score = 100;
    } else {
      const result = scoreTree(root, stats);
      if (!result) continue;
      nodes = withCousins(gather(result.top, result.scores, stats), result.top, result.scores, root);
      score = result.scores.get(result.top) ?? 0;
    }
    for (const n of nodes) clean(n, stats);
    const chars = nodes.reduce((a, n) => a + textChars(quickText(n)), 0);
    if (chars >= minChars) return { $, nodes, score };
    if (chars > 0 && !fallback) fallback = { $, nodes, score };
  }
  return fallback;
}

/** The article text of a page (paragraphs joined by blank lines), or null when it has none. */
export function extractMainText(html: string, minChars = 140): string | null {
  const found = findMainContent(html, minChars);
  if (!found) return null;
  const text = found.nodes.map((n) => blockText(found.$, found.$(n))).filter(Boolean).join("\n\n");
  return text || null;
}
