-- ledgergate cluster schema, version 1: nodes, the shared virtual keys, vault metadata,
-- and the append-only table of audit checkpoint anchors.

CREATE TABLE ledgergate_nodes (
    node_id      text PRIMARY KEY,
    started_at   timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL,
    policy_hash  text NOT NULL DEFAULT '',
    log_size     bigint NOT NULL DEFAULT 0,
    admin_url    text,
    version      text NOT NULL DEFAULT ''
);

-- One row per virtual key: its id, the SHA-256 digest of its secret (never the secret)
-- and the record the vault sealed (an HMAC tag under a master-derived key over the id
-- and the JSON body, which repeats the digest): a row edited in the database is refused.
CREATE TABLE ledgergate_virtual_keys (
    id         text PRIMARY KEY,
    digest     bytea NOT NULL UNIQUE,
    record     bytea NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Every change to a virtual key tells every node (LISTEN ledgergate_virtual_keys) which
-- id to re-read; nodes drop their cached copy on the next notification.
CREATE FUNCTION ledgergate_virtual_keys_notify() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('ledgergate_virtual_keys', OLD.id);
    ELSE
        PERFORM pg_notify('ledgergate_virtual_keys', NEW.id);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledgergate_virtual_keys_changed
    AFTER INSERT OR UPDATE OR DELETE ON ledgergate_virtual_keys
    FOR EACH ROW EXECUTE FUNCTION ledgergate_virtual_keys_notify();

CREATE TABLE ledgergate_vault_meta (
    name  text PRIMARY KEY,
    value bytea NOT NULL
);

-- Each node's signed checkpoints (C2SP signed notes). Append-only: a trigger refuses
-- UPDATE and DELETE (and TRUNCATE), so a node's history can only grow.
CREATE TABLE ledgergate_audit_anchors (
    node_id     text NOT NULL,
    log_id      text NOT NULL,
    size        bigint NOT NULL,
    root        text NOT NULL,
    checkpoint  text NOT NULL,
    anchored_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (node_id, log_id, size)
);

CREATE FUNCTION ledgergate_audit_anchors_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ledgergate_audit_anchors is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledgergate_audit_anchors_no_update
    BEFORE UPDATE OR DELETE ON ledgergate_audit_anchors
    FOR EACH ROW EXECUTE FUNCTION ledgergate_audit_anchors_append_only();

CREATE TRIGGER ledgergate_audit_anchors_no_truncate
    BEFORE TRUNCATE ON ledgergate_audit_anchors
    FOR EACH STATEMENT EXECUTE FUNCTION ledgergate_audit_anchors_append_only();
