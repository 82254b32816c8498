//! Relaying an upstream event stream to the client as OpenAI SSE (or, through a
//! [`Framing`], as another ingress's events built from the same restored chunks). Every event is
//! written as soon as it arrives (only a possible split token is held back, see
//! `restore.rs`). Events that have already arrived together go out together: after an
//! event, the relay takes the further events that are ready at once (letting the other
//! tasks run up to [`READY_RETRIES`] times when none is, so that the events already on
//! the upstream connection are decoded), up to [`FRAME_BYTES`] of output, and writes them
//! as one body frame (one HTTP/1.1 chunk, one `writev`); it never waits for an event that
//! has not arrived. An upstream failure after the first byte ends the stream with an
//! error event the OpenAI SDKs raise, never a silent cut. The response record is made
//! durable before `[DONE]` goes out. Dropping the body (the client went away) drops the
//! upstream stream, which closes the upstream connection, and still records the answer.

use std::convert::Infallible;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderValue};
use axum::response::Response;
use bytes::{Bytes, BytesMut};
use futures::{FutureExt, StreamExt};

use super::inflight::InFlight;
use super::restore::StreamTap;
use super::trail::{ResponseFacts, Trail};
use super::Gateway;
use crate::audit::record::Capture;
use crate::openai::sse;
use crate::providers::{EventStream, ProviderError};

/// The output one body frame gathers from events already read, at most (a frame may
/// end a little beyond it: the event that crosses it is written whole).
const FRAME_BYTES: usize = 16 * 1024;

/// How many times the relay yields to the other tasks when no further event is ready,
/// before it writes what it has: the upstream connection's task decodes the next event
/// only once the relay has asked for it, so the events that arrived in one read come one
/// poll apart.
const READY_RETRIES: usize = 3;

/// The next event if it is ready now or after at most [`READY_RETRIES`] yields; `None`
/// when none is (the events that are there are written, not held for one that is not).
async fn ready(events: &mut EventStream) -> Option<Option<Result<String, ProviderError>>> {
    for retry in 0..=READY_RETRIES {
        if let Some(item) = events.next().now_or_never() {
            return Some(item);
        }
        if retry < READY_RETRIES {
            tokio::task::yield_now().await;
        }
    }
    None
}

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
    /// Taken when the answer is recorded.
    inflight: Option<InFlight>,
    tap: StreamTap,
    upstream: Duration,
}

impl<F> Relay<F> {
    fn facts(&self, trail: &Trail, status: u16, error_type: Option<&str>) -> ResponseFacts {
        let captured = trail.captures_content().then(|| {
            let text = if trail.captures_originals() {
                self.tap.restored()
            } else {
                self.tap.received.clone()
            };
            Capture::json(&serde_json::json!({"content": text}))
        });
        ResponseFacts {
            status,
            error_type: error_type.map(str::to_owned),
            upstream: self.upstream,
            attempted: true,
            usage: self.tap.usage,
            cost: self
                .gw
                .cost(trail.provider_name(), trail.model(), self.tap.usage),
            captured,
        }
    }

    /// Appends the response record; `false` when it could not be written.
    async fn record(&mut self, status: u16, error_type: Option<&str>) -> bool {
        let Some(inflight) = self.inflight.take() else {
            return false;
        };
        let facts = self.facts(inflight.trail(), status, error_type);
        match inflight.finish(facts).await {
            Ok(()) => true,
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
        if let Some(inflight) = self.inflight.take() {
            // The client went away mid-stream: record (and charge) what it got.
            let facts = self.facts(inflight.trail(), 499, Some("client_closed_request"));
            inflight.abandon(facts);
        }
    }
}

/// The relayed stream as a response, each restored chunk written by `framing`
/// ([`OpenAiFraming`] for OpenAI's own).
pub fn sse_response(
    gw: &Gateway,
    events: EventStream,
    inflight: InFlight,
    tap: StreamTap,
    upstream: Duration,
    framing: impl Framing,
) -> Response {
    gw.metrics.in_flight_streams.inc();
    let relay = Relay {
        framing,
        gw: gw.clone(),
        inflight: Some(inflight),
        tap,
        upstream,
    };
    // Every open stream holds this future. The audit append at its end is boxed, so
    // the future is sized for waiting on the next event, not for the append's state:
    // 8.4 -> 2.8 KiB per stream in a debug build (README "Memory").
    let body = futures::stream::unfold((events, Some(relay)), |(mut events, relay)| async move {
        let mut relay = relay?;
        // The events already read, as one frame: those that were ready when the first
        // one came, each through the tap in order.
        let mut out = BytesMut::new();
        let mut next = events.next().await;
        loop {
            match next {
                Some(Ok(data)) => {
                    if let Some(d) = relay.tap.apply(data) {
                        out.extend_from_slice(&relay.framing.chunk(&d));
                    }
                    if out.len() >= FRAME_BYTES {
                        break;
                    }
                    match ready(&mut events).await {
                        Some(item) => next = item,
                        None => break,
                    }
                }
                Some(Err(e)) => {
                    tracing::warn!(error = %e, "upstream stream failed after the first byte");
                    Box::pin(relay.record(502, Some("upstream_error"))).await;
                    out.extend_from_slice(&relay.framing.error(&format!("{e}."), "upstream_error"));
                    return Some((Ok(out.freeze()), (events, None)));
                }
                None => {
                    if let Some(last) = relay.tap.finish() {
                        out.extend_from_slice(&relay.framing.chunk(&last));
                    }
                    if Box::pin(relay.record(200, None)).await {
                        out.extend_from_slice(&relay.framing.done());
                    } else {
                        out.extend_from_slice(&relay.framing.error(
                            "The gateway could not write the audit record of this answer.",
                            "service_unavailable",
                        ));
                    }
                    return Some((Ok(out.freeze()), (events, None)));
                }
            }
        }
        Some((Ok::<Bytes, Infallible>(out.freeze()), (events, Some(relay))))
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
