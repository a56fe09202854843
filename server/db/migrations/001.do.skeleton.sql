-- Users signed in through the government identity provider.
CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  issuer text NOT NULL,
  subject text NOT NULL,
  role text NOT NULL CHECK (role IN ('enterprise', 'recommender', 'bureau')),
  display_name text NOT NULL,
  recommender_unit text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (issuer, subject)
);

CREATE TABLE profiles (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  enterprise_name text NOT NULL DEFAULT '',
  credit_code text NOT NULL DEFAULT '',
  contact_name text NOT NULL DEFAULT '',
  mobile text NOT NULL DEFAULT '',
  unit_type text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Opaque session tokens, stored as SHA-256 hashes only.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  client text NOT NULL CHECK (client IN ('h5', 'mp')),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);

-- One row per sign-in attempt: state, nonce and PKCE verifier, used once.
CREATE TABLE auth_requests (
  state text PRIMARY KEY,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  client text NOT NULL CHECK (client IN ('h5', 'mp')),
  return_to text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz
);

-- One-time codes that hand a web-view sign-in back to the mini-program.
CREATE TABLE auth_handoffs (
  code_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz
);

-- WeChat openid / Alipay user id bound to a government identity, for push messages.
CREATE TABLE platform_bindings (
  platform text NOT NULL CHECK (platform IN ('weapp', 'alipay')),
  platform_user_id text NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  union_id text,
  bound_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform, platform_user_id)
);
CREATE INDEX platform_bindings_user ON platform_bindings (user_id);

-- Campaign definitions (data, validated against the schema in types/).
CREATE TABLE campaigns (
  id text PRIMARY KEY,
  definition jsonb NOT NULL,
  is_demo boolean NOT NULL DEFAULT false,
  opens_at timestamptz,
  enterprise_deadline_at timestamptz NOT NULL,
  recommender_deadline_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Demands (需求); the wizard fills them.
CREATE TABLE demands (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id text NOT NULL REFERENCES campaigns (id),
  owner_id uuid NOT NULL REFERENCES users (id),
  title text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'draft',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX demands_owner ON demands (owner_id, updated_at DESC);
