/** `cchc evidence template` and `cchc evidence import`: analyst-entered evidence. */
import { type Command, Option } from "commander";
import { evidenceCsv, evidenceXlsx } from "../../evidence/files.ts";
import { defaultLookups, importEvidenceFile } from "../../evidence/import.ts";
import { atomicWriteFile } from "../../export/atomic.ts";
import { DEFAULT_WAREHOUSE, requireWarehouse, withWarehouse } from "../../warehouse/db.ts";

export function registerEvidenceCommands(program: Command): void {
  const evidence = program.command("evidence").description("analyst-entered evidence (Zalo, Facebook, TV/radio, meetings, trainings, eGov, posters …)");

  evidence
    .command("template")
    .description("write the empty evidence template (CSV opens in Excel with Vietnamese intact; XLSX has drop-downs and a guide sheet)")
    .addOption(new Option("--format <format>", "file format").choices(["csv", "xlsx"]).default("xlsx"))
    .requiredOption("--out <file>", "where to write the template")
    .action(async (opts) => {
      atomicWriteFile(opts.out, opts.format === "csv" ? evidenceCsv() : await evidenceXlsx());
      console.log(`đã ghi biểu mẫu minh chứng (${opts.format}) vào ${opts.out}`);
    });

  evidence
    .command("import")
    .description("validate a filled-in template and import it all or nothing (re-importing updates, never duplicates)")
    .argument("<file>", "filled-in .csv or .xlsx")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .option("--registry <dir>", "registry directory whose agencies and targets the rows must name")
    .option("--create", "create the warehouse if the file does not exist (default: refuse a missing file)")
    .action(async (file: string, opts) => {
      const now = new Date();
      const lookups = defaultLookups(opts.registry);
      requireWarehouse(opts.db, Boolean(opts.create));
      await withWarehouse(opts.db, async (w) => {
        const s = await importEvidenceFile(w, file, now, lookups);
        const n = (x: number) => x.toLocaleString("vi-VN");
        console.log(`minh chứng ${file}: ${n(s.rows)} dòng — ${n(s.inserted)} mới, ${n(s.updated)} cập nhật, ${n(s.unchanged)} không đổi (lần nhập ${s.import_id})`);
      }, { create: Boolean(opts.create) });
    });
}
