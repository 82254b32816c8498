-- ledgergate cluster schema, version 3: provider keys shared by every node.

-- One row per provider: the vault's record (tagged with an HMAC under a key derived
-- from the master key; it names its data key) and that data key, wrapped (AES-256-GCM)
-- under the master-derived key-encryption key with the data key's id as associated
-- data. Neither opens without the master key; an edited row is refused.
CREATE TABLE ledgergate_provider_keys (
    provider   text PRIMARY KEY,
    record     bytea NOT NULL,
    wrapped    bytea NOT NULL,
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION ledgergate_provider_keys_notify() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('ledgergate_provider_keys', OLD.provider);
    ELSE
        PERFORM pg_notify('ledgergate_provider_keys', NEW.provider);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledgergate_provider_keys_changed
    AFTER INSERT OR UPDATE OR DELETE ON ledgergate_provider_keys
    FOR EACH ROW EXECUTE FUNCTION ledgergate_provider_keys_notify();
