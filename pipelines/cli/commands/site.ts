/** `cchc build` and `cchc start`: refresh the warehouse from the DEMO farm, then build or serve the site. */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { delimiter, dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { DEFAULT_WAREHOUSE } from "../../warehouse/db.ts";
import { buildSite, clearLoaderCache, liveCopiesDir, markLiveSite, writeLiveCopies } from "../../site/build.ts";
import { freePort, startPreviewFront } from "../../site/preview-front.ts";
import type { CopiesResult } from "../../archive/copies.ts";
import { refreshAfterCrawl } from "../../report/refresh.ts";
import { crawlDemo } from "./crawl.ts";
import { acquireCrawlLock } from "../../crawl/lock.ts";
import { report, site as say, usage } from "../messages.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * Run Observable Framework with the offline npm preload (see pipelines/site/offline-npm.ts). `stdio` as
 * spawn's, or a function each line Framework prints goes through (e.g. to name the front server's port).
 */
export function runFramework(args: string[], env: Record<string, string> = {}, stdio: "inherit" | "ignore" | ((line: string) => string) = "inherit"): Promise<number> {
  const require = createRequire(join(ROOT, "package.json"));
  const bin = join(dirname(require.resolve("@observablehq/framework/package.json")), "dist/bin/observable.js");
  const preload = join(ROOT, "pipelines/site/offline-npm-preload.ts");
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--import", preload, bin, ...args], {
      cwd: ROOT,
      stdio: typeof stdio === "function" ? ["inherit", "pipe", "inherit"] : stdio,
      env: {
        ...process.env,
        // Framework runs .ts data loaders with `tsx`: make the project's copy findable.
        PATH: `${join(ROOT, "node_modules/.bin")}${delimiter}${process.env.PATH ?? ""}`,
        CCHC_NPM_ROOT: ROOT,
        OBSERVABLE_TELEMETRY_DISABLE: "true",
        ...env,
      },
    });
    if (typeof stdio === "function" && child.stdout) createInterface({ input: child.stdout, crlfDelay: Infinity }).on("line", (line) => console.log(stdio(line)));
    child.on("error", reject);
    child.on("exit", (code) => resolvePromise(code ?? 1));
  });
}

export { clearLoaderCache } from "../../site/build.ts";

/** One line on the archived copies a build wrote, and a warning naming what the archive lacked. */
export function copiesSummary(c: CopiesResult): string {
  return say.copies(c);
}

/** Crawl the DEMO farm (unless told not to), then the steps after a crawl, so the site shows fresh numbers. */
async function refreshForSite(db: string, crawl: boolean): Promise<void> {
  if (crawl) await crawlDemo(db);
  const s = await refreshAfterCrawl(db);
  console.log(report.buildSummary(s));
}

export function registerSiteCommands(program: Command): void {
  program
    .command("build")
    .description("thu thập cụm cổng DEMO vào kho dữ liệu rồi dựng trang tĩnh vào dist/")
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .option("--no-crawl", "dựng từ kho dữ liệu hiện có, không thu thập")
    .option("--out <thư-mục>", "dựng vào thư mục này thay cho dist/, từ một bản sao riêng của src/ (không ghi gì vào src/ hay dist/)")
    .action(async (opts) => {
      // The build holds the warehouse's crawl lock for its whole run (report and Framework's data
      // loaders): a crawl started meanwhile is refused with a clear message instead of racing the loaders.
      const release = acquireCrawlLock(opts.db, process.pid, "build");
      try {
        await refreshForSite(opts.db, opts.crawl);
        // Built into a temporary folder and swapped in only when the build succeeded.
        const { outDir, copies } = await buildSite(runFramework, { db: opts.db, outDir: opts.out, isolated: Boolean(opts.out) });
        console.log(say.built(outDir));
        console.log(copiesSummary(copies));
      } finally {
        release();
      }
    });

  program
    .command("start")
    .description("thu thập cụm cổng DEMO vào kho dữ liệu rồi chạy bảng điều khiển (kèm các bản lưu, ban-luu/) tại http://127.0.0.1:3000/")
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .option("--port <số>", "cổng (0: một cổng trống)", "3000")
    .option("--no-crawl", "hiển thị kho dữ liệu hiện có, không thu thập")
    .action(async (opts) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(usage.notPort("--port", opts.port));
      await refreshForSite(opts.db, opts.crawl);
      clearLoaderCache();
      // The archived copies a build writes into dist/ban-luu/, written for the preview (its front server serves them).
      console.log(copiesSummary(await writeLiveCopies(opts.db)));
      // report / analyse / override on this warehouse clear the cached loader output (and write the copies
      // anew), so a reload shows their numbers.
      const unmark = markLiveSite(opts.db);
      process.once("exit", unmark);
      // Ctrl+C (the preview, in the same process group, gets it too) or a kill: the marker goes with the process.
      for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(signal === "SIGINT" ? 130 : 143));
      const inner = await freePort();
      const front = await startPreviewFront({ port, upstreamPort: inner, copiesDir: liveCopiesDir() }).catch((error: NodeJS.ErrnoException) => {
        unmark();
        throw error.code === "EADDRINUSE" ? new Error(say.portInUse(port)) : error;
      });
      console.log(say.dashboard(front.url));
      // Framework names its own (private) port: the reader opens the front's.
      const code = await runFramework(["preview", "--host", "127.0.0.1", "--port", String(inner), "--no-open"], { CCHC_DB: resolve(opts.db) }, (line) =>
        line.replaceAll(`127.0.0.1:${inner}`, `127.0.0.1:${front.port}`),
      );
      await front.close();
      unmark();
      process.exitCode = code;
    });
}
