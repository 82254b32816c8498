//! Per-tenant pseudonym keys for the PII `hash` action: HMAC-SHA-256 keys derived from
//! one root key and the tenant id, so a tenant's pseudonyms are stable across restarts
//! and master-key rotations, differ between tenants, and no unkeyed hash of personal
//! data exists. The root is kept in the vault, wrapped by the master key (see
//! `Vault::pseudonym_keys`); vaults made before it was kept there seed it with the
//! value once derived from the master key, so existing pseudonyms do not change.

use ring::hmac;
use zeroize::Zeroizing;

use super::master_key::MasterKey;

/// Derives tenant keys from the root; never holds the master key.
pub struct PseudonymKeys {
    root: hmac::Key,
}

impl PseudonymKeys {
    /// The root derived from a master key: the seed of a vault's stored root.
    pub fn derived_root(master: &MasterKey) -> Zeroizing<[u8; 32]> {
        let purpose = hmac::Key::new(hmac::HMAC_SHA256, master.expose());
        let tag = hmac::sign(&purpose, b"ledgergate/pii-pseudonym-root/v1");
        let mut root = Zeroizing::new([0u8; 32]);
        root.copy_from_slice(tag.as_ref());
        root
    }

    pub fn from_root(root: &[u8; 32]) -> PseudonymKeys {
        PseudonymKeys {
            root: hmac::Key::new(hmac::HMAC_SHA256, root),
        }
    }

    /// Keys rooted in `master` directly (for tools that run without a vault).
    pub fn derive(master: &MasterKey) -> PseudonymKeys {
        PseudonymKeys::from_root(&PseudonymKeys::derived_root(master))
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
