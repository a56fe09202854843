-- The conversation of one demand between the enterprise and its recommending unit.
CREATE TABLE thread_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  demand_id uuid NOT NULL REFERENCES demands (id) ON DELETE CASCADE,
  author_id uuid NOT NULL REFERENCES users (id),
  author_role text NOT NULL CHECK (author_role IN ('enterprise', 'recommender', 'bureau')),
  kind text NOT NULL DEFAULT 'message' CHECK (kind IN ('message', 'return_reason', 'decision')),
  body text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX thread_messages_demand ON thread_messages (demand_id, created_at);

-- How far each participant has read a thread.
CREATE TABLE thread_reads (
  demand_id uuid NOT NULL REFERENCES demands (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  last_read_at timestamptz NOT NULL,
  PRIMARY KEY (demand_id, user_id)
);

-- The in-app message center: one row per message to one person.
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  -- the app page the message opens, e.g. /packages/demand/pages/status/index?id=…
  path text NOT NULL DEFAULT '',
  demand_id uuid REFERENCES demands (id) ON DELETE CASCADE,
  campaign_id text REFERENCES campaigns (id),
  created_at timestamptz NOT NULL,
  read_at timestamptz
);
CREATE INDEX notifications_user ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
