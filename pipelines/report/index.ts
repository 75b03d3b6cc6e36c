/**
 * The report step: read the countable items (article clusters credited to an
 * agency, plus analyst-entered evidence), evaluate every target of the registry
 * and replace, in one transaction, the tables it materialises:
 *   - int_agency_current, int_item_credit: the resolved lineage (intermediate),
 *     from the registry's own rule (mapAgency);
 *   - coverage and its long form coverage_items (marts);
 *   - vocabulary: every code with its Vietnamese labels.
 * The marts views (pipelines/warehouse/models/marts_*.sql) read these tables.
 */
import { listValue } from "@duckdb/node-api";
import { mapAgency } from "../registry/agencies.ts";
import type { Registry } from "../registry/types.ts";
import { endOfDay, startOfDay, vietnamDay, vietnamDayOf } from "../coverage/periods.ts";
import { creditIndex, creditSpans, type DatedItems, foldTopicText, instantOf } from "../coverage/targets.ts";
import { vocabularyRows } from "../vocabulary/index.ts";
import { targetsInForce, withTargetsInForce } from "../registry/provisional.ts";
import { toVietnamIso, vietnamParts } from "../time/vietnam-time.ts";
import { appendRows, appendValueRows, type BulkValue, BulkWriter, filled } from "../warehouse/bulk-write.ts";
import type { Warehouse } from "../warehouse/db.ts";
import { type CoverageRow, coverageRows, itemsTestedByKeywords, type ReportItem } from "./coverage.ts";

/**
 * The countable items (report_items) that can count toward a target, dated and credited to an
 * agency, with what the coverage and the lineage read of each (its title and text are read only
 * for some: itemTexts), staged once per run in a temporary table: report_items is evaluated once,
 * and the lineage is joined to it in DuckDB (writeLineage). `at`: the item's instant in ms, to the
 * second, as its published_at (Vietnam time, to the second) says.
 */
const STAGED_ITEMS = "temp.report_step_items";
async function stageItems(w: Warehouse): Promise<void> {
  await w.run(
    `CREATE OR REPLACE TEMP TABLE report_step_items AS
     SELECT item_key, agency_id, channel, CAST(epoch_ms(date_trunc('second', published_at)) AS DOUBLE) AS at,
            areas, sessions, attendance, quantity, media_kind
     FROM report_items
     WHERE agency_id IS NOT NULL AND published_at IS NOT NULL`,
  );
}

/** A staged item: its published_at, in Vietnam time, made from its instant when asked (few are). */
class StagedItem implements ReportItem {
  title = "";
  text = "";
  constructor(
    readonly item_key: string,
    readonly at: number,
    readonly agency_id: string,
    readonly channel: string,
    readonly areas: string[],
    readonly media_kind: string,
    readonly sessions: number,
    readonly attendance: number | null,
    readonly quantity: number | null,
  ) {}

  get published_at(): string {
    return toVietnamIso(new Date(this.at));
  }
}

/**
 * Items (report_items, intermediate_report_items.sql) that can count toward a
 * target: dated and credited to an agency (staged by stageItems), in instant
 * order (coverageRows lists each row's items in item_key order). Read one DuckDB
 * chunk at a time, as columns, without their titles and texts. Of the registry given (its targets in
 * force), only the items a keyword filter is asked about (itemsTestedByKeywords)
 * have their title and text read (itemTexts) and folded once (foldTopicText):
 * such an item keeps its matching key (matchKey: the folded words, all the topic
 * filter reads) only when a topic keyword of the targets occurs in it; every
 * other item keeps no title and no text, which no coverage row reads — at a
 * million articles the texts would otherwise be most of the step's memory and
 * their folding most of its time.
 * `byAgency`, when given, receives the items' creditIndex (coverageRows reads it too).
 */
export async function reportItems(w: Warehouse, registry: Registry, byAgency?: (index: Map<string, DatedItems<ReportItem>>) => void): Promise<ReportItem[]> {
  // What an item shares with many others (its agency, channel, areas and media kind: some
  // thousands of combinations) is read once per combination, and each item names its combination:
  // DuckDB hands every string over one by one.
  await w.run(
    `CREATE OR REPLACE TEMP TABLE report_step_kinds AS
     SELECT (row_number() OVER () - 1)::INTEGER AS kind, agency_id, channel, areas, media_kind
     FROM (SELECT DISTINCT agency_id, channel, areas, media_kind FROM ${STAGED_ITEMS})`,
  );
  const kinds = (await w.all("SELECT agency_id, channel, areas, media_kind FROM temp.report_step_kinds ORDER BY kind")).map((r) => ({
    agency_id: r.agency_id as string,
    channel: r.channel as string,
    areas: r.areas ? String(r.areas).split(",") : [],
    media_kind: (r.media_kind as string | null) ?? "text",
  }));
  const items: ReportItem[] = [];
  await w.exclusive(async (c) => {
    const result = await c.stream(
      `SELECT i.item_key, i.at, k.kind, i.sessions, i.attendance, i.quantity
       FROM ${STAGED_ITEMS} i
       JOIN temp.report_step_kinds k ON k.agency_id = i.agency_id AND k.channel IS NOT DISTINCT FROM i.channel
        AND k.areas IS NOT DISTINCT FROM i.areas AND k.media_kind IS NOT DISTINCT FROM i.media_kind
       ORDER BY i.at, i.item_key`,
    );
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const [keys, at, kindOf, sessions, attendance, quantity] = chunk.getColumns();
      for (let k = 0; k < chunk.rowCount; k++) {
        const kind = kinds[kindOf[k] as number];
        items.push(
          new StagedItem(
            keys[k] as string, at[k] as number, kind.agency_id, kind.channel, kind.areas, kind.media_kind,
            Number(sessions[k]), attendance[k] === null ? null : Number(attendance[k]), quantity[k] === null ? null : Number(quantity[k]),
          ),
        );
      }
    }
  });
  await w.run("DROP TABLE temp.report_step_kinds");
  const index = creditIndex(registry, items);
  byAgency?.(index);
  const wanted = itemsTestedByKeywords(registry, items, index);
  if (wanted.size) {
    const byKey = new Map([...wanted].map((item) => [item.item_key, item]));
    for (const t of await itemTexts(w, [...byKey.keys()])) {
      const item = byKey.get(t.item_key)!;
      item.title = t.title;
      foldTopicText(registry.targets, item, t.text);
    }
  }
  return items;
}

/**
 * The title and text of some items (by their keys), read from report_items, the one definition of
 * where an item's title and text come from. (Reading them by key from articles and evidence_items
 * instead is ~3 CPU-s faster at a million articles, DuckDB reading every countable article's text
 * through the view, but it would be a second statement of that rule.)
 */
export async function itemTexts(w: Warehouse, itemKeys: string[]): Promise<{ item_key: string; title: string; text: string }[]> {
  if (!itemKeys.length) return [];
  const rows = await w.all("SELECT item_key, title, text FROM report_items WHERE item_key IN (SELECT unnest($keys::VARCHAR[]))", { keys: listValue(itemKeys) });
  return rows.map((r) => ({ item_key: String(r.item_key), title: String(r.title ?? ""), text: String(r.text ?? "") }));
}

/**
 * The resolved lineage: each agency's current counterparts today, and each dated item's credited
 * agencies on its own day. `items`: the staged items (stageItems, reportItems).
 */
export async function writeLineage(w: Warehouse, registry: Registry, items: ReportItem[], today: Date): Promise<void> {
  const day = vietnamDay(today);
  const current: (string | null)[][] = [];
  for (const a of registry.agencies) {
    const ids = mapAgency(registry, a.id, day);
    if (ids.length === 0) current.push([a.id, null, "abolished", day]);
    for (const id of ids) current.push([a.id, id, id === a.id ? "current" : "successor", day]);
  }
  // int_item_credit: one row per item and agency credited (~350,000 at a million articles), joined
  // in DuckDB from the staged items and creditsOf's answers for the days they fall on, as spans.
  const days = new Map<string, Set<string>>();
  for (const item of items) {
    let set = days.get(item.agency_id);
    if (!set) days.set(item.agency_id, (set = new Set()));
    set.add(vietnamDayOf(instantOf(item)));
  }
  // each span as instants: the first of its first day, the first after its last
  const spans = creditSpans(registry, days).map((s) => ({
    from_agency: s.from_agency, start_ms: startOfDay(s.first_day).getTime(), end_ms: endOfDay(s.last_day).getTime(), agency_id: s.agency_id, reason: s.reason,
  }));
  await w.run("DELETE FROM int_agency_current");
  await appendValueRows(w, "int_agency_current", current);
  await w.run("CREATE OR REPLACE TEMP TABLE report_credit_spans (from_agency VARCHAR, start_ms DOUBLE, end_ms DOUBLE, agency_id VARCHAR, reason VARCHAR)");
  await appendRows(w, "temp.report_credit_spans", spans);
  const credits = `SELECT i.item_key, s.agency_id, i.agency_id AS from_agency, s.reason
                   FROM ${STAGED_ITEMS} i
                   JOIN temp.report_credit_spans s ON s.from_agency = i.agency_id AND i.at >= s.start_ms AND i.at < s.end_ms`;
  if (Number((await w.one("SELECT count(*) AS n FROM int_item_credit"))?.n ?? 0) === 0) {
    await w.run(`INSERT INTO int_item_credit (item_key, agency_id, from_agency, reason) ${credits}`);
  } else {
    // Only the rows that change are deleted and inserted: each row costs an update of the table's
    // primary-key index (~3 µs), and after a crawl most rows are as they were.
    await w.run(`CREATE OR REPLACE TEMP TABLE report_item_credit AS ${credits}`);
    const same = `n.item_key = o.item_key AND n.agency_id = o.agency_id AND n.from_agency = o.from_agency AND n.reason = o.reason`;
    await w.run(`DELETE FROM int_item_credit o WHERE NOT EXISTS (SELECT 1 FROM temp.report_item_credit n WHERE ${same})`);
    await w.run(
      `INSERT INTO int_item_credit (item_key, agency_id, from_agency, reason)
       SELECT * FROM temp.report_item_credit n WHERE NOT EXISTS (SELECT 1 FROM int_item_credit o WHERE ${same})`,
    );
    await w.run("DROP TABLE temp.report_item_credit");
  }
  await w.run("DROP TABLE temp.report_credit_spans");
}

/** Append `count` rows given as columns (column name → values) to `table`, alone on the connection (see appendRows). */
async function appendColumns(w: Warehouse, table: string, columns: Record<string, readonly BulkValue[]>, count: number): Promise<void> {
  await w.exclusive(async () => {
    await filled(await BulkWriter.openNow(w, table), (writer) => writer.addColumns(columns, count));
  });
}

export async function writeVocabulary(w: Warehouse): Promise<void> {
  await w.run("DELETE FROM vocabulary");
  await appendValueRows(
    w,
    "vocabulary",
    vocabularyRows().map((t) => [t.domain, t.code, t.label, t.short, t.description]),
  );
}

export async function writeCoverage(w: Warehouse, rows: CoverageRow[]): Promise<void> {
  await w.transaction(async () => {
    await w.run("DELETE FROM coverage");
    await w.run("DELETE FROM coverage_items");
    // One Appender for every row (a statement per row cost ~1 ms each); one instant for all, as now() gave.
    const computedAt = new Date();
    await appendRows(
      w,
      "coverage",
      rows.map(({ item_amounts: _amounts, ...row }) => ({ ...row, computed_at: computedAt })),
    );
    const items = { target_id: [] as string[], agency_id: [] as string[], period: [] as string[], item_key: [] as string[], amount: [] as number[] };
    for (const r of rows) {
      r.item_keys.forEach((key, i) => {
        items.target_id.push(r.target_id);
        items.agency_id.push(r.agency_id);
        items.period.push(r.period);
        items.item_key.push(key);
        items.amount.push(r.item_amounts[i]);
      });
    }
    await appendColumns(w, "coverage_items", items, items.item_key.length);
  });
}

/**
 * The report step's materialisation: lineage, vocabulary, coverage and coverage_items, in one transaction.
 * Every target in force is evaluated: entered ones, and provisional ones through the current year in
 * Asia/Ho_Chi_Minh (pipelines/registry/provisional.ts); target_years says per year what is in force.
 */
export async function materialiseCoverage(w: Warehouse, registry: Registry, today: Date): Promise<CoverageRow[]> {
  const year = vietnamParts(today).year;
  const inForce = withTargetsInForce(registry, year);
  return await w.transaction(async () => {
    await stageItems(w);
    let byAgency: Map<string, DatedItems<ReportItem>> | undefined;
    const items = await reportItems(w, inForce, (index) => (byAgency = index));
    const rows = coverageRows(inForce, items, today, byAgency);
    await writeLineage(w, registry, items, today);
    await w.run(`DROP TABLE ${STAGED_ITEMS}`);
    await writeVocabulary(w);
    await writeCoverage(w, rows);
    await writeTargetYears(w, registry, year + 1);
    return rows;
  });
}

/** One row per year from the first plan year through `lastYear`: what is in force, or why nothing is. */
export async function writeTargetYears(w: Warehouse, registry: Registry, lastYear: number): Promise<void> {
  const years = registry.plans.map((p) => p.year);
  await w.transaction(async () => {
    await w.run("DELETE FROM target_years");
    if (!years.length) return;
    for (let y = Math.min(...years); y <= lastYear; y++) {
      const f = targetsInForce(registry, y);
      await w.run("INSERT INTO target_years VALUES ($year, CAST(CAST($own AS JSON) AS VARCHAR[]), CAST(CAST($carried AS JSON) AS VARCHAR[]), $n, $reason)", {
        year: y, own: JSON.stringify(f.own_plans), carried: JSON.stringify(f.carried_from), n: f.targets.length, reason: f.empty_reason,
      });
    }
  });
}
