/** `cchc build` and `cchc start`: refresh the warehouse from the DEMO farm, then build or serve the site. */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { DEFAULT_WAREHOUSE } from "../../warehouse/db.ts";
import { refreshAfterCrawl } from "../../report/refresh.ts";
import { crawlDemo } from "./crawl.ts";
import { withBuildLock } from "../../site/build-lock.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** Builds share the loader cache: one at a time per checkout (pipelines/site/build-lock.ts). */
export const BUILD_LOCK = join(ROOT, "src/.observablehq/build.lock");

/** Run Observable Framework with the offline npm preload (see pipelines/site/offline-npm.ts). */
export function runFramework(args: string[], env: Record<string, string> = {}, stdio: "inherit" | "ignore" = "inherit"): Promise<number> {
  if (args[0] === "build") return withBuildLock(BUILD_LOCK, () => spawnFramework(args, env, stdio));
  return spawnFramework(args, env, stdio);
}

/** Clear the loader cache (all of it, or some loaders' output) and build, both under the build lock. */
export function buildSite(env: Record<string, string>, clear: "all" | string[], stdio: "inherit" | "ignore" = "inherit"): Promise<number> {
  return withBuildLock(BUILD_LOCK, () => {
    if (clear === "all") clearLoaderCache();
    else clearLoaderOutputs(clear);
    return spawnFramework(["build"], env, stdio);
  });
}

function spawnFramework(args: string[], env: Record<string, string>, stdio: "inherit" | "ignore"): Promise<number> {
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

/**
 * Framework caches loader output and reruns a loader only when its source
 * changes, not when the warehouse does: drop cached data (keep the npm bundles).
 */
export function clearLoaderCache(): void {
  const cache = join(ROOT, "src/.observablehq/cache");
  if (!existsSync(cache)) return;
  for (const entry of readdirSync(cache)) {
    if (entry !== "_npm") rmSync(join(cache, entry), { recursive: true, force: true });
  }
}

/** Drop the cached output of some loaders only (names as in src/data/, e.g. "items.arrow"). */
export function clearLoaderOutputs(names: string[]): void {
  for (const name of names) rmSync(join(ROOT, "src/.observablehq/cache/data", name), { force: true });
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
    .action(async (opts) => {
      await refreshForSite(opts.db, opts.crawl);
      const code = await buildSite({ CCHC_DB: resolve(opts.db) }, "all");
      if (code !== 0) throw new Error(`site build failed (exit ${code})`);
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
      const code = await runFramework(["preview", "--host", "127.0.0.1", "--port", String(opts.port), "--no-open"], {
        CCHC_DB: resolve(opts.db),
      });
      process.exitCode = code;
    });
}
