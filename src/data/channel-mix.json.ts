// The channel page's marts (mart_channel_mix, mart_channel_quarters). See docs/site-data.md.
import { channelMixRows } from "../../pipelines/report/queries.ts";
import { withLoaderWarehouse } from "../../pipelines/site/loader-io.ts";

process.stdout.write(JSON.stringify(await withLoaderWarehouse(channelMixRows)));
