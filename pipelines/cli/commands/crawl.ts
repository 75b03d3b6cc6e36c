/** `cchc farm` and `cchc crawl`. */
import { writeFileSync, readFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Command } from "commander";
import { crawl, type CrawlEvent } from "../../crawl/crawl.ts";
import type { CrawlSource } from "../../crawl/types.ts";
import { demoSources } from "../../farm/demo-sources.ts";
import { startFarm } from "../../farm/server.ts";
import { DEFAULT_WAREHOUSE, Warehouse } from "../../warehouse/db.ts";

export const FARM_FILE = "data/farm.json";

function jsonLines(event: CrawlEvent): void {
  if (event.type === "source_done" || event.type === "error") console.log(JSON.stringify(event));
}

/** Crawl the DEMO farm: a running one (from its farm.json) or one started for the occasion. */
export async function crawlDemo(db: string, farmFile?: string, onEvent: (e: CrawlEvent) => void = jsonLines) {
  let sources: CrawlSource[];
  let close = async () => {};
  if (farmFile) {
    sources = JSON.parse(readFileSync(farmFile, "utf-8")).sources;
  } else {
    const farm = await startFarm();
    sources = demoSources(farm.portals);
    close = farm.close;
  }
  const w = await Warehouse.open(db);
  try {
    return await crawl(w, sources, { onEvent });
  } finally {
    await w.close();
    await close();
  }
}

export function registerCrawlCommands(program: Command): void {
  program
    .command("farm")
    .description("serve the DEMO portal farm on 127.0.0.1 and print its base URLs")
    .option("--port <n>", "first port (0: any free port)", "0")
    .option("--seed <n>", "content seed", undefined)
    .option("--out <file>", "where to write the farm's sources for `cchc crawl --farm`", FARM_FILE)
    .action(async (opts) => {
      const farm = await startFarm({ port: Number(opts.port), seed: opts.seed ? Number(opts.seed) : undefined });
      const sources = demoSources(farm.portals);
      mkdirSync(dirname(opts.out), { recursive: true });
      writeFileSync(opts.out, JSON.stringify({ demo: true, sources }, null, 2));
      for (const p of farm.portals) console.log(`DEMO ${p.key.padEnd(10)} ${p.platform.padEnd(10)} ${p.baseUrl}/`);
      console.log(`sources written to ${opts.out}; press Ctrl+C to stop`);
      await new Promise<void>((resolve) => process.once("SIGINT", resolve).once("SIGTERM", resolve));
      await farm.close();
    });

  program
    .command("crawl")
    .description("crawl sources into the warehouse (default: the DEMO farm, started in-process)")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .option("--farm <file>", "crawl a running farm described by this file (from `cchc farm`)")
    .action(async (opts) => {
      const summary = await crawlDemo(opts.db, opts.farm);
      const total = Object.values(summary.sources).reduce((n, s) => n + s.new_articles, 0);
      console.log(`crawl ${summary.run_id}: ${total} new articles into ${opts.db}`);
    });
}
