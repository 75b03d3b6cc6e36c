/** `cchc briefing --month YYYY-MM --pdf FILE [--db FILE]`: the monthly briefing as a one-page A4 PDF. */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { isSiteStale, lastFullMonth, parseMonth, printBriefing } from "../../briefing/briefing.ts";
import { DEFAULT_WAREHOUSE } from "../../warehouse/db.ts";
import { clearLoaderCache, runFramework } from "./site.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export function registerBriefingCommands(program: Command): void {
  program
    .command("briefing")
    .description("print the monthly briefing (trang Bản tin tháng) to a one-page A4 PDF")
    .option("--month <YYYY-MM>", "month of the briefing (default: the last full month)")
    .requiredOption("--pdf <file>", "PDF file to write")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .option("--rebuild", "rebuild the site even when dist/ looks up to date")
    .action(async (opts) => {
      const month = opts.month ? parseMonth(opts.month) : lastFullMonth(new Date());
      const warehouse = resolve(opts.db);
      const dist = join(ROOT, "dist");
      if (opts.rebuild || isSiteStale(dist, { srcDir: join(ROOT, "src"), warehouse })) {
        if (!existsSync(warehouse)) throw new Error(`--db: warehouse ${opts.db} does not exist: run \`cchc crawl\` or \`cchc build\` first`);
        console.error(`building the site from ${opts.db} …`);
        clearLoaderCache();
        const code = await runFramework(["build"], { CCHC_DB: warehouse });
        if (code !== 0) throw new Error(`site build failed (exit ${code})`);
      }
      const result = await printBriefing(dist, month, resolve(opts.pdf));
      console.log(`${opts.pdf}: bản tin tháng ${month}, ${result.pages} trang A4, ${result.bytes} bytes`);
    });
}
