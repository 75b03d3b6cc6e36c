/** `cchc source probe URL`: onboard a new portal (pipelines/discover/probe.ts). */
import type { Command } from "commander";
import { atomicWriteFile } from "../../export/atomic.ts";
import { type ProbeReport, probeSource } from "../../discover/probe.ts";
import { UsageError } from "../index.ts";
import { probe } from "../messages.ts";

/** The report in Vietnamese, then the drafted entry (messages.ts). */
export function formatProbe(r: ProbeReport): string {
  return probe.report(r);
}

export function registerSourceCommands(program: Command): void {
  const source = program.command("source").description("thêm một nguồn mới");
  source
    .command("probe")
    .description("thăm dò một cổng thông tin (đọc robots.txt trước và giãn cách các yêu cầu): nền tảng, nguồn tin RSS/Atom, sitemap, chuyên mục CCHC, bài mẫu, và bản nháp mục cho registry/sources.yaml")
    .argument("<url>", "trang chủ của cổng (hoặc một trang danh sách bất kỳ của cổng)")
    .option("--id <mã>", "mã của mục trong danh mục (mặc định: lấy từ tên máy chủ)")
    .option("--agency <mã>", "cơ quan được ghi nhận cho mọi tin, bài (nếu không: xác định theo dòng tác giả)")
    .option("--channel <kênh>", "kênh của mục (mặc định own_portal)")
    .option("--delay-ms <ms>", "thời gian chờ giữa hai yêu cầu tới cổng (mili giây)", "2000")
    .option("--samples <số>", "số bài mẫu cần đọc", "3")
    .option("--allow-address <cidr...>", "cho phép kết nối cả các địa chỉ này (ví dụ 127.0.0.1 cho cụm cổng DEMO, một mạng nội bộ); ghi vào politeness.allow_addresses của mục")
    .option("--out <tệp>", "ghi thêm bản nháp của mục vào tệp này")
    .option("--json", "in toàn bộ báo cáo dạng JSON")
    .action(async (url: string, opts) => {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new UsageError(probe.notUrl(url));
      }
      const delayMs = Number(opts.delayMs);
      const samples = Number(opts.samples);
      if (!Number.isInteger(delayMs) || delayMs < 0) throw new UsageError(probe.badDelay(opts.delayMs));
      if (!Number.isInteger(samples) || samples < 0 || samples > 10) throw new UsageError(probe.badSamples(opts.samples));
      const report = await probeSource(parsed.href, { delayMs, samples, id: opts.id, agencyId: opts.agency, channel: opts.channel, allowAddresses: opts.allowAddress });
      if (opts.out) atomicWriteFile(opts.out, report.entry);
      process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + "\n" : formatProbe(report));
      if (!report.start_urls.length) process.exitCode = 1;
    });
}
