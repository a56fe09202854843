-- The inbox's estimated totals past its exact count (server/recommend.ts plannedRows) come from
-- the planner, which takes the filters for independent unless told otherwise. They are not: a
-- unit belongs to one campaign, a direction to one field, and a unit's demands have their own mix
-- of statuses. Taken for independent, one unit's 1,205 of 4,820 demands in two campaigns came out
-- as about 300. Statistics over the columns taken together, as the inbox's indexes group them
-- (ANALYZE, by hand or autovacuum, fills them).
CREATE STATISTICS demands_inbox_status_stats (dependencies, mcv) ON campaign_id, recommender_unit, status FROM demands;
CREATE STATISTICS demands_inbox_domain_stats (dependencies, mcv) ON campaign_id, recommender_unit, domain_id, direction FROM demands;
ANALYZE demands;
