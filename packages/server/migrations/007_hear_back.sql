-- Residents hear back (issue #15): a short tracking code beside the long status token.
-- Only its hash is kept (SHA-256 of the reference and the normalised code); concerns made before
-- this migration have none and keep answering to their status token.
ALTER TABLE concerns ADD COLUMN tracking_code_hash text;
