-- ledgergate cluster schema, version 2: erasures of data subjects, shared so that an
-- erasure made through any node reaches every node's audit key store.

-- One row per erasure request. The subject is sealed (AES-256-GCM under a key derived
-- from the cluster's master key, the tenant bound as associated data): PostgreSQL
-- never holds a person's identifier in clear, and a row written without the master
-- key is refused by every node.
CREATE TABLE ledgergate_erasures (
    id           bigserial PRIMARY KEY,
    subject      bytea NOT NULL,
    tenant       text,
    requested_by text NOT NULL,
    requested_at timestamptz NOT NULL DEFAULT now()
);

-- Each node's acknowledgement: it destroyed the subject's keys in its own key store
-- (and audited that in its own log).
CREATE TABLE ledgergate_erasure_acks (
    erasure_id     bigint NOT NULL REFERENCES ledgergate_erasures (id),
    node_id        text NOT NULL,
    keys_destroyed bigint NOT NULL,
    applied_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (erasure_id, node_id)
);

-- Every new erasure wakes every node (LISTEN ledgergate_erasures).
CREATE FUNCTION ledgergate_erasures_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('ledgergate_erasures', NEW.id::text);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledgergate_erasures_added
    AFTER INSERT ON ledgergate_erasures
    FOR EACH ROW EXECUTE FUNCTION ledgergate_erasures_notify();
