-- What the recommending unit gives with a demand (server/recommend.ts): its answers to the
-- campaign's `recommenders.fields` and sign-off opinions (stored with the recommendation), the
-- 重点推荐 mark (set only while the demand is in the unit's ranked list), and the offline
-- deliverables it ticked as received. `recommender_data_unit`: the unit these belong to; when
-- the enterprise resubmits to another unit they are not that unit's and read as empty.
ALTER TABLE demands
  ADD COLUMN recommender_answers jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN key_recommended boolean NOT NULL DEFAULT false,
  ADD COLUMN deliverables_received text[] NOT NULL DEFAULT '{}',
  ADD COLUMN recommender_data_unit text;
ALTER TABLE demands ADD CONSTRAINT demands_key_only_when_ranked CHECK (NOT key_recommended OR rank IS NOT NULL);

-- Files are the enterprise's (its attachments fields) or the recommending unit's (its stamped
-- scans): each side's limits and spare files are counted apart.
ALTER TABLE attachments ADD COLUMN side text NOT NULL DEFAULT 'enterprise' CHECK (side IN ('enterprise', 'recommender'));
