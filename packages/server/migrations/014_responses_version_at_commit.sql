-- The « responses » content version (the public cache of GET /v1/stats depends on it) is bumped at
-- commit, once per transaction, instead of by the statement that changed a concern.
--
-- Why (issue 21): every resident's submission inserts a concern and its hand-off update, and the
-- statement triggers of 009 updated the one `content_versions` row of « responses » right then. A
-- row lock lasts until commit, so every submission waited for the previous one to finish the rest
-- of its transaction (the delivery queue, the receipt, the audit entry, the commit's WAL flush): at
-- 50 concurrent clients, sampling pg_stat_activity showed most of them waiting on
-- `Lock:transactionid` at `INSERT INTO concerns`. Deferred constraint triggers run inside COMMIT,
-- after every statement of the transaction, so the row is held for the commit only. The version
-- still changes in the same transaction as the data it describes, so an instance never caches old
-- figures under a new version.
--
-- All five « responses » triggers are deferred, so a transaction never holds that row while it waits
-- for another lock (the audit chain's advisory lock is taken by statements, the row only at commit):
-- no lock-order cycle between a staff edit of a service and a resident's submission.
--
-- Once per transaction: a transaction-local setting remembers that the row was bumped, so a bulk
-- change of many concerns updates it once (a deferred constraint trigger fires for each row).
CREATE FUNCTION bump_content_version_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('proximite.bumped_' || TG_ARGV[0], true) IS DISTINCT FROM 'yes' THEN
    PERFORM set_config('proximite.bumped_' || TG_ARGV[0], 'yes', true);
    UPDATE content_versions SET version = version + 1 WHERE name = TG_ARGV[0];
  END IF;
  RETURN NULL;
END;
$$;

DROP TRIGGER concerns_responses_version ON concerns;
CREATE CONSTRAINT TRIGGER concerns_responses_version AFTER INSERT OR UPDATE OR DELETE ON concerns
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version_at_commit('responses');

DROP TRIGGER concern_updates_responses_version ON concern_updates;
CREATE CONSTRAINT TRIGGER concern_updates_responses_version AFTER INSERT OR UPDATE OR DELETE ON concern_updates
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version_at_commit('responses');

DROP TRIGGER concern_verdicts_responses_version ON concern_verdicts;
CREATE CONSTRAINT TRIGGER concern_verdicts_responses_version AFTER INSERT OR UPDATE OR DELETE ON concern_verdicts
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version_at_commit('responses');

DROP TRIGGER services_responses_version ON services;
CREATE CONSTRAINT TRIGGER services_responses_version AFTER INSERT OR UPDATE OR DELETE ON services
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version_at_commit('responses');

DROP TRIGGER settings_responses_version ON settings;
CREATE CONSTRAINT TRIGGER settings_responses_version AFTER INSERT OR UPDATE OR DELETE ON settings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version_at_commit('responses');
