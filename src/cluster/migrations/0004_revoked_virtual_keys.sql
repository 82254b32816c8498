-- ledgergate cluster schema, version 4: revocations of virtual keys that are never
-- deleted. A revoked key's row used to be deleted and nothing more; its sealed record
-- stays valid under the master key, so anyone able to write to this database (without
-- the master key) could re-insert an old copy of the row and bring the key back on
-- every node. Revoking now records the key's digest here, in the same statement that
-- deletes its row, and every node refuses a key whose digest is listed, whatever
-- ledgergate_virtual_keys says. A re-created key has a new secret, hence a new digest.
CREATE TABLE ledgergate_revoked_virtual_keys (
    digest     bytea PRIMARY KEY,
    id         text NOT NULL,
    revoked_by text NOT NULL,
    revoked_at timestamptz NOT NULL DEFAULT now()
);

-- Append-only, as the audit anchors: UPDATE, DELETE and TRUNCATE are refused.
CREATE FUNCTION ledgergate_revoked_virtual_keys_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ledgergate_revoked_virtual_keys is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledgergate_revoked_virtual_keys_no_update
    BEFORE UPDATE OR DELETE ON ledgergate_revoked_virtual_keys
    FOR EACH ROW EXECUTE FUNCTION ledgergate_revoked_virtual_keys_append_only();

CREATE TRIGGER ledgergate_revoked_virtual_keys_no_truncate
    BEFORE TRUNCATE ON ledgergate_revoked_virtual_keys
    FOR EACH STATEMENT EXECUTE FUNCTION ledgergate_revoked_virtual_keys_append_only();
