// The monthly briefing's notable items (mart_briefing_notable: six per month). See docs/site-data.md.
import { briefingNotableRows } from "../../pipelines/report/site-queries.ts";
import { withLoaderWarehouse } from "../../pipelines/site/loader-io.ts";

process.stdout.write(JSON.stringify(await withLoaderWarehouse(briefingNotableRows)));
