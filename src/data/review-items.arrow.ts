// CCHC items to review (no agency, no date, attribution below full confidence): mart_review_items, fetched when a list is opened.
import { reviewItemRows } from "../../pipelines/report/site-queries.ts";
import { withLoaderWarehouse, writeArrow } from "../../pipelines/site/loader-io.ts";

writeArrow(await withLoaderWarehouse(reviewItemRows), {
  item_key: "string",
  article_id: "string",
  title: "string",
  url: "string",
  source_name: "category",
  channel: "category",
  agency_id: "category",
  agency_name: "category",
  attribution: "category",
  attribution_confidence: "number",
  confidence_pct: "number",
  published_at: "string",
  primary_area: "category",
  archive_path: "string", // the archived copy under the site (int_archived_copies), null when none
  is_demo: "boolean",
});
