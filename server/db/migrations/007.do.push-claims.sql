-- A push is `claimed` (taken by a process, not yet sent) before it is `sending` (on the wire):
-- a process killed in between sent nothing, so its claims go back to pending after the lease.
ALTER TABLE push_deliveries DROP CONSTRAINT push_deliveries_state_check;
ALTER TABLE push_deliveries ADD CONSTRAINT push_deliveries_state_check
  CHECK (state IN ('pending', 'claimed', 'sending', 'sent', 'skipped', 'failed', 'unknown'));
CREATE INDEX push_deliveries_claimed ON push_deliveries (claimed_at) WHERE state = 'claimed';
