-- Failed attempts that a retry then recovered are recorded too (retried = TRUE),
-- so a portal that needs three tries per page shows up before it fails for good.
ALTER TABLE crawl_errors ADD COLUMN retried BOOLEAN DEFAULT FALSE;
ALTER TABLE crawl_run_sources ADD COLUMN retries INTEGER DEFAULT 0;
