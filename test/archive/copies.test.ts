/** Writing archived copies into a site: every row gets its file, the cache is reused and pruned, missing pages are named. */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CopyRow, copyCacheDirFor, writeArchivedCopies } from "../../pipelines/archive/copies.ts";
import { ArchiveStore } from "../../pipelines/archive/store.ts";

const page = (title: string) => Buffer.from(`<html><head><title>${title}</title></head><body><h1>${title}</h1><script>alert(1)</script></body></html>`);

describe("writeArchivedCopies", () => {
  it("writes each copy at its path, reuses rendered copies, re-renders what changed and names missing pages", () => {
    const root = mkdtempSync(join(tmpdir(), "cchc-copies-"));
    const archive = join(root, "archive");
    const store = new ArchiveStore(archive);
    const a = store.put(page("Tin một"));
    const b = store.put(page("Tin hai"));
    store.flush(); // a pack on disk, read by another store as the site build reads it
    const at = new Date("2024-02-04T05:19:00Z");
    const row = (sha: string, n: number, fetched = at): CopyRow => ({
      url: `http://portal.test/${n}.html`, sha256: sha, fetched_at: fetched, source_name: "Nguồn thử", is_demo: false, charset: "utf-8",
      archive_path: `ban-luu/${String(n).padStart(2, "0")}/${String(n).padStart(40, "0")}.html`,
    });
    const rows = [row(a, 1), row(b, 2), row("f".repeat(64), 3)];
    const first = writeArchivedCopies(rows, archive, join(root, "site1"));
    expect(first).toMatchObject({ written: 2, rendered: 2, missing: [{ url: "http://portal.test/3.html", sha256: "f".repeat(64) }] });
    const html = readFileSync(join(root, "site1", rows[0]!.archive_path), "utf-8");
    expect(html).toContain("Tin một");
    expect(html).not.toContain("<script");

    const second = writeArchivedCopies(rows, archive, join(root, "site2"));
    expect(second).toMatchObject({ written: 2, rendered: 0 });
    expect(readFileSync(join(root, "site2", rows[0]!.archive_path), "utf-8")).toBe(html);

    // Fetched again later: the banner's time changes, so that copy is rendered anew and the old entry pruned.
    const later = [row(a, 1, new Date("2024-03-01T01:00:00Z")), row(b, 2)];
    const third = writeArchivedCopies(later, archive, join(root, "site3"));
    expect(third).toMatchObject({ written: 2, rendered: 1 });
    expect(readFileSync(join(root, "site3", later[0]!.archive_path), "utf-8")).toContain("08:00 ngày 01/03/2024");
    const cache = copyCacheDirFor(archive);
    expect(readdirSync(cache).flatMap((s) => readdirSync(join(cache, s))).length).toBe(2);
    expect(existsSync(join(root, "site1", rows[0]!.archive_path))).toBe(true); // earlier builds keep their files
  });

  it("refuses a path outside ban-luu/", () => {
    const root = mkdtempSync(join(tmpdir(), "cchc-copies-"));
    const bad: CopyRow = { url: "http://x/", sha256: "a".repeat(64), fetched_at: new Date(), source_name: null, is_demo: false, charset: "utf-8", archive_path: "../evil.html" };
    expect(() => writeArchivedCopies([bad], join(root, "archive"), join(root, "site"))).toThrow(/outside the site/);
  });
});
