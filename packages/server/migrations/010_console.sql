-- The staff console's inbox (issue 16): who handles a concern, when its answer is due, and the
-- indexes that keep a filtered, sorted page fast over many thousands of concerns.

-- The staff member a concern is assigned to (null: nobody). A deleted account unassigns.
ALTER TABLE concerns ADD COLUMN assignee_id text REFERENCES staff (id) ON DELETE SET NULL;
-- When an answer is due: the service's target from submission, computed by the server (working
-- days need the French public holidays: store/due.ts), kept up to date when the concern changes
-- service or the service its target. Null without a target.
ALTER TABLE concerns ADD COLUMN due_at timestamptz;

-- Keyset paging: every sort order is (key, id), each served by an index; the filters the inbox
-- uses most lead their own.
CREATE INDEX concerns_status ON concerns (status, submitted_at DESC, id DESC);
CREATE INDEX concerns_assignee ON concerns (assignee_id, submitted_at DESC, id DESC);
CREATE INDEX concerns_category ON concerns (category_code, submitted_at DESC, id DESC);
CREATE INDEX concerns_district ON concerns (district_id, submitted_at DESC, id DESC);
-- Sort by due date: no due date sorts last both ways.
CREATE INDEX concerns_due_first ON concerns ((COALESCE(due_at, 'infinity'::timestamptz)), id);
CREATE INDEX concerns_due_last ON concerns ((COALESCE(due_at, '-infinity'::timestamptz)) DESC, id DESC);
-- Overdue: open (not closed) and past due.
CREATE INDEX concerns_open_due ON concerns (due_at) WHERE closed_at IS NULL;
-- Words of the resident's text (French stemming).
CREATE INDEX concerns_text ON concerns USING gin (to_tsvector('french', description));

-- A concern's internal history is its audit entries (target `concern:<reference>`).
CREATE INDEX audit_log_target ON audit_log (target, seq);
