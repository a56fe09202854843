-- Campaign definitions are data the bureau edits: every published definition is kept as a
-- numbered version, demands record the version they were started under, studio drafts are
-- kept apart from what enterprises see, and every change is audited.
ALTER TABLE campaigns
  ADD COLUMN version int NOT NULL DEFAULT 1,
  ADD COLUMN state text NOT NULL DEFAULT 'published' CHECK (state IN ('published', 'unpublished'));

CREATE TABLE campaign_versions (
  campaign_id text NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  version int NOT NULL,
  definition jsonb NOT NULL,
  -- file:<name> (seeded from campaigns/), studio, cli, deadline (the bureau moved a date), close
  source text NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (campaign_id, version)
);
INSERT INTO campaign_versions (campaign_id, version, definition, source, created_at)
  SELECT id, 1, definition, 'file', updated_at FROM campaigns;

ALTER TABLE demands ADD COLUMN definition_version int NOT NULL DEFAULT 1;
ALTER TABLE demand_versions ADD COLUMN definition_version int NOT NULL DEFAULT 1;

-- The studio's working copy: of a campaign not yet published, or the next version of one that is.
CREATE TABLE campaign_drafts (
  id text PRIMARY KEY,
  definition jsonb NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL
);

CREATE TABLE campaign_audit (
  id bigserial PRIMARY KEY,
  campaign_id text NOT NULL,
  actor_id uuid REFERENCES users (id),
  action text NOT NULL,
  version int,
  detail jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL
);
CREATE INDEX campaign_audit_campaign ON campaign_audit (campaign_id, id DESC);
