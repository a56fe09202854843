-- Draft saves and the inbox as the work grows (issue 14).

-- A draft save changes no indexed column, so PostgreSQL can update the row in place (a HOT
-- update: no entry in any of the table's indexes, GIN ones included) when its page has room:
-- the enterprise's own list sorts its few demands itself, and pages keep a fifth free.
DROP INDEX demands_owner;
CREATE INDEX demands_owner ON demands (owner_id);
ALTER TABLE demands SET (fillfactor = 80);

-- The inbox's counts read narrow indexes, only the entries that match: one unit's demands of a
-- status, or of a field (and direction, and status).
CREATE INDEX demands_inbox_status ON demands (campaign_id, recommender_unit, status)
  WHERE recommender_unit IS NOT NULL;
CREATE INDEX demands_inbox_domain ON demands (campaign_id, recommender_unit, domain_id, direction, status)
  WHERE recommender_unit IS NOT NULL;
