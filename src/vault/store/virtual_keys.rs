//! Virtual keys in the vault: 256 random bits shown once as `lgk_` + base64url, kept
//! only as a SHA-256 digest beside the key's id, tenant, allowed models, expiry, rate
//! limit and budget. Lookup is by digest, so revocation (removing the digest) takes
//! effect on the next request; a record is believed only if its tag verifies and the
//! digest it holds is the one looked up (the digest index itself carries no tag).
//! Does not decide what a request may do with a key.

use ring::digest::{digest, SHA256};
use serde::{Deserialize, Serialize};
use sled::transaction::ConflictableTransactionError;
use sled::Transactional;
use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::records::{unverified_body, Table};
use super::{Vault, VaultError};

/// The prefix every vaulted virtual key carries (so secret scanners can find leaks).
pub const PREFIX: &str = "lgk_";

/// A virtual key's secret, shown once at creation. Never printed by `Debug`.
pub struct VirtualKeySecret(Zeroizing<String>);

impl VirtualKeySecret {
    fn generate() -> VirtualKeySecret {
        let mut bytes = Zeroizing::new([0u8; 32]);
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, bytes.as_mut());
        VirtualKeySecret(Zeroizing::new(format!(
            "{PREFIX}{}",
            base64::Engine::encode(&super::b64(), bytes.as_ref())
        )))
    }

    /// The secret text, to hand to the one caller who asked for it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for VirtualKeySecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

/// SHA-256 of a presented key: what the vault stores and looks up.
pub fn digest_of(secret: &str) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(digest(&SHA256, secret.as_bytes()).as_ref());
    out
}

/// What the admin asks for when creating a key.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewVirtualKey {
    /// Chosen by the admin, or generated (`vk_` + 16 hex digits).
    #[serde(default)]
    pub id: Option<String>,
    pub tenant: String,
    /// Empty: every model the tenant's policy allows.
    #[serde(default)]
    pub models: Vec<String>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
    #[serde(default)]
    pub rate_limit_rpm: Option<u32>,
    /// Monthly budget (UTC calendar month) in US dollars.
    #[serde(default)]
    pub budget_usd: Option<f64>,
    /// Tokens per minute.
    #[serde(default)]
    pub rate_limit_tpm: Option<u64>,
    /// Daily budget (UTC calendar day) in US dollars.
    #[serde(default)]
    pub budget_daily_usd: Option<f64>,
}

/// A stored virtual key: everything but the secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VirtualKey {
    pub id: String,
    pub tenant: String,
    pub models: Vec<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
    pub rate_limit_rpm: Option<u32>,
    /// Monthly budget (UTC calendar month) in US dollars.
    pub budget_usd: Option<f64>,
    /// Absent in keys stored before tokens-per-minute limits existed.
    #[serde(default)]
    pub rate_limit_tpm: Option<u64>,
    #[serde(default)]
    pub budget_daily_usd: Option<f64>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl VirtualKey {
    pub fn expired_at(&self, now: OffsetDateTime) -> bool {
        self.expires_at.is_some_and(|t| t <= now)
    }
}

#[derive(Serialize, Deserialize)]
struct StoredVirtualKey {
    #[serde(flatten)]
    key: VirtualKey,
    digest: String,
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

impl Vault {
    /// Creates a virtual key; returns it with its secret, which is not kept anywhere.
    pub fn create_virtual_key(
        &self,
        new: NewVirtualKey,
    ) -> Result<(VirtualKey, VirtualKeySecret), VaultError> {
        let id = new
            .id
            .unwrap_or_else(|| format!("vk_{}", hex::encode(rand::random::<[u8; 8]>())));
        if !valid_id(&id) {
            return Err(VaultError::Invalid(format!(
                "virtual key id \"{id}\" must be 1 to 64 characters of letters, digits, '-', '_' or '.'"
            )));
        }
        if new.tenant.is_empty() {
            return Err(VaultError::Invalid("a virtual key needs a tenant".into()));
        }
        if crate::vault::is_reserved_tenant(&new.tenant) {
            return Err(VaultError::Invalid(format!(
                "tenant \"{}\" is reserved for the gateway's own records",
                new.tenant
            )));
        }
        if new.rate_limit_rpm == Some(0) {
            return Err(VaultError::Invalid(
                "rate_limit_rpm must be at least 1 (leave it out for no limit)".into(),
            ));
        }
        if new.budget_usd.is_some_and(|b| !b.is_finite() || b < 0.0) {
            return Err(VaultError::Invalid(
                "budget_usd must be a non-negative number".into(),
            ));
        }
        if new.rate_limit_tpm == Some(0) {
            return Err(VaultError::Invalid(
                "rate_limit_tpm must be at least 1 (leave it out for no limit)".into(),
            ));
        }
        if new
            .budget_daily_usd
            .is_some_and(|b| crate::money::micros_of(b).is_none())
        {
            return Err(VaultError::Invalid(
                "budget_daily_usd must be a non-negative number".into(),
            ));
        }
        let secret = VirtualKeySecret::generate();
        let digest = digest_of(secret.expose());
        let key = VirtualKey {
            id: id.clone(),
            tenant: new.tenant,
            models: new.models,
            expires_at: new.expires_at,
            rate_limit_rpm: new.rate_limit_rpm,
            budget_usd: new.budget_usd,
            rate_limit_tpm: new.rate_limit_tpm,
            budget_daily_usd: new.budget_daily_usd,
            created_at: OffsetDateTime::now_utc(),
        };
        let record = serde_json::to_vec(&StoredVirtualKey {
            key: key.clone(),
            digest: hex::encode(digest),
        })
        .map_err(|e| self.corrupt(format!("cannot encode virtual key \"{id}\": {e}")))?;
        let record = self
            .records
            .seal(Table::VirtualKeys, id.as_bytes(), &record);
        if let Some(rows) = &self.shared {
            if !rows
                .insert(&id, &digest, &record)
                .map_err(VaultError::Shared)?
            {
                return Err(VaultError::DuplicateId { id });
            }
            return Ok((key, secret));
        }
        (&self.virtual_keys, &self.virtual_by_digest)
            .transaction(|(keys, by_digest)| {
                if keys.get(id.as_bytes())?.is_some() {
                    return Err(ConflictableTransactionError::Abort(
                        VaultError::DuplicateId { id: id.clone() },
                    ));
                }
                keys.insert(id.as_bytes(), record.as_slice())?;
                by_digest.insert(digest.as_slice(), id.as_bytes())?;
                Ok(())
            })
            .map_err(|e| self.transaction_error(e))?;
        self.flush()?;
        Ok((key, secret))
    }

    /// The key whose secret has this digest, if it exists and is not revoked.
    pub fn virtual_key_by_digest(
        &self,
        digest: &[u8; 32],
    ) -> Result<Option<VirtualKey>, VaultError> {
        if let Some(rows) = &self.shared {
            return match rows.by_digest(digest).map_err(VaultError::Shared)? {
                Some((id, value)) => self.believe(id.as_bytes(), &value, digest).map(Some),
                None => Ok(None),
            };
        }
        let Some(id) = self
            .virtual_by_digest
            .get(digest.as_slice())
            .map_err(|e| self.sled(e))?
        else {
            return Ok(None);
        };
        let Some(value) = self.virtual_keys.get(&id).map_err(|e| self.sled(e))? else {
            return Ok(None);
        };
        self.believe(&id, &value, digest).map(Some)
    }

    /// The key a stored record holds, if its tag verifies and it was made for the
    /// secret of `digest`.
    fn believe(
        &self,
        id: &[u8],
        value: &[u8],
        digest: &[u8; 32],
    ) -> Result<VirtualKey, VaultError> {
        let body = self.authentic(Table::VirtualKeys, id, value)?;
        let stored: StoredVirtualKey = serde_json::from_slice(body)
            .map_err(|e| self.corrupt(format!("a virtual key record: {e}")))?;
        // The index is not tagged: an entry pointed at another key's record must not
        // lend that key to a secret it was not made for.
        if stored.digest != hex::encode(digest) {
            let id = String::from_utf8_lossy(id).into_owned();
            tracing::error!(vault = %self.path.display(), record = %id, "the key vault's digest index points a secret at a virtual key made for another; refused");
            return Err(VaultError::Tampered {
                path: self.path.clone(),
                tree: "virtual_by_digest",
                id,
            });
        }
        Ok(stored.key)
    }

    /// Every virtual key (never a secret or digest), ordered by id.
    pub fn list_virtual_keys(&self) -> Result<Vec<VirtualKey>, VaultError> {
        let mut out = Vec::new();
        if let Some(rows) = &self.shared {
            for (id, value) in rows.all().map_err(VaultError::Shared)? {
                let body = self.authentic(Table::VirtualKeys, id.as_bytes(), &value)?;
                let stored: StoredVirtualKey = serde_json::from_slice(body)
                    .map_err(|e| self.corrupt(format!("a virtual key record: {e}")))?;
                out.push(stored.key);
            }
            return Ok(out);
        }
        for item in self.virtual_keys.iter() {
            let (id, value) = item.map_err(|e| self.sled(e))?;
            let body = self.authentic(Table::VirtualKeys, &id, &value)?;
            let stored: StoredVirtualKey = serde_json::from_slice(body)
                .map_err(|e| self.corrupt(format!("a virtual key record: {e}")))?;
            out.push(stored.key);
        }
        Ok(out)
    }

    /// Revokes (deletes) a virtual key; returns it, or `None` if no key has this id.
    pub fn revoke_virtual_key(&self, id: &str) -> Result<Option<VirtualKey>, VaultError> {
        if let Some(rows) = &self.shared {
            // Removed whatever its tag says; what an unauthentic record says is only
            // reported, not believed.
            let Some(value) = rows.remove(id).map_err(VaultError::Shared)? else {
                return Ok(None);
            };
            let body = self
                .authentic(Table::VirtualKeys, id.as_bytes(), &value)
                .unwrap_or_else(|_| unverified_body(&value));
            return Ok(Some(
                serde_json::from_slice::<StoredVirtualKey>(body)
                    .map(|stored| stored.key)
                    .unwrap_or_else(|_| unknown_key(id)),
            ));
        }
        let Some(value) = self
            .virtual_keys
            .get(id.as_bytes())
            .map_err(|e| self.sled(e))?
        else {
            return Ok(None);
        };
        let (key, digests) = match self.authentic(Table::VirtualKeys, id.as_bytes(), &value) {
            Ok(body) => {
                let stored: StoredVirtualKey = serde_json::from_slice(body)
                    .map_err(|e| self.corrupt(format!("virtual key \"{id}\": {e}")))?;
                let digest = hex::decode(&stored.digest)
                    .map_err(|_| self.corrupt(format!("virtual key \"{id}\": bad digest")))?;
                (stored.key, vec![digest])
            }
            // A record that failed authentication (logged) can still be revoked: it is
            // removed with every index entry that points at its id; what it says is
            // only reported, not believed.
            Err(VaultError::Tampered { .. }) => {
                let key = serde_json::from_slice::<StoredVirtualKey>(unverified_body(&value))
                    .map(|stored| stored.key)
                    .unwrap_or_else(|_| unknown_key(id));
                let mut digests = Vec::new();
                for item in self.virtual_by_digest.iter() {
                    let (digest, points_to) = item.map_err(|e| self.sled(e))?;
                    if points_to.as_ref() == id.as_bytes() {
                        digests.push(digest.to_vec());
                    }
                }
                (
                    VirtualKey {
                        id: id.to_owned(),
                        ..key
                    },
                    digests,
                )
            }
            Err(e) => return Err(e),
        };
        (&self.virtual_keys, &self.virtual_by_digest)
            .transaction(|(keys, by_digest)| {
                keys.remove(id.as_bytes())?;
                for digest in &digests {
                    by_digest.remove(digest.as_slice())?;
                }
                Ok::<_, ConflictableTransactionError<VaultError>>(())
            })
            .map_err(|e| self.transaction_error(e))?;
        self.flush()?;
        Ok(Some(key))
    }
}

/// What a revocation reports of a record it could not read.
fn unknown_key(id: &str) -> VirtualKey {
    VirtualKey {
        id: id.to_owned(),
        tenant: String::new(),
        models: Vec::new(),
        expires_at: None,
        rate_limit_rpm: None,
        budget_usd: None,
        rate_limit_tpm: None,
        budget_daily_usd: None,
        created_at: OffsetDateTime::now_utc(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::master_key::MasterKey;

    #[test]
    fn created_keys_are_found_by_digest_until_revoked() {
        let dir = tempfile::tempdir().unwrap();
        let vault = Vault::open(&dir.path().join("v"), &MasterKey::from_bytes([1; 32])).unwrap();
        let (key, secret) = vault
            .create_virtual_key(NewVirtualKey {
                id: Some("app2".into()),
                tenant: "acme".into(),
                models: vec!["m1".into()],
                ..NewVirtualKey::default()
            })
            .unwrap();
        assert!(secret.expose().starts_with(PREFIX));
        assert_eq!(
            secret.expose().len(),
            PREFIX.len() + 43,
            "256 bits in base64url"
        );
        assert_eq!(format!("{secret:?}"), "Secret(..)");
        let found = vault
            .virtual_key_by_digest(&digest_of(secret.expose()))
            .unwrap()
            .unwrap();
        assert_eq!(found, key);
        let dup = vault
            .create_virtual_key(NewVirtualKey {
                id: Some("app2".into()),
                tenant: "acme".into(),
                ..NewVirtualKey::default()
            })
            .unwrap_err();
        assert!(matches!(dup, VaultError::DuplicateId { .. }));
        assert_eq!(vault.list_virtual_keys().unwrap(), vec![key.clone()]);
        assert_eq!(vault.revoke_virtual_key("app2").unwrap(), Some(key));
        assert!(vault
            .virtual_key_by_digest(&digest_of(secret.expose()))
            .unwrap()
            .is_none());
        assert!(vault.revoke_virtual_key("app2").unwrap().is_none());
    }

    #[test]
    fn bad_ids_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let vault = Vault::open(&dir.path().join("v"), &MasterKey::from_bytes([1; 32])).unwrap();
        let e = vault
            .create_virtual_key(NewVirtualKey {
                id: Some("a b".into()),
                tenant: "acme".into(),
                ..NewVirtualKey::default()
            })
            .unwrap_err();
        assert!(e.to_string().contains("\"a b\""), "{e}");
    }

    #[test]
    fn reserved_tenants_get_no_keys() {
        let dir = tempfile::tempdir().unwrap();
        let vault = Vault::open(&dir.path().join("v"), &MasterKey::from_bytes([1; 32])).unwrap();
        for tenant in ["system", "System"] {
            let e = vault
                .create_virtual_key(NewVirtualKey {
                    tenant: tenant.into(),
                    ..NewVirtualKey::default()
                })
                .unwrap_err();
            assert!(e.to_string().contains("is reserved"), "{e}");
        }
        assert!(vault.list_virtual_keys().unwrap().is_empty());
    }
}
