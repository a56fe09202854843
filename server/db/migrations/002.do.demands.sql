-- The working copy of a demand: answers as JSON, a version for optimistic concurrency.
ALTER TABLE demands
  ADD COLUMN answers jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN version int NOT NULL DEFAULT 1,
  ADD COLUMN current_step text NOT NULL DEFAULT '',
  ADD COLUMN submitted_version int,
  ADD COLUMN submitted_at timestamptz,
  -- the working-copy version the latest submission was made from
  ADD COLUMN submitted_base_version int,
  ADD COLUMN unit_type text NOT NULL DEFAULT '';
CREATE INDEX demands_campaign_owner ON demands (campaign_id, owner_id);

-- Every submission, immutable: the answers and the profile as they were sent.
CREATE TABLE demand_versions (
  demand_id uuid NOT NULL REFERENCES demands (id) ON DELETE CASCADE,
  number int NOT NULL,
  title text NOT NULL,
  answers jsonb NOT NULL,
  profile jsonb NOT NULL,
  based_on_version int NOT NULL,
  submitted_by uuid NOT NULL REFERENCES users (id),
  submitted_at timestamptz NOT NULL,
  PRIMARY KEY (demand_id, number)
);

-- Who changed what, when, from which version.
CREATE TABLE audit_log (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  actor_id uuid NOT NULL REFERENCES users (id),
  demand_id uuid REFERENCES demands (id) ON DELETE CASCADE,
  action text NOT NULL,
  from_version int,
  to_version int,
  detail jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL
);
CREATE INDEX audit_log_demand ON audit_log (demand_id, at);

-- Uploaded files, checked by content, kept in the database so server processes stay stateless.
CREATE TABLE attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  demand_id uuid NOT NULL REFERENCES demands (id) ON DELETE CASCADE,
  owner_id uuid NOT NULL REFERENCES users (id),
  field_id text NOT NULL,
  name text NOT NULL,
  type text NOT NULL,
  size int NOT NULL,
  sha256 text NOT NULL,
  content bytea NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX attachments_demand ON attachments (demand_id);
