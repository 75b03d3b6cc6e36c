/**
 * RSS 2.0 / Atom sources: the feed is the listing; an article page it links to
 * is read by the generic HTML adapter, with the feed entry's date as fallback
 * (date_source "feed") when the page shows none.
 */
import { feedListing, isFeed } from "../common/feed.ts";
import { generic, pathItemId } from "../generic/index.ts";
import { type Adapter, ExtractionError, type ListingPage } from "../types.ts";

const FEED_URL = /(?:\/rss|\/feed|\/atom)(?:\/|\.xml|$)|\.(?:rss|xml)$/i;

export const rss: Adapter = {
  platform: "rss",

  isArticleUrl(url) {
    try {
      return !FEED_URL.test(new URL(url).pathname);
    } catch {
      return false;
    }
  },

  itemIdFromUrl: pathItemId,

  parseListing(body, url, ctx): ListingPage {
    if (!isFeed(body)) throw new ExtractionError("not an RSS or Atom feed", url);
    return feedListing(body, url, ctx, (link, entry) => pathItemId(link) ?? entry.guid);
  },

  parseArticle(body, url, ctx) {
    return generic.parseArticle(body, url, ctx);
  },
};
