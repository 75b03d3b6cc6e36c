/** `cchc briefing --month YYYY-MM --pdf FILE [--db FILE]`: the monthly briefing as a one-page A4 PDF. */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { isSiteStale, lastFullMonth, parseMonth, printBriefing } from "../../briefing/briefing.ts";
import { DEFAULT_WAREHOUSE } from "../../warehouse/db.ts";
import { runFramework } from "./site.ts";
import { site } from "../messages.ts";
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
    console.error(site.building(opts.db));
    await buildSite(runFramework, { db: opts.db, outDir: dist, isolated: Boolean(opts.site) });
  }
  if (!siteShows(dist, stamp)) throw new Error(site.siteDoesNotShow(dist, opts.db));
  return { dist, stamp };
}

export function registerBriefingCommands(program: Command): void {
  program
    .command("briefing")
    .description("in bản tin tháng (trang Bản tin tháng) ra một tệp PDF một trang A4")
    .option("--month <YYYY-MM>", "tháng của bản tin (mặc định: tháng trọn vẹn gần nhất)")
    .requiredOption("--pdf <tệp>", "tệp PDF cần ghi")
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .option("--rebuild", "dựng lại trang kể cả khi dist/ đang hiển thị kho dữ liệu này")
    .option("--site <thư-mục>", "trang đã dựng để in (mặc định dist/; thư mục khác được dựng từ một bản sao riêng của src/)")
    .action(async (opts) => {
      const month = opts.month ? parseMonth(opts.month) : lastFullMonth(new Date());
      // The warehouse named is the one printed: refuse a missing file, and check the site's stamp against it.
      const { dist, stamp } = await siteForPrinting(opts);
      const result = await printBriefing(dist, month, resolve(opts.pdf));
      console.log(site.briefingPrinted(opts.pdf, month, result.pages, result.bytes, stamp.warehouse_id));
    });
}
