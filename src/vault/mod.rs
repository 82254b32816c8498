//! Secrets at rest and in memory: the master key, the key vault (wrapped data keys,
//! provider keys, virtual keys), and pseudonym keys.

/// The tenant id of the gateway's own records: the audit subject whose data keys
/// encrypt the log's own events (start, stop, key changes); `audit::record::SYSTEM_SUBJECT`.
pub const SYSTEM_TENANT: &str = "system";

/// Tenant ids the gateway keeps for its own records. A tenant named [`SYSTEM_TENANT`]
/// would share the log's own keys, and could neither be told apart in an export nor be
/// erased. Compared without regard to case.
pub const RESERVED_TENANT_IDS: &[&str] = &[SYSTEM_TENANT];

/// Whether `id` is one of [`RESERVED_TENANT_IDS`].
pub fn is_reserved_tenant(id: &str) -> bool {
    RESERVED_TENANT_IDS
        .iter()
        .any(|reserved| reserved.eq_ignore_ascii_case(id))
}

pub mod master_key;
pub mod pseudonym;
pub mod store;
