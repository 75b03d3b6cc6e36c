/** `cchc export parquet --out DIR`: the items, coverage and evidence marts as Parquet by province and year. */
import { resolve } from "node:path";
import type { Command } from "commander";
import { DEFAULT_PROVINCE, exportParquet } from "../../export/parquet.ts";
import { DEFAULT_WAREHOUSE, withWarehouse } from "../../warehouse/db.ts";
import { exportHelp, files } from "../messages.ts";

export function registerExportParquetCommand(program: Command): void {
  const exp = program.commands.find((c) => c.name() === "export") ?? program.command("export").description(exportHelp.description);
  exp
    .command("parquet")
    .description("các bảng mục, độ phủ và minh chứng dạng Parquet chia theo tỉnh và năm (cho cơ quan trung ương)")
    .requiredOption("--out <thư-mục>", "thư mục kết quả (giữ nguyên dữ liệu xuất của các tỉnh khác trong đó)")
    .option("--province <mã>", "mã tỉnh của kho dữ liệu này", DEFAULT_PROVINCE)
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .action(async (opts) => {
      const out = resolve(opts.out);
      const s = await withWarehouse(opts.db, (w) => exportParquet(w, out, opts.province), { readOnly: true });
      for (const m of s.marts) {
        console.log(files.parquetMart(m.name, m.rows, m.files, m.bytes));
      }
      console.log(files.parquetDone(s.province, out));
    });
}
