/**
 * Writing crawled sources and articles. An article is identified by
 * `<source_id>:<item_id>`; a changed body makes a new version, never a second item.
 */
import { createHash } from "node:crypto";
import type { ExtractedArticle } from "../../data-loaders/types.ts";
import type { CrawlSource } from "../crawl/types.ts";
import { appendRows, type BulkValue } from "./bulk-write.ts";
import { inParts, placeholders, rowsBySource, type Warehouse } from "./db.ts";

export type UpsertOutcome = "new" | "changed" | "unchanged";

export function articleId(sourceId: string, itemId: string): string {
  return `${sourceId}:${itemId}`;
}

export function contentHash(title: string, body: string): string {
  return createHash("sha256").update(title.normalize("NFC")).update("\n\n").update(body.normalize("NFC")).digest("hex");
}

export async function upsertSources(w: Warehouse, sources: CrawlSource[]): Promise<void> {
  // one statement per 500 sources; a source named twice is written as its last naming says
  const rows = [...new Map(sources.map((s) => [s.source_id, s])).values()];
  await w.transaction(async () => {
    await inParts(rows, (part) =>
      w.run(
        `INSERT INTO sources (source_id, agency_id, channel, platform, name, base_url, is_demo, updated_at)
         VALUES ${part.map(() => "(?, ?, ?, ?, ?, ?, ?, now())").join(", ")}
         ON CONFLICT (source_id) DO UPDATE SET agency_id = excluded.agency_id, channel = excluded.channel,
           platform = excluded.platform, name = excluded.name, base_url = excluded.base_url,
           is_demo = excluded.is_demo, updated_at = excluded.updated_at`,
        part.flatMap((s) => [s.source_id, s.agency_id, s.channel, s.platform, s.name, s.base_url, s.is_demo]),
      ),
    );
  });
}

/** One article to store, as the crawler or the re-extraction hands it over. */
export interface ArticleWrite {
  sourceId: string;
  url: string;
  article: ExtractedArticle;
  fetchedAt: Date;
  runId: string | null;
}

/** What the store knows of a stored article. */
interface Known {
  hash: string;
  version: number;
  /** Publication instant in ms, null when undated. */
  published: number | null;
  url: string;
  canonical: string | null;
}

const knownOfRow = (r: Record<string, unknown>): Known => ({
  hash: r.content_hash as string,
  version: Number(r.version),
  published: r.published_ms === null || r.published_ms === undefined ? null : Number(r.published_ms),
  url: r.url as string,
  canonical: (r.canonical_url as string | null) ?? null,
});
/** Unchanged articles of a batch (temporary, emptied after each batch). */
const TOUCH = "temp.article_touch";
const KNOWN_COLUMNS = "item_id, content_hash, version, epoch_ms(published_at) AS published_ms, url, canonical_url";

/**
 * The crawler's store: batches of articles written in a few statements
 * instead of three per article. What is stored already is read once per
 * source (content hash and version of each item, one scan; `preload` reads
 * many sources in one) and kept up to date as batches are written, so a batch
 * needs no lookup. Every text crosses into DuckDB once (the Appender, into a
 * temporary staging table, which is not logged) and is stored once: new
 * articles go into `articles`, every new version into `article_versions`
 * without its body (NULL: the current version's body is the article's; a
 * version superseded by a newer one gets its body written into its row in the
 * same transaction, before the article's row changes). The fetch time of
 * unchanged ones moves in one set-based UPDATE; a changed article (an edit or
 * a corrected date: rare) is one UPDATE, and so is an unchanged one now
 * reached at another URL. An article is identified by
 * `<source_id>:<item_id>`; a changed body makes a new version, never a second
 * item. Each `store` runs in one transaction (the caller's, when it has one:
 * the crawler's batch), so a batch is stored entirely or not at all; a store
 * whose transaction failed must not be used again (the crawl stops on a
 * failed write).
 */
export class ArticleStore {
  private readonly known = new Map<string, Map<string, Known>>();
  /** The temporary tables exist on this connection (created outside a transaction: see `prepare`). */
  private tables = false;

  /**
   * `perSource` (the crawler's, the re-extraction's): read each source's stored items once.
   * Otherwise (a one-off store) look up only the ids of the batch.
   */
  constructor(
    private readonly w: Warehouse,
    private readonly options: { perSource: boolean } = { perSource: true },
  ) {}

  private async lookUpIds(writes: ArticleWrite[]): Promise<void> {
    const ids = [...new Set(writes.map((x) => articleId(x.sourceId, x.article.item_id)))];
    for (const x of writes) if (!this.known.has(x.sourceId)) this.known.set(x.sourceId, new Map());
    await inParts(ids, async (part) => {
      const rows = await this.w.all(`SELECT source_id, ${KNOWN_COLUMNS} FROM articles WHERE article_id IN ${placeholders(part.length)}`, part);
      for (const r of rows) this.known.get(r.source_id as string)?.set(r.item_id as string, knownOfRow(r));
    });
  }

  /** Read the stored items of many sources in one scan per ITEMS_PER_STATEMENT sources (a crawl's sources, at its start). */
  async preload(sourceIds: string[]): Promise<void> {
    const todo = [...new Set(sourceIds)].filter((id) => !this.known.has(id));
    const bySource = await rowsBySource(this.w, todo, (list) => `SELECT source_id, ${KNOWN_COLUMNS} FROM articles WHERE source_id IN ${list}`);
    for (const [id, rows] of bySource) this.known.set(id, new Map(rows.map((r) => [r.item_id as string, knownOfRow(r)])));
  }

  private async knownOf(sourceId: string): Promise<Map<string, Known>> {
    let map = this.known.get(sourceId);
    if (!map) {
      const rows = await this.w.all(`SELECT ${KNOWN_COLUMNS} FROM articles WHERE source_id = $source`, { source: sourceId });
      map = new Map(rows.map((r) => [r.item_id as string, knownOfRow(r)]));
      this.known.set(sourceId, map);
    }
    return map;
  }

  /** The item ids stored for a source (what the crawl must not fetch again): read once, with what the store needs. */
  async knownItemIds(sourceId: string): Promise<Set<string>> {
    return new Set((await this.knownOf(sourceId)).keys());
  }

  /**
   * Create the store's temporary tables now, outside any transaction, so that they outlast a
   * batch whose transaction is rolled back and no batch creates them again (the crawl calls it
   * at its start). Without it each batch creates them (IF NOT EXISTS) in its own transaction.
   */
  async prepare(): Promise<void> {
    if (this.tables || this.w.inTransaction) return;
    await this.createTables();
    this.tables = true;
  }

  private async createTables(): Promise<void> {
    await this.w.run(`CREATE TEMP TABLE IF NOT EXISTS ${TOUCH} (article_id VARCHAR, fetched_at TIMESTAMPTZ, media_kind VARCHAR, url VARCHAR, canonical_url VARCHAR)`);
  }

  /** Store a batch; outcomes follow the input order (an article given twice is stored as if given one after the other). */
  async store(writes: ArticleWrite[]): Promise<UpsertOutcome[]> {
    await this.prepare();
    return this.w.transaction(() => this.storeInTransaction(writes));
  }

  private async storeInTransaction(writes: ArticleWrite[]): Promise<UpsertOutcome[]> {
    const w = this.w;
    const outcomes: UpsertOutcome[] = [];
    const staged: Record<string, BulkValue>[] = [];
    /** Unchanged articles: their fetch time, media kind and (final, canonical) URL, last write of the batch per article. */
    const touched = new Map<string, Record<string, BulkValue>>();
    /** Changed articles (and repeats within the batch): one UPDATE each, in order, after the inserts. */
    const edits: { x: ArticleWrite; id: string; hash: string; version: number }[] = [];
    /** Each article's last staged row of the batch: its version is the current one (stored without its body). */
    const last = new Map<string, Record<string, BulkValue>>();
    if (!this.options.perSource) await this.lookUpIds(writes);
    for (const x of writes) {
      const a = x.article;
      const id = articleId(x.sourceId, a.item_id);
      const hash = contentHash(a.title, a.body_text);
      const map = this.known.get(x.sourceId) ?? (await this.knownOf(x.sourceId));
      const old = map.get(a.item_id);
      const published = a.published_at === null ? null : Date.parse(a.published_at);
      // A corrected publication date is a change too; a page that no longer shows a date does not erase the stored one.
      const redated = old !== undefined && published !== null && old.published !== published;
      if (old && old.hash === hash && !redated) {
        outcomes.push("unchanged");
        // The same text, maybe reached at another (final, canonical) URL.
        if (old.url !== x.url || old.canonical !== (a.canonical_url ?? null)) map.set(a.item_id, { ...old, url: x.url, canonical: a.canonical_url ?? null });
        touched.delete(id);
        touched.set(id, { article_id: id, fetched_at: x.fetchedAt, media_kind: a.media_kind ?? "text", url: x.url, canonical_url: a.canonical_url ?? null });
        continue;
      }
      const version = old ? old.version + 1 : 1;
      outcomes.push(old ? "changed" : "new");
      const isNew = !old && !last.has(id);
      if (!isNew) edits.push({ x, id, hash, version });
      touched.delete(id); // an earlier unchanged write of this batch must not undo this one
      map.set(a.item_id, { hash, version, published, url: x.url, canonical: a.canonical_url ?? null });
      const row: Record<string, BulkValue> = {
        article_id: id, source_id: x.sourceId, item_id: a.item_id, url: x.url, canonical_url: a.canonical_url, title: a.title,
        published_at: a.published_at, published_text: a.published_text, date_source: a.date_source, date_confidence: a.date_confidence,
        date_resolution: a.date_resolution ?? null, body_text: a.body_text, byline: a.byline ?? null, media_kind: a.media_kind ?? "text",
        content_hash: hash, version, first_seen_at: x.fetchedAt, fetched_at: x.fetchedAt, run_id: x.runId, is_new: isNew, is_current: true,
      };
      const before = last.get(id);
      if (before) before.is_current = false;
      last.set(id, row);
      staged.push(row);
    }
    if (!this.tables && (staged.length || touched.size)) await this.createTables();
    if (staged.length) {
      // Each text crosses into DuckDB once (the Appender, straight into articles) and is stored once:
      // the version rows carry no body unless a later write of the same batch supersedes them.
      await appendRows(w, "articles", staged.filter((r) => r.is_new));
      await appendRows(
        w,
        "article_versions",
        staged.map((r) => ({
          article_id: r.article_id, version: r.version, content_hash: r.content_hash, title: r.title,
          body_text: r.is_current ? null : r.body_text, published_at: r.published_at, fetched_at: r.fetched_at,
        })),
      );
    }
    if (edits.length) {
      // The versions these edits supersede keep their text: written into their rows before the articles change.
      const ids = [...new Set(edits.map((e) => e.id))];
      await inParts(ids, (part) =>
        w.run(
          `UPDATE article_versions SET body_text = a.body_text FROM articles a
           WHERE article_versions.article_id = a.article_id AND article_versions.version = a.version
             AND article_versions.body_text IS NULL AND a.article_id IN ${placeholders(part.length)}`,
          part,
        ),
      );
    }
    for (const { x, id, hash, version } of edits) {
      const a = x.article;
      await w.run(
        `UPDATE articles SET url = $url, canonical_url = $canonical, title = $title, published_at = $published::TIMESTAMPTZ,
           published_text = $ptext, date_source = $dsource, date_confidence = $dconf, date_resolution = $dres, body_text = $body, byline = $byline,
           media_kind = $media, content_hash = $hash, version = $version, fetched_at = $fetched::TIMESTAMPTZ, run_id = $run
         WHERE article_id = $id AND source_id = $source AND item_id = $item`,
        {
          id, source: x.sourceId, item: a.item_id, url: x.url, canonical: a.canonical_url, title: a.title, published: a.published_at,
          ptext: a.published_text, dsource: a.date_source, dconf: a.date_confidence, dres: a.date_resolution ?? null, body: a.body_text,
          byline: a.byline ?? null, media: a.media_kind ?? "text", hash, version, fetched: x.fetchedAt.toISOString(), run: x.runId,
        },
      );
    }
    if (touched.size) {
      // One set-based UPDATE for every unchanged article of the batch (after the edits, as the writes came).
      await appendRows(w, TOUCH, touched.values());
      await w.run(
        `UPDATE articles SET fetched_at = t.fetched_at, media_kind = t.media_kind, url = t.url, canonical_url = t.canonical_url
         FROM ${TOUCH} t WHERE articles.article_id = t.article_id`,
      );
      await w.run(`DELETE FROM ${TOUCH}`);
    }
    return outcomes;
  }
}

/** Store a batch of articles once (see ArticleStore; a crawl keeps one store for its whole run). */
export async function storeArticles(w: Warehouse, writes: ArticleWrite[]): Promise<UpsertOutcome[]> {
  return new ArticleStore(w, { perSource: false }).store(writes);
}

/**
 * Insert or version one article: `ArticleStore` with a batch of one, looking up only that
 * article (one-off writes, tests; the crawl and the re-extraction store batches).
 * Call inside a transaction when writing several.
 */
export async function upsertArticle(
  w: Warehouse,
  sourceId: string,
  url: string,
  a: ExtractedArticle,
  fetchedAt: Date,
  runId: string | null,
): Promise<UpsertOutcome> {
  return (await storeArticles(w, [{ sourceId, url, article: a, fetchedAt, runId }]))[0]!;
}

export async function knownItemIds(w: Warehouse, sourceId: string): Promise<Set<string>> {
  const rows = await w.all("SELECT item_id FROM articles WHERE source_id = $source", { source: sourceId });
  return new Set(rows.map((r) => r.item_id as string));
}
