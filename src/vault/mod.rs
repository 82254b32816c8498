//! Secrets at rest and in memory: the master key, the key vault (wrapped data keys,
//! provider keys, virtual keys), and pseudonym keys.

pub mod master_key;
pub mod pseudonym;
pub mod store;
