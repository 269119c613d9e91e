-- Priorities (issue #17): a priority is public once published (the ones before this were all
-- public); the residents who asked for e-mail on a linked concern are told once per priority when
-- its action is published.
ALTER TABLE priorities ADD COLUMN published_at timestamptz;
UPDATE priorities SET published_at = created_at;
CREATE INDEX priorities_published ON priorities (issue_date DESC, id DESC) WHERE published_at IS NOT NULL;
CREATE TABLE priority_notices (
  priority_id text NOT NULL REFERENCES priorities (id) ON DELETE CASCADE,
  concern_id text NOT NULL REFERENCES concerns (id) ON DELETE CASCADE,
  notified_at timestamptz NOT NULL,
  PRIMARY KEY (priority_id, concern_id)
);
