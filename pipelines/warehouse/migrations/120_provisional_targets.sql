-- Provisional targets (pipelines/registry/provisional.ts): a target carried from
-- an issuer's latest plan into a year it has no plan for. Such rows are ordinary
-- targets and coverage rows; these columns say so, and carry the label every
-- page, export and briefing prints beside the number ("tạm tính theo <plan> <clause>").
ALTER TABLE targets ADD COLUMN provisional_from VARCHAR;      -- the carried target's id; NULL for an entered target
ALTER TABLE targets ADD COLUMN provisional_label VARCHAR;
ALTER TABLE coverage ADD COLUMN provisional BOOLEAN DEFAULT false;
ALTER TABLE coverage ADD COLUMN provisional_label VARCHAR;

-- What is in force each year from the first plan year to the next year: the
-- plans entered, the plans provisional targets were carried from, and for a
-- year with no targets at all why, and what to do (shown by the site).
CREATE TABLE target_years (
  year          INTEGER PRIMARY KEY,
  own_plans     VARCHAR[] NOT NULL,
  carried_from  VARCHAR[] NOT NULL,
  targets       INTEGER NOT NULL,
  empty_reason  VARCHAR
);
