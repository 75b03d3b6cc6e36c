import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractPage } from "../../data-loaders/extract.ts";
import { ADAPTERS } from "../../data-loaders/index.ts";
import { FIXTURES, ctx, fixture } from "./helpers.ts";

const ROOT = join(import.meta.dirname, "../..");

describe("cchc extract (the extraction contract)", () => {
  it("prints one JSON article with the contract's fields (spawned CLI)", () => {
    const url = "https://sothunghiem.example.gov.vn/vi/news/cai-cach-hanh-chinh/so-thu-nghiem-ra-mat-bo-phan-mot-cua-hien-dai-2051.html";
    const run = spawnSync(
      process.execPath,
      ["bin/cchc.mjs", "extract", "--adapter", "nukeviet", "--url", url, "--now", "2026-11-24T10:00:00+07:00", join(FIXTURES, "nukeviet/article.html")],
      { cwd: ROOT, encoding: "utf-8" },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out).slice(0, 6)).toEqual(["title", "published_at", "published_text", "body_text", "canonical_url", "item_id"]);
    expect(out).toMatchObject({
      title: "Sở Thử nghiệm ra mắt Bộ phận Một cửa hiện đại",
      published_at: "2023-12-25T21:47:00+07:00",
      published_text: "Thứ hai - 25/12/2023 21:47",
      canonical_url: url,
      item_id: "2051",
      date_source: "byline",
    });
    expect(out.body_text.split("\n\n")).toHaveLength(3);
  });

  it("gives {items, next} for listings and feeds, found from the URL or the content", () => {
    const listing = extractPage(ADAPTERS.nukeviet, fixture("nukeviet/listing.html"), "https://s.example/vi/news/cai-cach-hanh-chinh/", ctx());
    expect(Object.keys(listing)).toEqual(["items", "next"]);
    const feed = extractPage(ADAPTERS.rss, fixture("rss/atom.xml"), "file:///tmp/atom.xml", ctx());
    expect("items" in feed && feed.items).toHaveLength(2);
    // no URL hint (file://): a page that is no article but has items is a listing
    const guessed = extractPage(ADAPTERS.baotayninh, fixture("baotayninh/listing.html"), "file:///tmp/listing.html", ctx());
    expect("items" in guessed && guessed.next).toBe("file:///thoi-su-chinh-tri/cai_cach_hanh_chinh/?p=2&d=");
  });

  it("fails, naming the page, on a page that is neither", () => {
    expect(() => extractPage(ADAPTERS.generic, fixture("generic/broken.html"), "file:///tmp/broken", ctx())).toThrow(
      /^file:\/\/\/tmp\/broken: neither an article \(no main content.*\) nor a listing with items$/,
    );
  });
});
