// Countable items (one per syndication cluster × agency × channel, analyst evidence included): see docs/site-data.md.
import { itemRows } from "../../pipelines/report/queries.ts";
import { withLoaderWarehouse, writeArrow } from "../../pipelines/site/loader-io.ts";

const rows = await withLoaderWarehouse(itemRows);

writeArrow(rows, {
  item_key: "string",
  article_id: "string",
  title: "string",
  url: "string",
  source_id: "category",
  source_name: "category",
  channel: "category",
  agency_id: "category",
  agency_name: "category",
  successor_id: "category",
  successor_name: "category",
  attribution: "category",
  attribution_confidence: "number",
  published_at: "string",
  published_text: "string",
  year: "number",
  quarter: "number",
  month: "number",
  is_cchc: "boolean",
  score: "number",
  areas: "category",
  primary_area: "category",
  indices: "category",
  cluster_id: "string",
  overridden: "boolean",
  is_demo: "boolean",
  fetched_at: "string",
  copies: "number",
  archive_path: "string", // the archived copy under the site (int_archived_copies), null when none
});
