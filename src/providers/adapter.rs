//! The one provider adapter, generic over a [`Dialect`]: it owns what every provider
//! shares (the deployment's config, its key source, the pooled client, the `[upstream]`
//! limits) and the steps of one exchange (translate, add the key, send within the
//! deadlines, read the answer or relay the stream, map the native error). A dialect
//! owns only what differs: its wire format. Adding a provider is one dialect file.
//!
//! Never decides compliance, never retries (the router does both), never sees a key for
//! longer than it takes to copy it into a header.

use bytes::Bytes;
use futures::future::BoxFuture;
use secrecy::ExposeSecret;
use serde::Serialize;

use super::http::{Exchange, StreamTranslator};
use super::{KeySource, Provider, ProviderError, Reply};
use crate::config::{ProviderConfig, UpstreamConfig};
use crate::openai::{ChatRequest, EmbeddingsRequest};

/// A request in a provider's wire format and where it goes.
pub(super) struct Outgoing {
    pub url: String,
    pub body: Vec<u8>,
}

impl Outgoing {
    /// The client's body as it is (after policy): OpenAI-compatible APIs take it with
    /// unknown fields included.
    pub fn forwarded(url: String, body: Vec<u8>) -> Encoded {
        Ok(Outgoing { url, body })
    }

    /// A native request serialized to JSON. The wire structs hold only strings, numbers
    /// and JSON values, so this cannot fail in practice; if it did, nothing was sent.
    pub fn json(provider: &ProviderConfig, url: String, body: &impl Serialize) -> Encoded {
        let body = serde_json::to_vec(body).map_err(|e| ProviderError::Protocol {
            provider: provider.name.clone(),
            reason: format!("cannot encode its request: {e}"),
        })?;
        Ok(Outgoing { url, body })
    }
}

/// A request translated for the provider, or refused before any byte was sent.
pub(super) type Encoded = Result<Outgoing, ProviderError>;

/// The header that carries a provider key.
pub(super) enum KeyHeader {
    /// `Authorization: Bearer <key>`.
    Bearer,
    /// The key as the whole value of this header.
    Named(&'static str),
}

/// What makes one provider's API different from the others. Each method is pure (no
/// I/O); the [`Adapter`] does the exchange around them.
pub(super) trait Dialect: Send + Sync + 'static {
    /// Turns native stream events into OpenAI chunk payloads, one event at a time.
    type Stream: StreamTranslator;

    /// How the provider takes its key.
    const KEY: KeyHeader;
    /// Fixed headers the API wants on every request, such as a version.
    const HEADERS: &'static [(&'static str, &'static str)] = &[];

    /// The chat request in the provider's format. What it cannot express is refused
    /// here ([`ProviderError::Refused`]), before any byte is sent.
    fn chat(&self, provider: &ProviderConfig, request: &ChatRequest) -> Encoded;

    /// A whole native answer as an OpenAI `chat.completion`; an `Err` says, in one
    /// sentence, what about the answer broke the exchange. By default the answer is
    /// already OpenAI's.
    fn completion(&self, request: &ChatRequest, answer: Bytes) -> Result<Bytes, String> {
        let _ = request;
        Ok(answer)
    }

    /// The translator for one streamed answer.
    fn stream(&self, request: &ChatRequest) -> Self::Stream;

    /// A failed exchange in OpenAI's terms: a native error body rewritten into OpenAI's
    /// shape (status kept), a provider-specific way of refusing a key recognized.
    fn error(&self, error: ProviderError) -> ProviderError {
        error
    }

    /// The embeddings request in the provider's format, or a refusal.
    fn embeddings(&self, provider: &ProviderConfig, request: &EmbeddingsRequest) -> Encoded;

    /// A native embeddings answer in OpenAI's shape.
    fn embedded(&self, request: &EmbeddingsRequest, answer: Bytes) -> Result<Bytes, String> {
        let _ = request;
        Ok(answer)
    }
}

/// One configured deployment speaking dialect `D`.
pub(super) struct Adapter<D> {
    config: ProviderConfig,
    key: KeySource,
    client: reqwest::Client,
    limits: UpstreamConfig,
    dialect: D,
    /// The last URL this adapter sent to, parsed: a dialect builds the same URL for
    /// most requests (one per endpoint, model or deployment), and reqwest's URL parse
    /// was about 2 % of the gateway's CPU per JSON request (README "Run after session 9").
    last_url: std::sync::Mutex<Option<(String, reqwest::Url)>>,
}

impl<D: Dialect> Adapter<D> {
    pub fn new(
        dialect: D,
        config: ProviderConfig,
        key: KeySource,
        client: reqwest::Client,
        limits: UpstreamConfig,
    ) -> Adapter<D> {
        Adapter {
            config,
            key,
            client,
            limits,
            dialect,
            last_url: std::sync::Mutex::new(None),
        }
    }

    /// `url` parsed, from the one-entry cache when it is the last URL sent to. A URL
    /// that does not parse goes to reqwest as text, which reports it as before.
    fn url(&self, url: String) -> Result<reqwest::Url, String> {
        let Ok(mut last) = self.last_url.lock() else {
            return reqwest::Url::parse(&url).map_err(|_| url);
        };
        if let Some((text, parsed)) = last.as_ref() {
            if *text == url {
                return Ok(parsed.clone());
            }
        }
        let parsed = reqwest::Url::parse(&url).map_err(|_| url.clone())?;
        *last = Some((url, parsed.clone()));
        Ok(parsed)
    }

    /// The POST with this exchange's key; the decrypted key is dropped (zeroized) as
    /// soon as it is copied into the header.
    fn post(&self, outgoing: Outgoing) -> Result<reqwest::RequestBuilder, ProviderError> {
        let request = match self.url(outgoing.url) {
            Ok(url) => self.client.post(url),
            Err(text) => self.client.post(text),
        };
        let request = request
            .header(http::header::CONTENT_TYPE, "application/json")
            .body(outgoing.body);
        let request = D::HEADERS.iter().fold(request, |request, (name, value)| {
            request.header(*name, *value)
        });
        Ok(match (self.key.current()?, D::KEY) {
            (None, _) => request,
            (Some(key), KeyHeader::Bearer) => request.bearer_auth(key.expose_secret()),
            (Some(key), KeyHeader::Named(name)) => request.header(name, key.expose_secret()),
        })
    }

    fn broken(&self, reason: String) -> ProviderError {
        ProviderError::Protocol {
            provider: self.config.name.clone(),
            reason,
        }
    }
}

impl<D: Dialect> Provider for Adapter<D> {
    fn config(&self) -> &ProviderConfig {
        &self.config
    }

    fn chat<'a>(&'a self, request: &'a ChatRequest) -> BoxFuture<'a, Result<Reply, ProviderError>> {
        Box::pin(async move {
            let outgoing = self.dialect.chat(&self.config, request)?;
            let exchange = Exchange::start(&self.config.name, self.limits);
            let mut post = self.post(outgoing)?;
            if request.is_stream() {
                post = post.header(http::header::ACCEPT, "text/event-stream");
            }
            let response = exchange
                .send(post)
                .await
                .map_err(|e| self.dialect.error(e))?;
            if request.is_stream() {
                let translator = self.dialect.stream(request);
                Ok(Reply::Stream(exchange.translated(response, translator)))
            } else {
                let answer = exchange.body(response).await?;
                let completion = self
                    .dialect
                    .completion(request, answer)
                    .map_err(|r| self.broken(r))?;
                Ok(Reply::Complete(completion))
            }
        })
    }

    fn embeddings<'a>(
        &'a self,
        request: &'a EmbeddingsRequest,
    ) -> BoxFuture<'a, Result<Bytes, ProviderError>> {
        Box::pin(async move {
            let outgoing = self.dialect.embeddings(&self.config, request)?;
            let exchange = Exchange::start(&self.config.name, self.limits);
            let response = exchange
                .send(self.post(outgoing)?)
                .await
                .map_err(|e| self.dialect.error(e))?;
            let answer = exchange.body(response).await?;
            self.dialect
                .embedded(request, answer)
                .map_err(|r| self.broken(r))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn adapter() -> Adapter<super::super::openai::OpenAi> {
        let config = ProviderConfig::for_test("p", "http://p.test/v1");
        Adapter::new(
            super::super::openai::OpenAi,
            config,
            KeySource::new("p", None, None),
            reqwest::Client::new(),
            Config::default().upstream,
        )
    }

    #[test]
    fn each_url_is_sent_as_parsed_whichever_was_cached_last() {
        let adapter = adapter();
        for url in [
            "http://p.test/v1/chat/completions",
            "http://p.test/v1/chat/completions",
            "http://p.test/v1/embeddings",
            "http://p.test/v1/chat/completions",
            "https://other.test/v1beta/models/m:generateContent?alt=sse",
        ] {
            assert_eq!(adapter.url(url.to_owned()).unwrap().as_str(), url);
        }
        // Text that is no URL is handed back for reqwest to report, never cached.
        assert_eq!(adapter.url("no url".into()).unwrap_err(), "no url");
        assert_eq!(
            adapter
                .url("http://p.test/v1/embeddings".into())
                .unwrap()
                .as_str(),
            "http://p.test/v1/embeddings"
        );
    }
}
