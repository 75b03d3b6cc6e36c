// The printable per-agency scorecard (Thẻ điểm): mart_agency_scorecard (per agency and year, rows by status,
// items counted), the coverage rows (mart_coverage) and the items behind each number (mart_scorecard_items).
// See docs/site-data.md. The page only filters these rows.
import { coverageTableRows, scorecardItemRows, scorecardRows } from "../../pipelines/report/queries.ts";
import { withLoaderWarehouse } from "../../pipelines/site/loader-io.ts";

const data = await withLoaderWarehouse(async (w) => ({
  cards: await scorecardRows(w),
  rows: await coverageTableRows(w),
  items: await scorecardItemRows(w),
}));
process.stdout.write(JSON.stringify(data));
