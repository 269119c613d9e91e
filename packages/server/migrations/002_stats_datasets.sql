-- Recorded-crime datasets imported with `proximite import-ssmsi`, one per area (INSEE code).
-- GET /v1/stats?area=<code> serves the stored dataset; the bundled demo dataset stays the default.
CREATE TABLE stats_datasets (
  area text PRIMARY KEY,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE TRIGGER stats_datasets_version AFTER INSERT OR UPDATE OR DELETE ON stats_datasets
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version('stats');
