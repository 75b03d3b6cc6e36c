/** `cchc build` and `cchc start`: refresh the warehouse from the DEMO farm, then build or serve the site. */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { DEFAULT_WAREHOUSE } from "../../warehouse/db.ts";
import { buildSite, clearLoaderCache, markLiveSite } from "../../site/build.ts";
import type { CopiesResult } from "../../archive/copies.ts";
import { refreshAfterCrawl } from "../../report/refresh.ts";
import { crawlDemo } from "./crawl.ts";
import { acquireCrawlLock } from "../../crawl/lock.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** Run Observable Framework with the offline npm preload (see pipelines/site/offline-npm.ts). */
export function runFramework(args: string[], env: Record<string, string> = {}, stdio: "inherit" | "ignore" = "inherit"): Promise<number> {
  const require = createRequire(join(ROOT, "package.json"));
  const bin = join(dirname(require.resolve("@observablehq/framework/package.json")), "dist/bin/observable.js");
  const preload = join(ROOT, "pipelines/site/offline-npm-preload.ts");
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--import", preload, bin, ...args], {
      cwd: ROOT,
      stdio,
      env: {
        ...process.env,
        // Framework runs .ts data loaders with `tsx`: make the project's copy findable.
        PATH: `${join(ROOT, "node_modules/.bin")}${delimiter}${process.env.PATH ?? ""}`,
        CCHC_NPM_ROOT: ROOT,
        OBSERVABLE_TELEMETRY_DISABLE: "true",
        ...env,
      },
    });
    child.on("error", reject);
    child.on("exit", (code) => resolvePromise(code ?? 1));
  });
}

export { clearLoaderCache } from "../../site/build.ts";

/** One line on the archived copies a build wrote, and a warning naming what the archive lacked. */
export function copiesSummary(c: CopiesResult): string {
  const mb = (c.bytes / 1_048_576).toLocaleString("vi-VN", { maximumFractionDigits: 1 });
  const line = `bản lưu: ${c.written.toLocaleString("vi-VN")} trang (${mb} MB) trong ban-luu/`;
  if (c.missing.length === 0) return line;
  const shown = c.missing.slice(0, 5).map((m) => `${m.url} (${m.sha256.slice(0, 12)})`).join("; ");
  return `${line}\ncảnh báo: ${c.missing.length.toLocaleString("vi-VN")} trang không còn tệp trong kho lưu trữ nên không có bản lưu: ${shown}${c.missing.length > 5 ? " …" : ""}`;
}

/** Crawl the DEMO farm (unless told not to), then the steps after a crawl, so the site shows fresh numbers. */
async function refreshForSite(db: string, crawl: boolean): Promise<void> {
  if (crawl) await crawlDemo(db);
  const s = await refreshAfterCrawl(db);
  console.log(`report: ${s.analysis.articles} articles, ${s.analysis.countable} countable items, ${s.coverage_rows} coverage rows`);
}

export function registerSiteCommands(program: Command): void {
  program
    .command("build")
    .description("crawl the DEMO farm into the warehouse, then build the static site into dist/")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .option("--no-crawl", "build from the warehouse as it is")
    .option("--out <dir>", "build into this folder instead of dist/, from a private copy of src/ (nothing under src/ or dist/ is written)")
    .action(async (opts) => {
      // The build holds the warehouse's crawl lock for its whole run (report and Framework's data
      // loaders): a crawl started meanwhile is refused with a clear message instead of racing the loaders.
      const release = acquireCrawlLock(opts.db, process.pid, "build");
      try {
        await refreshForSite(opts.db, opts.crawl);
        // Built into a temporary folder and swapped in only when the build succeeded.
        const { outDir, copies } = await buildSite(runFramework, { db: opts.db, outDir: opts.out, isolated: Boolean(opts.out) });
        console.log(`đã dựng trang vào ${outDir}`);
        console.log(copiesSummary(copies));
      } finally {
        release();
      }
    });

  program
    .command("start")
    .description("crawl the DEMO farm into the warehouse, then serve the dashboard on http://127.0.0.1:3000/")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .option("--port <n>", "port", "3000")
    .option("--no-crawl", "serve the warehouse as it is")
    .action(async (opts) => {
      await refreshForSite(opts.db, opts.crawl);
      clearLoaderCache();
      // report / analyse / override on this warehouse clear the cached loader output, so a reload shows their numbers.
      const unmark = markLiveSite(opts.db);
      process.once("exit", unmark);
      const code = await runFramework(["preview", "--host", "127.0.0.1", "--port", String(opts.port), "--no-open"], {
        CCHC_DB: resolve(opts.db),
      });
      unmark();
      process.exitCode = code;
    });
}
