// The Dữ liệu page's review counts (mart_review_summary); the lists (review-items.arrow) load when opened.
import { reviewSummaryRows } from "../../pipelines/report/site-queries.ts";
import { withLoaderWarehouse } from "../../pipelines/site/loader-io.ts";

process.stdout.write(JSON.stringify(await withLoaderWarehouse(reviewSummaryRows)));
