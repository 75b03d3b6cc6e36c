import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reextract } from "../../pipelines/archive/reextract.ts";
import { ArchiveStore, readPackIndex, sha256 } from "../../pipelines/archive/store.ts";
import { crawl } from "../../pipelines/crawl/crawl.ts";
import { demoSources } from "../../pipelines/farm/demo-sources.ts";
import { type Farm, startFarm } from "../../pipelines/farm/server.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";

describe("raw-page archive and reextract", () => {
  let farm: Farm;
  const dir = mkdtempSync(join(tmpdir(), "cchc-archive-"));
  const archiveDir = join(dir, "archive");
  beforeAll(async () => {
    farm = await startFarm({ only: ["sotuphap"] });
  });
  afterAll(() => farm.close());

  it("stores identical bytes once, verifies them on read", () => {
    const store = new ArchiveStore(join(dir, "unit"));
    const raw = Buffer.from("<p>Sở Tư pháp</p>");
    const sha = store.put(raw);
    expect(store.put(Buffer.from(raw))).toBe(sha);
    expect(sha).toBe(sha256(raw));
    expect(store.get(sha).equals(raw)).toBe(true);
    const name = store.flush()!;
    expect(store.flush()).toBeNull();
    // one pack per flush, whose index is readable without the warehouse; the same bytes again are not written again
    const path = join(dir, "unit", "packs", name);
    expect(readPackIndex(path)).toEqual([[sha, 12, expect.any(Number)]]);
    store.put(Buffer.from(raw));
    expect(store.flush()).toBeNull();
    const reader = new ArchiveStore(join(dir, "unit"));
    expect(reader.has(sha)).toBe(true);
    expect(reader.get(sha).equals(raw)).toBe(true);
    expect(reader.has(sha256(Buffer.from("khác")))).toBe(false);
  });

  it("reads loose files of older archives, and refuses a torn or altered pack", () => {
    const root = join(dir, "legacy");
    const raw = Buffer.from("<p>Bản cũ</p>");
    const sha = sha256(raw);
    mkdirSync(join(root, sha.slice(0, 2)), { recursive: true });
    writeFileSync(join(root, sha.slice(0, 2), `${sha}.gz`), gzipSync(raw));
    expect(new ArchiveStore(root).get(sha).equals(raw)).toBe(true);

    const store = new ArchiveStore(join(dir, "torn"));
    const a = store.put(Buffer.from("<p>Một</p>"));
    const path = join(dir, "torn", "packs", store.flush()!);
    const whole = readFileSync(path);
    writeFileSync(path, whole.subarray(0, whole.length - 5)); // cut short (a writer that died mid-write leaves only a temporary; a copy cut short is this)
    expect(() => new ArchiveStore(join(dir, "torn")).get(a)).toThrow(/not a whole pack/);
    const altered = Buffer.from(whole);
    altered[14] ^= 0xff; // a byte of the page changed
    writeFileSync(path, altered);
    expect(() => new ArchiveStore(join(dir, "torn")).get(a)).toThrow();
  });

  it("reads packs whose pages were gzipped at any level (packs written at level 6 before issue 18)", () => {
    // a pack built by hand from its documented layout: magic, gzip members, JSON index line, fixed-length trailer
    const pages = [Buffer.from("<p>Trang nén mức 6</p>".repeat(50)), Buffer.from("<p>Trang nén mức 9</p>".repeat(50))];
    const members = [gzipSync(pages[0], { level: 6 }), gzipSync(pages[1], { level: 9 })];
    const magic = Buffer.from("CCHC-PACK 1\n", "latin1");
    const entries = [[sha256(pages[0]), magic.length, members[0].length], [sha256(pages[1]), magic.length + members[0].length, members[1].length]];
    const indexAt = magic.length + members[0].length + members[1].length;
    const root = join(dir, "level6");
    mkdirSync(join(root, "packs"), { recursive: true });
    writeFileSync(join(root, "packs", "old.pack"), Buffer.concat([magic, ...members, Buffer.from(`${JSON.stringify({ entries })}\n`), Buffer.from(`CCHC-PACK-INDEX ${String(indexAt).padStart(16, "0")}\n`, "latin1")]));
    const store = new ArchiveStore(root);
    for (const page of pages) expect(store.get(sha256(page)).equals(page)).toBe(true);
    // and a page put now next to them reads back the same
    const fresh = Buffer.from("<p>Trang mới</p>");
    store.put(fresh);
    store.flush();
    expect(new ArchiveStore(root).get(sha256(fresh)).equals(fresh)).toBe(true);
  });

  it("keeps every fetched article page and re-derives the articles offline from it", async () => {
    const w = await Warehouse.open(join(dir, "w.duckdb"));
    try {
      await crawl(w, demoSources(farm.portals), { archiveDir });
      const n = farm.portals[0]!.site.articleCount;
      const index = await w.all("SELECT sha256, url, status, headers_json, item_json FROM archive_pages WHERE kind = 'article'");
      expect(index.length).toBe(n);
      const store = new ArchiveStore(archiveDir);
      for (const row of index) {
        expect(row.status).toBe(200);
        expect(JSON.parse(row.headers_json as string)["content-type"]).toMatch(/text\/html/);
        expect(store.get(row.sha256 as string).toString("utf-8")).toContain("news-bodyhtml");
      }
      const snapshot = () => w.all("SELECT article_id, content_hash, published_at, title FROM articles ORDER BY article_id");
      const before = await snapshot();

      // the site "deletes" everything: the warehouse loses its articles, the archive still has the pages
      await w.run("DELETE FROM article_versions");
      await w.run("DELETE FROM articles");
      const summary = await reextract(w, archiveDir);
      expect(summary).toMatchObject({ pages: n, new: n, changed: 0, failures: [] });
      expect(await snapshot()).toEqual(before);

      const again = await reextract(w, archiveDir);
      expect(again).toMatchObject({ pages: n, new: 0, changed: 0, unchanged: n });
    } finally {
      await w.close();
    }
  });
});
