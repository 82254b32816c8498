//! `POST /v1/messages`: Anthropic SDK clients on the same path as a chat completion.
//! The Messages request is translated to our chat request (`messages/`), then admitted,
//! forwarded, restored, scanned and recorded exactly as `/v1/chat/completions` does;
//! only the last step differs: the restored answer, or each restored chunk, is written
//! in Anthropic's shape. The route also takes the key from `x-api-key` (what the
//! Anthropic SDKs send) and adds `"type": "error"` to error bodies so those SDKs parse
//! them, keeping every field of OpenAI's error shape.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::response::Response;
use bytes::Bytes;
use serde_json::Value;
use zeroize::Zeroizing;

use super::auth::Caller;
use super::body::JsonBody;
use super::chat::{forward, Egress};
use super::error::ApiError;
use super::stream::Framing;
use super::trail::RequestMeta;
use super::Gateway;
use crate::messages::{to_chat_request, to_message, Event, EventShaper};

/// Largest error body re-shaped; error bodies are a few hundred bytes.
const MAX_ERROR_BODY: usize = 1 << 20;

#[tracing::instrument(skip_all, fields(tenant = %caller.tenant, key_id = %caller.key_id))]
pub async fn messages(
    State(gw): State<Gateway>,
    meta: RequestMeta,
    caller: Caller,
    body: JsonBody,
) -> Result<Response, ApiError> {
    let request = body.parsed(to_chat_request)?; // messages/: Anthropic -> OpenAI, or 400
    let anthropic = Egress {
        shape: Some(|v| to_message(v).map_err(|e| e.to_string())),
        framing: AnthropicFraming(EventShaper::new()),
        // The usage chunk is never shown as such: it becomes message_delta's usage.
        hide_added_usage: false,
    };
    forward(&gw, &meta, &caller, request, anthropic).await
}

/// Restored OpenAI chunks written as Anthropic's named events.
struct AnthropicFraming(EventShaper);

fn frames(events: Vec<Event>) -> Bytes {
    events
        .iter()
        .flat_map(|e| e.frame())
        .collect::<Vec<u8>>()
        .into()
}

impl Framing for AnthropicFraming {
    fn chunk(&mut self, data: &str) -> Bytes {
        frames(self.0.chunk(data))
    }
    fn done(&mut self) -> Bytes {
        frames(self.0.finish())
    }
    fn error(&mut self, message: &str, _kind: &str) -> Bytes {
        Event::error(message).frame()
    }
}

/// Takes the virtual key from `x-api-key` when no `Authorization` header is sent, so
/// the one authentication path (`Caller`) checks it. The key is never logged: the
/// header is marked sensitive and the temporary copy is zeroized.
pub async fn x_api_key(mut request: Request) -> Request {
    if request.headers().contains_key(header::AUTHORIZATION) {
        return request;
    }
    let bearer = request
        .headers()
        .get("x-api-key")
        .and_then(|v| v.to_str().ok())
        .map(|key| Zeroizing::new(format!("Bearer {}", key.trim())));
    if let Some(bearer) = bearer {
        if let Ok(mut value) = HeaderValue::from_str(&bearer) {
            value.set_sensitive(true);
            request.headers_mut().insert(header::AUTHORIZATION, value);
        }
    }
    request
}

/// Adds `"type": "error"` beside `"error"` in an error body, the shape Anthropic's
/// SDKs expect (`{"type": "error", "error": {"type", "message"}}`); OpenAI's fields
/// (`message`, `type`, `param`, `code`) all stay.
pub async fn anthropic_error_shape(response: Response) -> Response {
    if response.status().is_success() {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_ERROR_BODY).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::warn!(error = %e, "an error body could not be read to re-shape it");
            Bytes::new()
        }
    };
    let body = match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(mut map)) if map.get("error").is_some_and(Value::is_object) => {
            map.insert("type".into(), Value::String("error".into()));
            Bytes::from(Value::Object(map).to_string())
        }
        _ => bytes,
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}
