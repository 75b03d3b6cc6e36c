/**
 * Turning HTML into the plain text the classifier reads: paragraphs joined by
 * blank lines, whitespace folded, scripts/styles/navigation dropped, NFC.
 *
 * Both texts are read in one walk over the element's nodes (no copy of the
 * tree): what the copy-and-edit formulation gives — drop NOISE, a line break
 * for each <br>, a blank line before and after each block element below the
 * root, then the text content (text and CDATA, never comments).
 */
import type { Cheerio, CheerioAPI } from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { isElement } from "./dom.ts";

const BLOCKS = new Set(["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "td", "th", "figcaption", "pre", "section", "article"]);
const NOISE = new Set(["script", "style", "noscript", "iframe", "nav", "form", "button", "svg", "template"]);

/** The whitespace `cleanText` folds: JavaScript's `\s` (U+00A0 among it), with U+200B. */
const SPACE_CLASS = "[\\s\\u00a0\\u200b]";
const SPACE_RUNS = new RegExp(`${SPACE_CLASS}+`, "g");
/** A character of the class other than the plain space, or two of the class in a row. */
const UNFOLDED = new RegExp(`(?! )${SPACE_CLASS}|${SPACE_CLASS}{2}`);

/**
 * Fold whitespace and apply Unicode NFC. The result never shares the characters of `text`'s
 * page: a text node's data is a slice of the page's string (V8 keeps a substring as a pointer
 * into its parent), and a headline or a date line kept that way holds the whole page for as
 * long as the article waits for its batch, carrying every page into the old generation.
 */
export function cleanText(text: string): string {
  const nfc = text.normalize("NFC");
  // a text whose only whitespace is lone plain spaces is its own fold (the replace would rebuild it space by space)
  return isFolded(nfc) ? ownCopy(nfc.trim()) : nfc.replace(SPACE_RUNS, " ").trim();
}

/**
 * The same characters in a string of their own, not a slice of a longer one: the concatenation
 * is flattened into a new string when sliced, and the slice points into that copy (a text shorter
 * than V8's minimum slice, 13 characters, is copied outright). The replace in `cleanText`'s other
 * branch already builds a new string.
 */
function ownCopy(text: string): string {
  return text.length === 0 ? text : `${text} `.slice(0, -1);
}

/** Does `text` hold no run of two or more characters of SPACE_CLASS and none of them but the plain space? */
export function isFolded(text: string): boolean {
  return !UNFOLDED.test(text);
}


const keepAll = () => false;

/**
 * The text content of a node's children, NOISE and the elements `skip` accepts (with what they hold)
 * left out; with `blocks`, <br> as "\n" and block elements set off by "\n\n".
 */
function textOf(node: AnyNode, blocks: boolean, out: string[], skip: (el: Element) => boolean = keepAll): void {
  for (const child of (node as Element).children) {
    if (child.type === "text") out.push((child as unknown as { data: string }).data);
    else if (isElement(child)) {
      if (NOISE.has(child.name) || skip(child)) continue;
      if (blocks && child.name === "br") out.push("\n");
      else if (blocks && BLOCKS.has(child.name)) {
        out.push("\n\n");
        textOf(child, blocks, out, skip);
        out.push("\n\n");
      } else textOf(child, blocks, out, skip);
    } else if (child.type !== "comment" && "children" in child) textOf(child, blocks, out, skip);
  }
}

/** The text of each node of a selection (a text node is its data), concatenated. */
function selectionText(nodes: AnyNode[], blocks: boolean): string {
  const out: string[] = [];
  for (const n of nodes) {
    if (n.type === "text") out.push((n as unknown as { data: string }).data);
    else if (n.type !== "comment" && "children" in n) textOf(n, blocks, out);
  }
  return out.join("");
}

/** One-line text of an element (a headline, a link), without what scripts, styles or forms inside it hold. */
export function inlineText(el: Cheerio<AnyNode>): string {
  const first = el[0];
  return cleanText(first ? selectionText([first], false) : "");
}

/**
 * `inlineText` of an element without its descendant elements that `skip` accepts: what
 * `inlineText(el.clone().find(sel).remove().end())` gives for the selector `skip` tests, with no copy.
 */
export function inlineTextWithout(el: Element, skip: (el: Element) => boolean): string {
  const out: string[] = [];
  textOf(el, false, out, skip);
  return cleanText(out.join(""));
}

/** Block-aware text of an element: one paragraph per block, separated by a blank line. */
export function blockText(_$: CheerioAPI, root: Cheerio<AnyNode>): string {
  return selectionText(root.toArray(), true)
    .split(/\n\s*\n/)
    .map((part) => cleanText(part))
    .filter((part) => part.length > 0)
    .join("\n\n");
}
