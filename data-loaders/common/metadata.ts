/**
 * Page metadata every CMS may carry: JSON-LD, OpenGraph / article:* meta,
 * schema.org microdata, the canonical link. Pure: a loaded document in, values out.
 */
import type { Cheerio, CheerioAPI } from "cheerio";
import type { AnyNode } from "domhandler";
import { cleanText } from "./html-text.ts";

export interface PageMetadata {
  jsonld: { headline: string | null; datePublished: string | null; url: string | null; description: string | null };
  opengraph: { title: string | null; url: string | null; publishedTime: string | null; description: string | null };
  microdata: { headline: string | null; datePublished: string | null; description: string | null };
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

/** The first JSON-LD object typed as an article (NewsArticle, Article, BlogPosting; WebPage last). */
export function readJsonLd($: CheerioAPI): PageMetadata["jsonld"] {
  const objects: JsonObject[] = [];
  $('script[type="application/ld+json"]').each((_, el) => {
    try {
      flattenJsonLd(JSON.parse($(el).text()), objects);
    } catch {
      // A broken JSON-LD block is ignored: the other metadata still count.
    }
  });
  const types = (o: JsonObject) => ([] as unknown[]).concat(o["@type"] ?? []).map(String);
  const article =
    objects.find((o) => types(o).some((t) => ARTICLE_TYPES.test(t) && t !== "WebPage")) ??
    objects.find((o) => types(o).includes("WebPage") && o.datePublished);
  if (!article) return { headline: null, datePublished: null, url: null, description: null };
  const main = article.mainEntityOfPage;
  const url = str(article.url) ?? (main && typeof main === "object" ? str((main as JsonObject)["@id"]) : str(main));
  return {
    headline: str(article.headline) ?? str(article.name),
    datePublished: str(article.datePublished),
    url,
    description: str(article.description),
  };
}

export function readOpenGraph($: CheerioAPI): PageMetadata["opengraph"] {
  const meta = (name: string) =>
    str($(`meta[property="${name}"]`).attr("content")) ?? str($(`meta[name="${name}"]`).attr("content"));
  return {
    title: meta("og:title"),
    url: meta("og:url"),
    publishedTime: meta("article:published_time") ?? meta("og:published_time") ?? meta("pubdate"),
    description: meta("og:description") ?? meta("description"),
  };
}

export function readMicrodata($: CheerioAPI): PageMetadata["microdata"] {
  const scope = $('[itemscope][itemtype*="Article"]').first();
  const root: Cheerio<AnyNode> = scope.length ? scope : $.root();
  const prop = (name: string) => {
    const el = root.find(`[itemprop="${name}"]`).first();
    if (!el.length) return null;
    return str(el.attr("content") ?? el.attr("datetime") ?? el.text());
  };
  return { headline: prop("headline"), datePublished: prop("datePublished"), description: prop("description") };
}

export function readMetadata($: CheerioAPI): PageMetadata {
  return {
    jsonld: readJsonLd($),
    opengraph: readOpenGraph($),
    microdata: readMicrodata($),
    canonical: str($('link[rel="canonical"]').attr("href")),
  };
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

/** The path of a URL, or "" when it is not one. */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "";
  }
}
