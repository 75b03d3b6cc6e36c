import { describe, expect, it } from "vitest";
import { sharepoint } from "../../data-loaders/sharepoint/index.ts";
import { ctx, fixture } from "./helpers.ts";

const BASE = "https://songoaivu.example.gov.vn";
const CAT = encodeURIComponent("Cải cách hành chính");
const LISTING = `${BASE}/Lists/TinTuc/TongQuat.aspx?CategoryId=${CAT}`;
const ITEM = `${BASE}/Lists/TinTuc/DispForm.aspx?ID=245&CategoryId=${CAT}`;

describe("sharepoint adapter (LacViet CMS2013)", () => {
  it("reads a month-first listing with the source's date order, and the next PageIndex of the same category", () => {
    const page = sharepoint.parseListing(fixture("sharepoint/listing-mdy.html"), LISTING, ctx({ dateOrder: "mdy" }));
    expect(page.items.map((i) => [i.item_id, i.published_text, i.published_at])).toEqual([
      ["TinTuc:245", "7/17/2018 9:00 AM", "2018-07-17T09:00:00+07:00"],
      ["TinTuc:241", "7/2/2018 2:30 PM", "2018-07-02T14:30:00+07:00"],
    ]);
    expect(page.items[0].title).toBe("Tiếp nhận hồ sơ cấp thẻ đi lại doanh nhân APEC qua mạng");
    expect(page.items.some((i) => i.item_id === "TinTuc:1")).toBe(false); // menu link
    expect(new URL(page.next!).searchParams.get("PageIndex")).toBe("2");
    expect(new URL(page.next!).searchParams.get("CategoryId")).toBe("Cải cách hành chính");
  });

  it("never guesses the order: the same month-first listing read day-first has no dates for impossible days", () => {
    const page = sharepoint.parseListing(fixture("sharepoint/listing-mdy.html"), LISTING, ctx({ dateOrder: "dmy" }));
    expect(page.items[0].published_at).toBeNull(); // 17th month
    expect(page.items[1].published_at).toBe("2018-02-07T14:30:00+07:00"); // 7/2 read day-first
  });

  it("stops at the last page (day-first host)", () => {
    const url = `${BASE}/Lists/HoatDong/TongQuat.aspx?CategoryId=${encodeURIComponent("Tin hoạt động")}&PageIndex=2`;
    const page = sharepoint.parseListing(fixture("sharepoint/listing-last-dmy.html"), url, ctx({ dateOrder: "dmy" }));
    expect(page.items).toEqual([
      {
        url: `${BASE}/Lists/HoatDong/DispForm.aspx?ID=12`,
        title: "Huyện tổ chức đối thoại với doanh nghiệp về thủ tục đất đai",
        item_id: "HoatDong:12",
        published_text: "08/09/2021 10:00",
        published_at: "2021-09-08T10:00:00+07:00",
      },
    ]);
    expect(page.next).toBeNull();
  });

  it("reads an item: title, summary + content, date in the source's order, source line, canonical ?ID=", () => {
    const a = sharepoint.parseArticle(fixture("sharepoint/item.html"), ITEM, ctx({ dateOrder: "mdy" }));
    expect(a).toMatchObject({
      title: "Tiếp nhận hồ sơ cấp thẻ đi lại doanh nhân APEC qua mạng",
      published_at: "2018-07-17T09:00:00+07:00",
      published_text: "7/17/2018 9:00 AM",
      item_id: "TinTuc:245",
      canonical_url: `${BASE}/Lists/TinTuc/DispForm.aspx?ID=245`,
      byline: "Phòng Lãnh sự - Sở Ngoại vụ",
    });
    expect(a.body_text.split("\n\n")).toEqual([
      "Doanh nghiệp nộp hồ sơ trực tuyến, không phải đến trụ sở.",
      "Từ tháng 8, Sở thử nghiệm tiếp nhận hồ sơ qua Cổng dịch vụ công.",
      "Thời gian giải quyết rút ngắn còn năm ngày làm việc.",
    ]);
  });

  it("reads the stock SharePoint display form", () => {
    const url = `${BASE}/Lists/ThongBao/DispForm.aspx?ID=7`;
    const a = sharepoint.parseArticle(fixture("sharepoint/item-formtable.html"), url, ctx({ dateOrder: "dmy" }));
    expect(a).toMatchObject({ title: "Thông báo lịch tiếp công dân tháng 9", published_at: "2021-09-08T10:00:00+07:00", item_id: "ThongBao:7" });
    expect(a.body_text).toBe("Lãnh đạo huyện tiếp công dân vào thứ năm hằng tuần.");
  });

  it("rejects a broken page and a URL that is not an item", () => {
    expect(() => sharepoint.parseArticle(fixture("sharepoint/broken.html"), ITEM, ctx())).toThrow(/DispForm\.aspx\?ID=245.*: no title/);
    expect(() => sharepoint.parseArticle(fixture("sharepoint/item.html"), LISTING, ctx())).toThrow(/not a DispForm/);
    expect(sharepoint.parseListing(fixture("sharepoint/broken.html"), LISTING, ctx())).toEqual({ items: [], next: null });
    expect(sharepoint.isArticleUrl(ITEM)).toBe(true);
    expect(sharepoint.isArticleUrl(LISTING)).toBe(false);
  });
});
