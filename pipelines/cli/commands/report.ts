/** `cchc report`: the steps after a crawl. */
import type { Command } from "commander";
import { refreshAfterCrawl } from "../../report/refresh.ts";
import { refreshLiveSite } from "../../site/build.ts";
import { DEFAULT_WAREHOUSE } from "../../warehouse/db.ts";
import { report } from "../messages.ts";

export function registerReportCommands(program: Command): void {
  program
    .command("report")
    .description("nạp danh mục, phân tích tin, bài (phân loại, xác định cơ quan, gộp tin trùng) và tính độ phủ theo chỉ tiêu")
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .option("--registry <thư-mục>", "thư mục danh mục (registry)")
    .option("--create", "tạo kho dữ liệu nếu tệp chưa có (mặc định: báo lỗi khi thiếu tệp)")
    .option("--full", "phân tích lại mọi tin, bài (mặc định: chỉ tin, bài mới hoặc đã đổi, trừ khi từ điển phân loại, danh sách cơ quan, nguồn tin hoặc cách phân tích của phần mềm đã đổi)")
    .option("--json", "in kết quả dạng JSON (mã và số nguyên gốc, cho script)")
    .action(async (opts) => {
      const s = await refreshAfterCrawl(opts.db, { registryDir: opts.registry, create: Boolean(opts.create), full: Boolean(opts.full) });
      // With --json, stdout carries the JSON alone; the note on a running site goes to stderr.
      const note = opts.json ? console.error : console.log;
      if (await refreshLiveSite(opts.db)) note(report.liveSiteRefreshes);
      if (!opts.json) console.log(report.analysisScope(s.analysis));
      console.log(opts.json ? JSON.stringify(s, null, 2) : report.summary(s));
    });
}
