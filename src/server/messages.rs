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

use super::admit::admit;
use super::answer::{answer_json_shaped, decorate, failed};
use super::auth::Caller;
use super::body::JsonBody;
use super::error::ApiError;
use super::restore::StreamTap;
use super::stream::{sse_response_framed, Framing};
use super::trail::RequestMeta;
use super::Gateway;
use crate::messages::{to_chat_request, to_message, Event, EventShaper};
use crate::providers::Reply;

/// Largest error body re-shaped; error bodies are a few hundred bytes.
const MAX_ERROR_BODY: usize = 1 << 20;

#[tracing::instrument(skip_all, fields(tenant = %caller.tenant, key_id = %caller.key_id))]
pub async fn messages(
    State(gw): State<Gateway>,
    meta: RequestMeta,
    caller: Caller,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    let mut request = to_chat_request(&body)?; // messages/: Anthropic -> OpenAI, or 400
    let model = gw.resolve_model(request.model())?; // aliases; 404
    request.set_model(&model);
    // The usage chunk is never shown as such: it becomes message_delta's usage.
    request.request_stream_usage();
    // policy/ + pii/: screened in place, residency decided, request record durable.
    let mut admitted = admit(&gw, &meta, &caller, &model, &mut request, |r| {
        Value::Object(r.body().clone())
    })
    .await?;

    // providers/: the allowed ones in order, failing over before the first byte.
    let candidates = admitted.candidates.clone();
    let (reply, upstream) = admitted.call(&candidates, |p| p.chat(&request)).await;
    match reply {
        Err(e) => Err(failed(&gw, admitted, upstream, e).await),
        Ok(Reply::Complete(bytes)) => {
            let shape: super::answer::Shape = |v| to_message(v).map_err(|e| e.to_string());
            answer_json_shaped(&gw, admitted, upstream, bytes, Some(shape)).await
        }
        Ok(Reply::Stream(events)) => {
            let seq = admitted.seq;
            let provider = admitted.provider.config().name.clone();
            let tap = StreamTap::new(admitted.restorer).scanning_output(admitted.output_scan);
            let framing = AnthropicFraming(EventShaper::new());
            let response = sse_response_framed(&gw, events, admitted.trail, tap, upstream, framing);
            Ok(decorate(&gw, response, seq, &provider, upstream))
        }
    }
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
