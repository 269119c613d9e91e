-- Café mode (issue #17): a concern an agent noted at a café keeps which café (and a copy of its
-- day, time zone and place, for « relevé au café du 5 décembre, place du Don »), who noted it, and
-- when the resident agreed to be contacted.
ALTER TABLE concerns ADD COLUMN cafe_id text;
ALTER TABLE concerns ADD COLUMN raised_at jsonb;
ALTER TABLE concerns ADD COLUMN noted_by text;
CREATE INDEX concerns_cafe ON concerns (cafe_id) WHERE cafe_id IS NOT NULL;
ALTER TABLE concern_contacts ADD COLUMN consent_at timestamptz;
ALTER TABLE concern_contacts ADD COLUMN consent_by text;
