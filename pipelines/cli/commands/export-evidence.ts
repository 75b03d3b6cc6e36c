/** `cchc export evidence` (`cchc export parquet` is in export-parquet.ts). */
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { atomicWriteFile } from "../../export/atomic.ts";
import { safeOutputPath } from "../../export/paths.ts";
import { EVIDENCE_FORMATS, evidenceExport, evidenceFileSuffix, type EvidenceFormat } from "../../export/evidence.ts";
import { vietnamParts } from "../../time/vietnam-time.ts";
import { DEFAULT_WAREHOUSE, withWarehouse } from "../../warehouse/db.ts";

export function registerExportEvidenceCommand(program: Command): void {
  const exp = program
    .command("export")
    .description("exports for index assessors")
    .addHelpText(
      "after",
      "\nEvidence formats (cchc export evidence --format): csv (comma), csv-semicolon (semicolon, Excel under Vietnamese regional settings), xlsx.",
    );
  exp
    .command("evidence")
    .description("evidence rows (one per countable item of the year, with the targets it counts toward) as CSV (comma or semicolon) or XLSX")
    .addHelpText(
      "after",
      [
        "",
        "Formats:",
        "  csv            comma-separated, UTF-8 with BOM (Excel with English regional settings, other tools)",
        "  csv-semicolon  semicolon-separated, decimal commas (Excel under Vietnamese regional settings); default name evidence-<year>-semicolon.csv",
        "  xlsx           dates as date cells dd/mm/yyyy hh:mm (Asia/Ho_Chi_Minh), Vietnamese labels, frozen header, autofilter",
      ].join("\n"),
    )
    .option("--year <year>", "year, e.g. 2024 (default: the current year, Asia/Ho_Chi_Minh)")
    .option("--agency <id>", "only this agency (as of the item's date, or its current successor)")
    .option("--target <id>", "only items counted toward this target")
    .addOption(new Option("--format <format>", "file format: csv (\",\"), csv-semicolon (\";\", Excel vi-VN) or xlsx").choices([...EVIDENCE_FORMATS]).default("csv"))
    .option("--out <file>", "output file (default: evidence-<year>[-<agency>].csv | -semicolon.csv | .xlsx)")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .option("--site-url <url>", "published address of the built site: the \"Bản lưu\" column becomes absolute links under it (default: paths ban-luu/… relative to the site)")
    .action(async (opts) => {
      const year = opts.year === undefined ? vietnamParts(new Date()).year : Number(opts.year);
      const siteUrl = opts.siteUrl ? String(opts.siteUrl) : null;
      if (siteUrl && !/^https?:\/\/[^\s/]+/i.test(siteUrl)) throw new Error(`--site-url: "${siteUrl}" không phải địa chỉ http(s)`);
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new Error(`--year: "${opts.year}" is not a year`);
      const format = opts.format as EvidenceFormat;
      // The default name carries the agency id: keep it inside the working folder.
      const out = opts.out ? resolve(opts.out) : safeOutputPath(process.cwd(), `evidence-${year}${opts.agency ? `-${opts.agency}` : ""}${evidenceFileSuffix(format)}`);
      await withWarehouse(opts.db, async (w) => {
        const { rows, data, truncated } = await evidenceExport(w, { year, agencyId: opts.agency, targetId: opts.target }, format, siteUrl);
        atomicWriteFile(out, data);
        console.log(`${rows} evidence rows written to ${out}`);
        if (truncated > 0) console.warn(`cảnh báo: ${truncated.toLocaleString("vi-VN")} ô dài quá 32.767 ký tự (giới hạn của Excel) đã bị cắt bớt, đánh dấu "[đã cắt bớt]" trong ô`);
      }, { readOnly: true });
    });
}
