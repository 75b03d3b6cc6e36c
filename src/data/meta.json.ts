// What the site is showing: DEMO or not, when it was generated, the last crawl. See docs/site-data.md.
import { loaderWarehousePath, withLoaderWarehouse } from "../../pipelines/site/loader-io.ts";
import { toVietnamIso } from "../../pipelines/time/vietnam-time.ts";

const meta = await withLoaderWarehouse(async (w) => {
  const row = (await w.one(`
    SELECT EXISTS (SELECT 1 FROM sources WHERE is_demo) AS is_demo,
           (SELECT strftime(max(finished_at), '%Y-%m-%dT%H:%M:%S+07:00') FROM crawl_runs WHERE status = 'ok') AS last_crawl_at,
           (SELECT count(*) FROM articles) AS articles,
           (SELECT count(*) FROM sources) AS sources,
           (SELECT count(*) FROM countable_items) AS countable_items,
           (SELECT strftime(max(computed_at), '%Y-%m-%dT%H:%M:%S+07:00') FROM coverage) AS coverage_computed_at
  `))!;
  // What is in force each year (migration 120): the site says why a year has no targets, and what to do.
  const years = await w.all(`SELECT year, array_to_string(own_plans, ', ') AS own_plans, array_to_string(carried_from, ', ') AS carried_from, targets, empty_reason FROM target_years ORDER BY year`);
  return {...row, target_years: years};
});

const now = new Date();
process.stdout.write(
  JSON.stringify({
    ...meta,
    generated_at: toVietnamIso(now),
    today: toVietnamIso(now).slice(0, 10),
    warehouse: loaderWarehousePath().split("/").pop(),
  }),
);
