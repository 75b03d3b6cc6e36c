/** The completeness rules and the correction rule, pure; and how the Dữ liệu page shows health flags. */
import { describe, expect, it } from "vitest";
import { feedOnlyAlarms, type ListingObservation, listingAlarms, shareAlarms, sinceAlarms, sinceOutcome } from "../../pipelines/crawl/completeness.ts";
import { listingDisagrees } from "../../pipelines/crawl/corrections.ts";
import { healthFlagMessages } from "../../src/components/format.js";

const page = (over: Partial<ListingObservation>): ListingObservation => ({
  url: "http://127.0.0.1:1/vi/news/cat/",
  start_url: "http://127.0.0.1:1/vi/news/cat/",
  depth: 0,
  is_feed: false,
  layout: "viewcat_page",
  items: 10,
  main_items: 10,
  article_links: 10,
  next_url: null,
  oldest_at: null,
  ...over,
});
const CAT = "http://127.0.0.1:1/vi/news/cat/";
const P2 = `${CAT}page-2/`;
const P3 = `${CAT}page-3/`;

describe("completeness alarms", () => {
  it("a page that links more articles than it read names the page and both numbers", () => {
    const alarms = listingAlarms([page({ items: 1, main_items: 1, article_links: 10, layout: "viewcat_grid" })], new Map());
    expect(alarms).toEqual([
      {
        kind: "links_unread",
        url: CAT,
        message: `Trang danh sách có liên kết bài viết chưa được đọc: ${CAT} có 10 liên kết bài viết nhưng chỉ đọc được 1 mục`,
        details: { article_links: 10, items: 1, layout: "viewcat_grid" },
      },
    ]);
    expect(listingAlarms([page({})], new Map())).toEqual([]);
  });

  it("a page that read nothing where the previous reading found items", () => {
    const alarms = listingAlarms([page({ items: 0, main_items: 0, article_links: 0 })], new Map([[CAT, 12]]));
    expect(alarms.map((a) => [a.kind, a.message])).toEqual([
      ["page_emptied", `Trang danh sách không còn mục nào (lần trước có): ${CAT} không đọc được mục nào, lần trước đọc được 12 mục`],
    ]);
    // an empty page that was already empty is no news
    expect(listingAlarms([page({ items: 0, main_items: 0, article_links: 0 })], new Map([[CAT, 0]]))).toEqual([]);
  });

  it("a page shorter than the listing's page size before its last page; the last page may be short", () => {
    const chain = [
      page({ next_url: P2 }),
      page({ url: P2, depth: 1, main_items: 7, items: 7, article_links: 7, next_url: P3 }),
      page({ url: P3, depth: 2, main_items: 3, items: 3, article_links: 3 }),
    ];
    const alarms = listingAlarms(chain, new Map());
    expect(alarms.map((a) => [a.kind, a.url, a.details])).toEqual([["short_page", P2, { items: 7, page_size: 10, next_url: P3 }]]);
    // a feed is never "short"
    expect(listingAlarms([page({ is_feed: true, main_items: 3, next_url: P2 }), page({ is_feed: true, url: P2, depth: 1 })], new Map())).toEqual([]);
  });

  it("--since is reached by an item older than the date or by a listing's last page, never by a feed or an index page alone", () => {
    const since = new Date("2024-01-01T00:00:00+07:00");
    const old = new Date("2023-06-01T00:00:00+07:00");
    const recent = new Date("2025-06-01T00:00:00+07:00");
    expect(sinceOutcome([page({ oldest_at: old, next_url: P2 })], since).reached).toBe(true);
    expect(sinceOutcome([page({ oldest_at: recent })], since).reached).toBe(true); // the whole listing was walked
    expect(sinceOutcome([page({ oldest_at: recent, next_url: P2 })], since).reached).toBe(false); // stopped with pages left
    const feed = page({ url: "http://127.0.0.1:1/vi/news/rss/", start_url: "http://127.0.0.1:1/vi/news/rss/", is_feed: true, oldest_at: recent });
    const outcome = sinceOutcome([feed], since);
    expect(outcome).toMatchObject({ reached: false, short_chains: [{ ended: "feed", pages: 1 }] });
    expect(sinceAlarms(outcome, since, "http://127.0.0.1:1")[0]!.message).toBe(
      "Chưa thu thập lùi tới ngày yêu cầu (--since): yêu cầu lùi tới 01/01/2024, mục cũ nhất đọc được 01/06/2025 — http://127.0.0.1:1/vi/news/rss/ (nguồn tin RSS, mục cũ nhất 01/06/2025)",
    );
    // the feed plus the listing behind it, walked to its end: reached
    expect(sinceOutcome([feed, page({ oldest_at: recent })], since).reached).toBe(true);
    // a module home in blocks (no pagination) is not a history
    expect(sinceOutcome([page({ layout: "viewcat_main_right", oldest_at: recent })], since).reached).toBe(false);
  });

  it("a feed start URL in a backfill, with or without listings found behind it", () => {
    const feed = page({ url: "http://127.0.0.1:1/rss/", start_url: "http://127.0.0.1:1/rss/", is_feed: true, items: 30 });
    expect(feedOnlyAlarms([feed], ["http://127.0.0.1:1/rss/"], new Map())[0]!.message).toBe(
      "Địa chỉ bắt đầu chỉ là nguồn tin RSS khi thu thập lùi: http://127.0.0.1:1/rss/ chỉ có 30 mục mới nhất và không tìm ra trang danh sách nào phía sau; các bài cũ hơn không đọc được",
    );
    expect(feedOnlyAlarms([feed], ["http://127.0.0.1:1/rss/"], new Map([["http://127.0.0.1:1/rss/", [CAT]]]))[0]!.details).toEqual({ items: 30, discovered: [CAT] });
  });

  it("shares of undated and unreadable articles above 20 % (from 5 articles)", () => {
    expect(shareAlarms({ stored: 10, undated: 3, failed: 0 }, "http://x").map((a) => a.message)).toEqual([
      "Tỷ lệ bài không có ngày đăng vượt ngưỡng: 3/10 bài (30 %) không có ngày đăng, ngưỡng 20 %",
    ]);
    expect(shareAlarms({ stored: 8, undated: 0, failed: 3 }, "http://x").map((a) => a.kind)).toEqual(["bodyless_share"]);
    expect(shareAlarms({ stored: 10, undated: 2, failed: 0 }, "http://x")).toEqual([]); // 20 % is not above
    expect(shareAlarms({ stored: 3, undated: 3, failed: 0 }, "http://x")).toEqual([]); // too few to judge
  });
});

describe("corrections: a listing that shows another title or date", () => {
  const stored = { title: "Hội nghị tổng kết công tác năm", published_at: new Date("2025-03-31T23:45:00+07:00") };
  const item = (over: object) => ({ url: "u", item_id: "1", title: stored.title, published_text: "31/03/2025 23:45:00", published_at: "2025-03-31T23:45:00+07:00", ...over });
  it("compares the title (NFC, whitespace folded) and the date at the precision shown", () => {
    expect(listingDisagrees(stored, item({}))).toBeNull();
    expect(listingDisagrees(stored, item({ title: `  ${stored.title.normalize("NFD")} ` }))).toBeNull();
    expect(listingDisagrees(stored, item({ title: "Hội nghị tổng kết công tác năm 2025" }))?.title).toEqual([stored.title, "Hội nghị tổng kết công tác năm 2025"]);
    expect(listingDisagrees(stored, item({ published_text: "31/03/2025 23:50:00", published_at: "2025-03-31T23:50:00+07:00" }))?.date).toBeDefined();
    // a date-only listing date matches any time of that Vietnamese day
    expect(listingDisagrees(stored, item({ published_text: "(31/03/2025)", published_at: "2025-03-31T00:00:00+07:00" }))).toBeNull();
    expect(listingDisagrees(stored, item({ published_text: "(01/04/2025)", published_at: "2025-04-01T00:00:00+07:00" }))?.date).toBeDefined();
    // a NukeViet feed date is kept to the hour
    expect(listingDisagrees(stored, item({ published_text: "Mon, 31 Mar 2025 16:03:00 GMT", published_at: "2025-03-31T23:00:00+07:00", date_resolution: "hour only: …" }))).toBeNull();
    // a shortened title is no correction
    expect(listingDisagrees(stored, item({ title: "Hội nghị tổng kết công..." }))).toBeNull();
  });
});

describe("the Dữ liệu page's health notes", () => {
  it("shows each flag's message (not [object Object])", () => {
    expect(healthFlagMessages(JSON.stringify([{ flag: "zero_items", message: "trang danh sách đột ngột không còn mục nào" }, { flag: "incomplete", message: "Trang …: 3 mục" }]))).toEqual([
      "trang danh sách đột ngột không còn mục nào",
      "Trang …: 3 mục",
    ]);
    expect(healthFlagMessages("not json")).toEqual([]);
  });
});

describe("--since with a start URL that could not be read", () => {
  it("is not reached, and the alarm names that URL", () => {
    const since = new Date("2024-01-01T00:00:00+07:00");
    const ok = page({ oldest_at: new Date("2023-01-01T00:00:00+07:00") });
    const outcome = sinceOutcome([ok], since, ["http://127.0.0.1:1/vi/news/khac/"]);
    expect(outcome.reached).toBe(false);
    expect(sinceAlarms(outcome, since, "http://127.0.0.1:1")[0]!.message).toContain("http://127.0.0.1:1/vi/news/khac/ (không đọc được trang đầu)");
  });
});
