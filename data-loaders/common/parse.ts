/**
 * Parsing a page once, with the fast parser where an adapter allows it.
 * cheerio's default parser (parse5) builds the HTML5 tree a browser would,
 * repairing broken markup; htmlparser2 (cheerio's `xml: { xmlMode: false }`,
 * HTML mode) reads the same tags ~5× faster but repairs less (no implied
 * <html>/<body>, misnested tags kept as written). The platform adapters
 * (NukeViet, SharePoint, baotayninh) select by class and id on server-rendered
 * templates, where both parsers give the same result (their fixture tests run
 * on this loader); the generic adapter and the main-text extractor parse with it
 * too (main-text.ts loadFast), checked on the extraction evaluation.
 */
import * as cheerio from "cheerio";

/** A platform page parsed with htmlparser2 in HTML mode (entities decoded). */
export function loadPlatformHtml(body: string): cheerio.CheerioAPI {
  return cheerio.load(body, { xml: { xmlMode: false, decodeEntities: true } });
}

/** Any page, parsed as a browser would (parse5). */
export function loadAnyHtml(body: string): cheerio.CheerioAPI {
  return cheerio.load(body);
}
