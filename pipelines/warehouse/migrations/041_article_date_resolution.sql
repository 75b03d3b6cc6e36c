-- How an incomplete publication date was completed (e.g. a baotayninh.vn video
-- page's yearless "Chiều 3.11" given its year from the listing's neighbours or
-- the crawl date); NULL when nothing was inferred. Never silent: see
-- data-loaders/common/vi-dates.ts resolveYear.
ALTER TABLE articles ADD COLUMN date_resolution VARCHAR;
