//! Client authentication: `Authorization: Bearer <virtual key>` to a [`Caller`].
//!
//! Virtual keys are kept only as SHA-256 digests: a memory dump or a log line never
//! holds one. A presented key is hashed and looked up by its digest, so the lookup time
//! does not depend on how many leading characters of a real key were guessed.
//! Bootstrap keys (from the config's environment variables) are checked first, then
//! the vault's keys, read on every request so a revocation holds on the next one.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use ring::digest::{digest, SHA256};
use secrecy::{ExposeSecret, SecretString};

use super::error::ApiError;
use super::Gateway;
use crate::config::TenantConfig;
use crate::limits::Limits;
use crate::vault::store::digest_of;

/// Shortest virtual key accepted: below this a key can be guessed.
const MIN_KEY_LEN: usize = 20;

/// Who is calling: the tenant and the id (never the secret) of the key used, the
/// models that key may use (empty: every model) and the key's own limits (the tenant's
/// are the gateway's to add).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub tenant: String,
    pub key_id: String,
    pub allowed_models: Vec<String>,
    pub limits: Limits,
}

impl Caller {
    /// Whether this key may use `model` (the served name). An entry of the allowed list
    /// may name the model itself or an alias of it.
    pub fn may_use(
        &self,
        model: &str,
        aliases: &std::collections::BTreeMap<String, String>,
    ) -> bool {
        self.allowed_models.is_empty()
            || self
                .allowed_models
                .iter()
                .any(|m| m == model || aliases.get(m).is_some_and(|target| target == model))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("virtual key \"{key}\" of tenant \"{tenant}\": environment variable {var} (secret_env) is not set")]
    MissingSecret {
        tenant: String,
        key: String,
        var: String,
    },
    #[error(
        "virtual key \"{key}\" of tenant \"{tenant}\" is shorter than {MIN_KEY_LEN} characters"
    )]
    TooShort { tenant: String, key: String },
    #[error("virtual key \"{key}\" of tenant \"{tenant}\" has the same secret as another key")]
    Duplicate { tenant: String, key: String },
}

type Digest = [u8; 32];

/// The virtual keys the gateway accepts.
#[derive(Default)]
pub struct KeyStore {
    by_digest: HashMap<Digest, Arc<Caller>>,
}

fn sha256(secret: &str) -> Digest {
    let mut out = [0u8; 32];
    out.copy_from_slice(digest(&SHA256, secret.as_bytes()).as_ref());
    out
}

impl KeyStore {
    /// Reads each tenant's bootstrap keys from the environment.
    pub fn from_tenants(tenants: &[TenantConfig]) -> Result<KeyStore, KeyError> {
        let mut store = KeyStore::default();
        for tenant in tenants {
            for key in &tenant.keys {
                let secret =
                    std::env::var(&key.secret_env).map_err(|_| KeyError::MissingSecret {
                        tenant: tenant.id.clone(),
                        key: key.id.clone(),
                        var: key.secret_env.clone(),
                    })?;
                store.insert_limited(
                    &tenant.id,
                    &key.id,
                    &SecretString::from(secret),
                    key.limits.clone(),
                )?;
            }
        }
        Ok(store)
    }

    /// Adds a key without limits of its own.
    pub fn insert(
        &mut self,
        tenant: &str,
        key_id: &str,
        secret: &SecretString,
    ) -> Result<(), KeyError> {
        self.insert_limited(tenant, key_id, secret, Limits::default())
    }

    /// Adds a key with its own rate limits and budgets.
    pub fn insert_limited(
        &mut self,
        tenant: &str,
        key_id: &str,
        secret: &SecretString,
        limits: Limits,
    ) -> Result<(), KeyError> {
        if secret.expose_secret().len() < MIN_KEY_LEN {
            return Err(KeyError::TooShort {
                tenant: tenant.to_owned(),
                key: key_id.to_owned(),
            });
        }
        let caller = Arc::new(Caller {
            tenant: tenant.to_owned(),
            key_id: key_id.to_owned(),
            allowed_models: Vec::new(),
            limits,
        });
        if self
            .by_digest
            .insert(sha256(secret.expose_secret()), caller)
            .is_some()
        {
            return Err(KeyError::Duplicate {
                tenant: tenant.to_owned(),
                key: key_id.to_owned(),
            });
        }
        Ok(())
    }

    pub fn authenticate(&self, presented: &str) -> Option<Arc<Caller>> {
        self.by_digest.get(&sha256(presented)).cloned()
    }
}

impl FromRequestParts<Gateway> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, gw: &Gateway) -> Result<Caller, ApiError> {
        let header = parts
            .headers
            .get(http::header::AUTHORIZATION)
            .ok_or_else(|| {
                ApiError::unauthorized(
                    "You didn't provide an API key. Send your virtual key as Authorization: Bearer <key>.",
                )
            })?;
        let presented = header
            .to_str()
            .ok()
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .ok_or_else(|| {
                ApiError::unauthorized(
                    "The Authorization header must be of the form: Bearer <key>.",
                )
            })?;
        // The presented key is never echoed back: it may be a real secret sent by mistake.
        if let Some(caller) = gw.keys.authenticate(presented) {
            return Ok((*caller).clone());
        }
        let vaulted = match gw.vault.virtual_key_by_digest(&digest_of(presented)) {
            Ok(vaulted) => vaulted,
            // An edited record (logged by the vault) grants nothing.
            Err(crate::vault::store::VaultError::Tampered { .. }) => None,
            Err(e) => {
                tracing::error!(error = %e, "the key vault cannot be read");
                return Err(ApiError::unavailable(
                    "The gateway cannot read its key vault right now; try again later.",
                ));
            }
        };
        let Some(key) = vaulted else {
            return Err(ApiError::unauthorized("Incorrect API key provided."));
        };
        if key.expired_at(time::OffsetDateTime::now_utc()) {
            return Err(ApiError::unauthorized(format!(
                "Virtual key \"{}\" has expired; ask your administrator for a new one.",
                key.id
            )));
        }
        // Its limits are enforced at admission (server/limits.rs), where a refusal
        // is audited.
        Ok(Caller {
            limits: crate::limits::Limits::of_key(&key),
            tenant: key.tenant,
            key_id: key.id,
            allowed_models: key.models,
        })
    }
}
