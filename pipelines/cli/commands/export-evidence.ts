/** `cchc export evidence` (`cchc export parquet` is in export-parquet.ts). */
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { atomicWriteFile } from "../../export/atomic.ts";
import { safeOutputPath } from "../../export/paths.ts";
import { EVIDENCE_FORMATS, evidenceExport, evidenceFileSuffix, type EvidenceFormat } from "../../export/evidence.ts";
import { vietnamParts } from "../../time/vietnam-time.ts";
import { DEFAULT_WAREHOUSE, withWarehouse } from "../../warehouse/db.ts";
import { exportHelp, files, usage } from "../messages.ts";

export function registerExportEvidenceCommand(program: Command): void {
  const exp = program
    .command("export")
    .description(exportHelp.description)
    .addHelpText("after", exportHelp.evidenceFormatsShort);
  exp
    .command("evidence")
    .description("các dòng minh chứng (mỗi mục được tính trong năm một dòng, kèm các chỉ tiêu mục đó được tính) dạng CSV (dấu phẩy hoặc chấm phẩy) hoặc XLSX")
    .addHelpText("after", exportHelp.evidenceFormats)
    .option("--year <năm>", "năm, ví dụ 2024 (mặc định: năm hiện tại, giờ Việt Nam)")
    .option("--agency <mã>", "chỉ cơ quan này (tại ngày của mục, hoặc cơ quan kế thừa hiện nay)")
    .option("--target <mã>", "chỉ các mục được tính cho chỉ tiêu này")
    .addOption(new Option("--format <định-dạng>", "định dạng tệp: csv (\",\"), csv-semicolon (\";\", Excel vi-VN) hoặc xlsx").choices([...EVIDENCE_FORMATS]).default("csv"))
    .option("--out <tệp>", "tệp kết quả (mặc định: evidence-<năm>[-<cơ quan>].csv | -semicolon.csv | .xlsx)")
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .option("--site-url <url>", "địa chỉ công bố của trang đã dựng: cột \"Bản lưu\" thành liên kết tuyệt đối dưới địa chỉ này (mặc định: đường dẫn ban-luu/… tương đối với trang)")
    .action(async (opts) => {
      const year = opts.year === undefined ? vietnamParts(new Date()).year : Number(opts.year);
      const siteUrl = opts.siteUrl ? String(opts.siteUrl) : null;
      if (siteUrl && !/^https?:\/\/[^\s/]+/i.test(siteUrl)) throw new Error(usage.notHttpUrl("--site-url", siteUrl));
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new Error(usage.notYear("--year", opts.year));
      const format = opts.format as EvidenceFormat;
      // The default name carries the agency id: keep it inside the working folder.
      const out = opts.out ? resolve(opts.out) : safeOutputPath(process.cwd(), `evidence-${year}${opts.agency ? `-${opts.agency}` : ""}${evidenceFileSuffix(format)}`);
      await withWarehouse(opts.db, async (w) => {
        const { rows, data, truncated } = await evidenceExport(w, { year, agencyId: opts.agency, targetId: opts.target }, format, siteUrl);
        atomicWriteFile(out, data);
        console.log(files.evidenceExported(rows, out));
        if (truncated > 0) console.warn(files.cellsCut(truncated));
      }, { readOnly: true });
    });
}
