-- Staff accounts, their services, sessions, single-use links, OpenID Connect logins, and the
-- concern flag that lets observers read a concern's text.

-- The services concerns are routed to and staff belong to (installed from the categories' services;
-- later issues add delivery settings here).
CREATE TABLE services (
  id text PRIMARY KEY,
  name jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff (
  id text PRIMARY KEY,
  -- Lower-cased; unique.
  email text NOT NULL UNIQUE,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'coordinator', 'agent', 'observer')),
  -- PHC string: $scrypt$ln=…,r=…,p=…$salt$hash (null until a password is chosen).
  password_hash text,
  -- TOTP (RFC 6238): base32 secret; enabled once a first code was confirmed.
  totp_secret text,
  totp_enabled_at timestamptz,
  -- Last accepted time step, so a code is never accepted twice.
  totp_last_step bigint,
  -- Bound at the first OpenID Connect sign-in (issuer + subject), after that checked.
  oidc_issuer text,
  oidc_subject text,
  created_at timestamptz NOT NULL,
  -- Set when the invitation was used (password chosen, or first SSO sign-in).
  activated_at timestamptz,
  disabled_at timestamptz,
  last_sign_in_at timestamptz
);
CREATE UNIQUE INDEX staff_oidc ON staff (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;

CREATE TABLE staff_services (
  staff_id text NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  service_id text NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  PRIMARY KEY (staff_id, service_id)
);

-- Server-side sessions: the cookie holds a random secret, the table its SHA-256.
CREATE TABLE staff_sessions (
  id_hash text PRIMARY KEY,
  staff_id text NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  method text NOT NULL,
  -- 'passed' | 'not-required' | 'enrolment-required' (signed in, must set up TOTP before anything else)
  second_factor text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);

-- Single-use invitation and password-reset links (the link holds a secret, the table its SHA-256).
CREATE TABLE staff_links (
  token_hash text PRIMARY KEY,
  staff_id text NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('invitation', 'password-reset')),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX staff_links_staff ON staff_links (staff_id);

-- OpenID Connect logins in progress (authorization code + PKCE), keyed by the SHA-256 of a secret
-- kept in a short-lived cookie of the browser that started them.
CREATE TABLE staff_oidc_logins (
  browser_hash text PRIMARY KEY,
  provider text NOT NULL,
  state text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  return_to text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);

-- Coordinators let observers read a concern's description, address and answers.
ALTER TABLE concerns ADD COLUMN shareable boolean NOT NULL DEFAULT false;
-- Agents see the concerns of their services.
CREATE INDEX concerns_service ON concerns ((service->>'id'), submitted_at DESC, id DESC);
