-- Agreements and personal-data rights (issue 15).
-- Which version of which agreement a person agreed to, and when (types/agreements.ts holds the
-- current versions). Kept after 注销 as the record of what was agreed.
CREATE TABLE consents (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  document text NOT NULL,
  version text NOT NULL,
  agreed_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, document, version)
);

-- The agreements ticked on the sign-in screen ride with the pending sign-in ("terms@v,privacy@v")
-- and are recorded for whoever the provider says signed in.
ALTER TABLE auth_requests ADD COLUMN agreed text NOT NULL DEFAULT '';

-- A deleted (注销) account: the row stays, pseudonymised, because submitted demands, their
-- versions and the review record refer to it; its identity link (subject) is cut.
ALTER TABLE users ADD COLUMN deleted_at timestamptz;

-- What happened to an account: consents given, exports, 注销 (with what was erased and kept).
CREATE TABLE account_audit (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  action text NOT NULL CHECK (action IN ('consent', 'export', 'delete')),
  detail jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL
);
CREATE INDEX account_audit_user ON account_audit (user_id, at);
