//! The Azure OpenAI adapter. Azure speaks OpenAI's body and SSE, but addresses a
//! deployment rather than a model (`{base}/openai/deployments/{d}/chat/completions
//! ?api-version=...`), authenticates with an `api-key` header, and shapes its error
//! bodies its own way (`type: null`, numeric codes); those are rewritten into OpenAI's
//! shape so a 4xx reaches the client as the OpenAI SDKs expect it. The request body is
//! forwarded as the client sent it (after policy), unknown fields included.

use bytes::Bytes;
use futures::future::BoxFuture;
use secrecy::ExposeSecret;
use serde_json::Value;

use super::http::Exchange;
use super::shape::{self, NativeError};
use super::{KeySource, Provider, ProviderError, Reply};
use crate::config::{AzureConfig, ProviderConfig, UpstreamConfig};
use crate::openai::{ChatRequest, EmbeddingsRequest};

pub struct AzureOpenAi {
    config: ProviderConfig,
    azure: AzureConfig,
    key: KeySource,
    client: reqwest::Client,
    limits: UpstreamConfig,
}

impl AzureOpenAi {
    pub fn new(
        config: ProviderConfig,
        key: KeySource,
        client: reqwest::Client,
        limits: UpstreamConfig,
    ) -> AzureOpenAi {
        // Config validation gives every azure provider its settings; the default is the
        // same one validation would have chosen.
        let azure = config.azure.clone().unwrap_or_else(|| AzureConfig {
            api_version: AzureConfig::DEFAULT_API_VERSION.to_owned(),
            deployments: Default::default(),
        });
        AzureOpenAi {
            config,
            azure,
            key,
            client,
            limits,
        }
    }

    /// `{base}/openai/deployments/{deployment}/{operation}?api-version={v}`.
    fn url(&self, model: &str, operation: &str) -> String {
        deployment_url(&self.config.base_url, &self.azure, model, operation)
    }

    fn post(&self, url: String, body: Vec<u8>) -> Result<reqwest::RequestBuilder, ProviderError> {
        let mut request = self
            .client
            .post(url)
            .header(http::header::CONTENT_TYPE, "application/json")
            .body(body);
        // Decrypted for this request only; dropped (zeroized) once in the header.
        if let Some(key) = self.key.current()? {
            request = request.header("api-key", key.expose_secret());
        }
        Ok(request)
    }
}

fn deployment_url(base: &str, azure: &AzureConfig, model: &str, operation: &str) -> String {
    // Deployment names are validated to [A-Za-z0-9._-]; a model without a deployment
    // entry is used as the name, so escape it as the path segment it becomes.
    let deployment: String = azure
        .deployment(model)
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let base = base.strip_suffix("/openai").unwrap_or(base);
    format!(
        "{base}/openai/deployments/{deployment}/{operation}?api-version={}",
        azure.api_version
    )
}

/// Azure's error body in OpenAI's terms. Azure uses `{"error": {"code", "message"}}`,
/// sometimes with `type: null`, `param`, numeric `code` and an `innererror`.
fn native_error(_status: u16, body: &Value) -> Option<NativeError> {
    let error = body.get("error")?;
    Some(NativeError {
        message: error.get("message")?.as_str()?.to_owned(),
        kind: error.get("type").and_then(Value::as_str).map(str::to_owned),
        param: error
            .get("param")
            .and_then(Value::as_str)
            .map(str::to_owned),
        code: shape::code_string(error.get("code")),
    })
}

impl Provider for AzureOpenAi {
    fn config(&self) -> &ProviderConfig {
        &self.config
    }

    fn chat<'a>(&'a self, request: &'a ChatRequest) -> BoxFuture<'a, Result<Reply, ProviderError>> {
        Box::pin(async move {
            let exchange = Exchange::start(&self.config.name, self.limits);
            let mut post = self.post(
                self.url(request.model(), "chat/completions"),
                request.to_vec(),
            )?;
            if request.is_stream() {
                post = post.header(http::header::ACCEPT, "text/event-stream");
            }
            let response = exchange
                .send(post)
                .await
                .map_err(|e| shape::map_status_error(e, native_error))?;
            if request.is_stream() {
                Ok(Reply::Stream(exchange.events(response)))
            } else {
                Ok(Reply::Complete(exchange.body(response).await?))
            }
        })
    }

    fn embeddings<'a>(
        &'a self,
        request: &'a EmbeddingsRequest,
    ) -> BoxFuture<'a, Result<Bytes, ProviderError>> {
        Box::pin(async move {
            let exchange = Exchange::start(&self.config.name, self.limits);
            let post = self.post(self.url(request.model(), "embeddings"), request.to_vec())?;
            let response = exchange
                .send(post)
                .await
                .map_err(|e| shape::map_status_error(e, native_error))?;
            exchange.body(response).await
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn azure(deployments: &[(&str, &str)]) -> AzureConfig {
        AzureConfig {
            api_version: "2024-10-21".into(),
            deployments: deployments
                .iter()
                .map(|(m, d)| ((*m).to_owned(), (*d).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn urls_address_the_deployment_with_the_api_version() {
        let a = azure(&[("gpt-4o-mini", "mini-eu")]);
        assert_eq!(
            deployment_url("https://r.openai.azure.com", &a, "gpt-4o-mini", "chat/completions"),
            "https://r.openai.azure.com/openai/deployments/mini-eu/chat/completions?api-version=2024-10-21"
        );
        // A base URL that already ends in /openai is not doubled; unmapped models are
        // their own deployment, escaped as a path segment.
        assert_eq!(
            deployment_url("https://r.openai.azure.com/openai", &a, "m/x", "embeddings"),
            "https://r.openai.azure.com/openai/deployments/m%2Fx/embeddings?api-version=2024-10-21"
        );
    }

    #[test]
    fn azure_error_bodies_become_openai_shaped() {
        let body = serde_json::json!({"error": {"message": "filtered", "type": null, "param": "prompt",
            "code": "content_filter", "status": 400, "innererror": {"code": "ResponsibleAIPolicyViolation"}}});
        let e = native_error(400, &body).unwrap();
        assert_eq!(e.message, "filtered");
        assert_eq!(e.kind, None);
        assert_eq!(e.param.as_deref(), Some("prompt"));
        assert_eq!(e.code.as_deref(), Some("content_filter"));
        let body = serde_json::json!({"error": {"code": 429, "message": "retry after 7 seconds"}});
        assert_eq!(
            native_error(429, &body).unwrap().code.as_deref(),
            Some("429")
        );
        assert!(native_error(500, &serde_json::json!({"oops": 1})).is_none());
    }
}
