//! Answering an admitted request: a JSON answer restored and recorded before it goes
//! out, an upstream failure recorded and mapped, and what every answer tells the
//! metrics (the provider). The audit sequence number is never shown to clients: it is
//! global, so it would tell every tenant the others' volume; clients find their
//! records by `x-ledgergate-request-id`.

use std::time::Duration;

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;

use super::admit::Admitted;
use super::answer_text::{compact, restore_answer_text};
use super::error::ApiError;
use super::observe::Served;
use super::restore::{restore_completion, scan_completion};
use super::trail::ResponseFacts;
use crate::audit::record::Capture;
use crate::openai::Usage;

use super::Gateway;
use crate::providers::ProviderError;

/// Tells the request's log line and metrics which provider answered (its latency is
/// observed when the request finishes, `inflight.rs`).
pub fn decorate(mut response: Response, provider: &str, upstream: Duration) -> Response {
    response.extensions_mut().insert(Served {
        provider: provider.to_owned(),
        upstream,
    });
    response
}

/// Re-shapes a restored OpenAI answer for another ingress (Anthropic's `/v1/messages`);
/// `Err` names why the answer cannot be expressed, and fails the exchange.
pub type Shape = fn(&serde_json::Value) -> Result<serde_json::Value, String>;

/// A complete JSON answer: tokens restored, usage and content recorded (durably, before
/// the client sees it), then sent.
pub async fn answer_json(
    gw: &Gateway,
    admitted: Admitted,
    upstream: Duration,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    answer_json_shaped(gw, admitted, upstream, bytes, None).await
}

/// As [`answer_json`], sending `shape` of the restored answer. The audit record keeps
/// the answer as received and restored, before shaping.
pub async fn answer_json_shaped(
    gw: &Gateway,
    admitted: Admitted,
    upstream: Duration,
    bytes: Bytes,
    shape: Option<Shape>,
) -> Result<Response, ApiError> {
    let provider = admitted.provider.config().name.clone();
    if admitted.output_scan.is_none() && shape.is_none() {
        if let Some(text) = TextAnswer::of(&bytes) {
            return answer_text(gw, admitted, upstream, &bytes, text, provider).await;
        }
    }
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        let error = ProviderError::Protocol {
            provider: provider.clone(),
            reason: "the answer is not JSON".into(),
        };
        return Err(failed(admitted, upstream, error).await);
    };
    let trail = admitted.inflight.trail();
    // As received, serialised now (once, compact) rather than copied as a tree.
    let received = trail.captures_content().then(|| Capture::json(&value));
    if let Some(engine) = &admitted.output_scan {
        scan_completion(&mut value, engine);
    }
    restore_completion(&mut value, &admitted.restorer);
    let shaped = match shape.map(|f| f(&value)).transpose() {
        Ok(shaped) => shaped,
        Err(reason) => {
            let error = ProviderError::Protocol {
                provider: provider.clone(),
                reason,
            };
            return Err(failed(admitted, upstream, error).await);
        }
    };
    let captured = if trail.captures_originals() {
        Some(Capture::json(
            &serde_json::json!({"received": received, "restored": &value}),
        ))
    } else {
        received
    };
    let usage = Usage::of_answer(&value);
    let passthrough = admitted.restorer.is_empty() && admitted.output_scan.is_none();
    let body = if let Some(shaped) = shaped {
        Bytes::from(shaped.to_string())
    } else if passthrough {
        bytes
    } else {
        Bytes::from(value.to_string())
    };
    deliver(gw, admitted, upstream, &provider, usage, captured, body).await
}

/// The answer's facts made durable, and only then its body sent, as JSON. Fail closed:
/// an answer whose record could not be appended is withheld.
async fn deliver(
    gw: &Gateway,
    admitted: Admitted,
    upstream: Duration,
    provider: &str,
    usage: Option<Usage>,
    captured: Option<Box<serde_json::value::RawValue>>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let facts = ResponseFacts {
        status: 200,
        error_type: None,
        upstream,
        attempted: true,
        usage,
        cost: gw.cost(provider, admitted.inflight.trail().model(), usage),
        captured,
    };
    admitted.inflight.finish(facts).await.map_err(|e| {
        tracing::error!(error = %e, "audit append failed for an answer; withholding it");
        ApiError::audit_unavailable()
    })?;
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Ok(decorate(response, provider, upstream))
}

/// An answer's text, parsed only as far as its usage: the whole document checked to be
/// JSON and an object (so that the text path restores what the tree path would).
struct TextAnswer<'a> {
    text: &'a str,
    usage: Option<Usage>,
}

/// What the text path reads of an answer; a duplicate `usage` fails it (the tree path,
/// where the last one counts, takes the answer then).
#[derive(serde::Deserialize)]
struct UsageOnly<'a> {
    #[serde(borrow, default)]
    usage: Option<&'a serde_json::value::RawValue>,
}

impl<'a> TextAnswer<'a> {
    fn of(bytes: &'a [u8]) -> Option<TextAnswer<'a>> {
        let text = std::str::from_utf8(bytes).ok()?;
        if !text.trim_start().starts_with('{') {
            return None;
        }
        let head: UsageOnly<'_> = serde_json::from_str(text).ok()?;
        let usage = match head.usage {
            Some(raw) => {
                Usage::of_usage(&serde_json::from_str::<serde_json::Value>(raw.get()).ok()?)
            }
            None => None,
        };
        Some(TextAnswer { text, usage })
    }
}

/// As [`answer_json_shaped`] for an answer neither scanned nor re-shaped, on its text:
/// tokens restored in place (`answer_text.rs`), no `Value` tree built. Records the
/// same facts, and the same captures (compact text), before the client sees it.
async fn answer_text(
    gw: &Gateway,
    admitted: Admitted,
    upstream: Duration,
    bytes: &Bytes,
    answer: TextAnswer<'_>,
    provider: String,
) -> Result<Response, ApiError> {
    let trail = admitted.inflight.trail();
    let received = trail.captures_content().then(|| compact(answer.text));
    let restored = restore_answer_text(answer.text, &admitted.restorer);
    let captured = if trail.captures_originals() {
        let restored_capture = match &restored {
            Some(text) => compact(text),
            None => compact(answer.text),
        };
        #[derive(serde::Serialize)]
        struct Both<'a> {
            received: Option<&'a serde_json::value::RawValue>,
            restored: &'a serde_json::value::RawValue,
        }
        Some(Capture::json(&Both {
            received: received.as_deref(),
            restored: &restored_capture,
        }))
    } else {
        received
    };
    let body = match restored {
        Some(text) => Bytes::from(text),
        None => bytes.clone(),
    };
    deliver(
        gw,
        admitted,
        upstream,
        &provider,
        answer.usage,
        captured,
        body,
    )
    .await
}

/// The provider failed: the failure is recorded and mapped to the client's error.
pub async fn failed(admitted: Admitted, upstream: Duration, error: ProviderError) -> ApiError {
    tracing::warn!(error = %error, "provider failed");
    // A failure before any byte was sent (a refusal, no key, every breaker open) never
    // reached the provider: no attempt to record, no upstream latency to count.
    let attempted = error.tried();
    let api = ApiError::from(error);
    let facts = ResponseFacts {
        status: api.status().as_u16(),
        error_type: Some(api.kind().to_owned()),
        upstream,
        attempted,
        ..ResponseFacts::default()
    };
    if let Err(e) = admitted.inflight.finish(facts).await {
        tracing::error!(error = %e, "audit append failed for a provider failure");
    }
    api
}
