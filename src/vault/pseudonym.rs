//! Per-tenant pseudonym keys for the PII `hash` action: HMAC-SHA-256 keys derived from
//! the master key and the tenant id, so a tenant's pseudonyms are stable across
//! restarts and differ between tenants, and no unkeyed hash of personal data exists.

use ring::hmac;
use zeroize::Zeroizing;

use super::master_key::MasterKey;

/// Derives tenant keys; holds only a key derived from the master key, never the master key.
pub struct PseudonymKeys {
    root: hmac::Key,
}

impl PseudonymKeys {
    pub fn derive(master: &MasterKey) -> PseudonymKeys {
        let purpose = hmac::Key::new(hmac::HMAC_SHA256, master.expose());
        let root = hmac::sign(&purpose, b"ledgergate/pii-pseudonym-root/v1");
        PseudonymKeys {
            root: hmac::Key::new(hmac::HMAC_SHA256, root.as_ref()),
        }
    }

    /// The `hash` action's key for one tenant.
    pub fn key_for(&self, tenant: &str) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(hmac::sign(&self.root, tenant.as_bytes()).as_ref().to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_stable_per_tenant_and_differ_between_tenants_and_masters() {
        let a = PseudonymKeys::derive(&MasterKey::from_bytes([1; 32]));
        let b = PseudonymKeys::derive(&MasterKey::from_bytes([2; 32]));
        assert_eq!(*a.key_for("acme"), *a.key_for("acme"));
        assert_ne!(*a.key_for("acme"), *a.key_for("globex"));
        assert_ne!(*a.key_for("acme"), *b.key_for("acme"));
    }
}
