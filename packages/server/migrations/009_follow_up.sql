-- Public follow-up: the public report of a past café (attendance, topics, answers, follow-ups).
-- A report changes what café and priority reads show, so it bumps the cafés' content version (the
-- priorities' cache depends on it too).
CREATE TABLE cafe_reports (
  cafe_id text PRIMARY KEY REFERENCES cafes (id) ON DELETE CASCADE,
  data jsonb NOT NULL,
  published_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE TRIGGER cafe_reports_version AFTER INSERT OR UPDATE OR DELETE ON cafe_reports
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version('cafes');
