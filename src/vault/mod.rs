//! Secrets at rest and in memory: the master key, wrapped data keys, provider keys.
