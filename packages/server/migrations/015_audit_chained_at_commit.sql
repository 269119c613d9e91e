-- The audit chain is linked at commit (issue 21).
--
-- Before, `appendAudit` took the chain's advisory lock, read the last entry, hashed the new one in
-- Node and inserted it: the lock was held across three round trips to the server and the commit's
-- WAL flush, and every resident's submission (whose routing is audited) queued on it — at 50
-- concurrent clients on PostgreSQL, most sessions waited on `Lock:advisory` while the holder sat
-- « idle in transaction », waiting for Node to send its next statement.
--
-- Now a service writes its entry to `audit_pending` (no lock), and a deferred constraint trigger —
-- run inside COMMIT, after every statement of the transaction — takes the lock, links the entry to
-- the last one, hashes it and moves it into `audit_log` (a write that reads its own history first
-- links its entries then: link_pending_audit below). The lock is held for that and the commit
-- only, with no round trip to Node. The entry still commits with the change it records, or not at
-- all; entries of one transaction are chained in the order they were written.
--
-- The hash is the one `auditHashInput` (packages/contract/src/admin.ts) defines, computed here:
-- SHA-256 (hex) of the UTF-8 of JSON.stringify({seq, at, actor, action, target, hashPrev}), keys in
-- that order. `to_json(text)` escapes a string as JSON.stringify does (quote, backslash, \b \f \n
-- \r \t, other control characters as \u00xx); `GET /v1/admin/audit/verify` recomputes every hash in
-- Node, and the tests check the two agree on awkward text.
CREATE TABLE audit_pending (
  id bigserial PRIMARY KEY,
  at text NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  target text NOT NULL,
  detail jsonb
);

-- Links one pending entry to the chain and moves it into audit_log.
CREATE FUNCTION link_audit_entry(entry audit_pending) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  last_seq integer;
  last_hash text;
  next_seq integer;
  hash_input text;
BEGIN
  -- The advisory lock key appendAudit used ('audi'), so a server of the previous version that is
  -- still running during a rolling upgrade serialises with this one.
  PERFORM pg_advisory_xact_lock(1635083369);
  SELECT seq, hash INTO last_seq, last_hash FROM audit_log ORDER BY seq DESC LIMIT 1;
  next_seq := coalesce(last_seq, 0) + 1;
  last_hash := coalesce(last_hash, repeat('0', 64));
  hash_input := '{"seq":' || next_seq
    || ',"at":' || to_json(entry.at)::text
    || ',"actor":' || to_json(entry.actor)::text
    || ',"action":' || to_json(entry.action)::text
    || ',"target":' || to_json(entry.target)::text
    || ',"hashPrev":' || to_json(last_hash)::text || '}';
  INSERT INTO audit_log (seq, at, actor, action, target, detail, hash_prev, hash)
    VALUES (next_seq, entry.at, entry.actor, entry.action, entry.target, entry.detail, last_hash,
            encode(sha256(convert_to(hash_input, 'UTF8')), 'hex'));
  DELETE FROM audit_pending WHERE id = entry.id;
END;
$$;

-- At commit, for each entry still pending (in the order they were written).
CREATE FUNCTION chain_audit_entry() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entry audit_pending;
BEGIN
  SELECT * INTO entry FROM audit_pending WHERE id = NEW.id;
  IF FOUND THEN
    PERFORM link_audit_entry(entry);
  END IF;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER audit_pending_chain AFTER INSERT ON audit_pending
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION chain_audit_entry();

-- Links the transaction's pending entries now, before commit: for a write that answers with what
-- it recorded (a concern's history), so the answer carries the entries' real seq and hash. The
-- chain's lock is then held from here to commit — a staff write's last statements, not a
-- resident's submission, which never reads its history. Other transactions' pending entries are
-- invisible here (not committed yet), so only this transaction's are linked.
CREATE FUNCTION link_pending_audit() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  entry audit_pending;
BEGIN
  FOR entry IN SELECT * FROM audit_pending ORDER BY id LOOP
    PERFORM link_audit_entry(entry);
  END LOOP;
END;
$$;
