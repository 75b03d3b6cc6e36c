import { describe, expect, it } from "vitest";
import { baotayninh } from "../../data-loaders/baotayninh/index.ts";
import { ctx, fixture } from "./helpers.ts";

const BASE = "https://baotayninh.example.vn";
const SECTION = `${BASE}/thoi-su-chinh-tri/cai_cach_hanh_chinh/`;

describe("baotayninh adapter", () => {
  it("reads the CCHC section: -a<id>.html items only, a yearless video date resolved from its neighbours, ?p=2", () => {
    const page = baotayninh.parseListing(fixture("baotayninh/listing.html"), SECTION, ctx());
    expect(page.items.map((i) => i.item_id)).toEqual(["181250", "181210", "181190"]);
    const video = page.items[1];
    expect(video.published_text).toBe("Chiều 3.11");
    expect(video.published_at).toBe("2025-11-03T00:00:00+07:00");
    expect(video.date_resolution).toBe("year 2025 from listing neighbours (after 28/10/2025, before 10/11/2025)");
    expect(page.items[0].date_resolution).toBeUndefined();
    expect(page.next).toBe(`${SECTION}?p=2&d=`);
  });

  it("stops at the last page; a yearless item with only an older neighbour takes the nearest year after it and says so", () => {
    const page = baotayninh.parseListing(fixture("baotayninh/listing-last.html"), `${SECTION}?p=7&d=`, ctx());
    expect(page.next).toBeNull();
    expect(page.items[0]).toMatchObject({ published_text: "Sáng 5.1", published_at: "2023-01-05T00:00:00+07:00" });
    expect(page.items[0].date_resolution).toBe("year 2023 from listing neighbours (after 20/12/2022: the nearest 05/01)");
  });

  it.each([
    ["article-2022.html", "/ke-hoach-cai-cach-hanh-chinh-a120010.html", "Cập nhật ngày: 14/12/2022 - 10:19", "2022-12-14T10:19:00+07:00", "Nguồn: Sở Nội vụ"],
    ["article-2024.html", "/tap-huan-a150000.html", "Thứ sáu: 15:00 ngày 09/02/2024", "2024-02-09T15:00:00+07:00", "Thanh Tâm – So Tu phap"],
    ["article-2025.html", "/xa-tan-dong-so-hoa-ho-so-a181250.html", "2025-06-30 00:02:07", "2025-06-30T00:02:07+07:00", "Nguon: So Tai chinh"],
  ])("reads the %s layout's date and credit line", (file, path, text, iso, credit) => {
    const a = baotayninh.parseArticle(fixture(`baotayninh/${file}`), `${BASE}${path}`, ctx());
    expect(a).toMatchObject({ published_text: text, published_at: iso, date_source: "byline", byline: credit, date_resolution: null });
    expect(a.body_text.split("\n\n").at(-1)).toBe(credit);
    expect(a.body_text).not.toContain("Tin khác");
  });

  it("dates a video page from its listing entry, says so, and strips the sidebar teaser", () => {
    const url = `${BASE}/video-huong-dan-nop-ho-so-truc-tuyen-a181210.html`;
    const listing = baotayninh.parseListing(fixture("baotayninh/listing.html"), SECTION, ctx()).items[1];
    const a = baotayninh.parseArticle(fixture("baotayninh/video.html"), url, ctx({ listingItem: listing }));
    expect(a).toMatchObject({ published_text: "Chiều 3.11", published_at: "2025-11-03T00:00:00+07:00", date_source: "byline" });
    expect(a.date_resolution).toBe(listing.date_resolution);
    expect(a.body_text).toBe(
      "Phóng sự hướng dẫn người dân nộp hồ sơ trên Cổng dịch vụ công.\n\nNguồn: Trung tâm Phục vụ hành chính công",
    );
  });

  it("without a listing, takes the year from the crawl date and records it with a lower confidence", () => {
    const url = `${BASE}/video-huong-dan-nop-ho-so-truc-tuyen-a181210.html`;
    const a = baotayninh.parseArticle(fixture("baotayninh/video.html"), url, ctx());
    expect(a.published_at).toBe("2026-11-03T00:00:00+07:00");
    expect(a.date_resolution).toMatch(/crawl date 24\/11\/2026/);
    expect(a.date_confidence).toBeLessThan(0.6);
  });

  it("rejects a broken page", () => {
    expect(() => baotayninh.parseArticle(fixture("baotayninh/broken.html"), `${BASE}/x-a1.html`, ctx())).toThrow(/x-a1\.html: no article container/);
    expect(() => baotayninh.parseArticle(fixture("baotayninh/video.html"), `${BASE}/video`, ctx())).toThrow(/not an article URL/);
    expect(baotayninh.parseListing(fixture("baotayninh/broken.html"), SECTION, ctx())).toEqual({ items: [], next: null });
  });
});
