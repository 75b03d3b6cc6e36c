// The printable per-agency scorecard (Thẻ điểm): mart_agency_scorecard (per agency and year, rows by status,
// items counted) and the coverage rows (mart_coverage); the items behind each number (mart_scorecard_items) are
// in parts (scorecard-items.zip: the part of each card is its items_part), which grow with the articles; the page
// loads only the chosen agency's part, after it is drawn. See docs/site-data.md.
import { coverageTableRows, scorecardRows } from "../../pipelines/report/queries.ts";
import { withLoaderWarehouse } from "../../pipelines/site/loader-io.ts";

const ROW_COLUMNS = ["agency_id", "year", "target_id", "plan", "clause", "target_label", "provisional_label", "has_minimum", "minimum",
  "topic", "measure", "measure_unit", "period", "period_start", "actual", "gap", "status", "items"] as const;
const pick = (r: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, r[k]]));

const data = await withLoaderWarehouse(async (w) => ({
  cards: await scorecardRows(w),
  // the columns the page prints (item_keys are in `items`, one row per item behind a number)
  rows: (await coverageTableRows(w)).map((r) => pick(r, ROW_COLUMNS)),
}));
process.stdout.write(JSON.stringify(data));
