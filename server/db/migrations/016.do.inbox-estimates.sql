-- Past 1,000 matches the inbox's total is the planner's estimate (server/recommend.ts listInbox).
-- The planner takes filters as independent, but a direction belongs to one field, and fields,
-- directions and statuses of one unit's demands go together: for field + direction + status it
-- guessed 72 where 1,667 matched (100,000 demands). Statistics on the columns together, which
-- ANALYZE (and autovacuum's) keeps, bring that to 1,773.
CREATE STATISTICS demands_inbox_filters (dependencies, mcv) ON campaign_id, recommender_unit, domain_id, direction, status FROM demands;
ANALYZE demands;
