/**
 * The analysis step: (re)classify every article, attribute it, cluster
 * syndicated copies, apply analyst overrides, and replace article_labels,
 * article_attribution and article_clusters in one transaction. Idempotent:
 * the same warehouse, lexicon, agencies and overrides give the same tables.
 * The view countable_items (migration 020) then yields one row per
 * (cluster, agency, channel).
 */
import type { DuckDBValue } from "@duckdb/node-api";
import { attribute, compileAgencies, type AgencyRef, type Attribution } from "../attribute/attribute.ts";
import { classifyWith, type Classification } from "../classify/classify.ts";
import type { Lexicon } from "../classify/lexicon.ts";
import { clusterItems } from "../dedupe/cluster.ts";
import { effectiveOverrides, type Effective } from "../overrides/overrides.ts";
import { importOverridesFile, loadOverrides } from "../overrides/store.ts";
import { toVietnamIso } from "../time/vietnam-time.ts";
import type { Warehouse } from "../warehouse/db.ts";

export interface AnalyseOptions {
  lexicon: Lexicon;
  agencies: AgencyRef[];
  /** Overrides file to import before applying (entries the warehouse lacks); null = table only. */
  overridesFile?: string | null;
  /** Stamped on article_labels.analysed_at. */
  now: Date;
}

export interface AnalyseSummary {
  articles: number;
  cchc: number;
  attributed: number;
  unattributed: number;
  clusters: number;
  countable: number;
  overridden: number;
  overrides_imported: number;
}

interface ArticleRow {
  article_id: string;
  title: string;
  body_text: string;
  byline: string | null;
  published_at: string | null;
  first_seen_at: string | null;
  source_agency_id: string | null;
  channel: string | null;
}

/** Labels after overrides: an exclude wins over the classifier, an include keeps the classifier's areas unless areas are overridden too. */
export function applyLabelOverrides(c: Classification, e: Effective | undefined): { is_cchc: boolean; areas: string[] } {
  const is_cchc = e?.include ?? c.is_cchc;
  if (!is_cchc) return { is_cchc, areas: [] };
  if (e?.areas?.length) return { is_cchc, areas: e.areas };
  if (c.areas.length) return { is_cchc, areas: c.areas };
  // Included by an analyst although the classifier said no: its best-scoring areas, if any.
  const ranked = Object.entries(c.area_scores).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  return { is_cchc, areas: ranked.length ? [ranked[0][0]] : [] };
}

export function applyAgencyOverride(a: Attribution, e: Effective | undefined): Attribution {
  if (!e?.agency) return a;
  return { agency_id: e.agency.agency_id, method: "analyst", confidence: 1, evidence: `override by ${e.agency.by}: ${e.agency.why}`, candidates: a.candidates, review: null, review_kind: null };
}

/** Insert rows in batches of positional parameters. */
async function insertRows(w: Warehouse, table: string, columns: string[], rows: DuckDBValue[][], casts: Record<string, string> = {}): Promise<void> {
  const BATCH = 200;
  const placeholder = `(${columns.map((c) => (casts[c] ? `?::${casts[c]}` : "?")).join(", ")})`;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await w.run(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${batch.map(() => placeholder).join(", ")}`, batch.flat());
  }
}

export async function analyse(w: Warehouse, opts: AnalyseOptions): Promise<AnalyseSummary> {
  return w.transaction(() => analyseInTransaction(w, opts));
}

async function analyseInTransaction(w: Warehouse, opts: AnalyseOptions): Promise<AnalyseSummary> {
  const imported = opts.overridesFile ? await importOverridesFile(w, opts.overridesFile) : 0;
  const rows = (await w.all(
    `SELECT a.article_id, a.title, a.body_text, a.byline, a.published_at, a.first_seen_at, s.agency_id AS source_agency_id, s.channel
     FROM articles a LEFT JOIN sources s ON s.source_id = a.source_id
     ORDER BY a.article_id`,
  )) as unknown as ArticleRow[];
  const overrides = effectiveOverrides(await loadOverrides(w));
  const matcher = compileAgencies(opts.agencies);
  const clusters = clusterItems(rows.map((r) => ({ id: r.article_id, title: r.title, text: r.body_text, published_at: r.published_at })));
  const clusterSize = new Map<string, number>();
  for (const c of clusters) clusterSize.set(c.cluster_id, (clusterSize.get(c.cluster_id) ?? 0) + 1);
  const analysedAt = toVietnamIso(opts.now);

  const labelRows: DuckDBValue[][] = [];
  const attributionRows: DuckDBValue[][] = [];
  let cchc = 0, attributed = 0, overridden = 0;
  for (const r of rows) {
    const e = overrides.get(r.article_id);
    if (e) overridden++;
    const c = classifyWith(opts.lexicon, { title: r.title, text: r.body_text });
    const label = applyLabelOverrides(c, e);
    if (label.is_cchc) cchc++;
    labelRows.push([
      r.article_id, label.is_cchc, c.score, label.areas[0] ?? null, label.areas.join(","), c.indices.join(","), c.tthc_fields.join(","),
      JSON.stringify(c.matched), c.is_cchc, c.areas.join(","), e ? e.override_ids.join(",") : null, analysedAt,
    ]);
    const date = r.published_at ? r.published_at.slice(0, 10) : null; // ISO with +07:00: the Vietnamese calendar day
    const a = applyAgencyOverride(
      attribute(matcher, {
        source_agency_id: r.source_agency_id, byline: r.byline, title: r.title, text: r.body_text, date, channel: r.channel,
        latest: r.first_seen_at ? r.first_seen_at.slice(0, 10) : null, // an undated page is no later than when it was first seen
      }),
      e,
    );
    if (a.agency_id) attributed++;
    attributionRows.push([r.article_id, a.agency_id, a.method, a.confidence, a.evidence, JSON.stringify(a.candidates), a.review, a.review_kind]);
  }
  const clusterRows: DuckDBValue[][] = clusters.map((c) => [c.id, c.cluster_id, c.similarity, clusterSize.get(c.cluster_id) ?? 1]);

  await w.run("DELETE FROM article_labels");
  await w.run("DELETE FROM article_attribution");
  await w.run("DELETE FROM article_clusters");
  await insertRows(
      w,
      "article_labels",
      ["article_id", "is_cchc", "score", "primary_area", "areas", "indices", "tthc_fields", "matched_json", "classified_is_cchc", "classified_areas", "override_ids", "analysed_at"],
      labelRows,
      { score: "DOUBLE", analysed_at: "TIMESTAMPTZ" },
    );
  await insertRows(w, "article_attribution", ["article_id", "agency_id", "method", "confidence", "evidence", "candidates_json", "review_reason", "review_kind"], attributionRows, { confidence: "DOUBLE" });
  await insertRows(w, "article_clusters", ["article_id", "cluster_id", "similarity", "cluster_size"], clusterRows, { similarity: "DOUBLE", cluster_size: "INTEGER" });
  const countable = Number((await w.one("SELECT count(*) AS n FROM countable_items"))?.n ?? 0);
  return {
    articles: rows.length,
    cchc,
    attributed,
    unattributed: rows.length - attributed,
    clusters: clusterSize.size,
    countable,
    overridden,
    overrides_imported: imported,
  };
}
