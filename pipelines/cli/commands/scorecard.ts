/** `cchc scorecard --agency ID --year Y --pdf FILE`: one agency's printable scorecard (trang Thẻ điểm) as an A4 PDF. */
import { resolve } from "node:path";
import type { Command } from "commander";
import { printSitePage } from "../../briefing/briefing.ts";
import { parseScorecardYear, resolveScorecard, scorecardPath } from "../../briefing/scorecard.ts";
import { DEFAULT_WAREHOUSE, withWarehouse } from "../../warehouse/db.ts";
import { siteForPrinting } from "./briefing.ts";

export function registerScorecardCommands(program: Command): void {
  program
    .command("scorecard")
    .description("print one agency's scorecard for a year (trang Thẻ điểm: targets, actual vs minimum per period, status, the items behind each number) to an A4 PDF")
    .requiredOption("--agency <id>", "agency id (see `cchc agencies`)")
    .requiredOption("--year <year>", "year, e.g. 2025")
    .requiredOption("--pdf <file>", "PDF file to write")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .option("--site-url <url>", "published address of the built site: the PDF's \"bản lưu\" links point there")
    .option("--rebuild", "rebuild the site even when dist/ shows this warehouse")
    .option("--site <dir>", "built site to print from (default dist/; another folder is built from a private copy of src/)")
    .action(async (opts) => {
      const year = parseScorecardYear(opts.year);
      if (opts.siteUrl && !/^https?:\/\/[^\s/]+/i.test(opts.siteUrl)) throw new Error(`--site-url: “${opts.siteUrl}” không phải địa chỉ http(s)`);
      // Checked before anything is built: an unknown agency or a year without targets is a clear error.
      const choice = await withWarehouse(opts.db, (w) => resolveScorecard(w, String(opts.agency), year), { readOnly: true });
      const { dist, stamp } = await siteForPrinting(opts);
      const result = await printSitePage(dist, scorecardPath(choice, opts.siteUrl ?? null), resolve(opts.pdf), {
        waitFor: [".scorecard h1", ".scorecard-summary"],
        minScale: 0.6,
        onePage: false,
      });
      console.log(
        `${opts.pdf}: thẻ điểm ${choice.agency_name} năm ${year}, ${result.pages} trang A4, ${result.bytes} bytes (kho dữ liệu ${stamp.warehouse_id})`,
      );
    });
}
