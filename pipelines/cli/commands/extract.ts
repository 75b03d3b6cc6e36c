/** `cchc extract`: run one adapter over one saved page and print the contract's JSON. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Command, Option } from "commander";
import { ADAPTERS, adapterFor } from "../../../data-loaders/index.ts";
import { extractPage, type PageKind } from "../../../data-loaders/extract.ts";
import { decodeBody, detectCharset } from "../../crawl/fetcher.ts";
import { usage } from "../messages.ts";

export function registerExtractCommands(program: Command): void {
  program
    .command("extract")
    .description("trích xuất một trang đã lưu bằng bộ đọc của một nền tảng; in JSON (bài viết, hoặc {items, next} với trang danh sách)")
    .addOption(new Option("--adapter <tên>", "bộ đọc theo nền tảng").choices(Object.keys(ADAPTERS)).makeOptionMandatory())
    .option("--url <url>", "địa chỉ của trang (mặc định: địa chỉ file:// của tệp)")
    .addOption(new Option("--kind <loại>", 'loại trang: "auto" (tự nhận biết), "article" (bài viết), "listing" (danh sách)').choices(["auto", "article", "listing"]).default("auto"))
    .addOption(new Option("--date-order <thứ-tự>", 'thứ tự của ngày dạng số chưa rõ: "dmy" (ngày/tháng/năm) hoặc "mdy" (tháng/ngày/năm)').choices(["dmy", "mdy"]))
    .option("--now <iso>", "thời điểm hiện tại, để loại ngày trong tương lai và gán năm cho ngày không ghi năm (mặc định: bây giờ)")
    .argument("<tệp>", "trang HTML đã lưu hoặc nguồn tin RSS/Atom")
    .action((file: string, opts) => {
      const raw = readFileSync(file);
      const body = decodeBody(raw, detectCharset(undefined, raw));
      const now = opts.now ? new Date(opts.now) : new Date();
      if (Number.isNaN(now.getTime())) throw new Error(usage.notDate("--now", opts.now));
      const url = opts.url ?? pathToFileURL(resolve(file)).href;
      const out = extractPage(adapterFor(opts.adapter), body, url, { now, dateOrder: opts.dateOrder }, opts.kind as PageKind);
      console.log(JSON.stringify(out, null, 2));
    });
}
