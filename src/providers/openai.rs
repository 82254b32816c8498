//! The OpenAI-compatible adapter: OpenAI, Mistral, DeepSeek, Qwen (compatible mode),
//! vLLM, Ollama. The request body is forwarded as the client sent it (after policy),
//! unknown fields included; the answer is already in OpenAI's shape.

use bytes::Bytes;
use futures::future::BoxFuture;
use secrecy::ExposeSecret;

use super::http::Exchange;
use super::{KeySource, Provider, ProviderError, Reply};
use crate::config::{ProviderConfig, UpstreamConfig};
use crate::openai::{ChatRequest, EmbeddingsRequest};

pub struct OpenAiCompatible {
    config: ProviderConfig,
    key: KeySource,
    client: reqwest::Client,
    limits: UpstreamConfig,
}

impl OpenAiCompatible {
    pub fn new(
        config: ProviderConfig,
        key: KeySource,
        client: reqwest::Client,
        limits: UpstreamConfig,
    ) -> OpenAiCompatible {
        OpenAiCompatible {
            config,
            key,
            client,
            limits,
        }
    }

    /// The request with this exchange's key; the decrypted key is dropped (zeroized)
    /// as soon as it is copied into the header.
    fn post(&self, path: &str, body: Vec<u8>) -> Result<reqwest::RequestBuilder, ProviderError> {
        let mut request = self
            .client
            .post(format!("{}{path}", self.config.base_url))
            .header(http::header::CONTENT_TYPE, "application/json")
            .body(body);
        if let Some(key) = self.key.current()? {
            request = request.bearer_auth(key.expose_secret());
        }
        Ok(request)
    }
}

impl Provider for OpenAiCompatible {
    fn config(&self) -> &ProviderConfig {
        &self.config
    }

    fn chat<'a>(&'a self, request: &'a ChatRequest) -> BoxFuture<'a, Result<Reply, ProviderError>> {
        Box::pin(async move {
            let exchange = Exchange::start(&self.config.name, self.limits);
            let mut post = self.post("/chat/completions", request.to_vec())?;
            if request.is_stream() {
                post = post.header(http::header::ACCEPT, "text/event-stream");
            }
            let response = exchange.send(post).await?;
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
            let response = exchange
                .send(self.post("/embeddings", request.to_vec())?)
                .await?;
            exchange.body(response).await
        })
    }
}
