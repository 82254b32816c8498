//! Relaying an upstream event stream to the client as OpenAI SSE. Every event is
//! written as soon as it arrives (no buffering); an upstream failure after the first
//! byte ends the stream with an error event the OpenAI SDKs raise, never a silent cut.
//! Dropping the response body (the client went away) drops the upstream stream, which
//! closes the upstream connection.

use std::convert::Infallible;

use axum::body::Body;
use axum::http::{header, HeaderValue};
use axum::response::Response;
use bytes::Bytes;
use futures::StreamExt;
use prometheus_client::metrics::gauge::Gauge;

use crate::openai::sse;
use crate::providers::EventStream;

/// Decrements the open-streams gauge however the stream ends (finished, failed, dropped).
struct OpenStream(Gauge);

impl Drop for OpenStream {
    fn drop(&mut self) {
        self.0.dec();
    }
}

pub fn sse_response(events: EventStream, open_streams: Gauge) -> Response {
    open_streams.inc();
    let guard = OpenStream(open_streams);
    let body = futures::stream::unfold((events, Some(guard)), |(mut events, guard)| async move {
        let guard = guard?;
        match events.next().await {
            Some(Ok(data)) => Some((
                Ok::<Bytes, Infallible>(sse::frame(&data)),
                (events, Some(guard)),
            )),
            Some(Err(e)) => {
                tracing::warn!(error = %e, "upstream stream failed after the first byte");
                Some((
                    Ok(sse::error_frame(&format!("{e}."), "upstream_error")),
                    (events, None),
                ))
            }
            None => Some((Ok(sse::frame(sse::DONE)), (events, None))),
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
