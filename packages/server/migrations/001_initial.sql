-- Proximité reference backend: initial schema (PGlite and PostgreSQL).
-- Tables are created in the first schema of the search_path.

CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);

-- Bumped by triggers on every change of a public resource: the response cache of every instance
-- compares it, so several instances behind a load balancer never serve stale data for long.
CREATE TABLE content_versions (
  name text PRIMARY KEY,
  version bigint NOT NULL DEFAULT 0
);
INSERT INTO content_versions (name) VALUES
  ('cafes'), ('districts'), ('categories'), ('priorities'), ('rights'), ('stats');

CREATE FUNCTION bump_content_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE content_versions SET version = version + 1 WHERE name = TG_ARGV[0];
  RETURN NULL;
END;
$$;

CREATE TABLE districts (
  id text PRIMARY KEY,
  position integer NOT NULL DEFAULT 0,
  name text NOT NULL,
  description jsonb,
  lat double precision,
  lon double precision
);
CREATE TRIGGER districts_version AFTER INSERT OR UPDATE OR DELETE ON districts
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version('districts');

CREATE TABLE categories (
  code text PRIMARY KEY,
  position integer NOT NULL DEFAULT 0,
  data jsonb NOT NULL
);
CREATE TRIGGER categories_version AFTER INSERT OR UPDATE OR DELETE ON categories
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version('categories');

CREATE TABLE cafes (
  id text PRIMARY KEY,
  data jsonb NOT NULL,
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  district_id text,
  status text NOT NULL DEFAULT 'scheduled',
  sequence integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX cafes_start ON cafes (start_at, id);
CREATE TRIGGER cafes_version AFTER INSERT OR UPDATE OR DELETE ON cafes
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version('cafes');

CREATE TABLE concerns (
  id text PRIMARY KEY,
  reference text NOT NULL UNIQUE,
  category_code text NOT NULL,
  service jsonb NOT NULL,
  status text NOT NULL DEFAULT 'received',
  description text NOT NULL,
  location jsonb NOT NULL,
  district_id text,
  attributes jsonb,
  lang text,
  quarantined boolean NOT NULL DEFAULT false,
  quarantine_reasons jsonb NOT NULL DEFAULT '[]',
  duplicate_of text,
  status_token_hash text NOT NULL,
  open311_token text UNIQUE,
  channel text NOT NULL DEFAULT 'api',
  submitted_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  closed_at timestamptz
);
CREATE INDEX concerns_submitted ON concerns (submitted_at DESC, id DESC);

-- Contact details live apart from the concern's text and are never read by a public route.
CREATE TABLE concern_contacts (
  concern_id text PRIMARY KEY REFERENCES concerns (id) ON DELETE CASCADE,
  name text,
  email text,
  phone text,
  preferred text,
  created_at timestamptz NOT NULL
);

CREATE TABLE concern_updates (
  id text PRIMARY KEY,
  concern_id text NOT NULL REFERENCES concerns (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  status text NOT NULL,
  text jsonb NOT NULL
);
CREATE INDEX concern_updates_concern ON concern_updates (concern_id, at);

CREATE TABLE concern_notes (
  id text PRIMARY KEY,
  concern_id text NOT NULL REFERENCES concerns (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  author text NOT NULL,
  text text NOT NULL
);
CREATE INDEX concern_notes_concern ON concern_notes (concern_id, at);

CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  body_hash text NOT NULL,
  state text NOT NULL,
  status integer,
  response jsonb,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

CREATE TABLE rate_limits (
  bucket text NOT NULL,
  window_start timestamptz NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);

CREATE TABLE priorities (
  id text PRIMARY KEY,
  data jsonb NOT NULL,
  issue_date text NOT NULL,
  district_id text,
  status text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX priorities_issue ON priorities (issue_date DESC, id DESC);
CREATE TRIGGER priorities_version AFTER INSERT OR UPDATE OR DELETE ON priorities
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version('priorities');

CREATE TABLE activity_counters (
  area text NOT NULL,
  metric text NOT NULL,
  period text NOT NULL,
  value double precision,
  unit text NOT NULL,
  source jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (area, metric, period)
);
CREATE TRIGGER activity_counters_version AFTER INSERT OR UPDATE OR DELETE ON activity_counters
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version('stats');

CREATE TABLE rights_overrides (
  id integer PRIMARY KEY CHECK (id = 1),
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE TRIGGER rights_overrides_version AFTER INSERT OR UPDATE OR DELETE ON rights_overrides
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version('rights');

CREATE TABLE admin_tokens (
  id text PRIMARY KEY,
  name text NOT NULL,
  scopes jsonb NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE open311_keys (
  id text PRIMARY KEY,
  name text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);

-- Append-only, hash-chained (see @proximite/contract auditHashInput). `at` is kept as the exact
-- string that was hashed.
CREATE TABLE audit_log (
  seq integer PRIMARY KEY,
  at text NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  target text NOT NULL,
  detail jsonb,
  hash_prev text NOT NULL,
  hash text NOT NULL
);
