import { describe, expect, it } from "vitest";
import { generic, numberedNextPage } from "../../data-loaders/generic/index.ts";
import { ctx } from "./helpers.ts";

const B = "https://xa.example.gov.vn";

describe("generic listings: numbered pagination of unknown CMSs (no 'next' link)", () => {
  it("follows WordPress /page/N/, 'trang-N' and ?start= offsets, only within the same listing", () => {
    expect(numberedNextPage(`${B}/tin-tuc/`, [`${B}/tin-tuc/page/3/`, `${B}/tin-tuc/page/2/`, `${B}/khac/page/2/`])).toBe(`${B}/tin-tuc/page/2/`);
    expect(numberedNextPage(`${B}/tin-tuc/page/2/`, [`${B}/tin-tuc/`, `${B}/tin-tuc/page/4/`, `${B}/tin-tuc/page/3/`])).toBe(`${B}/tin-tuc/page/3/`);
    expect(numberedNextPage(`${B}/tin-tuc/trang-3`, [`${B}/tin-tuc/trang-2`, `${B}/tin-tuc/trang-4`])).toBe(`${B}/tin-tuc/trang-4`);
    expect(numberedNextPage(`${B}/tin-tuc?start=10`, [`${B}/tin-tuc?start=0`, `${B}/tin-tuc?start=30`, `${B}/tin-tuc?start=20`])).toBe(`${B}/tin-tuc?start=20`);
    expect(numberedNextPage(`${B}/tin-tuc?cat=5&page=2`, [`${B}/tin-tuc?cat=6&page=3`])).toBeNull();
  });

  it("counts a first page without a number as page 0 (Drupal's ?page=1 is the second page) and stops on the last", () => {
    expect(numberedNextPage(`${B}/tin-tuc`, [`${B}/tin-tuc?page=2`, `${B}/tin-tuc?page=1`])).toBe(`${B}/tin-tuc?page=1`);
    expect(numberedNextPage(`${B}/tin-tuc/page/5/`, [`${B}/tin-tuc/page/4/`, `${B}/tin-tuc/`])).toBeNull();
  });

  it("a listing page whose pager has only numbers gives the next number as its next page", () => {
    const items = [1, 2, 3].map((i) => `<li><a href="/tin-tuc/xa-to-chuc-hoi-nghi-so-${i}-ve-cai-cach">Xã tổ chức hội nghị số ${i} về cải cách hành chính</a></li>`).join("");
    const html = `<html><body><ul>${items}</ul><div class="nav-links"><span>1</span> <a href="/tin-tuc/page/2/">2</a> <a href="/tin-tuc/page/3/">3</a></div></body></html>`;
    const page = generic.parseListing(html, `${B}/tin-tuc/`, ctx());
    expect(page.items).toHaveLength(3);
    expect(page.next).toBe(`${B}/tin-tuc/page/2/`);
  });
});
