/** `cchc evidence template` and `cchc evidence import`: analyst-entered evidence. */
import { type Command, Option } from "commander";
import { evidenceCsv, evidenceXlsx } from "../../evidence/files.ts";
import { defaultLookups, importEvidenceFile } from "../../evidence/import.ts";
import { atomicWriteFile } from "../../export/atomic.ts";
import { DEFAULT_WAREHOUSE, requireWarehouse, withWarehouse } from "../../warehouse/db.ts";
import { files } from "../messages.ts";

export function registerEvidenceCommands(program: Command): void {
  const evidence = program.command("evidence").description("minh chứng do cán bộ nhập (Zalo, Facebook, phát thanh - truyền hình, hội nghị, tập huấn, eGov, pano, áp phích …)");

  evidence
    .command("template")
    .description("ghi biểu mẫu minh chứng trống (CSV mở bằng Excel giữ nguyên tiếng Việt; XLSX có danh sách chọn và trang hướng dẫn)")
    .addOption(new Option("--format <định-dạng>", "định dạng tệp").choices(["csv", "xlsx"]).default("xlsx"))
    .requiredOption("--out <tệp>", "nơi ghi biểu mẫu")
    .action(async (opts) => {
      atomicWriteFile(opts.out, opts.format === "csv" ? evidenceCsv() : await evidenceXlsx());
      console.log(files.evidenceTemplate(opts.format, opts.out));
    });

  evidence
    .command("import")
    .description("kiểm tra biểu mẫu đã điền và nhập toàn bộ hoặc không nhập gì (nhập lại thì cập nhật, không bao giờ nhân đôi)")
    .argument("<tệp>", "tệp .csv hoặc .xlsx đã điền")
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .option("--registry <thư-mục>", "thư mục danh mục có các cơ quan và chỉ tiêu mà các dòng phải ghi đúng")
    .option("--create", "tạo kho dữ liệu nếu tệp chưa có (mặc định: báo lỗi khi thiếu tệp)")
    .action(async (file: string, opts) => {
      const now = new Date();
      const lookups = defaultLookups(opts.registry);
      requireWarehouse(opts.db, Boolean(opts.create));
      await withWarehouse(opts.db, async (w) => {
        const s = await importEvidenceFile(w, file, now, lookups);
        console.log(files.evidenceImported(file, s));
      }, { create: Boolean(opts.create) });
    });
}
