/** `cchc source probe URL`: onboard a new portal (pipelines/discover/probe.ts). */
import type { Command } from "commander";
import { atomicWriteFile } from "../../export/atomic.ts";
import { type ProbeReport, probeSource } from "../../discover/probe.ts";
import { UsageError } from "../index.ts";

const LISTING_KIND: Record<string, string> = { section: "chuyên mục", feed: "RSS/Atom", sitemap: "sitemap" };

/** The report in Vietnamese, then the drafted entry. */
export function formatProbe(r: ProbeReport): string {
  const lines = [
    `Thăm dò ${r.url}`,
    `  robots.txt: ${r.robots.origin === "parsed" ? "đọc được" : r.robots.origin === "absent" ? "không có" : "không truy cập được"}${r.robots.sitemaps.length ? `, sitemap: ${r.robots.sitemaps.join(", ")}` : ""}${r.robots.crawl_delay_ms ? `, Crawl-delay ${r.robots.crawl_delay_ms / 1000} giây` : ""}`,
    `  trang: ${r.home.status ?? "—"}${r.home.title ? ` “${r.home.title}”` : ""}${r.home.error ? ` (${r.home.error})` : ""}`,
    `  nền tảng: ${r.platform.platform === "unknown" ? "không rõ" : r.platform.platform}${r.platform.sure || r.platform.platform === "unknown" ? "" : " (cần xác nhận)"} → bộ đọc ${r.adapter}`,
    "  danh sách bài:",
    ...(r.listings.length
      ? r.listings.map((l) => `    ${LISTING_KIND[l.kind]} ${l.url} “${l.label}”: ${l.items} bài${l.next ? ", có trang sau" : ""}${l.problem ? ` (${l.problem})` : ""}`)
      : ["    (không tìm thấy)"]),
    "  bài mẫu:",
    ...(r.samples.length
      ? r.samples.map((s) =>
          s.error
            ? `    ${s.url}: lỗi ${s.error}`
            : `    ${s.url}\n      “${s.title}” — ${s.published_at ? `${s.published_text} (${s.date_source})` : "không có ngày đăng"} — ${s.body_chars} ký tự${s.byline ? ` — ${s.byline}` : ""}`,
        )
      : ["    (không có)"]),
    `  ${r.requests} yêu cầu HTTP.`,
    "",
    "Mục đề xuất cho registry/sources.yaml (dán dưới `sources:`):",
    "",
    r.entry,
  ];
  return lines.join("\n");
}

export function registerSourceCommands(program: Command): void {
  const source = program.command("source").description("onboard a new source");
  source
    .command("probe")
    .description("politely probe a portal (robots.txt first): platform, feeds, sitemaps, reform sections, sample articles, and a draft registry/sources.yaml entry")
    .argument("<url>", "the portal's home page (or any listing of it)")
    .option("--id <id>", "registry id of the entry (default: from the host name)")
    .option("--agency <id>", "agency credited with every item (otherwise attribution: byline)")
    .option("--channel <channel>", "channel of the entry (default own_portal)")
    .option("--delay-ms <ms>", "delay between two requests to the portal", "2000")
    .option("--samples <n>", "sample articles to read", "3")
    .option("--allow-address <cidr...>", "also reach these addresses (e.g. 127.0.0.1 for the DEMO farm, an intranet network); written to the entry's politeness.allow_addresses")
    .option("--out <file>", "also write the drafted entry to this file")
    .option("--json", "print the whole report as JSON")
    .action(async (url: string, opts) => {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new UsageError(`"${url}" is not a URL (http:// or https://)`);
      }
      const delayMs = Number(opts.delayMs);
      const samples = Number(opts.samples);
      if (!Number.isInteger(delayMs) || delayMs < 0) throw new UsageError(`--delay-ms must be a whole number ≥ 0, not "${opts.delayMs}"`);
      if (!Number.isInteger(samples) || samples < 0 || samples > 10) throw new UsageError(`--samples must be a whole number from 0 to 10, not "${opts.samples}"`);
      const report = await probeSource(parsed.href, { delayMs, samples, id: opts.id, agencyId: opts.agency, channel: opts.channel, allowAddresses: opts.allowAddress });
      if (opts.out) atomicWriteFile(opts.out, report.entry);
      process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + "\n" : formatProbe(report));
      if (!report.start_urls.length) process.exitCode = 1;
    });
}
