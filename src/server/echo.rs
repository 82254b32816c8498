//! The demo's upstream: a local provider that speaks OpenAI's wire format (JSON and SSE)
//! and answers with what it received, so that a newcomer sees exactly what left the
//! gateway (after redaction). It is served on a loopback port by `serve --demo` and
//! reached through the ordinary OpenAI-compatible adapter, like any real provider.

use std::convert::Infallible;

use axum::body::Body;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use bytes::Bytes;
use serde_json::{json, Value};

use crate::openai::sse;

pub const ECHO_MODEL: &str = "echo-1";

pub fn router() -> Router {
    Router::new()
        .route("/v1/chat/completions", post(chat))
        .route("/v1/embeddings", post(embeddings))
        .route("/v1/models", get(models))
}

fn bad_request(message: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"error": {"message": message, "type": "invalid_request_error", "param": null, "code": null}})),
    )
        .into_response()
}

/// The text of the last message, as the provider received it.
fn last_message_text(request: &Value) -> Option<String> {
    let content = &request.get("messages")?.as_array()?.last()?["content"];
    match content {
        Value::String(s) => Some(s.clone()),
        Value::Array(parts) => Some(
            parts
                .iter()
                .filter_map(|p| p.get("text").and_then(Value::as_str))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        _ => None,
    }
}

fn words(text: &str) -> u64 {
    text.split_whitespace().count() as u64
}

async fn chat(Json(request): Json<Value>) -> Response {
    let Some(received) = last_message_text(&request) else {
        return bad_request("messages must end with a message that has text content");
    };
    let model = request
        .get("model")
        .and_then(Value::as_str)
        .unwrap_or(ECHO_MODEL)
        .to_owned();
    let reply = format!("Echo from the demo provider. This is what reached me: {received}");
    let usage = json!({
        "prompt_tokens": words(&received),
        "completion_tokens": words(&reply),
        "total_tokens": words(&received) + words(&reply),
    });
    let id = format!("chatcmpl-echo-{}", uuid::Uuid::new_v4().simple());
    if request.get("stream").and_then(Value::as_bool) == Some(true) {
        let include_usage = request
            .pointer("/stream_options/include_usage")
            .and_then(Value::as_bool)
            == Some(true);
        let chunk = |delta: Value, finish: Value| {
            json!({"id": id, "object": "chat.completion.chunk", "created": 0, "model": model,
                   "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]})
        };
        let mut events = vec![chunk(
            json!({"role": "assistant", "content": ""}),
            Value::Null,
        )];
        let mut rest = reply.as_str();
        while !rest.is_empty() {
            // One word (with its trailing space) per chunk, as models stream.
            let cut = rest.find(' ').map_or(rest.len(), |i| i + 1);
            events.push(chunk(json!({"content": &rest[..cut]}), Value::Null));
            rest = &rest[cut..];
        }
        events.push(chunk(json!({}), json!("stop")));
        if include_usage {
            events.push(
                json!({"id": id, "object": "chat.completion.chunk", "created": 0, "model": model,
                               "choices": [], "usage": usage}),
            );
        }
        let mut frames: Vec<Result<Bytes, Infallible>> = events
            .iter()
            .map(|e| Ok(sse::frame(&e.to_string())))
            .collect();
        frames.push(Ok(sse::frame(sse::DONE)));
        return (
            [(header::CONTENT_TYPE, "text/event-stream")],
            Body::from_stream(futures::stream::iter(frames)),
        )
            .into_response();
    }
    Json(json!({
        "id": id, "object": "chat.completion", "created": 0, "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": reply}, "finish_reason": "stop"}],
        "usage": usage,
    }))
    .into_response()
}

/// A small deterministic vector per input, so that equal inputs embed equally.
fn embed(text: &str) -> Vec<f32> {
    let digest = ring::digest::digest(&ring::digest::SHA256, text.as_bytes());
    digest.as_ref()[..8]
        .iter()
        .map(|b| f32::from(*b) / 255.0)
        .collect()
}

async fn embeddings(Json(request): Json<Value>) -> Response {
    let inputs: Vec<String> = match request.get("input") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
            .collect(),
        _ => return bad_request("input must be a string or an array"),
    };
    let tokens: u64 = inputs.iter().map(|i| words(i)).sum();
    let data: Vec<Value> = inputs
        .iter()
        .enumerate()
        .map(|(i, text)| json!({"object": "embedding", "index": i, "embedding": embed(text)}))
        .collect();
    Json(json!({
        "object": "list", "data": data,
        "model": request.get("model").cloned().unwrap_or(json!(ECHO_MODEL)),
        "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
    }))
    .into_response()
}

async fn models() -> Json<Value> {
    Json(
        json!({"object": "list", "data": [{"id": ECHO_MODEL, "object": "model", "created": 0, "owned_by": "ledgergate-demo"}]}),
    )
}
