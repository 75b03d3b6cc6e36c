// The printable per-agency scorecard (Thẻ điểm): mart_agency_scorecard (per agency and year, rows by status,
// items counted), the coverage rows (mart_coverage) and the items behind each number (mart_scorecard_items).
// See docs/site-data.md. The page only filters these rows.
import { coverageTableRows, scorecardItemRows, scorecardRows } from "../../pipelines/report/queries.ts";
import { withLoaderWarehouse } from "../../pipelines/site/loader-io.ts";

const ROW_COLUMNS = ["agency_id", "year", "target_id", "plan", "clause", "target_label", "provisional_label", "has_minimum", "minimum",
  "topic", "measure", "measure_unit", "period", "period_start", "actual", "gap", "status", "items"] as const;
const pick = (r: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, r[k]]));

const data = await withLoaderWarehouse(async (w) => ({
  cards: await scorecardRows(w),
  // the columns the page prints (item_keys are in `items`, one row per item behind a number)
  rows: (await coverageTableRows(w)).map((r) => pick(r, ROW_COLUMNS)),
  items: await scorecardItemRows(w),
}));
process.stdout.write(JSON.stringify(data));
