-- Text similarity (trigrams) for the similar-demands hint and the inbox search.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- What the latest submitted version says, kept on the demand at every submission (the
-- working copy's `title` may already differ): the recommending unit it chose (set only by a
-- submission, so not null = submitted), its field (领域) and direction, its name, the
-- enterprise's name, `search_key` (name + enterprise, lower case) for the inbox search and
-- `search_text` (name + content) for similarity. `rank`: its place in the unit's ranked list,
-- set exactly while it is recommended (or decided by the bureau after being recommended).
ALTER TABLE demands
  ADD COLUMN recommender_unit text,
  ADD COLUMN domain_id text,
  ADD COLUMN direction text,
  ADD COLUMN submitted_title text NOT NULL DEFAULT '',
  ADD COLUMN enterprise_name text NOT NULL DEFAULT '',
  ADD COLUMN search_key text NOT NULL DEFAULT '',
  ADD COLUMN search_text text NOT NULL DEFAULT '',
  ADD COLUMN rank int CHECK (rank >= 1);
ALTER TABLE demands ADD CONSTRAINT demands_rank_when_recommended
  CHECK ((rank IS NOT NULL) = (status IN ('recommended', 'selected', 'not_selected')));
-- One demand per place in a unit's list; checked at the end of each statement, so that a
-- re-ranking UPDATE may move places around. Also the index of the ranked lists.
ALTER TABLE demands ADD CONSTRAINT demands_unit_rank UNIQUE (campaign_id, recommender_unit, rank) DEFERRABLE INITIALLY IMMEDIATE;
-- The inbox: a unit's demands newest first; filtering, counting, sorting and finding the ids
-- of a page (however deep) read only the index.
CREATE INDEX demands_inbox ON demands (campaign_id, recommender_unit, submitted_at DESC, id)
  INCLUDE (status, rank, domain_id, direction, search_key) WHERE recommender_unit IS NOT NULL;
CREATE INDEX demands_search_key ON demands USING gin (search_key gin_trgm_ops);
CREATE INDEX demands_search_text ON demands USING gin (search_text gin_trgm_ops);

-- The race-safe quota: one counter per unit and campaign, changed only by an UPDATE that
-- takes the row lock; the CHECK makes the database refuse a recommendation over the quota
-- however many recommenders of the unit act at once. `quota` NULL: the notice sets none.
CREATE TABLE recommendation_quotas (
  campaign_id text NOT NULL REFERENCES campaigns (id),
  unit_id text NOT NULL,
  quota int CHECK (quota >= 0),
  used int NOT NULL DEFAULT 0,
  CONSTRAINT recommendation_quota_used CHECK (used >= 0 AND (quota IS NULL OR used <= quota)),
  PRIMARY KEY (campaign_id, unit_id)
);

-- The timeline of a demand: every status change (and re-ranking) with who, which unit, why.
CREATE TABLE demand_status_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  demand_id uuid NOT NULL REFERENCES demands (id) ON DELETE CASCADE,
  action text NOT NULL,
  from_status text NOT NULL,
  to_status text NOT NULL,
  actor_id uuid NOT NULL REFERENCES users (id),
  actor_role text NOT NULL CHECK (actor_role IN ('enterprise', 'recommender', 'bureau')),
  -- the name of the actor's unit at the time: enterprise name, recommending unit, bureau
  actor_unit text NOT NULL DEFAULT '',
  reason text,
  rank int,
  -- the submitted version the change concerns
  version int,
  at timestamptz NOT NULL
);
CREATE INDEX demand_status_events_demand ON demand_status_events (demand_id, at, id);
