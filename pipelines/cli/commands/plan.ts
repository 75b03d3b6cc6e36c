/** `cchc plan template|draft|import`: entering a year's plan without editing YAML (pipelines/plans/). */
import { type Command, Option } from "commander";
import { atomicWriteFile } from "../../export/atomic.ts";
import { confirmKindMappings } from "../../plans/confirm.ts";
import { draftPlan, importPlanFile } from "../../plans/import.ts";
import { toVietnamIso } from "../../time/vietnam-time.ts";
import { formatPlanProblem, PlanFileError, planCsv, planXlsx } from "../../plans/plan-file.ts";
import { DEFAULT_REGISTRY_DIR, loadRegistry } from "../../registry/load.ts";
import { UsageError } from "../index.ts";
import { files, usage } from "../messages.ts";

const formatOf = (file: string) => (/\.csv$/i.test(file) ? "csv" : "xlsx");

export function registerPlanCommands(program: Command): void {
  const plan = program.command("plan").description("nhập kế hoạch của một năm từ biểu mẫu XLSX/CSV (lưu vào registry/targets.yaml)");

  plan
    .command("template")
    .description("ghi biểu mẫu kế hoạch trống (mỗi chỉ tiêu một dòng: số và ngày kế hoạch, điều khoản, đối tượng, kênh, mức tối thiểu, kỳ, chủ đề, hạn)")
    .requiredOption("--out <tệp>", "nơi ghi biểu mẫu (.xlsx hoặc .csv)")
    .action(async (opts) => {
      atomicWriteFile(opts.out, formatOf(opts.out) === "csv" ? planCsv() : await planXlsx());
      console.log(files.planTemplate(formatOf(opts.out), opts.out));
    });

  plan
    .command("draft")
    .description("ghi bản nháp kế hoạch của một năm từ một kế hoạch trước của cùng cơ quan ban hành, để cán bộ xác nhận, sửa và nhập")
    .requiredOption("--year <năm>", "năm của kế hoạch mới, ví dụ 2026")
    .requiredOption("--from <kế-hoạch>", "kế hoạch trước dùng làm gốc, ví dụ 1007/KH-UBND")
    .option("--out <tệp>", "nơi ghi bản nháp (.xlsx hoặc .csv; mặc định data/plan-draft-<năm>.xlsx)")
    .option("--dir <thư-mục>", "thư mục danh mục", DEFAULT_REGISTRY_DIR)
    .addOption(new Option("--format <format>").choices(["xlsx", "csv"]).hideHelp())
    .action(async (opts) => {
      const year = Number(opts.year);
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError(usage.notYear("--year", opts.year));
      const draft = draftPlan(loadRegistry(opts.dir), year, opts.from);
      const out = opts.out ?? `data/plan-draft-${year}.xlsx`;
      atomicWriteFile(out, formatOf(out) === "csv" ? planCsv(draft.rows) : await planXlsx(draft.rows));
      console.log(files.planDraft(year, opts.from, draft.rows.length, out));
      for (const s of draft.skipped) console.log(files.planDraftSkipped(s.clause, s.reason));
      console.log(files.planDraftNext(out));
    });

  plan
    .command("import")
    .description("kiểm tra biểu mẫu kế hoạch đã điền rồi thêm kế hoạch và các chỉ tiêu vào registry/targets.yaml, toàn bộ hoặc không thêm gì")
    .argument("<tệp>", "tệp .xlsx hoặc .csv đã điền")
    .option("--dir <thư-mục>", "thư mục danh mục", DEFAULT_REGISTRY_DIR)
    .action(async (file: string, opts) => {
      try {
        const s = await importPlanFile(file, opts.dir);
        console.log(files.planImported(s.plans, s.targets, s.written));
      } catch (error) {
        if (!(error instanceof PlanFileError)) throw error;
        for (const p of error.problems) console.error(formatPlanProblem(p, file));
        throw new Error(files.planRejected(file, error.problems.length));
      }
    });

  plan
    .command("confirm")
    .description("xác nhận một ánh xạ loại cơ quan trong registry/carry-forward.yaml (ví dụ điều khoản cấp huyện áp dụng cho đơn vị cấp xã), để chỉ tiêu tạm tính áp dụng cho các loại đó")
    .requiredOption("--kind <loại>", "loại cơ quan cũ có ánh xạ được xác nhận, cách nhau bằng dấu phẩy, ví dụ ubnd_huyen")
    .requiredOption("--by <tên>", "người xác nhận (lưu trong danh mục)")
    .option("--on <ngày>", "ngày xác nhận, YYYY-MM-DD (mặc định: hôm nay, giờ Việt Nam)")
    .option("--dir <thư-mục>", "thư mục danh mục", DEFAULT_REGISTRY_DIR)
    .action((opts) => {
      const on = opts.on ?? toVietnamIso(new Date()).slice(0, 10);
      const kinds = String(opts.kind).split(",").map((k) => k.trim()).filter(Boolean);
      const c = confirmKindMappings(kinds, opts.by, on, opts.dir);
      console.log(files.kindsConfirmed(c.confirmed, c.by, c.on, c.written));
    });
}
