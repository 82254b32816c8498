//! Provider adapters behind one trait, and the registry the router picks from.
//!
//! An adapter turns our parsed OpenAI request into its provider's wire format, sends it
//! with the timeouts of `[upstream]`, and turns the answer back into OpenAI's shape. It
//! never decides compliance: it is handed a request the policy already allowed. There
//! is one adapter (`adapter.rs`), generic over a dialect: each provider kind is one
//! dialect file (`openai.rs`, `azure.rs`, `anthropic.rs`, `gemini.rs`) holding its wire
//! types and translations.

mod adapter;
mod anthropic;
mod azure;
mod client;
mod gemini;
mod http;
mod key_source;
mod openai;
pub mod pricing;
pub mod router;

mod shape;

use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures::future::BoxFuture;
use futures::Stream;
use secrecy::SecretString;

use crate::config::{ProviderConfig, ProviderKind, UpstreamConfig};
use crate::openai::{ChatRequest, EmbeddingsRequest};
use crate::vault::store::Vault;

pub use client::UpstreamClient;
pub use key_source::KeySource;

/// The data payloads of an OpenAI-shaped stream, in order, without the final `[DONE]`.
/// The stream ends cleanly only after the upstream's own end marker.
pub type EventStream = Pin<Box<dyn Stream<Item = Result<String, ProviderError>> + Send>>;

/// What an upstream answered, already in OpenAI's shape.
pub enum Reply {
    Complete(Bytes),
    Stream(EventStream),
}

/// Which phase of an exchange ran out of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    FirstByte,
    Idle,
    Total,
}

/// Why an exchange with a provider failed, by where the failure came from. Nothing
/// was sent: [`Refused`](Self::Refused) (the request cannot be expressed for this
/// provider, the client's 400), [`KeyUnavailable`](Self::KeyUnavailable),
/// [`Unavailable`](Self::Unavailable) (every breaker open). The transport failed:
/// [`Connect`](Self::Connect), [`Timeout`](Self::Timeout). The provider answered:
/// [`Upstream`](Self::Upstream) (a non-2xx status), [`Rejected`](Self::Rejected) (its
/// refusal of the gateway's key), [`Protocol`](Self::Protocol) (an answer that broke
/// off or is not what its API promises). Only failures where the provider was reached
/// or could not be reached tell the router anything about its health.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ProviderError {
    #[error("could not connect to provider \"{provider}\": {reason}")]
    Connect { provider: String, reason: String },
    #[error("provider \"{provider}\" did not answer in time ({phase:?} timeout of {limit:?})")]
    Timeout {
        provider: String,
        phase: Phase,
        limit: Duration,
    },
    /// The provider answered with a non-2xx status other than 401 and 403; `body` is
    /// its error body (bounded), in OpenAI's shape once the dialect mapped it.
    #[error("provider \"{provider}\" answered HTTP {status}")]
    Upstream {
        provider: String,
        status: u16,
        body: Bytes,
        /// How long the upstream asked us to wait (`Retry-After`, `retry-after-ms`).
        retry_after: Option<Duration>,
    },
    /// The provider refused the gateway's own credentials (HTTP 401 or 403). Its body
    /// was discarded unread: OpenAI's, for one, quotes part of the key it was sent.
    #[error("provider \"{provider}\" rejected the gateway's credentials with HTTP {status}")]
    Rejected { provider: String, status: u16 },
    #[error("provider \"{provider}\" broke the exchange: {reason}")]
    Protocol { provider: String, reason: String },
    /// The dialect cannot express the request in the provider's format: refused before
    /// any byte was sent. The client's 400; the provider's health learns nothing.
    #[error("provider \"{provider}\" cannot take this request: {message}")]
    Refused {
        provider: String,
        message: String,
        param: Option<String>,
    },
    #[error("the key of provider \"{provider}\" cannot be read from the key vault")]
    KeyUnavailable { provider: String },
    /// Every allowed provider's circuit breaker is open; nothing was sent.
    #[error("every allowed provider ({}) is unavailable after repeated failures; the first may be tried again in {} ms", providers.join(", "), retry_in.as_millis())]
    Unavailable {
        providers: Vec<String>,
        retry_in: Duration,
    },
}

impl ProviderError {
    /// Whether the gateway tried to reach the provider at all: `false` for the
    /// failures that happen before any byte is sent, which say nothing of its health.
    pub fn tried(&self) -> bool {
        !matches!(
            self,
            ProviderError::Refused { .. }
                | ProviderError::KeyUnavailable { .. }
                | ProviderError::Unavailable { .. }
        )
    }
}

/// One provider deployment: its adapter plus the facts the policy and router need.
pub trait Provider: Send + Sync {
    fn config(&self) -> &ProviderConfig;
    fn chat<'a>(&'a self, request: &'a ChatRequest) -> BoxFuture<'a, Result<Reply, ProviderError>>;
    fn embeddings<'a>(
        &'a self,
        request: &'a EmbeddingsRequest,
    ) -> BoxFuture<'a, Result<Bytes, ProviderError>>;
}

#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("provider \"{provider}\": environment variable {var} (api_key_env) is not set and the key vault holds no key for it")]
    MissingKey { provider: String, var: String },
    #[error("provider \"{provider}\": kind \"{kind}\" has no adapter in this version yet")]
    NoAdapter {
        provider: String,
        kind: &'static str,
    },
    #[error("cannot build the upstream HTTP client: {0}")]
    Client(String),
    #[error("cannot read provider keys from the key vault: {0}")]
    Vault(String),
}

/// One deployment's adapter speaking `dialect`.
fn adapter<D: adapter::Dialect>(
    dialect: D,
    config: &ProviderConfig,
    key: KeySource,
    client: &UpstreamClient,
    upstream: &UpstreamConfig,
) -> Arc<dyn Provider> {
    Arc::new(adapter::Adapter::new(
        dialect,
        config.clone(),
        key,
        client.clone(),
        *upstream,
    ))
}

/// All configured providers, in config order.
#[derive(Clone)]
pub struct Providers {
    list: Arc<Vec<Arc<dyn Provider>>>,
}

/// Names the first provider whose `api_key_env` variable is unset: start-up reports
/// it before opening any store when no key vault exists that could supply the key.
pub fn check_key_variables(providers: &[ProviderConfig]) -> Result<(), SetupError> {
    let missing = providers.iter().find_map(|p| {
        let var = p.api_key_env.as_ref()?;
        std::env::var_os(var)
            .is_none()
            .then(|| SetupError::MissingKey {
                provider: p.name.clone(),
                var: var.clone(),
            })
    });
    missing.map_or(Ok(()), Err)
}

impl Providers {
    /// Builds one adapter per configured provider. Keys: the vault's entry for a
    /// provider wins; else its `api_key_env`, which must then be set.
    pub fn from_config(
        providers: &[ProviderConfig],
        upstream: &UpstreamConfig,
        vault: Option<Arc<Vault>>,
    ) -> Result<Providers, SetupError> {
        let client =
            UpstreamClient::new(upstream).map_err(|e| SetupError::Client(e.to_string()))?;
        let mut list: Vec<Arc<dyn Provider>> = Vec::new();
        for p in providers {
            let vaulted = match &vault {
                Some(v) => v
                    .has_provider_key(&p.name)
                    .map_err(|e| SetupError::Vault(e.to_string()))?,
                None => false,
            };
            let env = match &p.api_key_env {
                Some(var) => match std::env::var(var) {
                    Ok(value) => Some(SecretString::from(value)),
                    Err(_) if vaulted => None,
                    Err(_) => {
                        return Err(SetupError::MissingKey {
                            provider: p.name.clone(),
                            var: var.clone(),
                        })
                    }
                },
                None => None,
            };
            let key = KeySource::new(&p.name, env, vault.clone());
            let adapter: Arc<dyn Provider> = match p.kind {
                ProviderKind::OpenAi => adapter(openai::OpenAi, p, key, &client, upstream),
                ProviderKind::Azure => adapter(azure::Azure::new(p), p, key, &client, upstream),
                ProviderKind::Anthropic => adapter(anthropic::Anthropic, p, key, &client, upstream),
                ProviderKind::Gemini => adapter(gemini::Gemini, p, key, &client, upstream),
            };
            list.push(adapter);
        }
        Ok(Providers {
            list: Arc::new(list),
        })
    }

    /// Providers that serve `model`, in config order (the router's candidates).
    pub fn serving(&self, model: &str) -> Vec<Arc<dyn Provider>> {
        self.list
            .iter()
            .filter(|p| p.config().models.iter().any(|m| m == model))
            .cloned()
            .collect()
    }

    pub fn all(&self) -> &[Arc<dyn Provider>] {
        &self.list
    }
}

pub fn kind_name(kind: ProviderKind) -> &'static str {
    match kind {
        ProviderKind::OpenAi => "openai",
        ProviderKind::Azure => "azure",
        ProviderKind::Anthropic => "anthropic",
        ProviderKind::Gemini => "gemini",
    }
}
