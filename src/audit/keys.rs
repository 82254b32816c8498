//! Data keys and the checkpoint signing key. The signing key, the pseudonym key and
//! the key-encryption key of data keys live in sled at `<audit dir>/keys`, wrapped by
//! the master key (which is never stored); data keys live one file each in
//! [`super::keyfiles`], wrapped by that key-encryption key, so that destroying one
//! removes its bytes from disk (sled keeps deleted values in its files until its
//! garbage collection). Data keys made before that were kept in sled and are still
//! read (and erased) there. One data key per owner and per rotation period (calendar
//! month, or sooner on explicit rotation); an owner is a subject string (a tenant, or
//! `system`) or a person of a tenant ([`KeyOwner`]). Erasure removes every data key of
//! a subject (or of a person, in one tenant or all) and syncs: its records no longer
//! decrypt. Retention shreds a tenant's keys of months past its retention. Guarantees: unwrapped keys live only in memory as [`SecretKey`]. Does not
//! decide which subject a record belongs to. sled holds no subject identifier: the
//! index is keyed by an HMAC pseudonym under a key kept here, wrapped (first seeded
//! from the master key, so stores made before it was kept keep their index). A
//! master-key rotation re-wraps the signing key, the pseudonym key and every data key
//! in one sled transaction; records are never re-encrypted.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ring::signature::{Ed25519KeyPair, KeyPair};
use zeroize::Zeroizing;

use super::chain::LogId;
use super::crypto::{self, CryptoError, SecretKey};
use super::frame::KeyId;
use super::keyfiles::{Entry, KeyFiles, NO_SLOT};
use crate::vault::master_key::MasterKey;

const META_LOG_ID: &[u8] = b"log_id";
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_millis(1000);
const META_SIGNING_KEY: &[u8] = b"signing_key";
const META_PSEUDONYM_KEY: &[u8] = b"pseudonym_key";
/// The AAD that binds the wrapped pseudonym key to its slot.
const PSEUDONYM_AAD: &[u8] = b"pseudonym";
const META_FILE_KEK: &[u8] = b"file_kek";
/// The AAD that binds the wrapped key-encryption key of key files to its slot.
const FILE_KEK_AAD: &[u8] = b"file-kek";
/// Domain of a person's pseudonym, apart from the key index's own pseudonyms.
const PERSON_DOMAIN: &[u8] = b"ledgergate/data-subject/v1\0";

/// Whose data key encrypts a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyOwner {
    /// A subject string: a tenant (its records that name no person) or `system`.
    Subject(String),
    /// A person of a tenant, known here only by its keyed pseudonym.
    Person { tenant: String, pseudonym: String },
}

/// Computes a person's keyed pseudonym (HMAC-SHA256 under the key store's pseudonym
/// key, truncated to 16 bytes, hex): what records and the key index hold instead of
/// the subject id. Cheap to clone; prints nothing of its key.
#[derive(Clone)]
pub struct Pseudonymizer(ring::hmac::Key);

impl Pseudonymizer {
    pub fn person(&self, subject: &str) -> String {
        let mut ctx = ring::hmac::Context::with_key(&self.0);
        ctx.update(PERSON_DOMAIN);
        ctx.update(subject.as_bytes());
        hex::encode(&ctx.sign().as_ref()[..16])
    }
}

impl std::fmt::Debug for Pseudonymizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pseudonymizer(..)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("the audit key store {path} is locked by another process (is `ledgergate serve` running? stop it or use its admin API)")]
    Locked { path: PathBuf },
    #[error("the audit key store {path} cannot be used: {source}")]
    Sled { path: PathBuf, source: sled::Error },
    #[error("the master key does not match the one the audit log in {path} was created with")]
    WrongMasterKey { path: PathBuf },
    #[error("the audit key store {path} holds a malformed entry ({what})")]
    Corrupt { path: PathBuf, what: &'static str },
    #[error("the subject `system` holds the log's own events and cannot be erased")]
    SystemSubject,
    #[error("the audit key files cannot be used: {0}")]
    Files(std::io::Error),
    #[error("key wrapping failed: {0}")]
    Crypto(#[from] CryptoError),
}

/// The Ed25519 key that signs checkpoints.
pub struct SigningKey {
    pair: Ed25519KeyPair,
}

impl SigningKey {
    pub fn public_key(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        out.copy_from_slice(self.pair.public_key().as_ref());
        out
    }
    pub fn sign(&self, msg: &[u8]) -> [u8; 64] {
        let mut out = [0u8; 64];
        out.copy_from_slice(self.pair.sign(msg).as_ref());
        out
    }
    /// A fresh key (tests use it to forge checkpoints with a foreign key).
    pub fn generate() -> Result<(SigningKey, Zeroizing<Vec<u8>>), CryptoError> {
        let rng = ring::rand::SystemRandom::new();
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&rng).map_err(|_| CryptoError::Seal)?;
        let pkcs8 = Zeroizing::new(pkcs8.as_ref().to_vec());
        let pair = Ed25519KeyPair::from_pkcs8(&pkcs8).map_err(|_| CryptoError::BadWrapped)?;
        Ok((SigningKey { pair }, pkcs8))
    }
}

impl std::fmt::Debug for KeyStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyStore")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

struct Current {
    key_id: KeyId,
    key: SecretKey,
    period: String,
    /// Its HKDF-Extract in the writer's log, made on the first record.
    record_keys: Option<crypto::RecordKeys>,
}

/// The sled-backed key store. One process at a time (sled's own lock).
pub struct KeyStore {
    path: PathBuf,
    db: sled::Db,
    keys: sled::Tree,
    by_subject: sled::Tree,
    current: sled::Tree,
    master: MasterKey,
    /// Keys the subject index: sled holds no subject identifier, only this HMAC.
    pseudonym_key: ring::hmac::Key,
    /// Wraps the data keys kept in `files` (itself wrapped by the master key in sled,
    /// so a master-key rotation re-wraps this one key, never the files).
    kek: SecretKey,
    files: KeyFiles,
    cache: HashMap<KeyId, SecretKey>,
    current_cache: HashMap<String, Current>,
}

impl KeyStore {
    /// Opens (creating if needed) the key store under `audit_dir/keys`.
    pub fn open(audit_dir: &Path, master: &MasterKey) -> Result<KeyStore, KeyError> {
        let path = audit_dir.join("keys");
        // sled's lock is an flock on an open file; a child process between fork and exec
        // shares it for a moment. Wait a bounded time before calling the store locked.
        let deadline = std::time::Instant::now() + LOCK_WAIT;
        let db = loop {
            match sled::Config::new()
                .path(&path)
                .open()
                .map_err(|e| sled_error(&path, e))
            {
                Err(KeyError::Locked { .. }) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(25));
                }
                other => break other?,
            }
        };
        let tree = |name: &str| db.open_tree(name).map_err(|e| sled_error(&path, e));
        let pseudonym = pseudonym_key(&db, &path, master)?;
        let kek = file_kek(&db, &path, master)?;
        let files = KeyFiles::open(audit_dir).map_err(KeyError::Files)?;
        Ok(KeyStore {
            kek,
            files,
            keys: tree("data_keys")?,
            by_subject: tree("by_subject")?,
            current: tree("current")?,
            pseudonym_key: ring::hmac::Key::new(ring::hmac::HMAC_SHA256, pseudonym.expose()),
            db,
            path: path.clone(),
            master: MasterKey::from_bytes(*master.expose()),
            cache: HashMap::new(),
            current_cache: HashMap::new(),
        })
    }

    /// A second handle on the same database (sled is safe to share between threads),
    /// with its own caches: lets a long read such as an export run beside the writer.
    pub fn share(&self) -> KeyStore {
        KeyStore {
            path: self.path.clone(),
            db: self.db.clone(),
            keys: self.keys.clone(),
            by_subject: self.by_subject.clone(),
            current: self.current.clone(),
            master: MasterKey::from_bytes(*self.master.expose()),
            pseudonym_key: self.pseudonym_key.clone(),
            kek: self.kek.clone(),
            files: self.files.clone(),
            cache: HashMap::new(),
            current_cache: HashMap::new(),
        }
    }

    /// The log id and signing key, created on first use. A wrong master key is refused.
    pub fn identity(&self) -> Result<(LogId, SigningKey), KeyError> {
        let meta = self.db.open_tree("meta").map_err(|e| self.sled(e))?;
        let log_id = meta.get(META_LOG_ID).map_err(|e| self.sled(e))?;
        let wrapped = meta.get(META_SIGNING_KEY).map_err(|e| self.sled(e))?;
        match (log_id, wrapped) {
            (Some(id), Some(wrapped)) => {
                let id: [u8; 16] = id.as_ref().try_into().map_err(|_| self.corrupt("log id"))?;
                let pkcs8 =
                    crypto::unwrap(&self.master, "signing-key", &id, &wrapped).map_err(|_| {
                        KeyError::WrongMasterKey {
                            path: self.path.clone(),
                        }
                    })?;
                let pair =
                    Ed25519KeyPair::from_pkcs8(&pkcs8).map_err(|_| self.corrupt("signing key"))?;
                Ok((LogId(id), SigningKey { pair }))
            }
            (None, None) => {
                let mut id = [0u8; 16];
                rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut id);
                let (key, pkcs8) = SigningKey::generate()?;
                let wrapped = crypto::wrap(&self.master, "signing-key", &id, &pkcs8)?;
                meta.insert(META_SIGNING_KEY, wrapped)
                    .map_err(|e| self.sled(e))?;
                meta.insert(META_LOG_ID, &id[..])
                    .map_err(|e| self.sled(e))?;
                self.db.flush().map_err(|e| self.sled(e))?;
                Ok((LogId(id), key))
            }
            _ => Err(self.corrupt("log identity")),
        }
    }

    /// The key that encrypts new records of `owner` in `period` ("YYYY-MM"), created
    /// and made durable before first use.
    pub fn key_for_write(
        &mut self,
        owner: &KeyOwner,
        period: &str,
    ) -> Result<(KeyId, SecretKey), KeyError> {
        let c = self.current(owner, period)?;
        Ok((c.key_id, c.key.clone()))
    }

    /// As [`Self::key_for_write`], as the HKDF-Extract of that key in `log_id`: computed
    /// once per current key and kept beside it, so it lives exactly as long as the key
    /// stays current in this handle and goes with it on erasure, retention, rotation
    /// and the change of month.
    pub fn record_keys_for_write(
        &mut self,
        owner: &KeyOwner,
        period: &str,
        log_id: &LogId,
    ) -> Result<(KeyId, &crypto::RecordKeys), KeyError> {
        let c = self.current(owner, period)?;
        if c.record_keys.as_ref().is_some_and(|k| k.log_id() != log_id) {
            c.record_keys = None;
        }
        let keys = c
            .record_keys
            .get_or_insert_with(|| crypto::RecordKeys::extract(&c.key, log_id));
        Ok((c.key_id, keys))
    }

    /// The owner's current key of `period`, from this handle's cache, else sled, else
    /// a new one.
    fn current(&mut self, owner: &KeyOwner, period: &str) -> Result<&mut Current, KeyError> {
        let slot_name = self.current_name(owner);
        if self
            .current_cache
            .get(&slot_name)
            .is_none_or(|c| c.period != period)
        {
            let (key_id, key) = self.load_or_start_current(owner, &slot_name, period)?;
            self.current_cache.insert(
                slot_name.clone(),
                Current {
                    key_id,
                    key,
                    period: period.to_owned(),
                    record_keys: None,
                },
            );
        }
        match self.current_cache.get_mut(&slot_name) {
            Some(c) => Ok(c),
            None => Err(KeyError::Corrupt {
                path: self.path.clone(),
                what: "current key cache",
            }),
        }
    }

    fn load_or_start_current(
        &mut self,
        owner: &KeyOwner,
        slot_name: &str,
        period: &str,
    ) -> Result<(KeyId, SecretKey), KeyError> {
        let pseudonym = self.pseudonym_bytes(slot_name);
        if let Some(v) = self.current.get(pseudonym).map_err(|e| self.sled(e))? {
            if v.len() == 16 + period.len() && &v[16..] == period.as_bytes() {
                let key_id = KeyId(
                    v[..16]
                        .try_into()
                        .map_err(|_| self.corrupt("current key"))?,
                );
                if let Some(key) = self.key(&key_id)? {
                    return Ok((key_id, key));
                }
            }
        }
        let key = SecretKey::random();
        let mut id = [0u8; 16];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut id);
        let key_id = KeyId(id);
        let wrapped = crypto::wrap_with(&self.kek, &id, key.expose())?;
        let (owner_dir, slot) = self.entry_place(owner);
        let entry = Entry {
            owner: owner_dir,
            slot,
            month: period.to_owned(),
            id: key_id,
        };
        // The key file is durable before any record encrypted with it is.
        self.files.put(&entry, &wrapped).map_err(KeyError::Files)?;
        let mut cur = id.to_vec();
        cur.extend_from_slice(period.as_bytes());
        self.current
            .insert(pseudonym, cur)
            .map_err(|e| self.sled(e))?;
        self.db.flush().map_err(|e| self.sled(e))?;
        self.cache.insert(key_id, key.clone());
        Ok((key_id, key))
    }

    /// The name under which an owner's current key is remembered (pseudonymized
    /// before it reaches sled). A subject string is its own name, as before persons.
    fn current_name(&self, owner: &KeyOwner) -> String {
        match owner {
            KeyOwner::Subject(s) => s.clone(),
            KeyOwner::Person { tenant, pseudonym } => format!("\0person\0{tenant}\0{pseudonym}"),
        }
    }

    /// Where an owner's keys sit in the key-file index: (owner dir, slot).
    fn entry_place(&self, owner: &KeyOwner) -> (String, String) {
        match owner {
            KeyOwner::Subject(s) => (self.pseudonym(s), NO_SLOT.to_owned()),
            KeyOwner::Person { tenant, pseudonym } => (pseudonym.clone(), self.pseudonym(tenant)),
        }
    }

    /// Computes persons' pseudonyms with this store's key.
    pub fn pseudonymizer(&self) -> Pseudonymizer {
        Pseudonymizer(self.pseudonym_key.clone())
    }

    /// The data key with this id, or `None` when it was erased or never existed.
    pub fn key(&mut self, key_id: &KeyId) -> Result<Option<SecretKey>, KeyError> {
        if let Some(k) = self.cache.get(key_id) {
            return Ok(Some(k.clone()));
        }
        let raw = if let Some(wrapped) = self.files.get(key_id).map_err(KeyError::Files)? {
            crypto::unwrap_with(&self.kek, &key_id.0, &wrapped)
                .map_err(|_| self.corrupt("data key file"))?
        } else {
            // A key made before data keys were kept in files.
            let Some(value) = self.keys.get(key_id.0).map_err(|e| self.sled(e))? else {
                return Ok(None);
            };
            crypto::unwrap(&self.master, "data-key", &key_id.0, &value).map_err(|_| {
                KeyError::WrongMasterKey {
                    path: self.path.clone(),
                }
            })?
        };
        let bytes: [u8; 32] = raw[..]
            .try_into()
            .map_err(|_| self.corrupt("data key length"))?;
        let key = SecretKey::from_bytes(bytes);
        self.cache.insert(*key_id, key.clone());
        Ok(Some(key))
    }

    /// Destroys every data key of a subject; returns the ids of the keys destroyed (the
    /// erasure record names them, so a verifier can tell an erased key from a key that
    /// went missing). With `tenant`, the keys of the person `subject` in that tenant;
    /// without, the person's keys in every tenant and the keys of the subject string
    /// itself (a tenant's records that name no person).
    pub fn erase(&mut self, subject: &str, tenant: Option<&str>) -> Result<Vec<KeyId>, KeyError> {
        if subject == super::record::SYSTEM_SUBJECT && tenant.is_none() {
            return Err(KeyError::SystemSubject);
        }
        let person = self.pseudonymizer().person(subject);
        let slot = tenant.map(|t| self.pseudonym(t));
        let mut entries = self
            .files
            .of_owner(&person, slot.as_deref())
            .map_err(KeyError::Files)?;
        let mut ids = Vec::new();
        if tenant.is_none() {
            entries.extend(
                self.files
                    .of_owner(&self.pseudonym(subject), Some(NO_SLOT))
                    .map_err(KeyError::Files)?,
            );
            ids = self.erase_sled_keys(subject)?;
        }
        for entry in &entries {
            self.files.shred(entry).map_err(KeyError::Files)?;
            self.forget(&entry.id);
            ids.push(entry.id);
        }
        // A current-key pointer to a destroyed key is stale: `key_for_write` finds the
        // key gone and starts a fresh one; the caches forgot it above.
        if tenant.is_none() {
            self.current
                .remove(self.pseudonym_bytes(subject))
                .map_err(|e| self.sled(e))?;
            self.current_cache.remove(subject);
        }
        self.db.flush().map_err(|e| self.sled(e))?;
        Ok(ids)
    }

    /// [`Self::erase`] in every tenant.
    pub fn erase_subject(&mut self, subject: &str) -> Result<Vec<KeyId>, KeyError> {
        self.erase(subject, None)
    }

    /// Forgets a destroyed key in this handle's caches.
    fn forget(&mut self, id: &KeyId) {
        self.cache.remove(id);
        self.current_cache.retain(|_, c| c.key_id != *id);
    }

    /// Destroys the keys a subject had in sled, from before data keys were files.
    fn erase_sled_keys(&mut self, subject: &str) -> Result<Vec<KeyId>, KeyError> {
        let pseudonym = self.pseudonym_bytes(subject);
        let mut ids = Vec::new();
        for item in self.by_subject.scan_prefix(pseudonym) {
            let (k, _) = item.map_err(|e| self.sled(e))?;
            let id: [u8; 16] = k[pseudonym.len()..]
                .try_into()
                .map_err(|_| self.corrupt("subject index"))?;
            ids.push(KeyId(id));
        }
        for id in &ids {
            self.keys.remove(id.0).map_err(|e| self.sled(e))?;
            self.by_subject
                .remove(subject_index(&pseudonym, id))
                .map_err(|e| self.sled(e))?;
            self.forget(id);
        }
        Ok(ids)
    }

    /// Shreds every data key of `tenant` (its persons' and its own) whose month is
    /// before `cutoff` ("YYYY-MM"): returns the ids destroyed, by month, oldest first.
    /// The log's own (`system`) keys are never shredded here.
    pub fn shred_months_before(
        &mut self,
        tenant: &str,
        cutoff: &str,
    ) -> Result<Vec<(String, Vec<KeyId>)>, KeyError> {
        let tenant_p = self.pseudonym(tenant);
        let mut by_month: std::collections::BTreeMap<String, Vec<Entry>> = Default::default();
        for e in self.files.all().map_err(KeyError::Files)? {
            let mine = e.slot == tenant_p || (e.slot == NO_SLOT && e.owner == tenant_p);
            if mine && e.month.as_str() < cutoff {
                by_month.entry(e.month.clone()).or_default().push(e);
            }
        }
        let mut out = Vec::new();
        for (month, entries) in by_month {
            let mut ids = Vec::new();
            for e in &entries {
                self.files.shred(e).map_err(KeyError::Files)?;
                self.forget(&e.id);
                ids.push(e.id);
            }
            out.push((month, ids));
        }
        Ok(out)
    }

    /// Re-wraps the signing key, the pseudonym key and every data key under `new`, in
    /// one sled transaction, after unwrapping each with the current master key (so a
    /// damaged store changes nothing). Returns how many data keys were re-wrapped.
    pub fn rewrap_master(&mut self, new: &MasterKey) -> Result<usize, KeyError> {
        let meta = self.db.open_tree("meta").map_err(|e| self.sled(e))?;
        let wrong = |_| KeyError::WrongMasterKey {
            path: self.path.clone(),
        };
        let mut meta_updates = Vec::new();
        if let (Some(id), Some(wrapped)) = (
            meta.get(META_LOG_ID).map_err(|e| self.sled(e))?,
            meta.get(META_SIGNING_KEY).map_err(|e| self.sled(e))?,
        ) {
            let pkcs8 =
                crypto::unwrap(&self.master, "signing-key", &id, &wrapped).map_err(wrong)?;
            let rewrapped = crypto::wrap(new, "signing-key", &id, &pkcs8)?;
            meta_updates.push((META_SIGNING_KEY, rewrapped));
        }
        let wrapped = meta
            .get(META_PSEUDONYM_KEY)
            .map_err(|e| self.sled(e))?
            .ok_or_else(|| self.corrupt("pseudonym key"))?;
        let key = crypto::unwrap(&self.master, "pseudonym-key", PSEUDONYM_AAD, &wrapped)
            .map_err(wrong)?;
        meta_updates.push((
            META_PSEUDONYM_KEY,
            crypto::wrap(new, "pseudonym-key", PSEUDONYM_AAD, &key)?,
        ));
        meta_updates.push((
            META_FILE_KEK,
            crypto::wrap(new, "file-kek", FILE_KEK_AAD, self.kek.expose())?,
        ));
        let mut data_updates = Vec::new();
        for item in self.keys.iter() {
            let (id, wrapped) = item.map_err(|e| self.sled(e))?;
            let raw = crypto::unwrap(&self.master, "data-key", &id, &wrapped).map_err(wrong)?;
            let rewrapped = crypto::wrap(new, "data-key", &id, &raw)?;
            data_updates.push((id, rewrapped));
        }
        use sled::Transactional;
        (&meta, &self.keys)
            .transaction(|(meta, keys)| {
                for (name, value) in &meta_updates {
                    meta.insert(*name, value.as_slice())?;
                }
                for (id, value) in &data_updates {
                    keys.insert(id, value.as_slice())?;
                }
                Ok::<_, sled::transaction::ConflictableTransactionError<()>>(())
            })
            .map_err(|e| match e {
                sled::transaction::TransactionError::Storage(e) => self.sled(e),
                sled::transaction::TransactionError::Abort(()) => self.corrupt("transaction"),
            })?;
        self.db.flush().map_err(|e| self.sled(e))?;
        self.master = MasterKey::from_bytes(*new.expose());
        // Key files are wrapped by the key-encryption key, re-wrapped above.
        let files = self.files.count().map_err(KeyError::Files)?;
        Ok(data_updates.len() + files)
    }

    /// Starts a new key for every subject at its next record; old keys still decrypt.
    pub fn rotate_all(&mut self) -> Result<(), KeyError> {
        self.current.clear().map_err(|e| self.sled(e))?;
        self.current_cache.clear();
        self.db.flush().map_err(|e| self.sled(e))?;
        Ok(())
    }

    /// A keyed pseudonym of a subject (HMAC-SHA256 under a master-derived key): lets an
    /// erasure record, and the key index, name whom they concern without storing the
    /// identifier itself (an unkeyed hash of an email address is reversible by guessing).
    pub fn pseudonym(&self, subject: &str) -> String {
        hex::encode(self.pseudonym_bytes(subject))
    }

    fn pseudonym_bytes(&self, subject: &str) -> [u8; 16] {
        let tag = ring::hmac::sign(&self.pseudonym_key, subject.as_bytes());
        let mut out = [0u8; 16];
        out.copy_from_slice(&tag.as_ref()[..16]);
        out
    }

    fn sled(&self, e: sled::Error) -> KeyError {
        sled_error(&self.path, e)
    }
    fn corrupt(&self, what: &'static str) -> KeyError {
        KeyError::Corrupt {
            path: self.path.clone(),
            what,
        }
    }
}

/// The subject-index key, unwrapped; seeded on first open from the master key (the
/// value stores made before it was kept used), after checking the master key against
/// the signing key so a wrong key never seeds it.
fn pseudonym_key(db: &sled::Db, path: &Path, master: &MasterKey) -> Result<SecretKey, KeyError> {
    let sled = |e| sled_error(path, e);
    let wrong = |_| KeyError::WrongMasterKey {
        path: path.to_path_buf(),
    };
    let meta = db.open_tree("meta").map_err(sled)?;
    if let Some(wrapped) = meta.get(META_PSEUDONYM_KEY).map_err(sled)? {
        let raw =
            crypto::unwrap(master, "pseudonym-key", PSEUDONYM_AAD, &wrapped).map_err(wrong)?;
        let bytes: [u8; 32] = raw[..].try_into().map_err(|_| KeyError::Corrupt {
            path: path.to_path_buf(),
            what: "pseudonym key length",
        })?;
        return Ok(SecretKey::from_bytes(bytes));
    }
    if let (Some(id), Some(wrapped)) = (
        meta.get(META_LOG_ID).map_err(sled)?,
        meta.get(META_SIGNING_KEY).map_err(sled)?,
    ) {
        crypto::unwrap(master, "signing-key", &id, &wrapped).map_err(wrong)?;
    }
    let key = crypto::wrapping_purpose_key(master, "pseudonym")?;
    let wrapped = crypto::wrap(master, "pseudonym-key", PSEUDONYM_AAD, key.expose())?;
    meta.insert(META_PSEUDONYM_KEY, wrapped).map_err(sled)?;
    db.flush().map_err(sled)?;
    Ok(key)
}

/// The key-encryption key of key files, created on first open after the master key
/// was checked (by [`pseudonym_key`], which runs first).
fn file_kek(db: &sled::Db, path: &Path, master: &MasterKey) -> Result<SecretKey, KeyError> {
    let sled = |e| sled_error(path, e);
    let meta = db.open_tree("meta").map_err(sled)?;
    if let Some(wrapped) = meta.get(META_FILE_KEK).map_err(sled)? {
        let raw = crypto::unwrap(master, "file-kek", FILE_KEK_AAD, &wrapped).map_err(|_| {
            KeyError::WrongMasterKey {
                path: path.to_path_buf(),
            }
        })?;
        let bytes: [u8; 32] = raw[..].try_into().map_err(|_| KeyError::Corrupt {
            path: path.to_path_buf(),
            what: "key-encryption key length",
        })?;
        return Ok(SecretKey::from_bytes(bytes));
    }
    let key = SecretKey::random();
    let wrapped = crypto::wrap(master, "file-kek", FILE_KEK_AAD, key.expose())?;
    meta.insert(META_FILE_KEK, wrapped).map_err(sled)?;
    db.flush().map_err(sled)?;
    Ok(key)
}

fn subject_index(pseudonym: &[u8; 16], key_id: &KeyId) -> Vec<u8> {
    let mut k = pseudonym.to_vec();
    k.extend_from_slice(&key_id.0);
    k
}

fn sled_error(path: &Path, e: sled::Error) -> KeyError {
    if let sled::Error::Io(io) = &e {
        let text = io.to_string();
        if io.kind() == std::io::ErrorKind::WouldBlock || text.contains("lock") {
            return KeyError::Locked {
                path: path.to_path_buf(),
            };
        }
    }
    KeyError::Sled {
        path: path.to_path_buf(),
        source: e,
    }
}

#[cfg(test)]
mod tests {
    use super::super::record::Seq;
    use super::*;

    fn subj(s: &str) -> KeyOwner {
        KeyOwner::Subject(s.to_owned())
    }

    fn person(store: &KeyStore, tenant: &str, subject: &str) -> KeyOwner {
        KeyOwner::Person {
            tenant: tenant.to_owned(),
            pseudonym: store.pseudonymizer().person(subject),
        }
    }

    #[test]
    fn a_persons_keys_are_per_tenant_and_month_and_erased_alone() {
        let dir = tempfile::tempdir().unwrap();
        let master = MasterKey::from_bytes([5; 32]);
        let mut store = KeyStore::open(dir.path(), &master).unwrap();
        let alice = person(&store, "acme", "alice");
        let (a1, _) = store.key_for_write(&alice, "2026-01").unwrap();
        let (a2, _) = store.key_for_write(&alice, "2026-02").unwrap();
        let (bob, _) = store
            .key_for_write(&person(&store, "acme", "bob"), "2026-01")
            .unwrap();
        let (alice_globex, _) = store
            .key_for_write(&person(&store, "globex", "alice"), "2026-01")
            .unwrap();
        let (tenant, _) = store.key_for_write(&subj("acme"), "2026-01").unwrap();
        let mut erased = store.erase("alice", Some("acme")).unwrap();
        erased.sort();
        let mut want = vec![a1, a2];
        want.sort();
        assert_eq!(erased, want);
        drop(store);
        let mut store = KeyStore::open(dir.path(), &master).unwrap();
        assert!(store.key(&a1).unwrap().is_none());
        for kept in [bob, alice_globex, tenant] {
            assert!(store.key(&kept).unwrap().is_some());
        }
        // A new record of the erased person gets a fresh key.
        let (a3, _) = store.key_for_write(&alice, "2026-02").unwrap();
        assert!(a3 != a1 && a3 != a2);
        // Without a tenant, the person goes in every tenant.
        assert_eq!(store.erase_subject("alice").unwrap().len(), 2);
        assert!(store.key(&alice_globex).unwrap().is_none());
        assert!(store.key(&bob).unwrap().is_some());
    }

    /// The record keys of the current key expand as the data key of that id does, and
    /// no handle keeps an Extract of a key after its erasure, retention or rotation:
    /// the next record of that owner starts from a fresh key.
    #[test]
    fn the_cached_extract_goes_with_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = KeyStore::open(dir.path(), &MasterKey::from_bytes([5; 32])).unwrap();
        let log = LogId([9; 16]);
        let alice = person(&store, "acme", "alice");
        let first = |store: &mut KeyStore, owner: &KeyOwner, period: &str| {
            let (id, keys) = store.record_keys_for_write(owner, period, &log).unwrap();
            (id, keys.record_key(Seq(1)).unwrap())
        };
        let (a1, k1) = first(&mut store, &alice, "2026-01");
        let data_key = store.key(&a1).unwrap().unwrap();
        let want = crypto::record_key(&data_key, &log, Seq(1)).unwrap();
        assert_eq!(k1.expose(), want.expose());
        assert_eq!(first(&mut store, &alice, "2026-01").0, a1);
        // Another log's salt is never served from the cache.
        let (_, other) = store
            .record_keys_for_write(&alice, "2026-01", &LogId([8; 16]))
            .unwrap();
        assert_ne!(other.record_key(Seq(1)).unwrap().expose(), k1.expose());
        let held = |store: &KeyStore, id: &KeyId| {
            store
                .current_cache
                .values()
                .any(|c| c.key_id == *id && c.record_keys.is_some())
        };
        assert!(held(&store, &a1));

        assert_eq!(store.erase("alice", Some("acme")).unwrap(), vec![a1]);
        assert!(!held(&store, &a1));
        let (a2, k2) = first(&mut store, &alice, "2026-01");
        assert_ne!(a2, a1);
        assert_ne!(k2.expose(), k1.expose());

        let (t1, _) = first(&mut store, &subj("acme"), "2020-01");
        assert!(held(&store, &t1));
        store.shred_months_before("acme", "2021-01").unwrap();
        assert!(!held(&store, &t1));

        store.rotate_all().unwrap();
        assert!(!held(&store, &a2));
        assert_ne!(first(&mut store, &alice, "2026-01").0, a2);
    }

    #[test]
    fn retention_shreds_a_tenants_old_months_only() {
        let dir = tempfile::tempdir().unwrap();
        let master = MasterKey::from_bytes([5; 32]);
        let mut store = KeyStore::open(dir.path(), &master).unwrap();
        let (old_p, _) = store
            .key_for_write(&person(&store, "acme", "alice"), "2020-01")
            .unwrap();
        let (old_t, _) = store.key_for_write(&subj("acme"), "2020-01").unwrap();
        let (old_sys, _) = store.key_for_write(&subj("system"), "2020-01").unwrap();
        let (old_other, _) = store.key_for_write(&subj("globex"), "2020-01").unwrap();
        let (new_t, _) = store.key_for_write(&subj("acme"), "2026-01").unwrap();
        let shredded = store.shred_months_before("acme", "2021-01").unwrap();
        assert_eq!(shredded.len(), 1);
        assert_eq!(shredded[0].0, "2020-01");
        assert_eq!(shredded[0].1.len(), 2);
        for gone in [old_p, old_t] {
            assert!(store.key(&gone).unwrap().is_none());
        }
        for kept in [old_sys, old_other, new_t] {
            assert!(store.key(&kept).unwrap().is_some());
        }
    }

    #[test]
    fn keys_survive_reopen_and_erasure_destroys_them() {
        let dir = tempfile::tempdir().unwrap();
        let master = MasterKey::from_bytes([5; 32]);
        let (id_a, key_a, log_id) = {
            let mut store = KeyStore::open(dir.path(), &master).unwrap();
            let (log_id, _) = store.identity().unwrap();
            let (id_a, key_a) = store.key_for_write(&subj("acme"), "2026-01").unwrap();
            assert_eq!(
                store.key_for_write(&subj("acme"), "2026-01").unwrap().0,
                id_a
            );
            assert_ne!(
                store.key_for_write(&subj("acme"), "2026-02").unwrap().0,
                id_a
            );
            (id_a, key_a, log_id)
        };
        let mut store = KeyStore::open(dir.path(), &master).unwrap();
        assert_eq!(store.identity().unwrap().0, log_id);
        assert_eq!(store.key(&id_a).unwrap().unwrap().expose(), key_a.expose());
        assert_eq!(store.erase_subject("acme").unwrap().len(), 2);
        assert!(store.key(&id_a).unwrap().is_none());
        assert!(matches!(
            store.erase_subject("system"),
            Err(KeyError::SystemSubject)
        ));
        drop(store);
        // A wrong master key is refused at open, before it could seed anything.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let wrong = loop {
            match KeyStore::open(dir.path(), &MasterKey::from_bytes([6; 32])) {
                Err(KeyError::Locked { .. }) if std::time::Instant::now() < deadline => {}
                other => break other,
            }
        };
        assert!(matches!(wrong, Err(KeyError::WrongMasterKey { .. })));
    }

    #[test]
    fn a_master_rewrap_keeps_every_key_the_identity_and_the_subject_index() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (
            MasterKey::from_bytes([5; 32]),
            MasterKey::from_bytes([7; 32]),
        );
        let mut store = KeyStore::open(dir.path(), &old).unwrap();
        let (log_id, signing) = store.identity().unwrap();
        let (id, key) = store.key_for_write(&subj("acme"), "2026-01").unwrap();
        let pseudonym = store.pseudonym("acme");
        assert_eq!(store.rewrap_master(&new).unwrap(), 1);
        // The handle now wraps new keys under the new master key too.
        let (id2, _) = store.key_for_write(&subj("globex"), "2026-01").unwrap();
        drop(store);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let reopen = |master: &MasterKey| loop {
            match KeyStore::open(dir.path(), master) {
                Err(KeyError::Locked { .. }) if std::time::Instant::now() < deadline => {}
                other => break other,
            }
        };
        assert!(matches!(reopen(&old), Err(KeyError::WrongMasterKey { .. })));
        let mut store = reopen(&new).unwrap();
        let (log_id2, signing2) = store.identity().unwrap();
        assert_eq!(log_id2, log_id);
        assert_eq!(signing2.public_key(), signing.public_key());
        assert_eq!(store.key(&id).unwrap().unwrap().expose(), key.expose());
        assert!(store.key(&id2).unwrap().is_some());
        assert_eq!(store.pseudonym("acme"), pseudonym);
        assert_eq!(
            store.erase_subject("acme").unwrap().len(),
            1,
            "the index survived"
        );
    }

    #[test]
    fn the_store_can_be_reopened_as_soon_as_it_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let master = MasterKey::from_bytes([5; 32]);
        for i in 0..100 {
            let mut store =
                KeyStore::open(dir.path(), &master).unwrap_or_else(|e| panic!("round {i}: {e}"));
            store.identity().unwrap();
            store
                .key_for_write(&subj(&format!("s{i}")), "2026-01")
                .unwrap();
        }
    }

    #[test]
    fn pseudonyms_are_keyed_and_distinct() {
        let dir = tempfile::tempdir().unwrap();
        let master = MasterKey::from_bytes([5; 32]);
        let _first = KeyStore::open(dir.path(), &master).unwrap();
        let pseudonym = _first.pseudonym("alice");
        assert_eq!(pseudonym.len(), 32);
        assert_ne!(pseudonym, _first.pseudonym("bob"));
    }
}
