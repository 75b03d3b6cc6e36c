/**
 * Page metadata every CMS may carry: JSON-LD, OpenGraph / article:* meta,
 * schema.org microdata, the canonical link. Pure: a loaded document in, values out.
 */
import type { CheerioAPI } from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { cleanText } from "./html-text.ts";

export interface PageMetadata {
  jsonld: { headline: string | null; datePublished: string | null; url: string | null; description: string | null; author: string | null };
  opengraph: { title: string | null; url: string | null; publishedTime: string | null; description: string | null };
  microdata: { headline: string | null; datePublished: string | null; description: string | null };
  /** Publication dates in other <meta> names (Dublin Core, pubdate, Parse.ly, Sailthru, citation…). */
  dates: { published: string | null };
  /** Author names: JSON-LD author(s), <meta name="author"> / article:author (when not a URL). */
  author: { jsonld: string | null; meta: string | null };
  canonical: string | null;
}

const ARTICLE_TYPES = /^(?:News|Blog|Report|Scholarly|Tech)?Article$|^BlogPosting$|^WebPage$/;

type JsonObject = Record<string, unknown>;

function flattenJsonLd(value: unknown, out: JsonObject[]): void {
  if (Array.isArray(value)) value.forEach((v) => flattenJsonLd(v, out));
  else if (value && typeof value === "object") {
    const obj = value as JsonObject;
    out.push(obj);
    if (obj["@graph"]) flattenJsonLd(obj["@graph"], out);
  }
}

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? cleanText(v) : null);

/**
 * The elements the metadata readers use, found in one walk over the page (in
 * document order) instead of one selector query each; each is what the CSS
 * selector in its comment selects in an HTML document (where `type` and `rel`
 * values compare without case).
 */
interface MetaElements {
  /** script[type="application/ld+json"] */
  ldScripts: Element[];
  /** meta[content] */
  metas: Element[];
  /** link[rel="canonical"], the first */
  canonical: Element | null;
  /** [itemscope][itemtype*="Article"], the first */
  scope: Element | null;
  /** [itemprop] */
  itemprops: Element[];
}

const has = (el: Element, name: string) => Object.prototype.hasOwnProperty.call(el.attribs, name) && el.attribs[name] != null;

function metaElements($: CheerioAPI): MetaElements {
  const found: MetaElements = { ldScripts: [], metas: [], canonical: null, scope: null, itemprops: [] };
  const walk = (node: AnyNode) => {
    for (const child of (node as Element).children) {
      if (child.type !== "tag" && child.type !== "script" && child.type !== "style") continue;
      const el = child as Element;
      const a = el.attribs;
      if (el.name === "script" && a.type?.toLowerCase() === "application/ld+json") found.ldScripts.push(el);
      else if (el.name === "meta" && has(el, "content")) found.metas.push(el);
      else if (el.name === "link" && !found.canonical && a.rel?.toLowerCase() === "canonical") found.canonical = el;
      if (!found.scope && has(el, "itemscope") && a.itemtype?.includes("Article")) found.scope = el;
      if (has(el, "itemprop")) found.itemprops.push(el);
      if (el.children.length) walk(el);
    }
  };
  walk($.root()[0]);
  return found;
}

/** The first JSON-LD object typed as an article (NewsArticle, Article, BlogPosting; WebPage last). */
export function readJsonLd($: CheerioAPI, elements = metaElements($)): PageMetadata["jsonld"] {
  const objects: JsonObject[] = [];
  for (const el of elements.ldScripts) {
    try {
      flattenJsonLd(JSON.parse($(el).text()), objects);
    } catch {
      // A broken JSON-LD block is ignored: the other metadata still count.
    }
  }
  const types = (o: JsonObject) => ([] as unknown[]).concat(o["@type"] ?? []).map(String);
  const article =
    objects.find((o) => types(o).some((t) => ARTICLE_TYPES.test(t) && t !== "WebPage")) ??
    objects.find((o) => types(o).includes("WebPage") && o.datePublished) ??
    // Any other dated creative work (ClaimReview, Report, VideoObject …), never the site or its publisher.
    objects.find((o) => o.datePublished && !types(o).some((t) => /^(?:WebSite|Organization|GovernmentOrganization|Person|ImageObject)$/.test(t)));
  if (!article) return { headline: null, datePublished: null, url: null, description: null, author: null };
  const main = article.mainEntityOfPage;
  const url = str(article.url) ?? (main && typeof main === "object" ? str((main as JsonObject)["@id"]) : str(main));
  return {
    headline: str(article.headline) ?? str(article.name),
    datePublished: str(article.datePublished),
    url,
    description: str(article.description),
    author: authorNames(article.author),
  };
}

/** "A, B" from a JSON-LD author: a string, a Person / Organization, or a list of them. */
function authorNames(value: unknown): string | null {
  const names = ([] as unknown[])
    .concat(value ?? [])
    .map((a) => (typeof a === "string" ? str(a) : a && typeof a === "object" ? str((a as JsonObject).name) : null))
    .filter((n): n is string => Boolean(n) && !/^https?:/.test(n!));
  return names.length ? names.join(", ") : null;
}

/** Every <meta> content by its property / name / itemprop (lower-cased key, first one wins): one pass over the head. */
function metaContents(elements: MetaElements): Map<string, string> {
  const contents = new Map<string, string>();
  for (const el of elements.metas) {
    const a = el.attribs;
    for (const key of [a.property, a.name, a.itemprop]) {
      if (key && !contents.has(key.toLowerCase())) contents.set(key.toLowerCase(), a.content);
    }
  }
  return contents;
}

export function readOpenGraph($: CheerioAPI, contents = metaContents(metaElements($))): PageMetadata["opengraph"] {
  const meta = (name: string) => str(contents.get(name));
  return {
    title: meta("og:title"),
    url: meta("og:url"),
    publishedTime: meta("article:published_time") ?? meta("og:published_time") ?? meta("pubdate"),
    description: meta("og:description") ?? meta("description"),
  };
}

const within = (el: AnyNode, ancestor: Element) => {
  for (let p = el.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
};

export function readMicrodata($: CheerioAPI, elements = metaElements($)): PageMetadata["microdata"] {
  // The first [itemprop="name"] inside the article's scope (or anywhere without one).
  const { scope } = elements;
  const prop = (name: string) => {
    const found = elements.itemprops.find((e) => e.attribs.itemprop === name && (!scope || within(e, scope)));
    if (!found) return null;
    const el = $(found);
    return str(el.attr("content") ?? el.attr("datetime") ?? el.text());
  };
  return { headline: prop("headline"), datePublished: prop("datePublished"), description: prop("description") };
}

/** <meta> names that carry a publication date, most specific first. */
const META_DATE_NAMES = [
  "og:article:published_time", "datePublished", "date.published", "article.published", "publish-date", "publish_date", "publishdate",
  "pubdate", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date",
  "citation_publication_date", "citation_date", "date", "created",
];

export function readMetaDates($: CheerioAPI, contents = metaContents(metaElements($))): PageMetadata["dates"] {
  for (const name of META_DATE_NAMES) {
    const v = str(contents.get(name.toLowerCase()));
    if (v) return { published: v };
  }
  return { published: null };
}

function metaAuthor(contents: Map<string, string>): string | null {
  for (const name of ["author", "article:author", "byl", "dc.creator", "parsely-author"]) {
    const v = str(contents.get(name));
    if (v && !/^https?:/.test(v)) return v.replace(/^by\s+/i, "");
  }
  return null;
}

export function readMetadata($: CheerioAPI): PageMetadata {
  const elements = metaElements($);
  const ld = readJsonLd($, elements);
  const contents = metaContents(elements);
  return {
    jsonld: ld,
    opengraph: readOpenGraph($, contents),
    microdata: readMicrodata($, elements),
    dates: readMetaDates($, contents),
    author: { jsonld: ld.author, meta: metaAuthor(contents) },
    canonical: str(elements.canonical?.attribs.href),
  };
}

/** The site's name as a page states it: og:site_name, application-name, else the <title>. */
export function siteName($: CheerioAPI): string | null {
  return (
    str($('meta[property="og:site_name"]').attr("content")) ??
    str($('meta[name="application-name"]').attr("content")) ??
    str($("title").first().text())
  );
}

/** Resolve `href` against the page URL; null when it is not a usable http(s) URL. */
export function absoluteUrl(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim(), base);
    return /^(?:https?|file):$/.test(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** The last URL `pathOf` read and its path: adapters ask for the same link's path several times in a row. */
let lastPath = { url: "", path: "" };

/** The path of a URL, or "" when it is not one. */
export function pathOf(url: string): string {
  if (url === lastPath.url) return lastPath.path;
  let path = "";
  try {
    path = new URL(url).pathname;
  } catch {
    // not a URL: ""
  }
  lastPath = { url, path };
  return path;
}
