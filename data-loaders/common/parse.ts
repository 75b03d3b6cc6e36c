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
import type { Document } from "domhandler";

const PLATFORM_OPTIONS: cheerio.CheerioOptions = { xml: { xmlMode: false, decodeEntities: true } };

/**
 * One `cheerio.load` for every platform page: `load` declares a new Cheerio subclass and a
 * new querying function for each document, and on a crawl those per-page classes cost more
 * than the parse (V8 keeps each new prototype reachable from the base class's, so the young
 * generation's collector saw every page's tree live and carried it into the old generation).
 * Each page gets a querying function bound to its own document instead, calling this
 * instance's with the document as its root: the same selections, classes and options as a
 * `load` of the page would give (test/data-loaders/platform-load.test.ts).
 */
const shared = cheerio.load("", PLATFORM_OPTIONS);
/** The parts of a loaded instance cheerio keeps internal: its options, `_make` and parser. */
type Internal = {
  _options: object;
  fn: { _make: (this: { _root: unknown }, selector: unknown, context: unknown) => unknown; _parse: (content: string, options: object, isDocument: boolean, context: null) => Document };
};
const base = shared as unknown as Internal;
const sharedQuery = shared as unknown as (selector: unknown, context: unknown, root: unknown) => cheerio.Cheerio<never>;
// `load`'s own `_make` (every traversal's result) roots the result at its document; here the
// document is the one of the selection it starts from (its `_root`, set on every selection).
base.fn._make = function (this: { _root: unknown }, selector: unknown, context: unknown) {
  const made = sharedQuery(selector, context, this._root) as cheerio.Cheerio<never> & { prevObject: unknown };
  made.prevObject = this as never;
  return made;
};
const STATICS = Object.fromEntries(Object.entries(shared)) as Record<string, unknown>;

/** A platform page parsed with htmlparser2 in HTML mode (entities decoded). */
export function loadPlatformHtml(body: string): cheerio.CheerioAPI {
  if (body == null) throw new Error("cheerio.load() expects a string");
  const doc = base.fn._parse(body, base._options, true, null);
  function query(selector?: unknown, context?: unknown, root: unknown = doc) {
    return sharedQuery(selector, context, root);
  }
  return Object.assign(query, STATICS, { _root: doc, fn: base.fn, prototype: base.fn }) as unknown as cheerio.CheerioAPI;
}

/** Any page, parsed as a browser would (parse5). */
export function loadAnyHtml(body: string): cheerio.CheerioAPI {
  return cheerio.load(body);
}
