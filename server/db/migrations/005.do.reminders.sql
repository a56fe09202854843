-- Deadline reminders, push delivery (WeChat / Alipay subscription messages) and people's choices.
-- The job queue itself (pg-boss) keeps its own tables in its own schema.

-- What a person chose to get; no row means the default (on).
-- Keys: reminder:<audience>:<offset> (e.g. reminder:enterprise:7d), push:status, push:thread.
CREATE TABLE notification_settings (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  key text NOT NULL,
  enabled boolean NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, key)
);

-- One row per milestone of a campaign that came due, for the deadline it was due for.
-- The minute tick plans them; the reminders.run job works them in chunks.
CREATE TABLE reminder_runs (
  id bigserial PRIMARY KEY,
  campaign_id text NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  audience text NOT NULL CHECK (audience IN ('enterprise', 'recommender')),
  lead_time text NOT NULL,
  deadline_at timestamptz NOT NULL,
  fire_at timestamptz NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'cancelled')),
  delivered int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  finished_at timestamptz,
  UNIQUE (campaign_id, audience, lead_time, deadline_at)
);
CREATE INDEX reminder_runs_pending ON reminder_runs (id) WHERE state = 'pending';

-- Exactly once per (person, demand or campaign, milestone): this row, the in-app message and
-- the push to send are written by one statement, so a reminder exists whole or not at all.
-- A deadline can mean a hundred thousand of these in a minute, so the row carries no more
-- checks than it needs: user and run follow from the message (deleted with it).
CREATE TABLE reminder_deliveries (
  user_id uuid NOT NULL,
  -- the demand (enterprise reminders) or the campaign (recommending units)
  subject_id text NOT NULL,
  -- <audience>:<offset>, e.g. enterprise:7d
  milestone text NOT NULL,
  run_id bigint NOT NULL,
  notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, subject_id, milestone)
);

-- The push outbox: one row per message-center message, written in the transaction that wrote
-- the message. A worker claims a row (pending → sending, committed) before it calls the
-- platform and records the answer after. A row left in `sending` by a killed process is never
-- sent again (`unknown`): nobody gets a push twice, and the message center has the message.
CREATE TABLE push_deliveries (
  notification_id uuid PRIMARY KEY REFERENCES notifications (id) ON DELETE CASCADE,
  -- queue order (first written, first sent)
  id bigserial NOT NULL,
  -- the message's person (deleted with the message)
  user_id uuid NOT NULL,
  -- template values chosen by the writer (e.g. the reminder's short note); the rest is derived
  payload jsonb,
  state text NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'sending', 'sent', 'skipped', 'failed', 'unknown')),
  not_before timestamptz,
  attempts int NOT NULL DEFAULT 0,
  platform text CHECK (platform IN ('weapp', 'alipay')),
  platform_user_id text,
  template_id text,
  used_one_time_grant boolean NOT NULL DEFAULT false,
  claimed_by text,
  claimed_at timestamptz,
  -- our stable code (SENT, NO_CONSENT, REFUSED, INVALID_DATA, …) and the platform's own
  result_code text,
  platform_code text,
  result_message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX push_deliveries_pending ON push_deliveries (id) WHERE state = 'pending';
CREATE INDEX push_deliveries_sending ON push_deliveries (claimed_at) WHERE state = 'sending';

-- Subscription consents per template, from requestSubscribeMessage: a one-time 'accept' allows
-- one message (they add up), a long-term template many until refused.
CREATE TABLE push_consents (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  platform text NOT NULL CHECK (platform IN ('weapp', 'alipay')),
  template_id text NOT NULL,
  long_term boolean NOT NULL DEFAULT false,
  one_time_grants int NOT NULL DEFAULT 0 CHECK (one_time_grants >= 0),
  -- accept / reject / ban / filter from the app; refused when the platform answered 43101
  last_result text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, platform, template_id)
);

-- Platform access tokens shared by every server process (WeChat's central-control rule).
CREATE TABLE platform_tokens (
  name text PRIMARY KEY,
  token text NOT NULL,
  expires_at timestamptz NOT NULL,
  refreshed_at timestamptz NOT NULL
);

-- Deadlines moved by the bureau: who, when, from what to what. The latest one also wins over
-- the dates in the campaign file when the campaigns are seeded again at start.
CREATE TABLE campaign_deadline_changes (
  id bigserial PRIMARY KEY,
  campaign_id text NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  enterprise text NOT NULL,
  recommender text NOT NULL,
  previous_enterprise text NOT NULL,
  previous_recommender text NOT NULL,
  reason text NOT NULL DEFAULT '',
  changed_by uuid REFERENCES users (id),
  changed_at timestamptz NOT NULL
);
CREATE INDEX campaign_deadline_changes_campaign ON campaign_deadline_changes (campaign_id, id DESC);
