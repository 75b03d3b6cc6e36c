/**
 * Writing crawled sources and articles. An article is identified by
 * `<source_id>:<item_id>`; a changed body makes a new version, never a second item.
 */
import { createHash } from "node:crypto";
import type { ExtractedArticle } from "../../data-loaders/types.ts";
import type { CrawlSource } from "../crawl/types.ts";
import type { Warehouse } from "./db.ts";

export type UpsertOutcome = "new" | "changed" | "unchanged";

export function articleId(sourceId: string, itemId: string): string {
  return `${sourceId}:${itemId}`;
}

export function contentHash(title: string, body: string): string {
  return createHash("sha256").update(title.normalize("NFC")).update("\n\n").update(body.normalize("NFC")).digest("hex");
}

export async function upsertSources(w: Warehouse, sources: CrawlSource[]): Promise<void> {
  await w.transaction(async () => {
    for (const s of sources) {
      await w.run(
        `INSERT INTO sources (source_id, agency_id, channel, platform, name, base_url, is_demo, updated_at)
         VALUES ($id, $agency, $channel, $platform, $name, $base, $demo, now())
         ON CONFLICT (source_id) DO UPDATE SET agency_id = excluded.agency_id, channel = excluded.channel,
           platform = excluded.platform, name = excluded.name, base_url = excluded.base_url,
           is_demo = excluded.is_demo, updated_at = excluded.updated_at`,
        { id: s.source_id, agency: s.agency_id, channel: s.channel, platform: s.platform, name: s.name, base: s.base_url, demo: s.is_demo },
      );
    }
  });
}

/** Insert or version one article. Call inside a transaction when writing a batch. */
export async function upsertArticle(
  w: Warehouse,
  sourceId: string,
  url: string,
  a: ExtractedArticle,
  fetchedAt: Date,
  runId: string | null,
): Promise<UpsertOutcome> {
  const id = articleId(sourceId, a.item_id);
  const hash = contentHash(a.title, a.body_text);
  const existing = await w.one("SELECT content_hash, version, published_at FROM articles WHERE article_id = $id", { id });
  const fetched = fetchedAt.toISOString();
  // a corrected publication date is a change too; a page that no longer shows a date does not erase the stored one
  const redated = existing !== undefined && a.published_at !== null && (existing.published_at === null || Date.parse(existing.published_at as string) !== Date.parse(a.published_at));
  if (existing && existing.content_hash === hash && !redated) {
    // the text is the same, but the page may now be reached at another (final, canonical) URL
    await w.run("UPDATE articles SET fetched_at = $fetched::TIMESTAMPTZ, media_kind = $media, url = $url, canonical_url = $canonical WHERE article_id = $id", {
      id,
      fetched,
      media: a.media_kind ?? "text",
      url,
      canonical: a.canonical_url,
    });
    return "unchanged";
  }
  const version = existing ? Number(existing.version) + 1 : 1;
  const params = {
    id,
    source: sourceId,
    item: a.item_id,
    url,
    canonical: a.canonical_url,
    title: a.title,
    published: a.published_at,
    ptext: a.published_text,
    dsource: a.date_source,
    dconf: a.date_confidence,
    dres: a.date_resolution ?? null,
    body: a.body_text,
    byline: a.byline ?? null,
    media: a.media_kind ?? "text",
    hash,
    version,
    fetched,
    run: runId,
  };
  if (existing) {
    await w.run(
      `UPDATE articles SET url = $url, canonical_url = $canonical, title = $title, published_at = $published::TIMESTAMPTZ,
         published_text = $ptext, date_source = $dsource, date_confidence = $dconf, date_resolution = $dres, body_text = $body, byline = $byline, media_kind = $media,
         content_hash = $hash, version = $version, fetched_at = $fetched::TIMESTAMPTZ, run_id = $run
       WHERE article_id = $id AND source_id = $source AND item_id = $item`,
      params,
    );
  } else {
    await w.run(
      `INSERT INTO articles (article_id, source_id, item_id, url, canonical_url, title, published_at, published_text,
         date_source, date_confidence, date_resolution, body_text, byline, media_kind, content_hash, version, first_seen_at, fetched_at, run_id)
       VALUES ($id, $source, $item, $url, $canonical, $title, $published::TIMESTAMPTZ, $ptext, $dsource, $dconf, $dres, $body, $byline, $media,
         $hash, $version, $fetched::TIMESTAMPTZ, $fetched::TIMESTAMPTZ, $run)`,
      params,
    );
  }
  await w.run(
    `INSERT INTO article_versions (article_id, version, content_hash, title, body_text, published_at, fetched_at)
     VALUES ($id, $version, $hash, $title, $body, $published::TIMESTAMPTZ, $fetched::TIMESTAMPTZ)`,
    { id, version, hash, title: a.title, body: a.body_text, published: a.published_at, fetched },
  );
  return existing ? "changed" : "new";
}

export async function knownItemIds(w: Warehouse, sourceId: string): Promise<Set<string>> {
  const rows = await w.all("SELECT item_id FROM articles WHERE source_id = $source", { source: sourceId });
  return new Set(rows.map((r) => r.item_id as string));
}
