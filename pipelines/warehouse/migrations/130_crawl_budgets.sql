-- Per-source per-run budget (pipelines/crawl/budgets.ts): which part was used up, and how many
-- frontier rows were left pending for the next run because of it.
ALTER TABLE crawl_run_sources ADD COLUMN budget_exceeded VARCHAR;   -- pages | new_articles | bytes | time_ms | NULL
ALTER TABLE crawl_run_sources ADD COLUMN deferred INTEGER DEFAULT 0;
