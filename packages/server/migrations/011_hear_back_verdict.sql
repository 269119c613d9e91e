-- Residents hear back (issue #15): the resident's verdict on a closed concern, « Le problème est-il
-- réglé ? ». One per concern (its primary key); « non » reopens the concern (`reopen-requested`).
-- `comment` is the resident's own words: staff read it, the public never; it is blanked with the
-- contact details when the retention rules erase those.
CREATE TABLE concern_verdicts (
  concern_id text PRIMARY KEY REFERENCES concerns (id) ON DELETE CASCADE,
  resolved boolean NOT NULL,
  comment text,
  at timestamptz NOT NULL
);
-- The services' response figures count the verdicts (share of « not resolved »): a verdict gives
-- them a new content version (the public cache of /v1/stats depends on it).
CREATE TRIGGER concern_verdicts_responses_version AFTER INSERT OR UPDATE OR DELETE ON concern_verdicts
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version('responses');
