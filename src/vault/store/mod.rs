//! The key vault: a sled database at `<data dir>/vault` holding provider API keys
//! (envelope-encrypted) and virtual keys (SHA-256 digests and their limits).
//!
//! Guarantees: the master key is never stored, only a key-check value sealed under a
//! key derived from it, so a wrong master key is refused at open before anything is
//! written. Each provider key version has its own random data key, wrapped under that
//! derived key; a provider key can be written, rotated and removed, and is decrypted
//! only by [`Vault::provider_key`], just before use. Master-key rotation re-wraps the
//! data keys (and the check value) in one sled transaction and re-encrypts no secret.
//! Every virtual-key and provider-key record carries a MAC under a master-derived key
//! (`records.rs`): an edited record is refused and logged. A vault written before
//! records carried MACs is authenticated on its first open under the right master key.
//! sled allows one process per database: the server owns it while it runs.

mod envelope;
mod records;
mod shared;
mod virtual_keys;

use std::path::{Path, PathBuf};

use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use sled::transaction::{
    ConflictableTransactionError, TransactionError, TransactionalTree, UnabortableTransactionError,
};
use sled::Transactional;
use time::OffsetDateTime;

use crate::vault::master_key::MasterKey;
use crate::vault::pseudonym::PseudonymKeys;
use envelope::{provider_key_aad, SecretKey, CHECK_AAD, CHECK_AAD_V2, CHECK_PLAINTEXT};
use records::{RecordKey, Table};

pub use shared::{ProviderKeyRow, ProviderKeyRows, VirtualKeyRows};
pub use virtual_keys::{digest_of, NewVirtualKey, VirtualKey, VirtualKeySecret};

const META_CHECK: &[u8] = b"key_check";
/// The PII pseudonym root, wrapped by the KEK like a data key (slot name as AAD).
const META_PSEUDONYM_ROOT: &str = "pseudonym_root";
/// What the shared store's check value tags (an id no virtual key can have: ids are
/// letters, digits, '-', '_' and '.').
const SHARED_CHECK_ID: &[u8] = b"\0shared-check";
const SHARED_CHECK_BODY: &[u8] = b"ledgergate/vault/shared-virtual-keys/v1";

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("cannot open the key vault {path}: {source} (only one ledgergate process may open it at a time; stop the server first for offline commands)")]
    Open { path: PathBuf, source: sled::Error },
    #[error("the key vault {path} failed: {source}")]
    Sled { path: PathBuf, source: sled::Error },
    #[error("the master key does not open the key vault {path} (its key-check value does not decrypt); start with the master key the vault was created with; nothing was changed")]
    WrongMasterKey { path: PathBuf },
    #[error("the key vault {path} is damaged: {what}")]
    Corrupt { path: PathBuf, what: String },
    #[error("the key vault {path}: record \"{id}\" of {tree} failed authentication (it was edited, or written without the master key) and is refused; revoke or remove it and create it again")]
    Tampered {
        path: PathBuf,
        tree: &'static str,
        id: String,
    },
    #[error("a virtual key with id \"{id}\" already exists")]
    DuplicateId { id: String },
    #[error("{0}")]
    Invalid(String),
    #[error("the cluster's shared key store failed: {0}")]
    Shared(String),
    #[error("the master key is not the one the cluster's shared virtual keys are sealed under; every node of a cluster needs the same master key; nothing was changed")]
    SharedWrongMasterKey,
}

/// What the admin API may tell about a provider key: never its value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProviderKeyInfo {
    pub provider: String,
    pub version: u32,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// A provider key as stored: the sealed value and the id of its data key.
#[derive(Serialize, Deserialize)]
struct StoredProviderKey {
    #[serde(flatten)]
    info: ProviderKeyInfo,
    data_key_id: String,
    sealed: String,
}

/// The open vault. Cheap to share behind an `Arc`; every method is safe to call
/// concurrently (sled serialises writes).
pub struct Vault {
    path: PathBuf,
    db: sled::Db,
    meta: sled::Tree,
    data_keys: sled::Tree,
    provider_keys: sled::Tree,
    virtual_keys: sled::Tree,
    virtual_by_digest: sled::Tree,
    kek: SecretKey,
    /// Tags every virtual-key and provider-key record.
    records: RecordKey,
    /// Where virtual keys live when they are shared by a cluster; `None`: in sled.
    shared: Option<std::sync::Arc<dyn VirtualKeyRows>>,
    /// Where provider keys live when shared by a cluster; `None`: in sled.
    shared_providers: Option<std::sync::Arc<dyn ProviderKeyRows>>,
}

/// What the key-check value says about the vault's records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Records {
    /// Every record carries its tag (check value v2).
    Tagged,
    /// Written before records carried tags (check value v1): to be migrated.
    Untagged,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
}

fn random_id() -> String {
    hex::encode(rand::random::<[u8; 16]>())
}

impl Vault {
    /// Opens (creating on first use) the vault at `path` (usually `<data dir>/vault`).
    /// A master key that does not open the key-check value is refused, and nothing
    /// is written.
    pub fn open(path: &Path, master: &MasterKey) -> Result<Vault, VaultError> {
        let vault = Vault::open_db(path, master)?;
        match vault.meta.get(META_CHECK).map_err(|e| vault.sled(e))? {
            Some(check) => {
                if vault.verify_check(&vault.kek, &check)? == Records::Untagged {
                    vault.tag_untagged_records()?;
                }
            }
            None => {
                if !vault.data_keys.is_empty()
                    || !vault.virtual_keys.is_empty()
                    || !vault.provider_keys.is_empty()
                {
                    return Err(vault.corrupt("its key-check value is missing"));
                }
                let check = vault.kek.seal(CHECK_AAD_V2, CHECK_PLAINTEXT);
                vault
                    .meta
                    .insert(META_CHECK, check)
                    .map_err(|e| vault.sled(e))?;
                vault.flush()?;
            }
        }
        vault.seed_pseudonym_root(master)?;
        Ok(vault)
    }

    /// Opens an existing vault for a master-key rotation from `old` to `new`: under
    /// `old` it is returned with `false`; already under `new` (a rotation that was
    /// interrupted after this vault's re-wrap), with `true`. A wrong pair writes nothing.
    pub fn open_rotating(
        path: &Path,
        old: &MasterKey,
        new: &MasterKey,
    ) -> Result<(Vault, bool), VaultError> {
        let mut vault = Vault::open_db(path, old)?;
        let check = vault
            .meta
            .get(META_CHECK)
            .map_err(|e| vault.sled(e))?
            .ok_or_else(|| vault.corrupt("its key-check value is missing"))?;
        if let Ok(records) = vault.verify_check(&vault.kek, &check) {
            if records == Records::Untagged {
                vault.tag_untagged_records()?;
            }
            vault.seed_pseudonym_root(old)?;
            return Ok((vault, false));
        }
        let new_kek = SecretKey::kek(new);
        // The rotation re-tags every record in the transaction that writes the check,
        // so a vault already under `new` is tagged under it.
        vault.verify_check(&new_kek, &check)?;
        vault.kek = new_kek;
        vault.records = RecordKey::derive(new);
        Ok((vault, true))
    }

    fn open_db(path: &Path, master: &MasterKey) -> Result<Vault, VaultError> {
        let db = sled::Config::new()
            .path(path)
            .open()
            .map_err(|source| VaultError::Open {
                path: path.to_path_buf(),
                source,
            })?;
        let tree = |name: &str| {
            db.open_tree(name).map_err(|source| VaultError::Sled {
                path: path.to_path_buf(),
                source,
            })
        };
        Ok(Vault {
            meta: tree("meta")?,
            data_keys: tree("data_keys")?,
            provider_keys: tree("provider_keys")?,
            virtual_keys: tree("virtual_keys")?,
            virtual_by_digest: tree("virtual_by_digest")?,
            db,
            path: path.to_path_buf(),
            kek: SecretKey::kek(master),
            records: RecordKey::derive(master),
            shared: None,
            shared_providers: None,
        })
    }

    /// Whether the shared rows are sealed under `master` (the first node of a cluster
    /// stores its check value). Asked before any local store is opened, so a node
    /// with another master key changes nothing.
    pub fn agree_shared(rows: &dyn VirtualKeyRows, master: &MasterKey) -> Result<(), VaultError> {
        let check =
            RecordKey::derive(master).seal(Table::VirtualKeys, SHARED_CHECK_ID, SHARED_CHECK_BODY);
        match rows.agree_check(&check).map_err(VaultError::Shared)? {
            true => Ok(()),
            false => Err(VaultError::SharedWrongMasterKey),
        }
    }

    /// Keeps virtual keys in `rows` (shared by a cluster, agreed with
    /// [`Vault::agree_shared`]) from now on.
    pub fn share_virtual_keys(mut self, rows: std::sync::Arc<dyn VirtualKeyRows>) -> Vault {
        self.shared = Some(rows);
        self
    }

    /// Keeps provider keys in `rows` (shared by a cluster; the same master key, agreed
    /// with [`Vault::agree_shared`]) from now on.
    pub fn share_provider_keys(mut self, rows: std::sync::Arc<dyn ProviderKeyRows>) -> Vault {
        self.shared_providers = Some(rows);
        self
    }

    /// The shared row of `provider`, authenticated: its record and wrapped data key.
    fn shared_provider_key(
        &self,
        rows: &dyn ProviderKeyRows,
        provider: &str,
    ) -> Result<Option<(StoredProviderKey, Vec<u8>)>, VaultError> {
        let Some((record, wrapped)) = rows.get(provider).map_err(VaultError::Shared)? else {
            return Ok(None);
        };
        let body = self.authentic(Table::ProviderKeys, provider.as_bytes(), &record)?;
        let stored = serde_json::from_slice(body)
            .map_err(|e| self.corrupt(format!("the record of provider \"{provider}\": {e}")))?;
        Ok(Some((stored, wrapped)))
    }

    /// Migrates a vault written before records carried tags: tags every plain record
    /// under the master key that just opened the check value, and writes the v2 check,
    /// in one transaction. What the records said before this first open is trusted
    /// as it stood (nothing older can be told apart from an edit); from then on an
    /// untagged record is refused. A record that already carries a tag must verify.
    fn tag_untagged_records(&self) -> Result<(), VaultError> {
        let mut retagged: Vec<Retagged> = Vec::new();
        for table in Table::ALL {
            for item in self.tree(table).iter() {
                let (id, stored) = item.map_err(|e| self.sled(e))?;
                match self.records.open(table, &id, &stored) {
                    Ok(_) => {}
                    Err(records::Fault::Untagged) => {
                        let sealed = self.records.seal(table, &id, &stored);
                        retagged.push((table, id.to_vec(), sealed));
                    }
                    Err(records::Fault::BadTag) => {
                        self.authentic(table, &id, &stored)?;
                    }
                }
            }
        }
        let check = self.kek.seal(CHECK_AAD_V2, CHECK_PLAINTEXT);
        (&self.meta, &self.virtual_keys, &self.provider_keys)
            .transaction(|(meta, virtual_keys, provider_keys)| {
                insert_records(&retagged, virtual_keys, provider_keys)?;
                meta.insert(META_CHECK, check.as_slice())?;
                Ok::<_, ConflictableTransactionError<VaultError>>(())
            })
            .map_err(|e| self.transaction_error(e))?;
        self.flush()?;
        // A warning, not news: it should happen once per vault, at the upgrade. Seen
        // again, someone put a pre-upgrade key-check value back to launder records.
        tracing::warn!(
            vault = %self.path.display(),
            records = retagged.len(),
            "key vault without record tags (written by an earlier version): its records were tagged under the master key as they stood; this happens once per vault"
        );
        Ok(())
    }

    fn tree(&self, table: Table) -> &sled::Tree {
        match table {
            Table::VirtualKeys => &self.virtual_keys,
            Table::ProviderKeys => &self.provider_keys,
        }
    }

    /// Keeps the PII pseudonym root, seeded with the value `master` used to derive, so
    /// it outlives a master-key rotation. Called only once `master` is verified: a
    /// wrong key must never seed it.
    fn seed_pseudonym_root(&self, master: &MasterKey) -> Result<(), VaultError> {
        if self
            .meta
            .get(META_PSEUDONYM_ROOT)
            .map_err(|e| self.sled(e))?
            .is_some()
        {
            return Ok(());
        }
        let root = SecretKey::from_bytes(PseudonymKeys::derived_root(master));
        self.meta
            .insert(
                META_PSEUDONYM_ROOT,
                root.wrap(&self.kek, META_PSEUDONYM_ROOT),
            )
            .map_err(|e| self.sled(e))?;
        self.flush()
    }

    /// The PII `hash` action's keys, from the root kept here (stable across master-key
    /// rotations).
    pub fn pseudonym_keys(&self) -> Result<PseudonymKeys, VaultError> {
        Ok(PseudonymKeys::from_root(self.pseudonym_root()?.expose()))
    }

    fn pseudonym_root(&self) -> Result<SecretKey, VaultError> {
        let wrapped = self
            .meta
            .get(META_PSEUDONYM_ROOT)
            .map_err(|e| self.sled(e))?
            .ok_or_else(|| self.corrupt("its pseudonym root is missing"))?;
        SecretKey::unwrap(&self.kek, META_PSEUDONYM_ROOT, &wrapped)
            .ok_or_else(|| self.corrupt("its pseudonym root does not unwrap"))
    }

    /// Whether `kek` opens the key-check value, and which version it is.
    fn verify_check(&self, kek: &SecretKey, check: &[u8]) -> Result<Records, VaultError> {
        for (aad, records) in [
            (CHECK_AAD_V2, Records::Tagged),
            (CHECK_AAD, Records::Untagged),
        ] {
            if let Some(plain) = kek.open(aad, check) {
                if plain.as_slice() == CHECK_PLAINTEXT {
                    return Ok(records);
                }
            }
        }
        Err(VaultError::WrongMasterKey {
            path: self.path.clone(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn sled(&self, source: sled::Error) -> VaultError {
        VaultError::Sled {
            path: self.path.clone(),
            source,
        }
    }

    fn corrupt(&self, what: impl Into<String>) -> VaultError {
        VaultError::Corrupt {
            path: self.path.clone(),
            what: what.into(),
        }
    }

    fn flush(&self) -> Result<(), VaultError> {
        self.db.flush().map(|_| ()).map_err(|e| self.sled(e))
    }

    fn transaction_error(&self, e: TransactionError<VaultError>) -> VaultError {
        match e {
            TransactionError::Abort(e) => e,
            TransactionError::Storage(e) => self.sled(e),
        }
    }

    /// Writes or rotates the key of `provider` under a fresh data key; the old value
    /// and its data key are gone once this returns.
    pub fn put_provider_key(
        &self,
        provider: &str,
        value: &SecretString,
    ) -> Result<ProviderKeyInfo, VaultError> {
        use secrecy::ExposeSecret;
        if provider.is_empty() || value.expose_secret().is_empty() {
            return Err(VaultError::Invalid(
                "a provider key needs a provider name and a non-empty value".into(),
            ));
        }
        let now = OffsetDateTime::now_utc();
        let previous = match self.stored_provider_key(provider) {
            Ok(previous) => previous,
            // A record that failed authentication (logged) is replaced; what it says
            // is not believed, so no data key it names is destroyed.
            Err(VaultError::Tampered { .. }) => None,
            Err(e) => return Err(e),
        };
        let info = ProviderKeyInfo {
            provider: provider.to_owned(),
            version: previous.as_ref().map_or(1, |p| p.info.version + 1),
            created_at: previous.as_ref().map_or(now, |p| p.info.created_at),
            updated_at: now,
        };
        let data_key = SecretKey::random();
        let data_key_id = random_id();
        let sealed = data_key.seal(
            &provider_key_aad(provider, &data_key_id),
            value.expose_secret().as_bytes(),
        );
        let stored = StoredProviderKey {
            info: info.clone(),
            data_key_id: data_key_id.clone(),
            sealed: base64::Engine::encode(&b64(), sealed),
        };
        let record = serde_json::to_vec(&stored)
            .map_err(|e| self.corrupt(format!("cannot encode a provider key record: {e}")))?;
        let record = self
            .records
            .seal(Table::ProviderKeys, provider.as_bytes(), &record);
        let wrapped = data_key.wrap(&self.kek, &data_key_id);
        if let Some(rows) = &self.shared_providers {
            // The row holds the record and its data key: replacing it destroys the old.
            rows.put(provider, &record, &wrapped)
                .map_err(VaultError::Shared)?;
            return Ok(info);
        }
        let old_id = previous.map(|p| p.data_key_id);
        (&self.provider_keys, &self.data_keys)
            .transaction(|(keys, data)| {
                data.insert(data_key_id.as_bytes(), wrapped.as_slice())?;
                keys.insert(provider.as_bytes(), record.as_slice())?;
                if let Some(old) = &old_id {
                    data.remove(old.as_bytes())?;
                }
                Ok::<_, ConflictableTransactionError<VaultError>>(())
            })
            .map_err(|e| self.transaction_error(e))?;
        self.flush()?;
        Ok(info)
    }

    /// Removes the key of `provider` and destroys its data key; `false` if none was stored.
    pub fn remove_provider_key(&self, provider: &str) -> Result<bool, VaultError> {
        if let Some(rows) = &self.shared_providers {
            return rows.remove(provider).map_err(VaultError::Shared);
        }
        let data_key_id = match self.stored_provider_key(provider) {
            Ok(Some(previous)) => Some(previous.data_key_id),
            Ok(None) => return Ok(false),
            // Removed all the same; the data key it names is not believed.
            Err(VaultError::Tampered { .. }) => None,
            Err(e) => return Err(e),
        };
        (&self.provider_keys, &self.data_keys)
            .transaction(|(keys, data)| {
                keys.remove(provider.as_bytes())?;
                if let Some(id) = &data_key_id {
                    data.remove(id.as_bytes())?;
                }
                Ok::<_, ConflictableTransactionError<VaultError>>(())
            })
            .map_err(|e| self.transaction_error(e))?;
        self.flush()?;
        Ok(true)
    }

    /// Whether a key is stored for `provider` (without decrypting it).
    pub fn has_provider_key(&self, provider: &str) -> Result<bool, VaultError> {
        if let Some(rows) = &self.shared_providers {
            return Ok(rows.get(provider).map_err(VaultError::Shared)?.is_some());
        }
        self.provider_keys
            .contains_key(provider.as_bytes())
            .map_err(|e| self.sled(e))
    }

    /// Decrypts the key of `provider` for one use; the caller drops it right after.
    pub fn provider_key(&self, provider: &str) -> Result<Option<SecretString>, VaultError> {
        let (stored, wrapped) = match &self.shared_providers {
            Some(rows) => match self.shared_provider_key(rows.as_ref(), provider)? {
                Some(row) => row,
                None => return Ok(None),
            },
            None => {
                let Some(stored) = self.stored_provider_key(provider)? else {
                    return Ok(None);
                };
                let wrapped = self
                    .data_keys
                    .get(stored.data_key_id.as_bytes())
                    .map_err(|e| self.sled(e))?
                    .ok_or_else(|| {
                        self.corrupt(format!(
                            "the data key of provider \"{provider}\" is missing"
                        ))
                    })?
                    .to_vec();
                (stored, wrapped)
            }
        };
        let data_key =
            SecretKey::unwrap(&self.kek, &stored.data_key_id, &wrapped).ok_or_else(|| {
                self.corrupt(format!(
                    "the data key of provider \"{provider}\" does not unwrap"
                ))
            })?;
        let sealed = base64::Engine::decode(&b64(), &stored.sealed)
            .map_err(|_| self.corrupt(format!("provider \"{provider}\": bad encoding")))?;
        let plain = data_key
            .open(&provider_key_aad(provider, &stored.data_key_id), &sealed)
            .ok_or_else(|| {
                self.corrupt(format!(
                    "the key of provider \"{provider}\" does not decrypt"
                ))
            })?;
        let text = std::str::from_utf8(&plain).map_err(|_| {
            self.corrupt(format!("the key of provider \"{provider}\" is not UTF-8"))
        })?;
        Ok(Some(SecretString::from(text)))
    }

    /// Names, versions and times of every stored provider key; never a value.
    pub fn list_provider_keys(&self) -> Result<Vec<ProviderKeyInfo>, VaultError> {
        let rows: Vec<(Vec<u8>, Vec<u8>)> = match &self.shared_providers {
            Some(rows) => rows
                .all()
                .map_err(VaultError::Shared)?
                .into_iter()
                .map(|(id, record)| (id.into_bytes(), record))
                .collect(),
            None => self
                .provider_keys
                .iter()
                .map(|item| item.map(|(id, value)| (id.to_vec(), value.to_vec())))
                .collect::<Result<_, _>>()
                .map_err(|e| self.sled(e))?,
        };
        let mut out = Vec::new();
        for (id, value) in rows {
            let body = self.authentic(Table::ProviderKeys, &id, &value)?;
            let stored: StoredProviderKey = serde_json::from_slice(body)
                .map_err(|e| self.corrupt(format!("a provider key record: {e}")))?;
            out.push(stored.info);
        }
        Ok(out)
    }

    fn stored_provider_key(&self, provider: &str) -> Result<Option<StoredProviderKey>, VaultError> {
        if let Some(rows) = &self.shared_providers {
            return Ok(self
                .shared_provider_key(rows.as_ref(), provider)?
                .map(|(stored, _)| stored));
        }
        let Some(value) = self
            .provider_keys
            .get(provider.as_bytes())
            .map_err(|e| self.sled(e))?
        else {
            return Ok(None);
        };
        let body = self.authentic(Table::ProviderKeys, provider.as_bytes(), &value)?;
        serde_json::from_slice(body)
            .map(Some)
            .map_err(|e| self.corrupt(format!("the record of provider \"{provider}\": {e}")))
    }

    /// Re-wraps every data key and the key-check value under `new` and re-tags every
    /// record under the key derived from it, in one sled transaction; the secrets
    /// themselves are not re-encrypted. Every data key is unwrapped and every record's
    /// tag verified with the current key first, so a damaged vault changes nothing.
    /// Returns how many data keys were re-wrapped. Consumes the vault: reopen it with
    /// the new master key.
    pub fn rotate_master(self, new: &MasterKey) -> Result<usize, VaultError> {
        let new_kek = SecretKey::kek(new);
        let new_records = RecordKey::derive(new);
        let mut retagged: Vec<Retagged> = Vec::new();
        for table in Table::ALL {
            for item in self.tree(table).iter() {
                let (id, stored) = item.map_err(|e| self.sled(e))?;
                let body = self.authentic(table, &id, &stored)?;
                retagged.push((table, id.to_vec(), new_records.seal(table, &id, body)));
            }
        }
        let mut rewrapped = Vec::new();
        for item in self.data_keys.iter() {
            let (id, wrapped) = item.map_err(|e| self.sled(e))?;
            let id_text = String::from_utf8(id.to_vec())
                .map_err(|_| self.corrupt("a data key id is not UTF-8"))?;
            let key = SecretKey::unwrap(&self.kek, &id_text, &wrapped)
                .ok_or_else(|| self.corrupt(format!("data key {id_text} does not unwrap")))?;
            rewrapped.push((id_text.clone(), key.wrap(&new_kek, &id_text)));
        }
        let check = new_kek.seal(CHECK_AAD_V2, CHECK_PLAINTEXT);
        let root = self.pseudonym_root()?.wrap(&new_kek, META_PSEUDONYM_ROOT);
        (
            &self.meta,
            &self.data_keys,
            &self.virtual_keys,
            &self.provider_keys,
        )
            .transaction(|(meta, data, virtual_keys, provider_keys)| {
                for (id, wrapped) in &rewrapped {
                    data.insert(id.as_bytes(), wrapped.as_slice())?;
                }
                insert_records(&retagged, virtual_keys, provider_keys)?;
                meta.insert(META_CHECK, check.as_slice())?;
                meta.insert(META_PSEUDONYM_ROOT, root.as_slice())?;
                Ok::<_, ConflictableTransactionError<VaultError>>(())
            })
            .map_err(|e| self.transaction_error(e))?;
        self.flush()?;
        Ok(rewrapped.len())
    }
}

/// A record to write: its tree, id and stored (tagged) form.
type Retagged = (Table, Vec<u8>, Vec<u8>);

/// Writes re-tagged records inside a transaction over both record trees.
fn insert_records(
    records: &[Retagged],
    virtual_keys: &TransactionalTree,
    provider_keys: &TransactionalTree,
) -> Result<(), UnabortableTransactionError> {
    for (table, id, sealed) in records {
        let tree = match table {
            Table::VirtualKeys => virtual_keys,
            Table::ProviderKeys => provider_keys,
        };
        tree.insert(id.as_slice(), sealed.as_slice())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    fn master(byte: u8) -> MasterKey {
        MasterKey::from_bytes([byte; 32])
    }

    /// Opens the vault again once the previous handle's background threads have let
    /// go of sled's file lock (dropping a `Db` releases it asynchronously).
    fn reopen(path: &Path, master: &MasterKey) -> Result<Vault, VaultError> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            match Vault::open(path, master) {
                Err(VaultError::Open { .. }) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                other => return other,
            }
        }
    }

    #[test]
    fn provider_keys_round_trip_rotate_and_remove() {
        let dir = tempfile::tempdir().unwrap();
        let vault = Vault::open(&dir.path().join("vault"), &master(1)).unwrap();
        assert!(vault.provider_key("p").unwrap().is_none());
        let v1 = vault
            .put_provider_key("p", &SecretString::from("sk-one"))
            .unwrap();
        assert_eq!(v1.version, 1);
        assert_eq!(
            vault.provider_key("p").unwrap().unwrap().expose_secret(),
            "sk-one"
        );
        let v2 = vault
            .put_provider_key("p", &SecretString::from("sk-two"))
            .unwrap();
        assert_eq!(v2.version, 2);
        assert_eq!(v2.created_at, v1.created_at);
        assert_eq!(
            vault.provider_key("p").unwrap().unwrap().expose_secret(),
            "sk-two"
        );
        assert_eq!(vault.data_keys.len(), 1, "the old data key is destroyed");
        assert_eq!(vault.list_provider_keys().unwrap(), vec![v2]);
        assert!(vault.remove_provider_key("p").unwrap());
        assert!(!vault.remove_provider_key("p").unwrap());
        assert!(vault.provider_key("p").unwrap().is_none());
        assert!(vault.data_keys.is_empty());
    }

    #[test]
    fn a_wrong_master_key_is_refused_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault");
        {
            let vault = reopen(&path, &master(1)).unwrap();
            vault
                .put_provider_key("p", &SecretString::from("sk-one"))
                .unwrap();
        }
        let e = reopen(&path, &master(2)).unwrap_err();
        assert!(matches!(e, VaultError::WrongMasterKey { .. }), "{e}");
        assert!(e.to_string().contains("nothing was changed"), "{e}");
        let vault = reopen(&path, &master(1)).unwrap();
        assert_eq!(
            vault.provider_key("p").unwrap().unwrap().expose_secret(),
            "sk-one"
        );
    }

    fn new_key(vault: &Vault, id: &str) -> VirtualKeySecret {
        vault
            .create_virtual_key(NewVirtualKey {
                id: Some(id.into()),
                tenant: "acme".into(),
                ..NewVirtualKey::default()
            })
            .unwrap()
            .1
    }

    /// Rewrites a stored record's JSON, keeping whatever tag it had.
    fn edit(tree: &sled::Tree, id: &str, from: &str, to: &str) {
        let stored = tree.get(id).unwrap().unwrap().to_vec();
        let body = records::unverified_body(&stored);
        let head = &stored[..stored.len() - body.len()];
        let text = String::from_utf8(body.to_vec()).unwrap();
        assert!(text.contains(from), "{text}");
        let edited = [head, text.replace(from, to).as_bytes()].concat();
        tree.insert(id, edited).unwrap();
    }

    #[test]
    fn an_edited_record_is_refused_and_can_still_be_revoked() {
        let dir = tempfile::tempdir().unwrap();
        let vault = Vault::open(&dir.path().join("vault"), &master(1)).unwrap();
        let secret = new_key(&vault, "app");
        new_key(&vault, "other");
        vault
            .put_provider_key("p", &SecretString::from("sk-one"))
            .unwrap();
        edit(&vault.virtual_keys, "app", "\"acme\"", "\"evil\"");
        let e = vault
            .virtual_key_by_digest(&digest_of(secret.expose()))
            .unwrap_err();
        assert!(
            matches!(e, VaultError::Tampered { tree: "virtual_keys", ref id, .. } if id == "app"),
            "{e}"
        );
        assert!(!e.to_string().contains(secret.expose()));
        assert!(vault.list_virtual_keys().is_err());
        assert_eq!(vault.revoke_virtual_key("app").unwrap().unwrap().id, "app");
        assert!(vault
            .virtual_by_digest
            .iter()
            .all(|i| i.unwrap().1.as_ref() == b"other"));
        assert_eq!(vault.list_virtual_keys().unwrap().len(), 1);

        // The digest index is not tagged: pointing a secret at another key's record
        // does not lend it that key.
        vault
            .virtual_by_digest
            .insert(digest_of(secret.expose()), "other")
            .unwrap();
        assert!(matches!(
            vault.virtual_key_by_digest(&digest_of(secret.expose())),
            Err(VaultError::Tampered { .. })
        ));

        edit(&vault.provider_keys, "p", "\"version\":1", "\"version\":7");
        assert!(matches!(
            vault.provider_key("p"),
            Err(VaultError::Tampered {
                tree: "provider_keys",
                ..
            })
        ));
        // Replacing it works and destroys no data key the edited record named.
        vault
            .put_provider_key("p", &SecretString::from("sk-two"))
            .unwrap();
        assert_eq!(
            vault.provider_key("p").unwrap().unwrap().expose_secret(),
            "sk-two"
        );
    }

    #[test]
    fn a_vault_from_before_record_tags_is_tagged_on_first_open_then_strict() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault");
        let secret = {
            let vault = reopen(&path, &master(1)).unwrap();
            let secret = new_key(&vault, "app");
            vault
                .put_provider_key("p", &SecretString::from("sk-one"))
                .unwrap();
            // What the previous version wrote: plain JSON records, check value v1.
            for tree in [&vault.virtual_keys, &vault.provider_keys] {
                for item in tree.iter() {
                    let (id, stored) = item.unwrap();
                    tree.insert(id, records::unverified_body(&stored)).unwrap();
                }
            }
            vault
                .meta
                .insert(META_CHECK, vault.kek.seal(CHECK_AAD, CHECK_PLAINTEXT))
                .unwrap();
            vault.flush().unwrap();
            secret
        };
        // A wrong master key migrates nothing.
        assert!(matches!(
            reopen(&path, &master(2)).unwrap_err(),
            VaultError::WrongMasterKey { .. }
        ));
        let vault = reopen(&path, &master(1)).unwrap();
        assert_eq!(
            vault
                .virtual_key_by_digest(&digest_of(secret.expose()))
                .unwrap()
                .unwrap()
                .tenant,
            "acme"
        );
        assert_eq!(
            vault.provider_key("p").unwrap().unwrap().expose_secret(),
            "sk-one"
        );
        // From now on a plain record is a forgery.
        let stored = vault.virtual_keys.get("app").unwrap().unwrap();
        vault
            .virtual_keys
            .insert("app", records::unverified_body(&stored))
            .unwrap();
        assert!(matches!(
            vault.virtual_key_by_digest(&digest_of(secret.expose())),
            Err(VaultError::Tampered { .. })
        ));
    }

    #[test]
    fn master_rotation_rewraps_data_keys_and_keeps_every_key_usable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault");
        let vault = reopen(&path, &master(1)).unwrap();
        vault
            .put_provider_key("a", &SecretString::from("sk-a"))
            .unwrap();
        vault
            .put_provider_key("b", &SecretString::from("sk-b"))
            .unwrap();
        let secret = new_key(&vault, "app");
        let sealed_before = vault.provider_keys.get("a").unwrap().unwrap();
        let pseudonym_before = vault.pseudonym_keys().unwrap().key_for("acme");
        // A vault keeps the pseudonyms its master key used to derive.
        assert_eq!(
            *pseudonym_before,
            *PseudonymKeys::derive(&master(1)).key_for("acme")
        );
        assert_eq!(vault.rotate_master(&master(3)).unwrap(), 2);
        assert!(matches!(
            reopen(&path, &master(1)).unwrap_err(),
            VaultError::WrongMasterKey { .. }
        ));
        let vault = reopen(&path, &master(3)).unwrap();
        assert_eq!(
            vault.provider_key("a").unwrap().unwrap().expose_secret(),
            "sk-a"
        );
        assert_eq!(
            vault.provider_key("b").unwrap().unwrap().expose_secret(),
            "sk-b"
        );
        let stored_after = vault.provider_keys.get("a").unwrap().unwrap();
        let sealed_of = |stored: &[u8]| -> String {
            serde_json::from_slice::<serde_json::Value>(records::unverified_body(stored)).unwrap()
                ["sealed"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        assert_eq!(
            sealed_of(&stored_after),
            sealed_of(&sealed_before),
            "secrets are not re-encrypted"
        );
        assert_ne!(stored_after, sealed_before, "the record is re-tagged");
        assert_eq!(
            vault
                .virtual_key_by_digest(&digest_of(secret.expose()))
                .unwrap()
                .unwrap()
                .id,
            "app",
            "virtual key records are re-tagged under the new key"
        );
        assert_eq!(
            *vault.pseudonym_keys().unwrap().key_for("acme"),
            *pseudonym_before,
            "the hash action's pseudonyms survive the rotation"
        );
    }
}
