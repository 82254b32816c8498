//! The seam through which a vault keeps its virtual keys outside its own sled: a store
//! shared by several gateways (the cluster's PostgreSQL). The vault still seals and
//! authenticates every record under its master-derived key; the shared store only
//! keeps sealed bytes by id and digest, so whoever can write to it cannot grant a key.
//! Provider keys can be shared the same way ([`ProviderKeyRows`]): each row is the
//! provider's tagged record and its data key wrapped under the master-derived KEK,
//! written together, so a rotation replaces both at once. Audit data keys and the
//! pseudonym root stay in the node's own vault.

/// Sealed virtual-key records by id, unique by digest. Errors are one sentence, for
/// the vault to wrap; none may carry a secret.
pub trait VirtualKeyRows: Send + Sync {
    /// Stores `check` (a tag only the master key makes) unless a value is stored;
    /// returns whether the stored value is `check`, i.e. this node's master key is
    /// the one the shared records are sealed under.
    fn agree_check(&self, check: &[u8]) -> Result<bool, String>;
    /// Inserts a new record; `false` when the id is taken.
    fn insert(&self, id: &str, digest: &[u8; 32], record: &[u8]) -> Result<bool, String>;
    /// The id and record of the key with this digest.
    fn by_digest(&self, digest: &[u8; 32]) -> Result<Option<(String, Vec<u8>)>, String>;
    /// Every record, ordered by id.
    fn all(&self) -> Result<Vec<(String, Vec<u8>)>, String>;
    /// Removes a record; returns it, or `None` when no record has this id.
    fn remove(&self, id: &str) -> Result<Option<Vec<u8>>, String>;
}

/// A shared provider-key row: the tagged record and the wrapped data key it names.
pub type ProviderKeyRow = (Vec<u8>, Vec<u8>);

/// Provider-key rows by provider name: the tagged record (which names its data key)
/// and that data key, wrapped. Errors as for [`VirtualKeyRows`].
pub trait ProviderKeyRows: Send + Sync {
    /// Writes or replaces the provider's record and wrapped data key together.
    fn put(&self, provider: &str, record: &[u8], wrapped: &[u8]) -> Result<(), String>;
    /// The record and wrapped data key of `provider`.
    fn get(&self, provider: &str) -> Result<Option<ProviderKeyRow>, String>;
    /// Removes the provider's row; `false` when there was none.
    fn remove(&self, provider: &str) -> Result<bool, String>;
    /// Every record, ordered by provider.
    fn all(&self) -> Result<Vec<(String, Vec<u8>)>, String>;
}
