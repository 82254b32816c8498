//! The discipline every adapter uses around the shared upstream client (`client.rs`):
//! timeouts (connect, first byte, idle gap between stream events, a total deadline for
//! the whole exchange) and sizes (a JSON answer within `upstream.max_response_bytes`,
//! each SSE event within `upstream.max_event_bytes`; beyond either the exchange is
//! broken, a 502).

use std::time::Duration;

use bytes::Bytes;
use eventsource_stream::Eventsource;
use futures::StreamExt;
use http::{Request, Response};
use http_body_util::BodyDataStream;
use hyper::body::{Body as _, Incoming};
use tokio::time::{timeout_at, Instant};

use super::client::{Body, UpstreamClient};
use super::{EventStream, Phase, ProviderError};
use crate::config::UpstreamConfig;

/// Largest upstream error body we keep to pass on to the client.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// One exchange with one provider: its name for errors and its deadlines.
#[derive(Clone)]
pub(super) struct Exchange {
    pub provider: String,
    pub limits: UpstreamConfig,
    pub deadline: Instant,
}

impl Exchange {
    pub fn start(provider: &str, limits: UpstreamConfig) -> Exchange {
        Exchange {
            provider: provider.to_owned(),
            limits,
            deadline: Instant::now() + limits.total_timeout,
        }
    }

    /// The earlier of `wait` from now (named `phase`) and the total deadline.
    fn within(&self, wait: Duration, phase: Phase) -> (Instant, Phase) {
        let at = Instant::now() + wait;
        if at < self.deadline {
            (at, phase)
        } else {
            (self.deadline, Phase::Total)
        }
    }

    fn timeout(&self, phase: Phase) -> ProviderError {
        ProviderError::Timeout {
            provider: self.provider.to_owned(),
            phase,
            limit: match phase {
                Phase::FirstByte => self.limits.first_byte_timeout,
                Phase::Idle => self.limits.idle_timeout,
                Phase::Total => self.limits.total_timeout,
            },
        }
    }

    /// A failure of the client before the response headers arrived: no answer has begun,
    /// so a reset or closed connection is as good as a refused one for failing over.
    fn before_answer(&self, e: hyper_util::client::legacy::Error) -> ProviderError {
        if e.is_connect() {
            // The connector's own connect timeout: the provider did not answer in time.
            if timed_out(&e) {
                return self.timeout(Phase::FirstByte);
            }
            return ProviderError::Connect {
                provider: self.provider.to_owned(),
                reason: "connection refused or unreachable".to_owned(),
            };
        }
        // hyper's Display names the failure, never a header, so no key leaks here.
        let reason = std::error::Error::source(&e).map_or_else(|| e.to_string(), |s| s.to_string());
        ProviderError::Connect {
            provider: self.provider.to_owned(),
            reason: format!("the connection broke before an answer began: {reason}"),
        }
    }

    /// A failure while reading the body: the answer broke off.
    fn broken_body(&self, e: &hyper::Error) -> ProviderError {
        ProviderError::Protocol {
            provider: self.provider.to_owned(),
            reason: e.to_string(),
        }
    }

    /// Sends the request and waits for the response headers; 401 and 403 become
    /// [`ProviderError::Rejected`] with the body discarded unread, any other non-2xx
    /// [`ProviderError::Upstream`] carrying the upstream's (bounded) error body.
    pub async fn send(
        &self,
        client: &UpstreamClient,
        request: Request<Body>,
    ) -> Result<Response<Incoming>, ProviderError> {
        let (limit, phase) = self.within(self.limits.first_byte_timeout, Phase::FirstByte);
        let response = timeout_at(limit, client.request(request))
            .await
            .map_err(|_| self.timeout(phase))?
            .map_err(|e| self.before_answer(e))?;
        if response.status().is_success() {
            return Ok(response);
        }
        let status = response.status().as_u16();
        // An authentication failure's body may quote the key we sent ("Incorrect API
        // key provided: sk-...abcd"): it is dropped here, before any adapter, log,
        // audit record or client could see it.
        if status == 401 || status == 403 {
            return Err(ProviderError::Rejected {
                provider: self.provider.to_owned(),
                status,
            });
        }
        let retry_after = retry_after(response.headers(), std::time::SystemTime::now());
        let body = self
            .read_capped(response, MAX_ERROR_BODY)
            .await
            .unwrap_or_default();
        Err(ProviderError::Upstream {
            provider: self.provider.to_owned(),
            status,
            body,
            retry_after,
        })
    }

    async fn read_capped(
        &self,
        response: Response<Incoming>,
        cap: usize,
    ) -> Result<Bytes, ProviderError> {
        let mut body = Vec::new();
        let mut chunks = BodyDataStream::new(response.into_body());
        loop {
            let next = timeout_at(self.deadline, chunks.next())
                .await
                .map_err(|_| self.timeout(Phase::Total))?;
            match next {
                Some(Ok(chunk)) => {
                    body.extend_from_slice(&chunk[..chunk.len().min(cap - body.len())]);
                    if body.len() >= cap {
                        break;
                    }
                }
                Some(Err(e)) => return Err(self.broken_body(&e)),
                None => break,
            }
        }
        Ok(Bytes::from(body))
    }

    /// Reads a whole JSON body within the total deadline and the size limit.
    pub async fn body(&self, response: Response<Incoming>) -> Result<Bytes, ProviderError> {
        let cap = self.limits.max_response_bytes;
        let too_large = || ProviderError::Protocol {
            provider: self.provider.clone(),
            reason: format!("its answer is larger than upstream.max_response_bytes ({cap} bytes)"),
        };
        if response
            .body()
            .size_hint()
            .exact()
            .is_some_and(|n| n > cap as u64)
        {
            return Err(too_large());
        }
        // One byte past the cap tells a body at the cap from a larger one.
        let body = self.read_capped(response, cap.saturating_add(1)).await?;
        if body.len() > cap {
            return Err(too_large());
        }
        Ok(body)
    }

    /// The response's SSE events, each within `upstream.max_event_bytes`.
    fn sse(
        &self,
        response: Response<Incoming>,
    ) -> eventsource_stream::EventStream<impl futures::Stream<Item = Result<Bytes, BodyError>>>
    {
        let max = self.limits.max_event_bytes;
        let mut event = EventSize::default();
        BodyDataStream::new(response.into_body())
            .map(move |chunk| match chunk {
                Ok(bytes) if event.grows_past(&bytes, max) => Err(BodyError::EventTooLarge(max)),
                Ok(bytes) => Ok(bytes),
                Err(e) => Err(BodyError::Transport(e)),
            })
            .eventsource()
    }
}

/// Whether the connector gave up for its connect timeout (an I/O `TimedOut` anywhere in
/// the error's chain of causes).
fn timed_out(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(e);
    while let Some(e) = cause {
        if e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut)
        {
            return true;
        }
        cause = e.source();
    }
    false
}

/// Why an upstream body could not be read further.
#[derive(Debug, thiserror::Error)]
enum BodyError {
    #[error("{0}")]
    Transport(hyper::Error),
    #[error("an event is larger than upstream.max_event_bytes ({0} bytes)")]
    EventTooLarge(usize),
}

/// Bytes of the SSE event being received, counted before the parser buffers them: an
/// event ends at a blank line.
#[derive(Default)]
struct EventSize {
    /// Bytes since the last blank line.
    event: usize,
    /// Bytes of the current line, line endings excluded.
    line: usize,
}

impl EventSize {
    /// Counts `bytes`; `true` when an event grew past `max`.
    fn grows_past(&mut self, bytes: &[u8], max: usize) -> bool {
        for &b in bytes {
            match b {
                b'\n' => {
                    if self.line == 0 {
                        self.event = 0;
                    }
                    self.line = 0;
                }
                b'\r' => {}
                _ => {
                    self.line += 1;
                    self.event += 1;
                    if self.event > max {
                        return true;
                    }
                }
            }
        }
        false
    }
}

/// Longest wait an upstream can ask for that we keep as asked; anything longer is
/// clamped (the router moves on long before anyway).
const MAX_RETRY_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// How long an upstream asked us to wait: OpenAI's `retry-after-ms` (milliseconds,
/// possibly fractional) first, else `Retry-After` as delay-seconds or an HTTP-date
/// (RFC 9110 10.2.3), measured from `now`. A date in the past means "now"; an
/// unreadable value is ignored rather than trusted.
pub(super) fn retry_after(
    headers: &http::HeaderMap,
    now: std::time::SystemTime,
) -> Option<Duration> {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let wait = if let Some(ms) = text("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        (ms.is_finite() && ms >= 0.0).then(|| Duration::from_secs_f64(ms.min(1e12) / 1000.0))?
    } else {
        let value = text("retry-after")?;
        match value.parse::<u64>() {
            Ok(secs) => Duration::from_secs(secs),
            Err(_) => {
                let at = httpdate::parse_http_date(value).ok()?;
                at.duration_since(now).unwrap_or(Duration::ZERO)
            }
        }
    };
    Some(wait.min(MAX_RETRY_AFTER))
}

/// What a native stream translator tells the relay after one upstream event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flow {
    Continue,
    /// The upstream's own end marker arrived: the answer is complete.
    Done,
}

/// Turns one provider's native SSE events into OpenAI `chat.completion.chunk` payloads,
/// event by event, so nothing is held back longer than one upstream event.
pub(super) trait StreamTranslator: Send + 'static {
    /// One upstream event (its `event:` name, empty when absent, and its data); the
    /// chunks it produces are pushed to `out`. An `Err` is a sentence saying what broke.
    fn event(&mut self, name: &str, data: &str, out: &mut Vec<String>) -> Result<Flow, String>;
    /// The upstream closed the connection before [`Flow::Done`]. Providers without an end
    /// marker (Gemini) may accept this as the end when the answer said it was finished.
    fn closed(&mut self, out: &mut Vec<String>) -> Result<(), String>;
}

struct Relay<T> {
    pending: std::collections::VecDeque<Result<String, ProviderError>>,
    translator: T,
    finished: bool,
}

/// OpenAI's own SSE (OpenAI-compatible servers, Azure): each `data` payload is already
/// a chunk and passes as is; the stream ends at `[DONE]`, and a stream cut before it
/// is an error, so a cut connection is never mistaken for a finished answer.
pub(super) struct OpenAiEvents;

impl StreamTranslator for OpenAiEvents {
    fn event(&mut self, _name: &str, data: &str, out: &mut Vec<String>) -> Result<Flow, String> {
        if data == crate::openai::sse::DONE {
            return Ok(Flow::Done);
        }
        out.push(data.to_owned());
        Ok(Flow::Continue)
    }

    fn closed(&mut self, _out: &mut Vec<String>) -> Result<(), String> {
        Err("the stream ended before [DONE]".into())
    }
}

impl Exchange {
    /// The response's SSE events through `translator`, each as it arrives (the
    /// provider's native events; [`OpenAiEvents`] for OpenAI's own). Each gap between
    /// events is bounded by the idle timeout and the whole stream by the total deadline;
    /// a translator error or a cut connection ends the stream with an error item, never
    /// silently.
    pub fn translated<T: StreamTranslator>(
        self,
        response: Response<Incoming>,
        translator: T,
    ) -> EventStream {
        let events = self.sse(response);
        let relay = Relay {
            pending: std::collections::VecDeque::new(),
            translator,
            finished: false,
        };
        Box::pin(futures::stream::unfold(
            (events, relay),
            move |(mut events, mut relay)| {
                let exchange = self.clone();
                async move {
                    loop {
                        if let Some(item) = relay.pending.pop_front() {
                            return Some((item, (events, relay)));
                        }
                        if relay.finished {
                            return None;
                        }
                        let (limit, phase) =
                            exchange.within(exchange.limits.idle_timeout, Phase::Idle);
                        let broken = |reason: String| ProviderError::Protocol {
                            provider: exchange.provider.clone(),
                            reason,
                        };
                        let mut out = Vec::new();
                        let step = match timeout_at(limit, events.next()).await {
                            Err(_) => Err(exchange.timeout(phase)),
                            Ok(Some(Err(e))) => Err(broken(format!("the stream broke: {e}"))),
                            Ok(Some(Ok(event))) => relay
                                .translator
                                .event(&event.event, &event.data, &mut out)
                                .map_err(broken),
                            Ok(None) => relay
                                .translator
                                .closed(&mut out)
                                .map(|()| Flow::Done)
                                .map_err(broken),
                        };
                        relay.pending.extend(out.into_iter().map(Ok));
                        match step {
                            Ok(Flow::Continue) => {}
                            Ok(Flow::Done) => relay.finished = true,
                            Err(e) => {
                                relay.pending.push_back(Err(e));
                                relay.finished = true;
                            }
                        }
                    }
                }
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_size_counts_from_one_blank_line_to_the_next() {
        let mut size = EventSize::default();
        assert!(!size.grows_past(b"data: 12345\n\n", 12));
        assert!(!size.grows_past(b"data: 1", 12));
        assert!(!size.grows_past(b"2345\r\n\r\n", 12));
        assert!(size.grows_past(b"data: 1234567", 12));
    }
    use http::header::{HeaderMap, HeaderValue};
    use std::time::{SystemTime, UNIX_EPOCH};

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn retry_after_reads_seconds_dates_and_milliseconds() {
        // 1994-11-06T08:49:37Z, the RFC's own example date.
        let now = UNIX_EPOCH + Duration::from_secs(784_111_777);
        let at = |pairs| retry_after(&headers(pairs), now);
        assert_eq!(at(&[("retry-after", "3")]), Some(Duration::from_secs(3)));
        assert_eq!(
            at(&[("retry-after", "Sun, 06 Nov 1994 08:49:47 GMT")]),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            at(&[("retry-after", "Sun, 06 Nov 1994 08:00:00 GMT")]),
            Some(Duration::ZERO),
            "a date in the past means now"
        );
        assert_eq!(
            at(&[("retry-after-ms", "1500.5"), ("retry-after", "60")]),
            Some(Duration::from_micros(1_500_500)),
            "retry-after-ms wins"
        );
        assert_eq!(at(&[("retry-after", "soon")]), None);
        assert_eq!(at(&[("retry-after-ms", "-4")]), None);
        assert_eq!(at(&[]), None);
        assert_eq!(
            retry_after(
                &headers(&[("retry-after", "99999999999")]),
                SystemTime::now()
            ),
            Some(MAX_RETRY_AFTER)
        );
    }
}
