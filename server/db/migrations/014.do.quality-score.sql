-- The demand quality assistant (issue 16): the score (0–100, types/quality.ts) of the latest
-- submitted version, kept at each submission so that the inbox can sort by it. The rules are
-- TypeScript, not SQL: demands submitted before this migration keep NULL until their next
-- submission, and sort after every scored one.
ALTER TABLE demands ADD COLUMN quality_score smallint CHECK (quality_score BETWEEN 0 AND 100);

-- The inbox by score, best first, within one unit's demands (the ids of a page from the index).
CREATE INDEX demands_inbox_score ON demands (campaign_id, recommender_unit, quality_score DESC NULLS LAST, submitted_at DESC, id)
  WHERE recommender_unit IS NOT NULL;
