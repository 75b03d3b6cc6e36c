import { describe, expect, it } from "vitest";
import { nukeviet } from "../../data-loaders/nukeviet/index.ts";
import { ExtractionError } from "../../data-loaders/types.ts";
import { ctx, fixture } from "./helpers.ts";

const BASE = "https://sothunghiem.example.gov.vn";
const CAT = `${BASE}/vi/news/cai-cach-hanh-chinh/`;
const ARTICLE = `${CAT}so-thu-nghiem-ra-mat-bo-phan-mot-cua-hien-dai-2051.html`;

describe("nukeviet adapter", () => {
  it("reads a category listing: one item per id, titles, listing dates (12-hour and 24-hour), next page", () => {
    const page = nukeviet.parseListing(fixture("nukeviet/listing.html"), CAT, ctx());
    expect(page.items.map((i) => i.item_id)).toEqual(["2051", "2047", "2040"]);
    expect(page.items[0]).toMatchObject({
      url: ARTICLE,
      title: "Sở Thử nghiệm ra mắt Bộ phận Một cửa hiện đại",
      published_text: "12/05/2016 04:00:00 PM",
      published_at: "2016-05-12T16:00:00+07:00",
    });
    expect(page.items[1].published_at).toBe("2016-05-03T09:15:00+07:00");
    expect(page.items[2].published_at).toBeNull(); // 31/02 is no date
    expect(page.next).toBe(`${CAT}page-2`);
  });

  it("reads the viewcat_list layout: numbered, undated entries", () => {
    const page = nukeviet.parseListing(fixture("nukeviet/listing-list.html"), `${BASE}/vi/news/van-ban/`, ctx());
    expect(page.items.map((i) => [i.item_id, i.title, i.published_at])).toEqual([
      ["3010", "Kế hoạch tuyên truyền cải cách hành chính", null],
      ["3004", "Báo cáo cải cách hành chính quý I", null],
    ]);
    expect(page.next).toBe(`${BASE}/vi/news/van-ban/page-2`);
  });

  it("stops at the last page", () => {
    const page = nukeviet.parseListing(fixture("nukeviet/listing-last.html"), `${CAT}page-3`, ctx());
    expect(page.items).toHaveLength(1);
    expect(page.next).toBeNull();
  });

  it("reads an article: microdata headline and description, #news-bodyhtml, the visible publtime (not the microdata edit time)", () => {
    const a = nukeviet.parseArticle(fixture("nukeviet/article.html"), ARTICLE, ctx());
    expect(a.title).toBe("Sở Thử nghiệm ra mắt Bộ phận Một cửa hiện đại");
    expect(a.published_at).toBe("2023-12-25T21:47:00+07:00");
    expect(a.published_text).toBe("Thứ hai - 25/12/2023 21:47");
    expect(a.date_source).toBe("byline");
    expect(a.body_text).toBe(
      "Bộ phận Một cửa mới giúp người dân giải quyết thủ tục nhanh hơn.\n\n" +
        "Sáng nay, Sở Thử nghiệm đưa vào hoạt động Bộ phận Một cửa với sáu quầy tiếp nhận.\n\n" +
        "Người dân có thể tra cứu tình trạng hồ sơ bằng mã số trên phiếu hẹn.",
    );
    expect(a.body_text).not.toContain("trackView");
    expect(a.body_text).not.toContain("Tập huấn dịch vụ công"); // related list is not the article
    expect(a.byline).toBe("Văn phòng Sở Thử nghiệm");
    expect(a.item_id).toBe("2051");
    expect(a.canonical_url).toBe(ARTICLE);
  });

  it("falls back to article:published_time (PHP zone quirk) before the microdata", () => {
    const html = fixture("nukeviet/article.html").replace("Thứ hai - 25/12/2023 21:47", "");
    const a = nukeviet.parseArticle(html, ARTICLE, ctx());
    expect(a).toMatchObject({ published_at: "2023-12-25T21:47:00+07:00", date_source: "opengraph" });
  });

  it("collapses print and savefile copies onto the article's id and URL", () => {
    const printUrl = `${BASE}/vi/news/print/cai-cach-hanh-chinh/so-thu-nghiem-ra-mat-bo-phan-mot-cua-hien-dai-2051.html`;
    const saveUrl = printUrl.replace("/print/", "/savefile/");
    expect(nukeviet.itemIdFromUrl(saveUrl)).toBe("2051");
    const a = nukeviet.parseArticle(fixture("nukeviet/print.html"), printUrl, ctx());
    expect(a).toMatchObject({ item_id: "2051", canonical_url: ARTICLE, published_at: "2023-12-25T21:47:00+07:00" });
    expect(a.title).toBe("Sở Thử nghiệm ra mắt Bộ phận Một cửa hiện đại");
  });

  it("reads the RSS feed, skipping links that are not articles", () => {
    const page = nukeviet.parseListing(fixture("nukeviet/rss.xml"), `${BASE}/vi/news/rss/cai-cach-hanh-chinh/`, ctx());
    expect(page.items.map((i) => [i.item_id, i.published_at, i.date_source])).toEqual([
      ["2051", "2023-12-25T21:47:00+07:00", "feed"],
      ["2047", "2016-05-03T09:15:00+07:00", "feed"],
    ]);
    expect(page.next).toBeNull();
  });

  it("rejects a broken page with a located error", () => {
    expect(() => nukeviet.parseArticle(fixture("nukeviet/broken.html"), ARTICLE, ctx())).toThrow(ExtractionError);
    expect(() => nukeviet.parseArticle(fixture("nukeviet/broken.html"), ARTICLE, ctx())).toThrow(/-2051\.html: no headline/);
    expect(nukeviet.parseListing(fixture("nukeviet/broken.html"), CAT, ctx())).toMatchObject({ items: [], next: null, article_links: 0 });
  });

  it("tells articles from listings and feeds by URL", () => {
    expect(nukeviet.isArticleUrl(ARTICLE)).toBe(true);
    expect(nukeviet.isArticleUrl(`${CAT}page-2`)).toBe(false);
    expect(nukeviet.isArticleUrl(`${BASE}/vi/news/rss/`)).toBe(false);
  });
});
