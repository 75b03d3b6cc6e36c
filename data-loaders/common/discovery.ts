/**
 * Finding the listings of a portal whose CMS no adapter knows: its platform
 * (generator tags and markers), RSS/Atom feeds (autodiscovery links and feed
 * links), sitemaps (sitemap indexes, news sitemaps; robots.txt Sitemap lines come
 * from pipelines/crawl/robots.ts)
 * and the category pages that carry administrative-reform news. Pure: page
 * text and URL in, values out.
 */
import * as cheerio from "cheerio";
import { foldDiacritics } from "../../pipelines/text/normalize.ts";
import { cleanText, inlineText } from "./html-text.ts";
import { absoluteUrl } from "./metadata.ts";

export type DetectedPlatform = "nukeviet" | "sharepoint" | "wordpress" | "joomla" | "drupal" | "unknown";

export interface PlatformGuess {
  platform: DetectedPlatform;
  /** What was seen, e.g. 'generator "NukeViet v4.5"', "/Lists/…/DispForm.aspx links". */
  evidence: string[];
  /** A generator tag or server header says so (sure), or only markers in the markup point to it (to confirm). */
  sure: boolean;
}

const MARKERS: Array<{ platform: Exclude<DetectedPlatform, "unknown">; generator: RegExp; markers: Array<[RegExp, string]> }> = [
  {
    platform: "nukeviet",
    generator: /nukeviet/i,
    markers: [
      [/\/themes\/[\w-]+\/(?:css|js|images)\//i, "NukeViet theme paths /themes/…"],
      [/\bnv_(?:base_siteurl|lang_data|my_ofs|siteroot)\b/, "NukeViet script variables nv_…"],
      [/\/(?:vi|en)\/news\/[\w-]+\/[\w-]+-\d+\.html/, "news links /vi/news/<cat>/<slug>-<id>.html"],
    ],
  },
  {
    platform: "sharepoint",
    generator: /sharepoint|cms2013/i,
    markers: [
      [/\/_layouts\/(?:15\/)?/i, "SharePoint /_layouts/ resources"],
      [/_spPageContextInfo|SP\.ClientContext|MSOWebPartPage/i, "SharePoint page scripts"],
      [/\/Lists\/[\w-]+\/(?:DispForm|TongQuat|AllItems)\.aspx/i, "list links /Lists/<list>/DispForm.aspx"],
    ],
  },
  {
    platform: "wordpress",
    generator: /wordpress/i,
    markers: [
      [/\/wp-content\/|\/wp-includes\//i, "/wp-content/ assets"],
      [/\/wp-json\/|rel=["']https:\/\/api\.w\.org\//i, "WordPress REST API link"],
    ],
  },
  {
    platform: "joomla",
    generator: /joomla/i,
    markers: [
      [/\/media\/(?:jui|system)\/|\/components\/com_\w+/i, "Joomla /media/jui/ or /components/com_…"],
      [/option=com_content|Joomla\.JText/i, "Joomla com_content links or scripts"],
    ],
  },
  {
    platform: "drupal",
    generator: /drupal/i,
    markers: [
      [/\/sites\/(?:default|all)\/(?:files|themes|modules)\//i, "Drupal /sites/default/ paths"],
      [/data-drupal-|Drupal\.settings|drupalSettings/i, "Drupal settings or attributes"],
    ],
  },
];

/** The platform of a page from its generator tag, server headers and markup markers. */
export function detectPlatform(html: string, headers: Record<string, string> = {}): PlatformGuess {
  const $ = cheerio.load(html.slice(0, 400_000), { xml: { xmlMode: false, decodeEntities: true } } as never);
  const generator = cleanText($('meta[name="generator" i]').attr("content") ?? "");
  const headerText = [headers["x-generator"], headers["x-powered-by"], headers["microsoftsharepointteamservices"] ? "SharePoint" : "", headers["x-sharepointhealthscore"] ? "SharePoint" : ""]
    .filter(Boolean)
    .join(" ");
  for (const m of MARKERS) {
    const evidence: string[] = [];
    if (generator && m.generator.test(generator)) evidence.push(`generator "${generator}"`);
    if (headerText && m.generator.test(headerText)) evidence.push(`server header "${headerText}"`);
    const sure = evidence.length > 0;
    for (const [re, what] of m.markers) if (re.test(html)) evidence.push(what);
    if (sure || evidence.length >= 2) return { platform: m.platform, evidence, sure };
  }
  for (const m of MARKERS) {
    const seen = m.markers.filter(([re]) => re.test(html)).map(([, what]) => what);
    if (seen.length) return { platform: m.platform, evidence: seen, sure: false };
  }
  return { platform: "unknown", evidence: generator ? [`generator "${generator}" (not a known CMS)`] : [], sure: false };
}

export interface FeedLink {
  url: string;
  title: string | null;
  /** "autodiscovery" (<link rel=alternate>) or "link" (an <a> whose address or text says RSS / feed). */
  how: "autodiscovery" | "link";
}

/** RSS / Atom feeds a page announces (autodiscovery first), same host only, without duplicates. */
export function feedLinks(html: string, pageUrl: string): FeedLink[] {
  const $ = cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } } as never);
  const host = new URL(pageUrl).host;
  const out: FeedLink[] = [];
  const seen = new Set<string>();
  const add = (href: string | undefined, title: string | null, how: FeedLink["how"]) => {
    const url = absoluteUrl(href, pageUrl);
    if (!url || new URL(url).host !== host || seen.has(url)) return;
    seen.add(url);
    out.push({ url, title, how });
  };
  $('link[rel~="alternate"][type*="rss" i], link[rel~="alternate"][type*="atom" i]').each((_, el) => {
    add($(el).attr("href"), cleanText($(el).attr("title") ?? "") || null, "autodiscovery");
  });
  $("a[href]").each((_, el) => {
    const href = $(el).attr("href") ?? "";
    const text = inlineText($(el));
    if (/(?:^|[/.?=_-])(?:rss|atom|feeds?)(?:[/.?=_-]|$)/i.test(href) || /^(?:rss|atom|feed)\b/i.test(text)) add(href, text || null, "link");
  });
  return out;
}

export interface SitemapEntry {
  url: string;
  lastmod: string | null;
  /** <news:publication_date> of a news sitemap: a publication date, unlike lastmod. */
  published: string | null;
  title: string | null;
}

export interface Sitemap {
  kind: "urlset" | "index";
  /** Pages (urlset) or child sitemaps (index). */
  entries: SitemapEntry[];
  /** A news sitemap (Google News extension). */
  news: boolean;
}

/** Is this body a sitemap (urlset or sitemap index)? */
export function isSitemap(body: string): boolean {
  return /<(?:[\w]+:)?(?:urlset|sitemapindex)[\s>]/i.test(body.slice(0, 2000));
}

/** A sitemap or sitemap index, entries in document order. */
export function readSitemap(body: string, url: string): Sitemap {
  const $ = cheerio.load(body, { xml: true });
  const index = $("sitemapindex").length > 0;
  const entries: SitemapEntry[] = [];
  const text = (el: cheerio.Cheerio<never>, sel: string) => cleanText(el.find(sel).first().text()) || null;
  $(index ? "sitemap" : "url").each((_, node) => {
    const el = $(node) as cheerio.Cheerio<never>;
    const loc = absoluteUrl(text(el, "loc"), url);
    if (!loc) return;
    entries.push({
      url: loc,
      lastmod: text(el, "lastmod"),
      published: text(el, "news\\:publication_date"),
      title: text(el, "news\\:title"),
    });
  });
  return { kind: index ? "index" : "urlset", entries, news: /xmlns:news=/i.test(body) || entries.some((e) => e.published) };
}

/**
 * Child sitemaps of an index worth reading first: news sitemaps, then the most
 * recently modified (post / article sitemaps before page / tag / author ones).
 */
export function rankChildSitemaps(index: Sitemap, limit = 3): SitemapEntry[] {
  const rank = (e: SitemapEntry) => (/news/i.test(e.url) ? 0 : /post|article|bai-?viet|tin-?tuc/i.test(e.url) ? 1 : /page|tag|author|category|chuyen-muc/i.test(e.url) ? 3 : 2);
  return [...index.entries]
    .sort((a, b) => rank(a) - rank(b) || (b.lastmod ?? "").localeCompare(a.lastmod ?? ""))
    .slice(0, limit);
}

/** Words of administrative-reform sections (compared without diacritics). */
const REFORM_WORDS = [
  "cai cach hanh chinh", "cchc", "thu tuc hanh chinh", "tthc", "chuyen doi so", "chinh quyen so", "dich vu cong", "mot cua",
  "kiem soat thu tuc", "sipas", "par index", "cai cach",
];
const NEWS_WORDS = ["tin tuc", "tin hoat dong", "tin tuc su kien", "thong bao", "tin moi", "hoat dong", "su kien", "news"];

export interface SectionLink {
  url: string;
  text: string;
  /** "reform" when the link names administrative reform, "news" for a general news section. */
  kind: "reform" | "news";
  /** Found in the page's navigation menu (listed first). */
  inMenu: boolean;
}

/** Same-host navigation links that name a reform or news section (reform first, in page order). */
export function sectionLinks(html: string, pageUrl: string, limit = 8): SectionLink[] {
  const $ = cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } } as never);
  const host = new URL(pageUrl).host;
  const reform: SectionLink[] = [];
  const news: SectionLink[] = [];
  const seen = new Set<string>();
  const self = pageUrl.replace(/#.*$/, "");
  $("a[href]").each((_, el) => {
    const url = absoluteUrl($(el).attr("href"), pageUrl)?.replace(/#.*$/, "");
    if (!url || url === self || new URL(url).host !== host || seen.has(url) || /\.(?:pdf|docx?|xlsx?|jpe?g|png|zip|rar)$/i.test(url)) return;
    const text = inlineText($(el));
    // a section is named in words (not a page number or an arrow) and briefly
    if (!text || text.length > 60 || (text.match(/\p{L}/gu)?.length ?? 0) < 3) return;
    if (/[?&](?:page|p|pageindex|trang)=\d+|\/page-\d+\/?$/i.test(url)) return;
    const folded = foldDiacritics(text).toLowerCase();
    const path = foldDiacritics(decodeURIComponent(new URL(url).pathname)).toLowerCase().replace(/[-_/]+/g, " ");
    const inMenu = $(el).closest("nav, header, [role=navigation], [class*=menu], [id*=menu], [class*=nav]").length > 0;
    if (REFORM_WORDS.some((w) => folded.includes(w) || path.includes(w))) {
      seen.add(url);
      reform.push({ url, text, kind: "reform", inMenu });
    } else if (NEWS_WORDS.some((w) => folded === w || folded.startsWith(`${w} `) || path.endsWith(w))) {
      seen.add(url);
      news.push({ url, text, kind: "news", inMenu });
    }
  });
  const menuFirst = (a: SectionLink, b: SectionLink) => Number(b.inMenu) - Number(a.inMenu);
  return [...reform.sort(menuFirst), ...news.sort(menuFirst)].slice(0, limit);
}
