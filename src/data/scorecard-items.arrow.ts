// The items behind each number of the scorecard (mart_scorecard_items): per agency, year, target and period.
// Loaded by Thẻ điểm after its tables are drawn (it grows with the articles; scorecard.json does not).
import { scorecardItemRows } from "../../pipelines/report/queries.ts";
import { withLoaderWarehouse, writeArrow } from "../../pipelines/site/loader-io.ts";

writeArrow(await withLoaderWarehouse((w) => scorecardItemRows(w)), {
  agency_id: "category",
  year: "number",
  target_id: "category",
  period: "category",
  item_key: "string",
  amount: "number",
  title: "string",
  url: "string",
  archive_path: "string",
  published_at: "string",
  channel: "category",
  channel_label: "category",
  source_name: "category",
  is_demo: "boolean",
});
