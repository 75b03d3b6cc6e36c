/** `cchc report`: the steps after a crawl. */
import type { Command } from "commander";
import { analysisScopeMessage } from "../../analyse/fingerprint.ts";
import { refreshAfterCrawl } from "../../report/refresh.ts";
import { refreshLiveSite } from "../../site/build.ts";
import { DEFAULT_WAREHOUSE } from "../../warehouse/db.ts";

export function registerReportCommands(program: Command): void {
  program
    .command("report")
    .description("load the registry, analyse articles (classify, attribute, de-duplicate) and compute coverage against targets")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .option("--registry <dir>", "registry folder")
    .option("--create", "create the warehouse if the file does not exist (default: refuse a missing file)")
    .option("--full", "analyse every article again (default: only new and changed articles, unless the lexicon, agencies, sources or analysis code changed)")
    .action(async (opts) => {
      const s = await refreshAfterCrawl(opts.db, { registryDir: opts.registry, create: Boolean(opts.create), full: Boolean(opts.full) });
      if (await refreshLiveSite(opts.db)) console.log("trang đang chạy (cchc start) sẽ hiện số liệu mới khi tải lại trang");
      console.log(analysisScopeMessage(s.analysis));
      console.log(
        `registry: ${s.registry.agencies} agencies, ${s.registry.targets} targets; ` +
          `analysis: ${s.analysis.articles} articles, ${s.analysis.cchc} CCHC, ${s.analysis.unattributed} unattributed, ` +
          `${s.analysis.countable} countable; coverage: ${s.coverage_rows} rows`,
      );
    });
}
