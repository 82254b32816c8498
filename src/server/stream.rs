//! Relaying an upstream event stream to the client as OpenAI SSE (or, through a
//! [`Framing`], as another ingress's events built from the same restored chunks). Every event is
//! written as soon as it arrives (only a possible split token is held back, see
//! `restore.rs`); an upstream failure after the first byte ends the stream with an
//! error event the OpenAI SDKs raise, never a silent cut. The response record is made
//! durable before `[DONE]` goes out. Dropping the body (the client went away) drops the
//! upstream stream, which closes the upstream connection, and still records the answer.

use std::convert::Infallible;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderValue};
use axum::response::Response;
use bytes::{Bytes, BytesMut};
use futures::StreamExt;

use super::restore::StreamTap;
use super::trail::{ResponseFacts, Trail};
use super::Gateway;
use crate::openai::sse;
use crate::providers::EventStream;

/// How a relayed stream is written for the client: OpenAI's SSE by default; another
/// ingress (Anthropic's `/v1/messages`) re-shapes the same restored chunks.
pub trait Framing: Send + 'static {
    /// The bytes for one restored OpenAI chunk's data.
    fn chunk(&mut self, data: &str) -> Bytes;
    /// The bytes that end a complete answer, once its record is durable.
    fn done(&mut self) -> Bytes;
    /// The bytes of an error event that ends the stream.
    fn error(&mut self, message: &str, kind: &str) -> Bytes;
}

/// OpenAI's framing: `data: <chunk>`, ended by `data: [DONE]`.
pub struct OpenAiFraming;

impl Framing for OpenAiFraming {
    fn chunk(&mut self, data: &str) -> Bytes {
        sse::frame(data)
    }
    fn done(&mut self) -> Bytes {
        sse::frame(sse::DONE)
    }
    fn error(&mut self, message: &str, kind: &str) -> Bytes {
        sse::error_frame(message, kind)
    }
}

/// The state of one relayed stream; records the answer however the stream ends.
struct Relay<F> {
    framing: F,
    gw: Gateway,
    trail: Trail,
    tap: StreamTap,
    upstream: Duration,
    full_capture: bool,
    finished: bool,
}

impl<F> Relay<F> {
    fn facts(&self, status: u16, error_type: Option<&str>) -> ResponseFacts {
        let captured = self.trail.captures_content().then(|| {
            let text = if self.full_capture {
                self.tap.restored()
            } else {
                self.tap.received.clone()
            };
            serde_json::json!({"content": text})
        });
        ResponseFacts {
            status,
            error_type: error_type.map(str::to_owned),
            upstream: self.upstream,
            usage: self.tap.usage.clone(),
            cost: self.gw.cost(
                self.trail.provider_name(),
                self.trail.model(),
                self.tap.tokens,
            ),
            captured,
        }
    }

    /// Appends the response record; `false` when it could not be made durable.
    async fn record(&mut self, status: u16, error_type: Option<&str>) -> bool {
        self.finished = true;
        let facts = self.facts(status, error_type);
        super::limits::charge(&self.gw, &self.trail, &facts);
        let record = self.trail.response_record(&facts);
        match self.gw.audit.append(record).await {
            Ok(_) => true,
            Err(e) => {
                tracing::error!(error = %e, "audit append failed at the end of a stream");
                false
            }
        }
    }
}

impl<F> Drop for Relay<F> {
    fn drop(&mut self) {
        self.gw.metrics.in_flight_streams.dec();
        if !self.finished {
            // The client went away mid-stream: record (and charge) what it got.
            let facts = self.facts(499, Some("client_closed_request"));
            super::limits::charge(&self.gw, &self.trail, &facts);
            let record = self.trail.response_record(&facts);
            let audit = self.gw.audit.clone();
            tokio::spawn(async move {
                if let Err(e) = audit.append(record).await {
                    tracing::error!(error = %e, "audit append failed for an abandoned stream");
                }
            });
        }
    }
}

/// The relayed stream as a response, each restored chunk written by `framing`
/// ([`OpenAiFraming`] for OpenAI's own).
pub fn sse_response(
    gw: &Gateway,
    events: EventStream,
    trail: Trail,
    tap: StreamTap,
    upstream: Duration,
    framing: impl Framing,
) -> Response {
    gw.metrics.in_flight_streams.inc();
    let relay = Relay {
        framing,
        gw: gw.clone(),
        full_capture: trail.captures_originals(),
        trail,
        tap,
        upstream,
        finished: false,
    };
    let body = futures::stream::unfold((events, Some(relay)), |(mut events, relay)| async move {
        let mut relay = relay?;
        match events.next().await {
            Some(Ok(data)) => {
                let out = match relay.tap.apply(data) {
                    Some(d) => relay.framing.chunk(&d),
                    None => Bytes::new(),
                };
                Some((Ok::<Bytes, Infallible>(out), (events, Some(relay))))
            }
            Some(Err(e)) => {
                tracing::warn!(error = %e, "upstream stream failed after the first byte");
                relay.record(502, Some("upstream_error")).await;
                let out = relay.framing.error(&format!("{e}."), "upstream_error");
                Some((Ok(out), (events, None)))
            }
            None => {
                let mut out = BytesMut::new();
                if let Some(last) = relay.tap.finish() {
                    out.extend_from_slice(&relay.framing.chunk(&last));
                }
                if relay.record(200, None).await {
                    out.extend_from_slice(&relay.framing.done());
                } else {
                    out.extend_from_slice(&relay.framing.error(
                        "The gateway could not write the audit record of this answer.",
                        "service_unavailable",
                    ));
                }
                Some((Ok(out.freeze()), (events, None)))
            }
        }
    });
    let mut response = Response::new(Body::from_stream(body));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    // Tells reverse proxies (nginx) not to buffer the stream.
    headers.insert("x-accel-buffering", HeaderValue::from_static("no"));
    response
}
