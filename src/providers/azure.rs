//! The Azure OpenAI dialect. Azure speaks OpenAI's body and SSE, but addresses a
//! deployment rather than a model (`{base}/openai/deployments/{d}/chat/completions
//! ?api-version=...`), authenticates with an `api-key` header, and shapes its error
//! bodies its own way (`type: null`, numeric codes); those are rewritten into OpenAI's
//! shape so a 4xx reaches the client as the OpenAI SDKs expect it. The request body is
//! forwarded as the client sent it (after policy), unknown fields included.

use serde_json::Value;

use super::adapter::{Dialect, Encoded, KeyHeader, Outgoing};
use super::http::OpenAiEvents;
use super::shape::{self, NativeError};
use super::ProviderError;
use crate::config::{AzureConfig, ProviderConfig};
use crate::openai::{ChatRequest, EmbeddingsRequest};

pub(super) struct Azure {
    azure: AzureConfig,
}

impl Azure {
    pub fn new(config: &ProviderConfig) -> Azure {
        // Config validation gives every azure provider its settings; the default is the
        // same one validation would have chosen.
        let azure = config.azure.clone().unwrap_or_else(|| AzureConfig {
            api_version: AzureConfig::DEFAULT_API_VERSION.to_owned(),
            deployments: Default::default(),
        });
        Azure { azure }
    }
}

/// `{base}/openai/deployments/{deployment}/{operation}?api-version={v}`.
fn deployment_url(base: &str, azure: &AzureConfig, model: &str, operation: &str) -> String {
    // Deployment names are validated to [A-Za-z0-9._-]; a model without a deployment
    // entry is used as the name, so escape it as the path segment it becomes.
    let deployment = shape::path_segment(azure.deployment(model));
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

impl Dialect for Azure {
    type Stream = OpenAiEvents;

    const KEY: KeyHeader = KeyHeader::Named("api-key");

    fn chat(&self, provider: &ProviderConfig, request: &ChatRequest) -> Encoded {
        Outgoing::forwarded(
            deployment_url(
                &provider.base_url,
                &self.azure,
                request.model(),
                "chat/completions",
            ),
            request.to_vec(),
        )
    }

    fn stream(&self, _request: &ChatRequest) -> OpenAiEvents {
        OpenAiEvents
    }

    fn error(&self, error: ProviderError) -> ProviderError {
        shape::map_status_error(error, native_error)
    }

    fn embeddings(&self, provider: &ProviderConfig, request: &EmbeddingsRequest) -> Encoded {
        Outgoing::forwarded(
            deployment_url(
                &provider.base_url,
                &self.azure,
                request.model(),
                "embeddings",
            ),
            request.to_vec(),
        )
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
