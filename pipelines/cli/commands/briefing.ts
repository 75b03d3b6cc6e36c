/** `cchc briefing --month YYYY-MM --pdf FILE [--db FILE]`: the monthly briefing as a one-page A4 PDF. */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { isSiteStale, lastFullMonth, parseMonth, printBriefing } from "../../briefing/briefing.ts";
import { DEFAULT_WAREHOUSE } from "../../warehouse/db.ts";
import { runFramework } from "./site.ts";
import { buildSite, DEFAULT_SITE_DIR, siteShows, warehouseStamp, type WarehouseStamp } from "../../site/build.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * The built site to print from, showing `db` as it is now: refuses a missing warehouse, rebuilds when
 * asked, when the site's stamp names another warehouse or when it is older than src/ or the warehouse.
 */
export async function siteForPrinting(opts: { db: string; site?: string; rebuild?: boolean }): Promise<{ dist: string; stamp: WarehouseStamp }> {
  const dist = opts.site ? resolve(opts.site) : DEFAULT_SITE_DIR;
  const stamp = await warehouseStamp(opts.db);
  if (opts.rebuild || !siteShows(dist, stamp) || isSiteStale(dist, { srcDir: join(ROOT, "src"), warehouse: resolve(opts.db) })) {
    console.error(`đang dựng trang từ ${opts.db} …`);
    await buildSite(runFramework, { db: opts.db, outDir: dist, isolated: Boolean(opts.site) });
  }
  if (!siteShows(dist, stamp)) throw new Error(`trang trong ${dist} không hiển thị kho dữ liệu ${opts.db}; không in`);
  return { dist, stamp };
}

export function registerBriefingCommands(program: Command): void {
  program
    .command("briefing")
    .description("print the monthly briefing (trang Bản tin tháng) to a one-page A4 PDF")
    .option("--month <YYYY-MM>", "month of the briefing (default: the last full month)")
    .requiredOption("--pdf <file>", "PDF file to write")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .option("--rebuild", "rebuild the site even when dist/ shows this warehouse")
    .option("--site <dir>", "built site to print from (default dist/; another folder is built from a private copy of src/)")
    .action(async (opts) => {
      const month = opts.month ? parseMonth(opts.month) : lastFullMonth(new Date());
      // The warehouse named is the one printed: refuse a missing file, and check the site's stamp against it.
      const { dist, stamp } = await siteForPrinting(opts);
      const result = await printBriefing(dist, month, resolve(opts.pdf));
      console.log(`${opts.pdf}: bản tin tháng ${month}, ${result.pages} trang A4, ${result.bytes} bytes (kho dữ liệu ${stamp.warehouse_id})`);
    });
}
