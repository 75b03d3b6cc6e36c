import { describe, expect, it } from "vitest";
import { generic } from "../../data-loaders/generic/index.ts";
import { ctx, fixture } from "./helpers.ts";

const BASE = "https://tinh.example.gov.vn";
const LISTING = `${BASE}/chuyen-muc/cai-cach-hanh-chinh`;

describe("generic adapter", () => {
  it("reads a listing of root-level slugs on the same host, with dates, and rel=next", () => {
    const page = generic.parseListing(fixture("generic/listing.html"), LISTING, ctx());
    expect(page.items.map((i) => [i.item_id, i.published_at])).toEqual([
      ["tuyen-truyen-bau-cu", "2026-02-07T00:00:00+07:00"],
      ["so-noi-vu-trien-khai-ke-hoach-cai-cach-hanh-chinh-nam-2026", "2026-02-05T00:00:00+07:00"],
    ]);
    expect(page.next).toBe(`${LISTING}?page=2`);
  });

  it("stops at the last page (only a 'Trang trước' link)", () => {
    const page = generic.parseListing(fixture("generic/listing-last.html"), `${LISTING}?page=3`, ctx());
    expect(page.items).toHaveLength(1);
    expect(page.next).toBeNull();
  });

  it("prefers JSON-LD (in an @graph) for title and date, keeps the text as written, drops sidebars", () => {
    const a = generic.parseArticle(fixture("generic/article-jsonld.html"), `${BASE}/tuyen-truyen-bau-cu?utm=x`, ctx());
    expect(a).toMatchObject({
      title: "Tuyên truyền bầu cử đại biểu Quốc hội",
      published_at: "2026-02-07T08:15:00+07:00",
      published_text: "2026-02-07T08:15:00+07:00",
      date_source: "jsonld",
      canonical_url: `${BASE}/tuyen-truyen-bau-cu`,
      item_id: "tuyen-truyen-bau-cu",
      byline: "Nguồn: Sở Nội vụ",
    });
    expect(a.body_text.split("\n\n")).toHaveLength(3);
    expect(a.body_text).not.toMatch(/Văn bản mới|Trang chủ|Bản quyền/);
  });

  it("reads OpenGraph's PHP zone quirk (2023-12-25ICT21:47:00) and finds the main text by density", () => {
    const a = generic.parseArticle(fixture("generic/article-og-quirk.html"), `${BASE}/x`, ctx());
    expect(a).toMatchObject({
      title: "Hội nghị triển khai Chỉ số hài lòng SIPAS",
      published_at: "2023-12-25T21:47:00+07:00",
      date_source: "opengraph",
      canonical_url: "https://xa.example.gov.vn/hoi-nghi-trien-khai-chi-so-sipas",
    });
    expect(a.body_text.split("\n\n")).toHaveLength(2);
    expect(a.body_text).not.toContain("Liên kết");
  });

  it("finds text held in a div with line breaks (no <p>), not the menus around it", () => {
    const a = generic.parseArticle(fixture("generic/article-div-text.html"), `${BASE}/phuong-ra-mat-to-cong-nghe-so`, ctx());
    expect(a.title).toBe("Phường ra mắt tổ công nghệ số cộng đồng");
    expect(a.body_text).toMatch(/^Sáng nay, phường tổ chức .* trực tuyến\. Nguồn: UBND phường Thử nghiệm$/);
    expect(a.published_at).toBeNull();
  });

  it("falls back to a visible date near the headline", () => {
    const a = generic.parseArticle(fixture("generic/article-visible-only.html"), `${BASE}/doi-thoai-voi-nguoi-dan-ve-thu-tuc`, ctx());
    expect(a).toMatchObject({ published_at: "2024-03-15T08:30:00+07:00", published_text: "Ngày đăng: 15/03/2024 | 08:30", date_source: "byline" });
  });

  it("flags a page without a date (null), never the crawl date; a listing date fills in when there is one", () => {
    const url = `${BASE}/bai-viet-khong-ghi-ngay-dang`;
    const a = generic.parseArticle(fixture("generic/article-nodate.html"), url, ctx());
    expect(a).toMatchObject({ published_at: null, published_text: null, date_source: null, date_confidence: 0 });
    const listed = generic.parseArticle(fixture("generic/article-nodate.html"), url, ctx({
      listingItem: { url, title: "x", item_id: "x", published_text: "07/02/2026", published_at: "2026-02-07T00:00:00+07:00" },
    }));
    expect(listed).toMatchObject({ published_at: "2026-02-07T00:00:00+07:00", published_text: "07/02/2026", date_source: "listing" });
  });

  it("uses a date in the URL as the last resort, with the lowest confidence", () => {
    const a = generic.parseArticle(fixture("generic/article-nodate.html"), `${BASE}/2024/03/15/bai-viet-khong-ghi-ngay`, ctx());
    expect(a).toMatchObject({ published_at: "2024-03-15T00:00:00+07:00", published_text: "2024-03-15", date_source: "url", date_confidence: 0.5 });
    expect(generic.parseArticle(fixture("generic/article-nodate.html"), `${BASE}/tin/20240315-bai-viet`, ctx()).published_at).toBe("2024-03-15T00:00:00+07:00");
    expect(generic.parseArticle(fixture("generic/article-nodate.html"), `${BASE}/tin/bai-viet-2024131`, ctx()).published_at).toBeNull();
  });

  it("rejects a broken page", () => {
    expect(() => generic.parseArticle(fixture("generic/broken.html"), `${BASE}/x`, ctx())).toThrow(/\/x: no main content/);
    expect(generic.parseListing(fixture("generic/broken.html"), LISTING, ctx())).toEqual({ items: [], next: null });
  });

  it("tells articles from listings by URL shape", () => {
    expect(generic.isArticleUrl(`${BASE}/tuyen-truyen-bau-cu-dai-bieu`)).toBe(true);
    expect(generic.isArticleUrl(`${BASE}/tin-tuc/bai-viet-123.html`)).toBe(true);
    expect(generic.isArticleUrl(LISTING)).toBe(false);
    expect(generic.isArticleUrl(`${BASE}/`)).toBe(false);
  });
});
