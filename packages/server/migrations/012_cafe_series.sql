-- Repeating meetings (issue 17): a café row may be a series. `rrule` is its RFC 5545 recurrence
-- rule (null: a single meeting); its first occurrence is start_at/end_at. `series_end` is when the
-- last occurrence ends (null: the rule never ends, or not a series), so a window query finds the
-- series that may have occurrences in it. Exceptions (EXDATE) and cancelled occurrences live in
-- `data` with the rest of the café.
ALTER TABLE cafes ADD COLUMN rrule text;
ALTER TABLE cafes ADD COLUMN series_end timestamptz;
CREATE INDEX cafes_series ON cafes (start_at) WHERE rrule IS NOT NULL;
