/** `cchc export parquet --out DIR`: the items, coverage and evidence marts as Parquet by province and year. */
import { resolve } from "node:path";
import type { Command } from "commander";
import { DEFAULT_PROVINCE, exportParquet } from "../../export/parquet.ts";
import { DEFAULT_WAREHOUSE, withWarehouse } from "../../warehouse/db.ts";

export function registerExportParquetCommand(program: Command): void {
  const exp = program.commands.find((c) => c.name() === "export") ?? program.command("export").description("exports for index assessors");
  exp
    .command("parquet")
    .description("the items, coverage and evidence marts as Parquet partitioned by province and year (for a national office)")
    .requiredOption("--out <dir>", "output folder (other provinces' exports in it are kept)")
    .option("--province <code>", "province code of this warehouse", DEFAULT_PROVINCE)
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .action(async (opts) => {
      const out = resolve(opts.out);
      const s = await withWarehouse(opts.db, (w) => exportParquet(w, out, opts.province), { readOnly: true });
      for (const m of s.marts) {
        console.log(`${m.name}: ${m.rows.toLocaleString("vi-VN")} dòng, ${m.files.toLocaleString("vi-VN")} tệp, ${(m.bytes / 1e6).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} MB`);
      }
      console.log(`Đã xuất tỉnh ${s.province} vào ${out}`);
    });
}
