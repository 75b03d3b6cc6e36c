/** `cchc plan template|draft|import`: entering a year's plan without editing YAML (pipelines/plans/). */
import { type Command, Option } from "commander";
import { atomicWriteFile } from "../../export/atomic.ts";
import { confirmKindMappings } from "../../plans/confirm.ts";
import { draftPlan, importPlanFile } from "../../plans/import.ts";
import { toVietnamIso } from "../../time/vietnam-time.ts";
import { formatPlanProblem, PlanFileError, planCsv, planXlsx } from "../../plans/plan-file.ts";
import { DEFAULT_REGISTRY_DIR, loadRegistry } from "../../registry/load.ts";
import { UsageError } from "../index.ts";

const formatOf = (file: string) => (/\.csv$/i.test(file) ? "csv" : "xlsx");

export function registerPlanCommands(program: Command): void {
  const plan = program.command("plan").description("enter a year's plan from an XLSX/CSV template (stored as registry/targets.yaml)");

  plan
    .command("template")
    .description("write the empty plan template (one row per target: plan number and date, clause, who, channel, minimum, period, topic, deadline)")
    .requiredOption("--out <file>", "where to write it (.xlsx or .csv)")
    .action(async (opts) => {
      atomicWriteFile(opts.out, formatOf(opts.out) === "csv" ? planCsv() : await planXlsx());
      console.log(`mẫu kế hoạch (${formatOf(opts.out)}) đã ghi vào ${opts.out}`);
    });

  plan
    .command("draft")
    .description("write a draft of a year's plan from an earlier plan of the same issuer, for an analyst to confirm, edit and import")
    .requiredOption("--year <year>", "the year of the new plan, e.g. 2026")
    .requiredOption("--from <plan>", "the earlier plan to start from, e.g. 1007/KH-UBND")
    .option("--out <file>", "where to write the draft (.xlsx or .csv; default data/plan-draft-<year>.xlsx)")
    .option("--dir <dir>", "registry directory", DEFAULT_REGISTRY_DIR)
    .addOption(new Option("--format <format>").choices(["xlsx", "csv"]).hideHelp())
    .action(async (opts) => {
      const year = Number(opts.year);
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError(`--year: "${opts.year}" is not a year`);
      const draft = draftPlan(loadRegistry(opts.dir), year, opts.from);
      const out = opts.out ?? `data/plan-draft-${year}.xlsx`;
      atomicWriteFile(out, formatOf(out) === "csv" ? planCsv(draft.rows) : await planXlsx(draft.rows));
      console.log(`bản nháp kế hoạch năm ${year} theo ${opts.from}: ${draft.rows.length} chỉ tiêu, đã ghi vào ${out}`);
      for (const s of draft.skipped) console.log(`  không chuyển mục ${s.clause}: ${s.reason}`);
      console.log(`rà soát cột Ghi chú, điền Số kế hoạch và Ngày ban hành, rồi chạy: cchc plan import ${out}`);
    });

  plan
    .command("import")
    .description("validate a filled-in plan template and add the plan and its targets to registry/targets.yaml, all or nothing")
    .argument("<file>", "filled-in .xlsx or .csv")
    .option("--dir <dir>", "registry directory", DEFAULT_REGISTRY_DIR)
    .action(async (file: string, opts) => {
      try {
        const s = await importPlanFile(file, opts.dir);
        console.log(`đã nhập ${s.plans.join(", ")}: ${s.targets} chỉ tiêu vào ${s.written}; chạy cchc report để tính lại mức độ đạt`);
      } catch (error) {
        if (!(error instanceof PlanFileError)) throw error;
        for (const p of error.problems) console.error(formatPlanProblem(p, file));
        throw new Error(`${file}: ${error.problems.length} lỗi; không nhập gì`);
      }
    });

  plan
    .command("confirm")
    .description("confirm a kind mapping of registry/carry-forward.yaml (e.g. district-level clauses bind the commune-level units), so provisional targets bind those kinds")
    .requiredOption("--kind <kinds>", "the former kind(s) whose mapping is confirmed, comma-separated, e.g. ubnd_huyen")
    .requiredOption("--by <name>", "who confirms it (kept in the registry)")
    .option("--on <date>", "the day of the confirmation, YYYY-MM-DD (default: today, Asia/Ho_Chi_Minh)")
    .option("--dir <dir>", "registry directory", DEFAULT_REGISTRY_DIR)
    .action((opts) => {
      const on = opts.on ?? toVietnamIso(new Date()).slice(0, 10);
      const kinds = String(opts.kind).split(",").map((k) => k.trim()).filter(Boolean);
      const c = confirmKindMappings(kinds, opts.by, on, opts.dir);
      console.log(`đã xác nhận ánh xạ ${c.confirmed.join(", ")} (${c.by}, ${c.on}) trong ${c.written}; chạy cchc report để tính lại chỉ tiêu tạm tính`);
    });
}
