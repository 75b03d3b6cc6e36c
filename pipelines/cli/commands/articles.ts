/**
 * `cchc articles --source ID [--since D] [--format csv|json]`: what was collected for
 * a source, newest first, so that nobody has to read DuckDB to check a crawl. Read-only:
 * a mistyped --db is an error, never a new empty warehouse.
 */
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { toCsv } from "../../export/csv.ts";
import { withWarehouse, DEFAULT_WAREHOUSE } from "../../warehouse/db.ts";
import type { Warehouse } from "../../warehouse/db.ts";
import { parseSinceDate } from "./crawl.ts";
import { registry as say, usage } from "../messages.ts";

export interface CollectedArticle {
  article_id: string;
  item_id: string;
  title: string;
  published_at: string | null;
  date_source: string | null;
  url: string;
  canonical_url: string | null;
  version: number;
  body_chars: number;
  first_seen_at: string;
  fetched_at: string;
}

/** Column headers of the CSV (Vietnamese, as every user-facing export). */
export const ARTICLE_COLUMNS: Array<{ key: keyof CollectedArticle & string; header: string }> = [
  { key: "item_id", header: "Mã bài" },
  { key: "title", header: "Tiêu đề" },
  { key: "published_at", header: "Ngày đăng" },
  { key: "date_source", header: "Nguồn ngày đăng" },
  { key: "url", header: "Liên kết" },
  { key: "canonical_url", header: "Liên kết gốc" },
  { key: "version", header: "Phiên bản" },
  { key: "body_chars", header: "Số ký tự nội dung" },
  { key: "first_seen_at", header: "Thu thập lần đầu" },
  { key: "fetched_at", header: "Đọc lần cuối" },
];

const ISO = (c: string) => `strftime(${c}, '%Y-%m-%dT%H:%M:%S+07:00')`;

export async function collectedArticles(w: Warehouse, sourceId: string, since: Date | null): Promise<CollectedArticle[]> {
  const rows = await w.all(
    `SELECT article_id, item_id, title, ${ISO("published_at")} AS published_at, date_source, url, canonical_url, version,
       length(body_text) AS body_chars, ${ISO("first_seen_at")} AS first_seen_at, ${ISO("fetched_at")} AS fetched_at
     FROM articles
     WHERE source_id = $source AND ($since::TIMESTAMPTZ IS NULL OR published_at >= $since::TIMESTAMPTZ)
     ORDER BY published_at DESC NULLS LAST, item_id`,
    { source: sourceId, since: since?.toISOString() ?? null },
  );
  return rows.map((r) => ({ ...r, version: Number(r.version), body_chars: Number(r.body_chars) }) as unknown as CollectedArticle);
}

export function registerArticlesCommands(program: Command): void {
  program
    .command("articles")
    .description("liệt kê các tin, bài đã thu thập của một nguồn (mới nhất trước), dạng JSON lines hoặc CSV")
    .requiredOption("--source <mã>", "mã nguồn (xem `cchc crawl-health`)")
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .option("--since <ngày>", "chỉ tin, bài đăng từ ngày này trở đi (YYYY-MM-DD, giờ Việt Nam)")
    .option("--format <định-dạng>", "json (mỗi dòng một tin, bài) hoặc csv (UTF-8 có BOM, tiêu đề cột tiếng Việt)", "json")
    .action(async (opts) => {
      if (opts.format !== "json" && opts.format !== "csv") throw new Error(usage.format("--format", opts.format, ["json", "csv"]));
      if (!existsSync(opts.db)) throw new Error(usage.noWarehouseYet(opts.db));
      const since = opts.since ? parseSinceDate(opts.since) : null;
      // `cchc articles … | head`: a closed pipe ends the listing quietly
      process.stdout.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "EPIPE") process.exit(0);
        throw error;
      });
      await withWarehouse(
        opts.db,
        async (w) => {
          const known = await w.one("SELECT count(*) AS n FROM sources WHERE source_id = $id", { id: opts.source });
          if (!known || Number(known.n) === 0) {
            const ids = (await w.all("SELECT source_id FROM sources ORDER BY source_id")).map((r) => r.source_id).join(", ");
            throw new Error(usage.noSource("--source", opts.source, opts.db, ids));
          }
          const rows = await collectedArticles(w, opts.source, since);
          if (opts.format === "csv") process.stdout.write(toCsv(rows, ARTICLE_COLUMNS));
          else for (const r of rows) process.stdout.write(`${JSON.stringify(r)}\n`);
          process.stderr.write(`${say.articlesListed(rows.length, opts.source, since ? opts.since : null)}\n`);
        },
        { readOnly: true },
      );
    });
}
