//! Where an adapter's provider API key comes from, asked once per request: the vault's
//! entry for the provider when one exists (vault wins), else the key read from the
//! config's `api_key_env` at start-up, else none (a local model server without auth).
//! The vaulted key is decrypted just before use and the caller drops it right after.

use std::sync::Arc;

use secrecy::SecretString;

use super::ProviderError;
use crate::vault::store::Vault;

#[derive(Clone)]
pub struct KeySource {
    provider: String,
    env: Option<Arc<SecretString>>,
    vault: Option<Arc<Vault>>,
}

impl std::fmt::Debug for KeySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeySource")
            .field("provider", &self.provider)
            .field("env", &self.env.as_ref().map(|_| "Secret(..)"))
            .field("vault", &self.vault.is_some())
            .finish()
    }
}

impl KeySource {
    pub fn new(provider: &str, env: Option<SecretString>, vault: Option<Arc<Vault>>) -> KeySource {
        KeySource {
            provider: provider.to_owned(),
            env: env.map(Arc::new),
            vault,
        }
    }

    /// The key to send with this request, if any.
    pub fn current(&self) -> Result<Option<SecretString>, ProviderError> {
        if let Some(vault) = &self.vault {
            match vault.provider_key(&self.provider) {
                Ok(Some(key)) => return Ok(Some(key)),
                Ok(None) => {}
                Err(e) => {
                    tracing::error!(provider = %self.provider, error = %e, "the provider key cannot be read from the vault");
                    return Err(ProviderError::KeyUnavailable {
                        provider: self.provider.clone(),
                    });
                }
            }
        }
        Ok(self.env.as_ref().map(|k| (**k).clone()))
    }
}
