import { describe, expect, it } from "vitest";
import { extractMainText } from "../../data-loaders/common/main-text.ts";
import { generic } from "../../data-loaders/generic/index.ts";
import { ctx } from "./helpers.ts";

const para = (n: number, topic: string) =>
  Array.from({ length: n }, (_, i) => `<p>Đoạn ${i + 1} về ${topic}: cán bộ một cửa hướng dẫn người dân nộp hồ sơ trực tuyến, tra cứu kết quả, và phản ánh, kiến nghị khi cần.</p>`).join("\n");

const chrome = `
<header class="site-header"><nav><a href="/">Trang chủ</a> <a href="/tin-tuc">Tin tức</a> <a href="/lien-he">Liên hệ</a></nav></header>
<aside class="sidebar"><h3>Tin mới</h3><ul>${Array.from({ length: 8 }, (_, i) => `<li><a href="/tin-moi-${i}-ve-chuyen-doi-so-cap-xa">Tin mới số ${i} về chuyển đổi số cấp xã trong tỉnh</a></li>`).join("")}</ul></aside>
<footer class="site-footer"><p>Bản quyền thuộc về Cổng thông tin thử nghiệm. Địa chỉ: số 1, đường thử nghiệm, phường thử nghiệm.</p></footer>`;

describe("main text (Readability-style scoring on the htmlparser2 DOM)", () => {
  it("keeps the article's paragraphs and drops navigation, sidebars, captions, share bars and related links", () => {
    const html = `<html><body>${chrome}
<div class="page"><div class="news-detail">
<h1>Xã triển khai dịch vụ công trực tuyến toàn trình</h1>
<figure><img src="a.jpg"><figcaption>Ảnh: người dân làm thủ tục tại bộ phận một cửa</figcaption></figure>
<div class="news-content">${para(5, "dịch vụ công")}
<div class="share-tools"><a href="#">Facebook</a> <a href="#">Zalo</a></div>
<p>Quảng cáo</p>
<div class="tin-lien-quan"><h4>Tin liên quan</h4><ul><li><a href="/bai-khac-mot-rat-dai-ve-chu-de-khac">Bài khác một rất dài về chủ đề khác hẳn</a></li><li><a href="/bai-khac-hai-rat-dai">Bài khác hai rất dài về một chủ đề khác</a></li></ul></div>
</div></div></div></body></html>`;
    const text = extractMainText(html)!;
    expect(text.split("\n\n")).toHaveLength(5);
    expect(text).toMatch(/^Đoạn 1 về dịch vụ công/);
    expect(text).not.toMatch(/Trang chủ|Tin mới số|Bản quyền|Ảnh:|Facebook|Quảng cáo|Tin liên quan|Bài khác/);
  });

  it("searches a page wrapped in one ASP.NET <form> instead of dropping it", () => {
    const html = `<html><body><form id="aspnetForm" action="/Default.aspx">${chrome}<div id="content"><div class="article-body">${para(12, "sáp nhập")}</div></div>
<input type="hidden" name="__VIEWSTATE" value="x"></form></body></html>`;
    expect(extractMainText(html)?.split("\n\n")).toHaveLength(12);
  });

  it("joins a body split into chunks of the same class that are not siblings (each beside its own ad rail)", () => {
    const chunk = (topic: string) => `<div class="grid"><div class="story-chunk body">${para(4, topic)}</div><div class="rail"><div class="ad">Advertisement</div></div></div>`;
    const html = `<html><body>${chrome}<article>${chunk("phần một")}${chunk("phần hai")}</article></body></html>`;
    const text = extractMainText(html)!;
    expect(text).toContain("Đoạn 1 về phần một");
    expect(text).toContain("Đoạn 4 về phần hai");
    expect(text).not.toContain("Advertisement");
  });

  it("reads the lead beside the body (a wrapped description block) and text in page-builder widgets", () => {
    const lead = `<div class="clearfix"><div class="hometext">Sáng nay, xã tổ chức hội nghị đối thoại với người dân về cải cách thủ tục hành chính năm nay.</div></div>`;
    const html = `<html><body>${chrome}<div class="detail">${lead}<div id="bodyhtml" class="bodytext">${para(4, "đối thoại")}</div></div></body></html>`;
    expect(extractMainText(html)).toMatch(/^Sáng nay, xã tổ chức hội nghị/);
    const builder = `<html><body>${chrome}<div class="elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container">${para(4, "tuyên truyền")}</div></div></body></html>`;
    expect(extractMainText(builder)?.split("\n\n")).toHaveLength(4);
  });

  it("returns null for a page without text (an error page)", () => {
    expect(extractMainText("<html><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>")).toBeNull();
  });
});

describe("generic adapter: titles, bylines and dates with provenance", () => {
  const page = (head: string, top: string, body = para(4, "chuyển đổi số")) =>
    `<html><head>${head}</head><body>${chrome}<main><article><h1>Phường ra mắt tổ công nghệ số</h1>${top}<div class="entry-content">${body}</div></article></main></body></html>`;
  const URL = "https://phuong.example.gov.vn/phuong-ra-mat-to-cong-nghe-so";

  it("prefers the h1 when og:title only adds the site name, and says so", () => {
    const a = generic.parseArticle(page(`<meta property="og:title" content="Phường ra mắt tổ công nghệ số | Cổng phường">`, ""), URL, ctx());
    expect(a).toMatchObject({ title: "Phường ra mắt tổ công nghệ số", title_source: "h1" });
  });

  it("reads a <time> element and other <meta> date names, each with its source", () => {
    const t = generic.parseArticle(page("", `<p class="info">Đăng lúc <time datetime="2026-03-02T08:00:00+07:00">08:00 02/03/2026</time></p>`), URL, ctx());
    expect(t).toMatchObject({ published_at: "2026-03-02T08:00:00+07:00", date_source: "time", date_confidence: 0.85 });
    const m = generic.parseArticle(page(`<meta name="dc.date.issued" content="2026-03-01">`, ""), URL, ctx());
    expect(m).toMatchObject({ published_at: "2026-03-01T00:00:00+07:00", date_source: "meta" });
  });

  it("reads an English date line under the headline in its printed zone, and drops it from the body", () => {
    const a = generic.parseArticle(page("", `<div class="x1">Written by An Nguyen · Published 11:11 PM EST Nov 19, 2025</div>`), URL, ctx());
    expect(a).toMatchObject({ published_at: "2025-11-20T11:11:00+07:00", date_source: "byline" });
    expect(a.body_text).not.toContain("Written by");
  });

  it("refuses a date older than a page the text links to, with the reason, and takes the next candidate", () => {
    const body = `${para(3, "kế hoạch")}<p>Xem kế hoạch tại <a href="/2026/02/15/ke-hoach-cai-cach-hanh-chinh">văn bản ngày 15/02</a> của tỉnh, ban hành, công khai.</p>`;
    const a = generic.parseArticle(
      page(`<meta property="article:published_time" content="2010-01-01T00:00:00+07:00"><meta name="pubdate" content="2026-02-20">`, "", body),
      URL,
      ctx(),
    );
    expect(a).toMatchObject({ published_at: "2026-02-20T00:00:00+07:00", date_source: "meta" });
    expect(a.date_problems).toEqual([expect.stringMatching(/^opengraph: "2010-01-01T00:00:00\+07:00" refused: older than a page it links to \(2026-02-15 in https:\/\/phuong\.example\.gov\.vn\/2026\/02\/15\//)]);
  });

  it("never dates by the crawl: a future date is refused and nothing else means null", () => {
    const a = generic.parseArticle(page(`<meta property="article:published_time" content="2027-05-01T00:00:00+07:00">`, ""), URL, ctx());
    expect(a).toMatchObject({ published_at: null, date_source: null, date_confidence: 0 });
  });

  it("takes the byline from JSON-LD author, else <meta name=author>, else a visible author element; a source line first", () => {
    const ld = `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Phường ra mắt tổ công nghệ số","author":[{"@type":"Person","name":"Trần Bình"},{"@type":"Person","name":"Lê Chi"}]}</script>`;
    expect(generic.parseArticle(page(ld, ""), URL, ctx())).toMatchObject({ byline: "Trần Bình, Lê Chi", byline_source: "jsonld" });
    expect(generic.parseArticle(page(`<meta name="author" content="Phòng Văn hóa">`, ""), URL, ctx())).toMatchObject({ byline: "Phòng Văn hóa", byline_source: "meta" });
    expect(generic.parseArticle(page("", `<span class="author">Hoàng Dung</span>`), URL, ctx())).toMatchObject({ byline: "Hoàng Dung", byline_source: "page" });
    const credited = generic.parseArticle(page(ld, "", `${para(3, "nguồn")}<p>Nguồn: UBND phường</p>`), URL, ctx());
    expect(credited).toMatchObject({ byline: "Nguồn: UBND phường", byline_source: "source_line" });
  });
});
