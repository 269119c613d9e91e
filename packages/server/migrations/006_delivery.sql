-- Routing and delivery: services become first-class (contact, handling-time target, delivery
-- method, police / restricted flags), routing rules by category and district, the durable queue of
-- outgoing messages, Open311 forwards, and the scheduled tasks one instance at a time runs.

ALTER TABLE services ADD COLUMN contact jsonb;
ALTER TABLE services ADD COLUMN target_days integer CHECK (target_days IS NULL OR target_days BETWEEN 1 AND 365);
ALTER TABLE services ADD COLUMN target_unit text CHECK (target_unit IN ('working-days', 'calendar-days'));
-- The delivery settings without their secret: {"method":"email","to":[…]}, {"method":"webhook","url":…},
-- {"method":"open311","endpoint":…,"serviceCode":…}, {"method":"none"}.
ALTER TABLE services ADD COLUMN delivery jsonb NOT NULL DEFAULT '{"method":"none"}';
-- The webhook signing secret or the Open311 API key (never shown by the API).
ALTER TABLE services ADD COLUMN delivery_secret text;
-- Deliveries carry the resident's contact details.
ALTER TABLE services ADD COLUMN contact_access boolean NOT NULL DEFAULT false;
-- A police force: conduct complaints never reach it.
ALTER TABLE services ADD COLUMN police boolean NOT NULL DEFAULT false;
-- An independent instance: what is routed to it is seen by its members alone.
ALTER TABLE services ADD COLUMN restricted boolean NOT NULL DEFAULT false;
ALTER TABLE services ADD CONSTRAINT services_restricted_not_police CHECK (NOT (restricted AND police));
ALTER TABLE services ADD COLUMN updated_at timestamptz;
UPDATE services SET updated_at = created_at;
UPDATE services SET police = true WHERE id IN ('police-municipale', 'police-secours', 'tranquillite-publique');

-- Names of services appear in the public categories: renaming one refreshes them.
CREATE TRIGGER services_version AFTER INSERT OR UPDATE OR DELETE ON services
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version('categories');

-- Category → service, overridden by district ('' = any district). The most specific rule wins.
CREATE TABLE routing_rules (
  category_code text NOT NULL,
  district_id text NOT NULL DEFAULT '',
  service_id text NOT NULL REFERENCES services (id),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (category_code, district_id)
);
CREATE INDEX routing_rules_service ON routing_rules (service_id);
CREATE TRIGGER routing_rules_version AFTER INSERT OR UPDATE OR DELETE ON routing_rules
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version('categories');

-- A public update that records a hand-off names the service the concern went to (« Transmis au
-- service Propreté »).
ALTER TABLE concern_updates ADD COLUMN service jsonb;

-- A conduct complaint (routed to an independent instance): seen by that service's members alone.
ALTER TABLE concerns ADD COLUMN restricted boolean NOT NULL DEFAULT false;
CREATE INDEX concerns_restricted ON concerns (restricted) WHERE restricted;

-- The durable queue: one row per outgoing message. Claimed with FOR UPDATE SKIP LOCKED and a lease
-- (status 'sending' until lease_until); the id is the message's fixed identity (Message-ID, webhook-id).
CREATE TABLE deliveries (
  id text PRIMARY KEY,
  -- One message per event, concern and destination: enqueuing twice is a no-op.
  dedupe_key text NOT NULL UNIQUE,
  event text NOT NULL,
  method text NOT NULL CHECK (method IN ('email', 'webhook', 'open311')),
  concern_id text REFERENCES concerns (id) ON DELETE CASCADE,
  service_id text REFERENCES services (id) ON DELETE SET NULL,
  -- A person's address for messages that do not go to a service (staff links, summaries).
  recipient text,
  -- What the message is built from (ids, not copies of the concern: it is rendered when sent).
  payload jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'held')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  last_attempt_at timestamptz,
  next_attempt_at timestamptz,
  give_up_at timestamptz,
  lease_until timestamptz,
  lease_owner text,
  created_at timestamptz NOT NULL,
  sent_at timestamptz,
  sent_to text,
  remote_id text
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_leased ON deliveries (lease_until) WHERE status = 'sending';
CREATE INDEX deliveries_held ON deliveries (created_at) WHERE status = 'held';
CREATE INDEX deliveries_created ON deliveries (created_at DESC, id DESC);
CREATE INDEX deliveries_concern ON deliveries (concern_id, created_at);
CREATE INDEX deliveries_service ON deliveries (service_id, status);
CREATE INDEX deliveries_failed ON deliveries (service_id) WHERE status = 'failed';

-- Concerns forwarded to an Open311 endpoint: the remote id, and what the last poll saw.
CREATE TABLE open311_forwards (
  concern_id text NOT NULL REFERENCES concerns (id) ON DELETE CASCADE,
  service_id text NOT NULL,
  remote_id text,
  remote_token text,
  remote_status text,
  remote_notes text,
  remote_updated_at text,
  closed boolean NOT NULL DEFAULT false,
  forwarded_at timestamptz NOT NULL,
  polled_at timestamptz,
  PRIMARY KEY (concern_id, service_id)
);
CREATE INDEX open311_forwards_open ON open311_forwards (service_id, polled_at) WHERE NOT closed;
CREATE UNIQUE INDEX open311_forwards_remote ON open311_forwards (service_id, remote_id) WHERE remote_id IS NOT NULL;

-- Periodic tasks (the daily failure summary, Open311 polling): an instance runs one when it moves
-- next_run_at forward in one UPDATE, so two instances never run the same turn.
CREATE TABLE scheduled_tasks (
  name text PRIMARY KEY,
  next_run_at timestamptz NOT NULL,
  last_run_at timestamptz,
  state jsonb
);
