/**
 * What an incremental analysis keeps and what it analyses again (index.ts). Each analysed article
 * has a row of article_analysis (migration 210): the hash of the fields the analysis reads, the
 * effective overrides applied to its rows, and its clusterer's record (signature and shingle set).
 * While the fingerprint (fingerprint.ts) is the one stored, an article is analysed again only when
 * it has no such row, its hash differs, or its effective overrides differ; the rows of the others
 * (labels, attribution, record) are kept as they are.
 */
import { listValue } from "@duckdb/node-api";
import type { Effective } from "../overrides/overrides.ts";
import { TEXT_FIELD_SQL, TEXT_FIELDS } from "./batch.ts";
import { BulkWriter } from "../warehouse/bulk-write.ts";
import { inParts, placeholders, type Warehouse } from "../warehouse/db.ts";

/**
 * DuckDB's hash of the fields the analysis reads of an article (batch.ts' TEXT_FIELD_SQL, which
 * pass 1's SELECT in index.ts reads too: the source, title, body, byline and the published and
 * first-seen days), over `articles` aliased `a`.
 * A DuckDB whose hash() differs makes every article look changed once: a full run, never a wrong one.
 */
export const INPUT_HASH_SQL = `hash(${TEXT_FIELDS.map((f) => TEXT_FIELD_SQL[f]).join(", ")})`;

/** The stored form of an article's effective overrides (compared as text), null when it has none. */
export const overridesKey = (e: Effective | undefined): string | null => (e ? JSON.stringify(e) : null);

export interface ArticleInputs {
  /** Per row id, the article's input hash (INPUT_HASH_SQL). */
  hashes: BigUint64Array;
  /** Row ids of the articles to analyse, ascending (all of them on a full run). */
  toAnalyse: number[];
}

/**
 * Every article's input hash, and the articles to analyse: all of them when `full`, else those with
 * no stored analysis, another input hash or other effective overrides than stored.
 */
export async function articleInputs(w: Warehouse, expected: number, maxRowId: number, full: boolean, effective: Map<string, Effective>): Promise<ArticleInputs> {
  const hashes = new BigUint64Array(maxRowId + 1);
  const seen = new Uint8Array(maxRowId + 1);
  // A plain scan, in row id order: should its stream end early (as pass 1's can), it goes on after
  // the last row read; an article read twice, or left unread, fails.
  let read = 0, last = -1;
  for (;;) {
    const before = read;
    const after = last;
    await w.streamCommitted(
      `SELECT a.rowid::INTEGER AS row_id, ${INPUT_HASH_SQL} AS h FROM articles a${after >= 0 ? " WHERE a.rowid > $row" : ""}`,
      after >= 0 ? { row: after } : undefined,
      (chunk) => {
        const rows = chunk.getColumnValues(0) as number[];
        const hs = chunk.getColumnValues(1) as bigint[];
        for (let k = 0; k < chunk.rowCount; k++) {
          const r = rows[k];
          if (seen[r]) throw new Error(`analysis: the article of row ${r} read twice (row ${r}); nothing was written`);
          seen[r] = 1;
          hashes[r] = hs[k];
          read++;
        }
        last = rows.at(-1) ?? last;
      },
    );
    if (read >= expected || read === before) break;
  }
  if (read !== expected) throw new Error(`analysis: read ${read.toLocaleString("en")} of the warehouse's ${expected.toLocaleString("en")} articles; nothing was written (run cchc report again)`);
  const analyse = full ? seen : Uint8Array.from(seen);
  if (!full) {
    // The articles with a stored analysis of the same input are kept (an article this read misses is
    // analysed again: never a wrong row).
    const stored = new Uint8Array(maxRowId + 1);
    await w.streamCommitted("SELECT a.rowid::INTEGER AS row_id, s.input_hash FROM article_analysis s JOIN articles a USING (article_id)", undefined, (chunk) => {
      const rows = chunk.getColumnValues(0) as number[];
      const hs = chunk.getColumnValues(1) as bigint[];
      for (let k = 0; k < chunk.rowCount; k++) {
        const r = rows[k];
        if (stored[r]) throw new Error(`analysis: the article of row ${r} has two stored analyses; nothing was written (run cchc report --full)`);
        stored[r] = 1;
        if (hs[k] === hashes[r]) analyse[r] = 0;
      }
    });
    // Articles whose effective overrides are not those their stored rows were made with.
    const storedKeys = new Map((await w.all("SELECT article_id, overrides_json FROM article_analysis WHERE overrides_json IS NOT NULL")).map((r) => [r.article_id as string, r.overrides_json as string]));
    const changed = [...new Set([...storedKeys.keys(), ...effective.keys()])].filter((id) => (storedKeys.get(id) ?? null) !== overridesKey(effective.get(id)));
    await inParts(changed, async (part) => {
      for (const r of await w.all(`SELECT rowid::INTEGER AS row_id FROM articles WHERE article_id IN ${placeholders(part.length)}`, part)) analyse[r.row_id as number] = 1;
    });
  }
  const toAnalyse: number[] = [];
  for (let r = 0; r <= maxRowId; r++) if (analyse[r]) toAnalyse.push(r);
  return { hashes, toAnalyse };
}

/** SQL of the row ids in the list parameter `$rows` (an INTEGER[]), as a table `l(row_id)` to join on. */
export const ROW_LIST_SQL = "(SELECT unnest($rows::INTEGER[]) AS row_id) l";
/** The value of `$rows`. */
export const rowList = (rows: number[]) => listValue(rows);

/**
 * Remove the stored rows (labels, attribution, analysis) of the articles to analyse again and of the
 * articles no longer in the warehouse: what remains are the kept articles' rows.
 */
export async function removeStale(w: Warehouse, rows: number[]): Promise<void> {
  for (const table of ["article_labels", "article_attribution", "article_analysis"]) {
    await w.run(`DELETE FROM ${table} WHERE article_id NOT IN (SELECT article_id FROM articles)`);
    // (an empty list has no type to bind it with)
    if (rows.length) await w.run(`DELETE FROM ${table} WHERE article_id IN (SELECT a.article_id FROM articles a JOIN ${ROW_LIST_SQL} ON a.rowid = l.row_id)`, { rows: rowList(rows) });
  }
}

/** Replace the stored fingerprint (null: none, every next run is a full one). */
export async function storeFingerprint(w: Warehouse, fingerprint: string | null, analysedAt: string): Promise<void> {
  await w.run("DELETE FROM analysis_state");
  if (fingerprint !== null) await w.run("INSERT INTO analysis_state VALUES ($f, $at::TIMESTAMPTZ)", { f: fingerprint, at: analysedAt });
}

/**
 * Write the clustering's rows (`each` gives them) where they differ from article_clusters: every row
 * goes to a temporary table, then the stored rows that are not among them are deleted and the new
 * rows not stored are inserted, so an unchanged clustering writes nothing.
 */
export async function writeClusterChanges(
  w: Warehouse,
  each: (add: (row: { article_id: string; cluster_id: string; similarity: number; cluster_size: number }) => void) => void,
): Promise<void> {
  await w.run("CREATE OR REPLACE TEMP TABLE analysis_clusters AS SELECT * FROM article_clusters LIMIT 0");
  try {
    const writer = await BulkWriter.open(w, "temp.analysis_clusters");
    each((row) => writer.add(row));
    writer.close();
    const same = "n.article_id = c.article_id AND n.cluster_id = c.cluster_id AND n.similarity = c.similarity AND n.cluster_size = c.cluster_size";
    await w.run(`DELETE FROM article_clusters c WHERE NOT EXISTS (SELECT 1 FROM temp.analysis_clusters n WHERE ${same})`);
    await w.run(`INSERT INTO article_clusters SELECT n.* FROM temp.analysis_clusters n WHERE NOT EXISTS (SELECT 1 FROM article_clusters c WHERE ${same})`);
  } finally {
    await w.run("DROP TABLE IF EXISTS temp.analysis_clusters");
  }
}
