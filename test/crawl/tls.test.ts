/**
 * A government server with a broken TLS chain (here: a self-signed certificate
 * made for the test): refused by default, crawled when the source allows it,
 * with a warning on every run.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawl, type CrawlEvent } from "../../pipelines/crawl/crawl.ts";
import type { CrawlSource } from "../../pipelines/crawl/types.ts";
import { DEMO_PORTALS } from "../../pipelines/farm/portals.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";

const dir = mkdtempSync(join(tmpdir(), "cchc-tls-"));
let haveOpenssl = true;
try {
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-days", "1",
    "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")], { stdio: "ignore" });
} catch {
  haveOpenssl = false;
  console.warn("TLS test skipped: openssl not found (apt-get install -y openssl)");
}

describe.skipIf(!haveOpenssl)("a portal with a broken TLS chain", () => {
  let server: Server;
  let base = "";
  const site = DEMO_PORTALS.find((p) => p.key === "sotuphap")!.build(1);

  beforeAll(async () => {
    server = createServer({ key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) }, (req, res) => {
      const url = new URL(req.url ?? "/", base);
      const out = site.handle(decodeURIComponent(url.pathname), base, url.searchParams);
      res.writeHead(out.status, { "content-type": out.type ?? "text/html; charset=utf-8", ...out.headers }).end(out.body);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));

  const source = (insecure: boolean): CrawlSource => ({
    source_id: "tls-portal",
    agency_id: "so-tu-phap",
    channel: "own_portal",
    platform: "nukeviet",
    name: "TLS",
    base_url: base,
    start_urls: site.listingPaths.map((p) => new URL(p, base).href),
    is_demo: true,
    delay_ms: 0,
    max_pages: 50,
    ...(insecure ? { insecure_tls: true } : {}),
  });

  it("is refused by default and crawled, with a warning, when the source allows it", async () => {
    const strict = await Warehouse.open(":memory:");
    const strictEvents: CrawlEvent[] = [];
    const refused = await crawl(strict, [source(false)], { onEvent: (e) => strictEvents.push(e) });
    expect(refused.sources["tls-portal"].new_articles).toBe(0);
    expect(strictEvents.some((e) => e.type === "error")).toBe(true);
    await strict.close();

    const lax = await Warehouse.open(":memory:");
    const laxEvents: CrawlEvent[] = [];
    const crawled = await crawl(lax, [source(true)], { onEvent: (e) => laxEvents.push(e) });
    expect(crawled.sources["tls-portal"].new_articles).toBe(site.articleCount);
    expect(laxEvents.some((e) => e.type === "warning" && /^cảnh báo: nguồn này tắt kiểm tra chứng chỉ TLS \(insecure_tls\)$/.test(e.message))).toBe(true);
    await lax.close();
  });
});
