-- Every draft save writes an audit row (server/demands.ts saveDraft), so the row should cost
-- little: without foreign keys, no lookup of the user and the demand runs on each insert
-- (about a tenth of the save's work in the database, measured). The log is written only by the
-- server, always with the acting user and the demand it has just read or changed. What the
-- cascade did, account deletion does itself (server/account.ts deleteAccount): the deleted
-- drafts' rows go with them.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_actor_id_fkey, DROP CONSTRAINT audit_log_demand_id_fkey;
