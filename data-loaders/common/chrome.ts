/**
 * Page chrome: what listing and date readers skip on any CMS (navigation,
 * headers, footers, sidebars, share bars, related lists, pagination …). One
 * list, two forms: a selector for cheerio and a predicate for tree walks.
 * (The main text itself is found by main-text.ts.)
 */
import type { AnyNode, Element } from "domhandler";

const CHROME_TAGS = ["script", "style", "noscript", "iframe", "nav", "header", "footer", "aside", "form", "button", "svg", "template"];
const CHROME_ROLES = ["navigation", "banner", "contentinfo", "complementary"];
const CHROME_CLASSES = [
  "menu", "navbar", "breadcrumb", "breadcrumbs", "sidebar", "side-bar", "widget", "comments", "comment", "share", "social",
  "related", "tin-lien-quan", "tinlienquan", "other-news", "pagination", "paging", "tags", "demo-banner", "teaser",
];

/** Chrome that is never article text, as a selector. */
export const BOILERPLATE = [
  ...CHROME_TAGS,
  ...CHROME_ROLES.map((r) => `[role="${r}"]`),
  ...CHROME_CLASSES.map((c) => `.${c}`),
].join(", ");

const TAGS = new Set(CHROME_TAGS);
const ROLES = new Set(CHROME_ROLES);
const CLASSES = new Set(CHROME_CLASSES);

/** Is this element chrome (the same rule as BOILERPLATE)? */
export function isChromeElement(el: Element): boolean {
  if (TAGS.has(el.name)) return true;
  const role = el.attribs?.role;
  if (role && ROLES.has(role)) return true;
  const cls = el.attribs?.class;
  return cls ? cls.split(/\s+/).some((c) => CLASSES.has(c)) : false;
}

/** Is this node inside chrome (itself or an ancestor)? */
export function inChrome(node: AnyNode): boolean {
  for (let p: AnyNode | null = node; p; p = p.parent) {
    if (p.type === "tag" && isChromeElement(p as Element)) return true;
  }
  return false;
}
