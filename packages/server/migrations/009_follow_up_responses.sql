-- Public follow-up: the service response figures of GET /v1/stats are computed from the concerns,
-- their public updates and the services' targets, so a change to any of them gives the figures a
-- new content version (the public cache of /v1/stats depends on it).
INSERT INTO content_versions (name) VALUES ('responses');
CREATE TRIGGER concerns_responses_version AFTER INSERT OR UPDATE OR DELETE ON concerns
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version('responses');
CREATE TRIGGER concern_updates_responses_version AFTER INSERT OR UPDATE OR DELETE ON concern_updates
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version('responses');
CREATE TRIGGER services_responses_version AFTER INSERT OR UPDATE OR DELETE ON services
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version('responses');
CREATE TRIGGER settings_responses_version AFTER INSERT OR UPDATE OR DELETE ON settings
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version('responses');
