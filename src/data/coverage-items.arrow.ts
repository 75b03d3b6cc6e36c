// Which items each coverage row counts (coverage_items, long form): fetched only when an item list is opened.
import { coverageItemRows } from "../../pipelines/report/site-queries.ts";
import { withLoaderWarehouse, writeArrow } from "../../pipelines/site/loader-io.ts";

writeArrow(await withLoaderWarehouse(coverageItemRows), { target_id: "category", agency_id: "category", period: "category", item_key: "string" });
