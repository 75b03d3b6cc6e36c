/** The archived copy renderer: hostile pages come out inert, with the Vietnamese banner. */
import { describe, expect, it } from "vitest";
import * as cheerio from "cheerio";
import { COPY_CSP, crawlTimeLabel, isArchivedCopyPath, renderArchivedCopy, safeLink } from "../../pipelines/archive/copy-html.ts";
import { archiveUrl } from "../../src/components/archive-link.js";

const HOSTILE = `<!doctype html><html><head><title>Hội nghị về cải cách</title>
<meta http-equiv="refresh" content="0;url=http://evil.example/"><base href="http://evil.example/">
<link rel="stylesheet" href="http://portal.example/site.css"><script>alert(1)</script><style>body{background:url(http://portal.example/x.png)}</style></head>
<body onload="alert(2)"><form action="http://portal.example/login" method="post"><div class="content" style="background:url(http://x/)">
<h1 onclick="alert(3)">Hội nghị <b>triển khai</b> CCHC</h1><p>Nội dung &lt;script&gt; chữ</p>
<img src="http://portal.example/a.jpg" alt="Ảnh hội nghị" onerror="alert(4)"><iframe src="http://portal.example/frame"></iframe>
<a href="javascript:alert(5)">xấu</a> <a href="/vi/news/khac.html">tin khác</a> <input name="q" value="x"><button>Gửi</button>
<svg><script>alert(6)</script></svg><table><tr><td colspan="2" onmouseover="alert(7)">ô</td></tr></table>
<noscript><img src="http://portal.example/pixel.gif"></noscript><object data="http://portal.example/a.swf"></object>
</div></form><!-- <script>alert(8)</script> --></body></html>`;

const at = new Date("2024-02-04T05:19:00Z");

describe("renderArchivedCopy", () => {
  const out = renderArchivedCopy(HOSTILE, { url: "http://portal.example/vi/news/hoi-nghi.html", fetched_at: at, is_demo: true, source_name: "Cổng DEMO" });
  const $ = cheerio.load(out);

  it("keeps no script, style sheet, handler, form, frame, embed, image or base", () => {
    expect($("script, link, iframe, object, embed, img, form, input, button, svg, base, meta[http-equiv=refresh]").length).toBe(0);
    expect($("style").length).toBe(1); // the copy's own
    for (const el of $("*").toArray()) {
      for (const name of Object.keys((el as { attribs: Record<string, string> }).attribs)) expect(name.startsWith("on"), name).toBe(false);
    }
    expect(out).not.toMatch(/alert\(|javascript:|portal\.example\/(a\.jpg|site\.css|frame|pixel)/);
  });

  it("keeps the text, structure and http(s) links resolved against the page", () => {
    expect($(".cchc-archive-body h1").text()).toBe("Hội nghị triển khai CCHC");
    expect($(".cchc-archive-body p").first().text()).toBe("Nội dung <script> chữ");
    expect($(".cchc-archive-body").text()).toContain("[Hình ảnh: Ảnh hội nghị]");
    expect($("td").attr("colspan")).toBe("2");
    const links = $(".cchc-archive-body a").toArray().map((a) => $(a).attr("href") ?? null);
    expect(links).toEqual([null, "http://portal.example/vi/news/khac.html"]);
    expect($(".cchc-archive-body a[href]").attr("rel")).toContain("noreferrer");
  });

  it("carries a strict CSP first in the head and the Vietnamese banner with URL, crawl time and DEMO", () => {
    expect($("head meta").eq(1).attr("http-equiv")).toBe("Content-Security-Policy");
    expect($("head meta").eq(1).attr("content")).toBe(COPY_CSP);
    expect(COPY_CSP).toContain("default-src 'none'");
    const banner = $(".cchc-archive-banner").text();
    expect(banner).toContain("Bản lưu");
    expect(banner).toContain("http://portal.example/vi/news/hoi-nghi.html");
    expect(banner).toContain("12:19 ngày 04/02/2024 (giờ Việt Nam)");
    expect(banner).toContain("DEMO");
    expect($("title").text()).toBe("DEMO · Bản lưu: Hội nghị về cải cách");
  });

  it("says nothing of DEMO for a real page", () => {
    const real = renderArchivedCopy("<p>x</p>", { url: "https://tayninh.gov.vn/a", fetched_at: at, is_demo: false });
    expect(real).not.toContain("DEMO");
  });
});

describe("helpers", () => {
  it("formats the crawl time in Asia/Ho_Chi_Minh, across midnight", () => {
    expect(crawlTimeLabel(new Date("2024-12-31T17:30:00Z"))).toBe("00:30 ngày 01/01/2025");
  });
  it("knows a copy's path (the servers sandbox those)", () => {
    expect(isArchivedCopyPath(`/srv/dist/ban-luu/ab/${"ab".repeat(20)}.html`)).toBe(true);
    expect(isArchivedCopyPath("/srv/dist/ban-tin.html")).toBe(false);
    expect(isArchivedCopyPath(`/srv/dist/ban-luu/ab/${"ab".repeat(20)}.html.js`)).toBe(false);
  });
  it("links only http(s)", () => {
    expect(safeLink("data:text/html,x", "http://a/")).toBeNull();
    expect(safeLink(" JAVASCRIPT:alert(1)", "http://a/")).toBeNull();
    expect(safeLink("b.html", "http://a/x/")).toBe("http://a/x/b.html");
  });
  it("resolves a copy's path under the site, or under a published base", () => {
    const path = `ban-luu/ab/${"ab".repeat(20)}.html`;
    expect(archiveUrl(path)).toBe(path);
    expect(archiveUrl(path, "https://cchc.tayninh.gov.vn/giam-sat")).toBe(`https://cchc.tayninh.gov.vn/giam-sat/${path}`);
    expect(archiveUrl(null)).toBeNull();
    expect(archiveUrl("../../etc/passwd")).toBeNull();
    expect(archiveUrl("javascript:alert(1)")).toBeNull();
  });
});
