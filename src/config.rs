//! Configuration: `ledgergate.toml` read into raw serde structs, then validated once.
