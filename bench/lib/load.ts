/**
 * Loading synthetic articles into a warehouse: the bulk path (DuckDB Appender,
 * inside the caller's transaction) and the naive path (one parameterised
 * INSERT per row) it is measured against. The `articles` table is the real one
 * (migrations); labels and targets are bench tables shaped like the coverage
 * data (an agency attribution and a CCHC label per article, a target per
 * agency and quarter).
 */
import { DuckDBDataChunk, DuckDBTimestampTZValue, type DuckDBValue } from "@duckdb/node-api";
import type { Warehouse } from "../../pipelines/warehouse/db.ts";
import { type CorpusShape, isoOf, type SyntheticArticle, syntheticArticles } from "./synthetic.ts";

export async function createBenchTables(w: Warehouse): Promise<void> {
  await w.run(`CREATE TABLE IF NOT EXISTS bench_article_labels (
    article_id VARCHAR PRIMARY KEY, agency_id VARCHAR NOT NULL, is_cchc BOOLEAN NOT NULL, cchc_area VARCHAR)`);
  await w.run(`CREATE TABLE IF NOT EXISTS bench_targets (
    agency_id VARCHAR NOT NULL, year INTEGER NOT NULL, quarter INTEGER NOT NULL, required INTEGER NOT NULL,
    PRIMARY KEY (agency_id, year, quarter))`);
}

export type ColumnValue<T> = (r: T) => DuckDBValue;

/** Chunk size of the Appender: DuckDB's vector size. */
const CHUNK_ROWS = 2048;

/**
 * Append `rows` to `table` column by column, in DuckDB data chunks (about 3×
 * faster than value-by-value appending from JS). Columns are read from the
 * table as it is after every migration; a column without a value function gets NULL.
 */
export async function appendRows<T>(w: Warehouse, table: string, rows: T[], values: Record<string, ColumnValue<T>>): Promise<void> {
  const probe = await w.connection.run(`SELECT * FROM ${table} LIMIT 0`);
  const types = probe.columnTypes();
  const names = probe.columnNames();
  const appender = await w.connection.createAppender(table);
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const part = rows.slice(start, start + CHUNK_ROWS);
    const chunk = DuckDBDataChunk.create(types, part.length);
    names.forEach((name, c) => chunk.setColumnValues(c, values[name] ? part.map(values[name]) : part.map(() => null)));
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
  appender.closeSync();
}

export const micros = (d: Date) => new DuckDBTimestampTZValue(BigInt(d.getTime()) * 1000n);

/** Append a batch through DuckDB Appenders (articles + labels). Call inside `w.transaction` for atomicity. */
export async function appendArticles(w: Warehouse, rows: SyntheticArticle[], fetchedAt: Date, runId: string): Promise<void> {
  const fetched = micros(fetchedAt);
  await appendRows(w, "articles", rows, {
    article_id: (r) => r.article_id,
    source_id: (r) => r.source_id,
    item_id: (r) => r.item_id,
    url: (r) => r.url,
    canonical_url: (r) => r.url,
    title: (r) => r.title,
    published_at: (r) => micros(r.published_at),
    published_text: (r) => r.published_text,
    date_source: () => "byline",
    date_confidence: () => 0.95,
    body_text: (r) => r.body_text,
    content_hash: (r) => r.content_hash,
    version: () => 1,
    first_seen_at: () => fetched,
    fetched_at: () => fetched,
    run_id: () => runId,
  });
  await appendRows(w, "bench_article_labels", rows, {
    article_id: (r) => r.article_id,
    agency_id: (r) => r.agency_id,
    is_cchc: (r) => r.is_cchc,
    cchc_area: (r) => r.cchc_area,
  });
}

/** The baseline: one parameterised INSERT per row (articles + labels), in one transaction. */
export async function insertArticlesNaive(w: Warehouse, rows: SyntheticArticle[], fetchedAt: Date, runId: string): Promise<void> {
  const fetched = fetchedAt.toISOString();
  await w.transaction(async () => {
    for (const r of rows) {
      await w.run(
        `INSERT INTO articles (article_id, source_id, item_id, url, canonical_url, title, published_at, published_text,
           date_source, date_confidence, body_text, content_hash, version, first_seen_at, fetched_at, run_id)
         VALUES ($id, $source, $item, $url, $url, $title, $published::TIMESTAMPTZ, $ptext, 'byline', 0.95, $body, $hash, 1,
           $fetched::TIMESTAMPTZ, $fetched::TIMESTAMPTZ, $run)`,
        {
          id: r.article_id,
          source: r.source_id,
          item: r.item_id,
          url: r.url,
          title: r.title,
          published: isoOf(r.published_at),
          ptext: r.published_text,
          body: r.body_text,
          hash: r.content_hash,
          fetched,
          run: runId,
        },
      );
      await w.run("INSERT INTO bench_article_labels VALUES ($id, $agency, $cchc, $area)", {
        id: r.article_id,
        agency: r.agency_id,
        cchc: r.is_cchc,
        area: r.cchc_area,
      });
    }
  });
}

/** A target for every agency × quarter of the period (`required` varies, deterministic). */
export async function seedTargets(w: Warehouse, agencies: number, fromYear: number, years: number): Promise<number> {
  await w.run(
    `INSERT INTO bench_targets
     SELECT 'agency-' || lpad(a::VARCHAR, 4, '0'), y::INTEGER, q::INTEGER, (2 + (a + q) % 5)::INTEGER
     FROM range($agencies) t(a), range($from, $to) u(y), range(1, 5) v(q)`,
    { agencies, from: fromYear, to: fromYear + years },
  );
  return agencies * years * 4;
}

/**
 * Load articles 0 … total-1 in batches, each batch and its progress mark in one
 * transaction, skipping batches already marked: a run killed at any point
 * (even kill -9) is resumed by running it again, with no loss and no duplicate.
 * `afterAppend` runs inside the open transaction (tests use it to pause there).
 */
export async function loadResumable(
  w: Warehouse,
  options: {
    shape: CorpusShape;
    total: number;
    batch: number;
    fetchedAt: Date;
    runId: string;
    afterAppend?: (batch: number) => Promise<void>;
    onCommit?: (batch: number) => void;
  },
): Promise<{ loaded: number; skipped: number }> {
  await w.run("CREATE TABLE IF NOT EXISTS bench_load_progress (batch INTEGER PRIMARY KEY, row_count INTEGER NOT NULL, run_id VARCHAR NOT NULL)");
  const done = new Set((await w.all("SELECT batch FROM bench_load_progress")).map((r) => Number(r.batch)));
  let loaded = 0;
  let skipped = 0;
  for (let b = 0; b * options.batch < options.total; b++) {
    if (done.has(b)) {
      skipped++;
      continue;
    }
    const start = b * options.batch;
    const rows = syntheticArticles(options.shape, start, Math.min(options.batch, options.total - start));
    await w.transaction(async () => {
      await appendArticles(w, rows, options.fetchedAt, options.runId);
      await options.afterAppend?.(b);
      await w.run("INSERT INTO bench_load_progress VALUES ($batch, $rows, $run)", { batch: b, rows: rows.length, run: options.runId });
    });
    loaded += rows.length;
    options.onCommit?.(b);
  }
  return { loaded, skipped };
}
