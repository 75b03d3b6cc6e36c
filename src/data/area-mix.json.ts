// The area page's marts (mart_area_mix, mart_index_mix). See docs/site-data.md.
import { areaMixRows } from "../../pipelines/report/queries.ts";
import { withLoaderWarehouse } from "../../pipelines/site/loader-io.ts";

process.stdout.write(JSON.stringify(await withLoaderWarehouse(areaMixRows)));
