/** `cchc scorecard --agency ID --year Y --pdf FILE`: one agency's printable scorecard (trang Thẻ điểm) as an A4 PDF. */
import { resolve } from "node:path";
import type { Command } from "commander";
import { printSitePage } from "../../briefing/briefing.ts";
import { parseScorecardYear, resolveScorecard, scorecardPath } from "../../briefing/scorecard.ts";
import { DEFAULT_WAREHOUSE, withWarehouse } from "../../warehouse/db.ts";
import { siteForPrinting } from "./briefing.ts";
import { site, usage } from "../messages.ts";

export function registerScorecardCommands(program: Command): void {
  program
    .command("scorecard")
    .description("in thẻ điểm một năm của một cơ quan (trang Thẻ điểm: chỉ tiêu, thực hiện so với tối thiểu từng kỳ, trạng thái, các mục sau mỗi số) ra tệp PDF A4")
    .requiredOption("--agency <mã>", "mã cơ quan (xem `cchc agencies`)")
    .requiredOption("--year <năm>", "năm, ví dụ 2025")
    .requiredOption("--pdf <tệp>", "tệp PDF cần ghi")
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .option("--site-url <url>", "địa chỉ công bố của trang đã dựng: các liên kết \"bản lưu\" trong PDF trỏ tới đó")
    .option("--rebuild", "dựng lại trang kể cả khi dist/ đang hiển thị kho dữ liệu này")
    .option("--site <thư-mục>", "trang đã dựng để in (mặc định dist/; thư mục khác được dựng từ một bản sao riêng của src/)")
    .action(async (opts) => {
      const year = parseScorecardYear(opts.year);
      if (opts.siteUrl && !/^https?:\/\/[^\s/]+/i.test(opts.siteUrl)) throw new Error(usage.notHttpUrl("--site-url", opts.siteUrl));
      // Checked before anything is built: an unknown agency or a year without targets is a clear error.
      const choice = await withWarehouse(opts.db, (w) => resolveScorecard(w, String(opts.agency), year), { readOnly: true });
      const { dist, stamp } = await siteForPrinting(opts);
      const result = await printSitePage(dist, scorecardPath(choice, opts.siteUrl ?? null), resolve(opts.pdf), {
        waitFor: [".scorecard h1", ".scorecard-summary"],
        minScale: 0.6,
        onePage: false,
      });
      console.log(site.scorecardPrinted(opts.pdf, choice.agency_name, year, result.pages, result.bytes, stamp.warehouse_id));
    });
}
