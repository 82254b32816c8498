//! The OpenAI shapes the native adapters (Azure, Anthropic, Gemini) translate into and
//! the request fields they read out of an OpenAI request: chunk and completion
//! envelopes, usage, finish reasons, error bodies, data URLs. Pure functions on JSON:
//! no I/O, no provider knowledge beyond what its caller passes in.

use base64::Engine;
use bytes::Bytes;
use serde_json::{json, Map, Value};

use super::ProviderError;

/// OpenAI's error `type` for an HTTP status, as the OpenAI SDKs expect it.
pub(super) fn error_type(status: u16) -> &'static str {
    match status {
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        429 => "rate_limit_error",
        500.. => "server_error",
        _ => "invalid_request_error",
    }
}

/// An OpenAI error body: `{"error": {"message", "type", "param", "code"}}`.
pub(super) fn error_body(
    message: &str,
    kind: &str,
    param: Option<&str>,
    code: Option<&str>,
) -> Bytes {
    Bytes::from(
        json!({"error": {"message": message, "type": kind, "param": param, "code": code}})
            .to_string(),
    )
}

/// A request this provider cannot express: refused before anything is sent (the
/// client's 400, never a provider's answer).
pub(super) fn refuse(provider: &str, message: String, param: Option<&str>) -> ProviderError {
    ProviderError::Refused {
        provider: provider.to_owned(),
        message,
        param: param.map(str::to_owned),
    }
}

/// What a native error body says, in OpenAI's terms. `kind: None` derives the type
/// from the HTTP status.
#[derive(Debug, Default)]
pub(super) struct NativeError {
    pub message: String,
    pub kind: Option<String>,
    pub param: Option<String>,
    pub code: Option<String>,
}

/// Rewrites a non-2xx answer's native error body into OpenAI's shape (status kept), so
/// the gateway can pass a provider's 4xx through to the client. Other errors pass as is.
pub(super) fn map_status_error(
    error: ProviderError,
    native: impl Fn(u16, &Value) -> Option<NativeError>,
) -> ProviderError {
    match error {
        ProviderError::Status {
            provider,
            status,
            body,
            retry_after,
        } => {
            let parsed = serde_json::from_slice::<Value>(&body).ok();
            let native = parsed
                .as_ref()
                .and_then(|v| native(status, v))
                .unwrap_or_else(|| NativeError {
                    message: format!("Provider \"{provider}\" answered HTTP {status}."),
                    ..NativeError::default()
                });
            let kind = native.kind.unwrap_or_else(|| error_type(status).to_owned());
            ProviderError::Status {
                body: error_body(
                    &native.message,
                    &kind,
                    native.param.as_deref(),
                    native.code.as_deref(),
                ),
                provider,
                status,
                retry_after,
            }
        }
        other => other,
    }
}

/// Seconds since the Unix epoch, for `created`.
pub(super) fn now_unix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// OpenAI's `usage` object. `prompt` counts every input token, cached ones included,
/// as OpenAI does; `cached` is the part of it read from a cache.
pub(super) fn usage(prompt: u64, completion: u64, cached: Option<u64>) -> Value {
    let mut usage = json!({
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    });
    if let Some(cached) = cached {
        usage["prompt_tokens_details"] = json!({"cached_tokens": cached});
    }
    usage
}

/// The envelope every chunk of one streamed answer shares.
#[derive(Debug, Clone)]
pub(super) struct Chunks {
    pub id: String,
    pub model: String,
    pub created: u64,
}

/// The wire form of one chunk: serialized straight from borrowed fields, since this runs
/// once per streamed event.
#[derive(serde::Serialize)]
struct ChunkOut<'a> {
    id: &'a str,
    object: &'static str,
    created: u64,
    model: &'a str,
    choices: [ChoiceOut<'a>; 1],
}

#[derive(serde::Serialize)]
struct ChoiceOut<'a> {
    index: u32,
    delta: &'a Value,
    logprobs: Option<()>,
    finish_reason: Option<&'a str>,
}

impl Chunks {
    /// One `chat.completion.chunk` with a single choice.
    pub fn delta(&self, delta: Value, finish_reason: Option<&str>) -> String {
        let chunk = ChunkOut {
            id: &self.id,
            object: "chat.completion.chunk",
            created: self.created,
            model: &self.model,
            choices: [ChoiceOut {
                index: 0,
                delta: &delta,
                logprobs: None,
                finish_reason,
            }],
        };
        // Serializing borrowed strings and a Value cannot fail.
        serde_json::to_string(&chunk).unwrap_or_default()
    }

    /// The final usage chunk of `stream_options.include_usage`: no choices, only usage.
    pub fn usage(&self, usage: Value) -> String {
        json!({
            "id": self.id, "object": "chat.completion.chunk", "created": self.created,
            "model": self.model, "choices": [], "usage": usage,
        })
        .to_string()
    }
}

/// A whole `chat.completion` with one choice.
pub(super) fn completion(
    id: &str,
    model: &str,
    content: Option<String>,
    tool_calls: Vec<Value>,
    finish_reason: &str,
    usage: Option<Value>,
) -> Bytes {
    let mut message = json!({"role": "assistant", "content": content, "refusal": null});
    if !tool_calls.is_empty() {
        message["tool_calls"] = Value::Array(tool_calls);
    }
    let mut body = json!({
        "id": id, "object": "chat.completion", "created": now_unix(), "model": model,
        "choices": [{"index": 0, "message": message, "logprobs": null, "finish_reason": finish_reason}],
    });
    if let Some(usage) = usage {
        body["usage"] = usage;
    }
    Bytes::from(body.to_string())
}

/// One OpenAI tool call, arguments as a JSON string.
pub(super) fn tool_call(id: &str, name: &str, arguments: &Value) -> Value {
    json!({"id": id, "type": "function", "function": {"name": name, "arguments": arguments.to_string()}})
}

/// A JSON scalar as an error code string (`"429"` and `429` both become `"429"`).
pub(super) fn code_string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Whether the client asked for a final usage chunk.
pub(super) fn include_usage(body: &Map<String, Value>) -> bool {
    body.get("stream_options")
        .and_then(|o| o.get("include_usage"))
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

/// `max_completion_tokens` (current) or `max_tokens` (legacy), whichever is set.
pub(super) fn max_tokens(body: &Map<String, Value>) -> Option<u64> {
    ["max_completion_tokens", "max_tokens"]
        .iter()
        .find_map(|k| body.get(*k).and_then(Value::as_u64))
}

/// `stop` as a list: OpenAI takes a string or an array of strings.
pub(super) fn stop_sequences(body: &Map<String, Value>) -> Option<Vec<String>> {
    match body.get("stop")? {
        Value::String(s) => Some(vec![s.clone()]),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
        ),
        _ => None,
    }
}

/// A number field, if present and numeric.
pub(super) fn number(body: &Map<String, Value>, key: &str) -> Option<f64> {
    body.get(key).and_then(Value::as_f64)
}

/// A message's text: the string, or its text parts joined by newlines. `None` when the
/// content is absent or null.
pub(super) fn text_of(content: Option<&Value>) -> Option<String> {
    match content? {
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

/// A `data:<mime>;base64,<data>` URL split into its media type and base64 payload. The
/// payload is checked to be base64 so a malformed image fails here, with a clear error,
/// rather than at the provider.
pub(super) fn data_url(url: &str) -> Option<(String, String)> {
    let rest = url.strip_prefix("data:")?;
    let (meta, data) = rest.split_once(',')?;
    let mime = meta.strip_suffix(";base64")?;
    if mime.is_empty() {
        return None;
    }
    base64::engine::general_purpose::STANDARD
        .decode(data)
        .ok()?;
    Some((mime.to_owned(), data.to_owned()))
}

/// `text` as one URL path segment: bytes outside `[A-Za-z0-9._-]` are percent-escaped,
/// so a model or deployment name chosen by a client can never add a path segment or a
/// query to the provider URL it goes into.
pub(super) fn path_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The `function` of an OpenAI tool definition: name, description, parameters.
pub(super) struct FunctionTool<'a> {
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub parameters: Option<&'a Value>,
}

/// The function tools of a request, refusing tool kinds other than `function`.
pub(super) fn function_tools<'a>(
    provider: &str,
    body: &'a Map<String, Value>,
) -> Result<Vec<FunctionTool<'a>>, ProviderError> {
    let Some(tools) = body.get("tools").and_then(Value::as_array) else {
        return Ok(Vec::new());
    };
    tools
        .iter()
        .enumerate()
        .map(|(i, tool)| {
            let name = tool.pointer("/function/name").and_then(Value::as_str);
            match (tool.get("type").and_then(Value::as_str), name) {
                (Some("function") | None, Some(name)) => Ok(FunctionTool {
                    name,
                    description: tool
                        .pointer("/function/description")
                        .and_then(Value::as_str),
                    parameters: tool.pointer("/function/parameters"),
                }),
                _ => Err(refuse(
                    provider,
                    format!("`tools[{i}]` must be a function tool with a name for this provider"),
                    Some("tools"),
                )),
            }
        })
        .collect()
}

/// The arguments of an assistant tool call, parsed: providers other than OpenAI take
/// them as a JSON object, not a string.
pub(super) fn call_arguments(
    provider: &str,
    call: &Value,
    at: &str,
) -> Result<Value, ProviderError> {
    let text = call
        .pointer("/function/arguments")
        .and_then(Value::as_str)
        .unwrap_or("{}");
    let text = if text.trim().is_empty() { "{}" } else { text };
    match serde_json::from_str::<Value>(text) {
        Ok(v @ Value::Object(_)) => Ok(v),
        _ => Err(refuse(
            provider,
            format!("`{at}.function.arguments` must be a JSON object"),
            Some("messages"),
        )),
    }
}

/// In adapter tests: the OpenAI error body the client gets for a translation the
/// adapter refused.
#[cfg(test)]
pub(super) fn refusal_body<T: std::fmt::Debug>(
    result: Result<T, super::ProviderError>,
) -> serde_json::Value {
    match result {
        Err(super::ProviderError::Refused { message, param, .. }) => serde_json::from_slice(
            &error_body(&message, "invalid_request_error", param.as_deref(), None),
        )
        .expect("a refusal body is JSON"),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_urls_split_into_media_type_and_payload() {
        assert_eq!(
            data_url("data:image/png;base64,iVBORw0KGgo="),
            Some(("image/png".into(), "iVBORw0KGgo=".into()))
        );
        assert_eq!(data_url("data:image/png,raw"), None);
        assert_eq!(data_url("data:image/png;base64,not base64!"), None);
        assert_eq!(data_url("https://x/y.png"), None);
    }

    #[test]
    fn chunks_have_openai_chunk_shape() {
        let c = Chunks {
            id: "x".into(),
            model: "m".into(),
            created: 7,
        };
        let v: Value = serde_json::from_str(&c.delta(json!({"content": "hi"}), None)).unwrap();
        assert_eq!(
            v,
            json!({"id": "x", "object": "chat.completion.chunk", "created": 7, "model": "m",
                   "choices": [{"index": 0, "delta": {"content": "hi"}, "logprobs": null, "finish_reason": null}]})
        );
        let v: Value = serde_json::from_str(&c.usage(usage(1, 2, None))).unwrap();
        assert_eq!(v["choices"], json!([]));
        assert_eq!(v["usage"]["total_tokens"], 3);
    }

    #[test]
    fn usage_counts_cached_tokens_inside_prompt_tokens() {
        let u = usage(10, 5, Some(4));
        assert_eq!(u["total_tokens"], 15);
        assert_eq!(u["prompt_tokens_details"]["cached_tokens"], 4);
        assert!(usage(1, 1, None).get("prompt_tokens_details").is_none());
    }

    #[test]
    fn stop_and_max_tokens_accept_both_spellings() {
        let body: Map<String, Value> =
            serde_json::from_str(r#"{"stop":"END","max_tokens":7}"#).unwrap();
        assert_eq!(stop_sequences(&body), Some(vec!["END".to_owned()]));
        assert_eq!(max_tokens(&body), Some(7));
        let body: Map<String, Value> =
            serde_json::from_str(r#"{"stop":["a","b"],"max_tokens":7,"max_completion_tokens":9}"#)
                .unwrap();
        assert_eq!(stop_sequences(&body).unwrap().len(), 2);
        assert_eq!(max_tokens(&body), Some(9));
    }

    #[test]
    fn native_error_bodies_become_openai_shaped() {
        let e = ProviderError::Status {
            provider: "p".into(),
            status: 429,
            body: Bytes::from_static(br#"{"msg":"slow down"}"#),
            retry_after: None,
        };
        let mapped = map_status_error(e, |_, v| {
            Some(NativeError {
                message: v["msg"].as_str()?.to_owned(),
                code: Some("rl".into()),
                ..NativeError::default()
            })
        });
        let ProviderError::Status { status, body, .. } = mapped else {
            panic!("status kept")
        };
        assert_eq!(status, 429);
        let v: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["error"]["message"], "slow down");
        assert_eq!(v["error"]["type"], "rate_limit_error");
        assert_eq!(v["error"]["code"], "rl");
        // An unreadable body still yields an OpenAI-shaped one naming the status.
        let e = ProviderError::Status {
            provider: "p".into(),
            status: 400,
            body: Bytes::from_static(b"<html>"),
            retry_after: None,
        };
        let ProviderError::Status { body, .. } = map_status_error(e, |_, _| None) else {
            panic!()
        };
        let v: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["error"]["message"], "Provider \"p\" answered HTTP 400.");
    }
}
