import { describe, expect, it } from "vitest";
import { rss } from "../../data-loaders/rss/index.ts";
import { ctx, fixture } from "./helpers.ts";

describe("rss adapter", () => {
  it("reads RSS 2.0: RFC 822 dates in Vietnamese time, an item without a date kept undated", () => {
    const page = rss.parseListing(fixture("rss/rss2.xml"), "https://bao.example.vn/rss/cchc.rss", ctx());
    expect(page.items.map((i) => [i.title, i.published_at, i.date_source])).toEqual([
      ["Người dân nộp hồ sơ đất đai trực tuyến", "2024-02-09T15:00:00+07:00", "feed"],
      ["Tin không có ngày", null, null],
    ]);
    expect(page.items[0].item_id).toBe("nguoi-dan-nop-ho-so-dat-dai-truc-tuyen-a5001");
    expect(page.next).toBeNull();
  });

  it("reads Atom: the alternate link, published (not updated), rejects a future date, follows rel=next", () => {
    const page = rss.parseListing(fixture("rss/atom.xml"), "https://tinh.example.gov.vn/feed.atom", ctx());
    expect(page.items.map((i) => [i.url, i.published_at])).toEqual([
      ["https://tinh.example.gov.vn/cong-bo-chi-so-cchc-nam-2025", "2026-01-15T08:00:00+07:00"],
      ["https://tinh.example.gov.vn/bai-hen-gio-dang-trong-tuong-lai", null],
    ]);
    expect(page.next).toBe("https://tinh.example.gov.vn/feed.atom?page=2");
  });

  it("reads a linked page with the feed's date when the page has none", () => {
    const feed = rss.parseListing(fixture("rss/rss2.xml"), "https://bao.example.vn/rss/cchc.rss", ctx());
    const a = rss.parseArticle(fixture("rss/article.html"), feed.items[0].url, ctx({ listingItem: feed.items[0] }));
    expect(a).toMatchObject({
      title: "Người dân nộp hồ sơ đất đai trực tuyến",
      published_at: "2024-02-09T15:00:00+07:00",
      published_text: "Fri, 09 Feb 2024 08:00:00 GMT",
      date_source: "feed",
    });
    expect(a.body_text).not.toContain("Trang chủ");
  });

  it("rejects something that is not a feed, and a broken page", () => {
    expect(() => rss.parseListing(fixture("rss/broken.xml"), "https://x.example/feed", ctx())).toThrow(/not an RSS or Atom feed/);
    expect(() => rss.parseArticle(fixture("rss/broken.xml"), "https://x.example/bai-viet-mot-hai-ba", ctx())).toThrow(/no main content/);
    expect(rss.isArticleUrl("https://x.example/rss/tin-tuc.rss")).toBe(false);
    expect(rss.isArticleUrl("https://x.example/bai-viet-mot-hai-ba")).toBe(true);
  });
});
