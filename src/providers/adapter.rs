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
use http::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use http::{Request, Uri};
use secrecy::ExposeSecret;
use serde::Serialize;

use super::client::{Body, UpstreamClient};
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
    client: UpstreamClient,
    limits: UpstreamConfig,
    dialect: D,
    /// The last URL this adapter sent to, parsed: a dialect builds the same URL for
    /// most requests (one per endpoint, model or deployment), and parsing it was about
    /// 2 % of the gateway's CPU per JSON request (README "Run after session 9").
    last_url: std::sync::Mutex<Option<(String, Uri)>>,
}

impl<D: Dialect> Adapter<D> {
    pub fn new(
        dialect: D,
        config: ProviderConfig,
        key: KeySource,
        client: UpstreamClient,
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

    /// `url` parsed, from the one-entry cache when it is the last URL sent to. The text
    /// goes through the WHATWG URL parser first, as it did under reqwest, so a URL keeps
    /// its normalisation (percent-encoding of spaces, say); text that is no URL comes
    /// back as the reason, and nothing is sent.
    fn url(&self, url: String) -> Result<Uri, String> {
        let parse = |text: &str| -> Result<Uri, String> {
            let normal =
                reqwest::Url::parse(text).map_err(|e| format!("its URL {text} is invalid: {e}"))?;
            normal
                .as_str()
                .parse::<Uri>()
                .map_err(|e| format!("its URL {text} is invalid: {e}"))
        };
        let Ok(mut last) = self.last_url.lock() else {
            return parse(&url);
        };
        if let Some((text, parsed)) = last.as_ref() {
            if *text == url {
                return Ok(parsed.clone());
            }
        }
        let parsed = parse(&url)?;
        *last = Some((url, parsed.clone()));
        Ok(parsed)
    }

    /// The POST with this exchange's key, asking for `accept`; the decrypted key is
    /// dropped (zeroized) as soon as it is copied into the header.
    fn post(
        &self,
        outgoing: Outgoing,
        accept: &'static str,
    ) -> Result<Request<Body>, ProviderError> {
        let uri = self.url(outgoing.url).map_err(|r| self.broken(r))?;
        let mut request = Request::post(uri);
        let headers = request.headers_mut();
        if let Some(headers) = headers {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            headers.insert(ACCEPT, HeaderValue::from_static(accept));
            for (name, value) in D::HEADERS {
                headers.insert(*name, HeaderValue::from_static(value));
            }
            if let Some(key) = self.key.current()? {
                let (name, value) = match D::KEY {
                    KeyHeader::Bearer => (AUTHORIZATION, format!("Bearer {}", key.expose_secret())),
                    KeyHeader::Named(name) => (
                        http::HeaderName::from_static(name),
                        key.expose_secret().to_owned(),
                    ),
                };
                let mut value = HeaderValue::try_from(zeroize::Zeroizing::new(value).as_str())
                    .map_err(|_| self.broken("its key is not a valid HTTP header value".into()))?;
                // Sensitive values are never printed by http's Debug and never put in an
                // HTTP/2 header table.
                value.set_sensitive(true);
                headers.insert(name, value);
            }
        }
        request
            .body(Body::new(Bytes::from(outgoing.body)))
            .map_err(|e| self.broken(format!("cannot build its request: {e}")))
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
            let accept = if request.is_stream() {
                "text/event-stream"
            } else {
                "*/*"
            };
            let post = self.post(outgoing, accept)?;
            let response = exchange
                .send(&self.client, post)
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
                .send(&self.client, self.post(outgoing, "*/*")?)
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
            UpstreamClient::new(&Config::default().upstream).unwrap(),
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
            assert_eq!(adapter.url(url.to_owned()).unwrap().to_string(), url);
        }
        // Text that is no URL is reported, never cached.
        assert!(adapter.url("no url".into()).unwrap_err().contains("no url"));
        assert_eq!(
            adapter
                .url("http://p.test/v1/embeddings".into())
                .unwrap()
                .to_string(),
            "http://p.test/v1/embeddings"
        );
        // Normalised as reqwest did: a space in a path segment is percent-encoded.
        assert_eq!(
            adapter
                .url("http://p.test/v1/models/a b:generateContent".into())
                .unwrap()
                .to_string(),
            "http://p.test/v1/models/a%20b:generateContent"
        );
    }
}
