//! Secrets at rest and in memory: the master key, wrapped data keys, provider keys.

pub mod master_key;
pub mod pseudonym;
