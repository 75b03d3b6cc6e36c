/** `cchc extract`: run one adapter over one saved page and print the contract's JSON. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Command, Option } from "commander";
import { ADAPTERS, adapterFor } from "../../../data-loaders/index.ts";
import { extractPage, type PageKind } from "../../../data-loaders/extract.ts";
import { decodeBody, detectCharset } from "../../crawl/fetcher.ts";

export function registerExtractCommands(program: Command): void {
  program
    .command("extract")
    .description("extract one saved page with a platform adapter; print JSON (article, or {items, next} for a listing)")
    .addOption(new Option("--adapter <name>", "platform adapter").choices(Object.keys(ADAPTERS)).makeOptionMandatory())
    .option("--url <url>", "the page's URL (default: the file's file:// URL)")
    .addOption(new Option("--kind <kind>", "what the page is").choices(["auto", "article", "listing"]).default("auto"))
    .addOption(new Option("--date-order <order>", "order of ambiguous numeric dates").choices(["dmy", "mdy"]))
    .option("--now <iso>", "the current time, for rejecting future dates and giving yearless dates a year (default: now)")
    .argument("<file>", "saved HTML page or RSS/Atom feed")
    .action((file: string, opts) => {
      const raw = readFileSync(file);
      const body = decodeBody(raw, detectCharset(undefined, raw));
      const now = opts.now ? new Date(opts.now) : new Date();
      if (Number.isNaN(now.getTime())) throw new Error(`--now: not a date: "${opts.now}"`);
      const url = opts.url ?? pathToFileURL(resolve(file)).href;
      const out = extractPage(adapterFor(opts.adapter), body, url, { now, dateOrder: opts.dateOrder }, opts.kind as PageKind);
      console.log(JSON.stringify(out, null, 2));
    });
}
