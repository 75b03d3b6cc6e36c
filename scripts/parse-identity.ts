/**
 * Proof that a change to the adapters' engine (parsing, selector matching,
 * metadata reading) leaves extraction identical: prints one SHA-256 per page
 * set over every adapter's `parseArticle` result (or its error message) —
 * the DEMO farm's article pages through their own adapter and through the
 * generic one, and each HTML file of the given folders (e.g. the NukeViet
 * fixtures, the extraction corpus eval/extract/corpus/) through the generic
 * and NukeViet adapters; and likewise every `parseListing` result: the farm's
 * listing pages through their own adapter, each HTML file through NukeViet's.
 * Run it before and after a change and compare.
 *
 *   node --import tsx scripts/parse-identity.ts [DIR …]
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { adapterFor } from "../data-loaders/index.ts";
import { startFarm } from "../pipelines/farm/server.ts";

const NOW = new Date("2026-12-01T00:00:00+07:00");

function outcome(platform: string, body: string, url: string): string {
  try {
    // The farm listens on a new port each run: its addresses are written without it.
    return JSON.stringify(adapterFor(platform).parseArticle(body, url, { now: NOW })).replace(/http:\/\/127\.0\.0\.1:\d+/g, "http://farm.test");
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

function listingOutcome(platform: string, body: string, url: string): string {
  try {
    return JSON.stringify(adapterFor(platform).parseListing(body, url, { now: NOW })).replace(/http:\/\/127\.0\.0\.1:\d+/g, "http://farm.test");
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

function report(label: string, pages: Array<{ body: string; url: string }>, platforms: string[], read = outcome): void {
  for (const platform of platforms) {
    const h = createHash("sha256");
    let errors = 0;
    for (const p of pages) {
      const o = read(platform, p.body, p.url);
      if (o.startsWith("error:")) errors++;
      h.update(`${o}\n`);
    }
    process.stdout.write(`${label} via ${platform}: ${pages.length} pages, ${errors} errors, ${h.digest("hex").slice(0, 16)}\n`);
  }
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? htmlFiles(path) : name.endsWith(".html") ? [path] : [];
    });
}

async function main(): Promise<void> {
  const farm = await startFarm();
  try {
    for (const portal of farm.portals) {
      const adapter = adapterFor(portal.platform);
      const pages: Array<{ body: string; url: string }> = [];
      const listings: Array<{ body: string; url: string }> = [];
      for (const path of portal.site.listingPaths) {
        let url: string | null = new URL(path, portal.baseUrl).href;
        while (url && pages.length < 200) {
          const u: URL = new URL(url);
          const listing = String(portal.site.handle(u.pathname, u.origin, u.searchParams).body);
          listings.push({ body: listing, url });
          const page = adapter.parseListing(listing, url, { now: NOW });
          for (const item of page.items) {
            const a = new URL(item.url);
            const res = portal.site.handle(a.pathname, a.origin, a.searchParams);
            if (res.status === 200) pages.push({ body: String(res.body), url: item.url });
          }
          url = page.next;
        }
      }
      report(`farm ${portal.platform}`, pages, [...new Set([portal.platform, "generic"])]);
      report(`farm ${portal.platform} listings`, listings, [portal.platform], listingOutcome);
    }
  } finally {
    await farm.close();
  }
  for (const dir of process.argv.slice(2)) {
    // A page's own URL when a JSON file beside it records one (the NukeViet fixtures), else a made-up one.
    const urlOf = (path: string) => {
      const json = path.replace(/\.html$/, ".json");
      const url = existsSync(json) ? (JSON.parse(readFileSync(json, "utf-8")) as { url?: string }).url : undefined;
      return url ?? `https://example.test/${path.split("/").at(-1)}`;
    };
    const pages = htmlFiles(dir).map((path) => ({ body: readFileSync(path, "utf-8"), url: urlOf(path) }));
    report(dir, pages, ["generic", "nukeviet"]);
    report(`${dir} listings`, pages, ["nukeviet"], listingOutcome);
  }
}

main().catch((error) => {
  console.error(`parse-identity: ${(error as Error).message}`);
  process.exitCode = 1;
});
