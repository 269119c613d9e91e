-- Residents hear back (issue #15): e-mail updates when the resident chose them (« Me tenir
-- informé·e par e-mail »), stopped by the messages' one-click unsubscribe; and when the verdict
-- question was e-mailed (once per concern).
ALTER TABLE concern_contacts ADD COLUMN email_updates boolean NOT NULL DEFAULT false;
ALTER TABLE concern_contacts ADD COLUMN unsubscribed_at timestamptz;
ALTER TABLE concerns ADD COLUMN verdict_asked_at timestamptz;
