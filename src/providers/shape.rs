//! What the native dialects (Azure, Anthropic, Gemini) share: the OpenAI shapes they
//! translate answers into (chunk and completion envelopes, usage, error bodies) and the
//! one walk over a request's typed view they translate requests with (turns, user
//! parts, tools, tool-call arguments, refusals). Pure functions: no I/O, no provider
//! knowledge beyond what its caller passes in.

use bytes::Bytes;
use serde_json::{json, Value};

use super::ProviderError;
use crate::openai::view::{ChatView, Content, Image, Message, Part, Role, ToolCall};
use crate::openai::{FinishReason, Usage};

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
        ProviderError::Upstream {
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
            ProviderError::Upstream {
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
    finish_reason: Option<&'static str>,
}

impl Chunks {
    /// One `chat.completion.chunk` with a single choice.
    pub fn delta(&self, delta: Value, finish_reason: Option<FinishReason>) -> String {
        let chunk = ChunkOut {
            id: &self.id,
            object: "chat.completion.chunk",
            created: self.created,
            model: &self.model,
            choices: [ChoiceOut {
                index: 0,
                delta: &delta,
                logprobs: None,
                finish_reason: finish_reason.map(FinishReason::as_str),
            }],
        };
        // Serializing borrowed strings and a Value cannot fail.
        serde_json::to_string(&chunk).unwrap_or_default()
    }

    /// The final usage chunk of `stream_options.include_usage`: no choices, only usage.
    pub fn usage(&self, usage: Usage) -> String {
        json!({
            "id": self.id, "object": "chat.completion.chunk", "created": self.created,
            "model": self.model, "choices": [], "usage": usage.to_value(),
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
    finish_reason: FinishReason,
    usage: Option<Usage>,
) -> Bytes {
    let mut message = json!({"role": "assistant", "content": content, "refusal": null});
    if !tool_calls.is_empty() {
        message["tool_calls"] = Value::Array(tool_calls);
    }
    let mut body = json!({
        "id": id, "object": "chat.completion", "created": now_unix(), "model": model,
        "choices": [{"index": 0, "message": message, "logprobs": null, "finish_reason": finish_reason.as_str()}],
    });
    if let Some(usage) = usage {
        body["usage"] = usage.to_value();
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
    view: &ChatView<'a>,
) -> Result<Vec<FunctionTool<'a>>, ProviderError> {
    view.tools
        .iter()
        .enumerate()
        .map(|(i, tool)| match (tool.kind, tool.name) {
            (Some("function") | None, Some(name)) => Ok(FunctionTool {
                name,
                description: tool.description,
                parameters: tool.parameters,
            }),
            _ => Err(refuse(
                provider,
                format!("`tools[{i}]` must be a function tool with a name for this provider"),
                Some("tools"),
            )),
        })
        .collect()
}

/// A `tool_choice` that is none of OpenAI's forms.
pub(super) fn invalid_tool_choice(provider: &str) -> ProviderError {
    refuse(
        provider,
        "`tool_choice` must be \"auto\", \"required\", \"none\" or {\"type\": \"function\", \"function\": {\"name\": ...}}.".into(),
        Some("tool_choice"),
    )
}

/// The arguments of an assistant tool call, parsed: providers other than OpenAI take
/// them as a JSON object, not a string.
pub(super) fn call_arguments(
    provider: &str,
    call: &ToolCall<'_>,
    at: &str,
) -> Result<Value, ProviderError> {
    let text = if call.arguments.trim().is_empty() {
        "{}"
    } else {
        call.arguments
    };
    match serde_json::from_str::<Value>(text) {
        Ok(v @ Value::Object(_)) => Ok(v),
        _ => Err(refuse(
            provider,
            format!("`{at}.function.arguments` must be a JSON object"),
            Some("messages"),
        )),
    }
}

/// A conversation as Anthropic and Gemini want it: the system and developer texts
/// apart, then alternating turns.
pub(super) struct Conversation<R, P> {
    /// The non-empty texts of system and developer messages, in order.
    pub system: Vec<String>,
    pub turns: Vec<(R, Vec<P>)>,
}

/// The one walk over a conversation for the native formats: system and developer
/// messages go to `system`, every user, assistant and tool message becomes a role and
/// its parts through `turn`, turns without parts are dropped and consecutive turns of
/// one role are merged (both APIs require alternation). Any other role is refused,
/// naming `api`.
pub(super) fn conversation<'v, R: PartialEq, P>(
    provider: &str,
    api: &str,
    view: &'v ChatView<'v>,
    mut turn: impl FnMut(usize, &'v Message<'v>) -> Result<(R, Vec<P>), ProviderError>,
) -> Result<Conversation<R, P>, ProviderError> {
    let mut system = Vec::new();
    let mut turns: Vec<(R, Vec<P>)> = Vec::new();
    for (i, m) in view.messages.iter().enumerate() {
        let (role, parts) = match m.role {
            Role::System | Role::Developer => {
                system.extend(m.content.text().filter(|t| !t.is_empty()));
                continue;
            }
            Role::User | Role::Assistant | Role::Tool => turn(i, m)?,
            Role::Other(other) => {
                return Err(refuse(
                    provider,
                    format!("`messages[{i}].role` \"{other}\" cannot be sent to {api}; use user, assistant, system or tool."),
                    Some("messages"),
                ))
            }
        };
        if parts.is_empty() {
            continue;
        }
        match turns.last_mut() {
            Some((last, content)) if *last == role => content.extend(parts),
            _ => turns.push((role, parts)),
        }
    }
    Ok(Conversation { system, turns })
}

/// A user message's content as native parts: non-empty text through `text`, images
/// through `image` (which refuses what its API cannot take), anything else refused
/// naming `api`.
pub(super) fn user_parts<P>(
    provider: &str,
    api: &str,
    i: usize,
    content: &Content<'_>,
    text: impl Fn(&str) -> P,
    image: impl Fn(Image<'_>, usize) -> Result<P, ProviderError>,
) -> Result<Vec<P>, ProviderError> {
    let parts = match content {
        Content::None => return Ok(Vec::new()),
        Content::Text(t) => return Ok(non_empty(t).map(text).into_iter().collect()),
        Content::Parts(parts) => parts,
    };
    let mut out = Vec::new();
    for (j, part) in parts.iter().enumerate() {
        match part {
            Part::Text(t) => out.extend(non_empty(t).map(&text)),
            Part::Image(img) => out.push(image(*img, j)?),
            Part::Other(kind) => {
                return Err(refuse(
                    provider,
                    format!(
                        "`messages[{i}].content[{j}]` of type {} cannot be sent to {api}; use text or image_url parts.",
                        kind.unwrap_or("(none)")
                    ),
                    Some("messages"),
                ))
            }
        }
    }
    Ok(out)
}

/// An assistant message's text as its first native part, unless it has none.
pub(super) fn assistant_text<P>(content: &Content<'_>, text: impl Fn(&str) -> P) -> Vec<P> {
    let joined = content.text();
    joined
        .as_deref()
        .and_then(non_empty)
        .map(text)
        .into_iter()
        .collect()
}

/// `text` unless it is empty (both native APIs refuse empty text blocks).
pub(super) fn non_empty(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

/// In dialect tests: `body` parsed as a chat request and put through a dialect's
/// request translation, as JSON.
#[cfg(test)]
pub(super) fn translated<T: serde::Serialize>(
    translate: fn(&str, &crate::openai::ChatRequest) -> Result<T, ProviderError>,
    body: Value,
) -> Result<Value, ProviderError> {
    let request = crate::openai::ChatRequest::parse(body.to_string().as_bytes())
        .expect("a test request parses");
    translate("dialect-test", &request)
        .map(|r| serde_json::to_value(r).expect("a translation is JSON"))
}

/// In dialect tests: the OpenAI error body the client gets for a translation the
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
        let usage = Usage {
            prompt: 1,
            completion: 2,
            cached: None,
        };
        let v: Value = serde_json::from_str(&c.usage(usage)).unwrap();
        assert_eq!(v["choices"], json!([]));
        assert_eq!(v["usage"]["total_tokens"], 3);
    }

    #[test]
    fn native_error_bodies_become_openai_shaped() {
        let e = ProviderError::Upstream {
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
        let ProviderError::Upstream { status, body, .. } = mapped else {
            panic!("status kept")
        };
        assert_eq!(status, 429);
        let v: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["error"]["message"], "slow down");
        assert_eq!(v["error"]["type"], "rate_limit_error");
        assert_eq!(v["error"]["code"], "rl");
        // An unreadable body still yields an OpenAI-shaped one naming the status.
        let e = ProviderError::Upstream {
            provider: "p".into(),
            status: 400,
            body: Bytes::from_static(b"<html>"),
            retry_after: None,
        };
        let ProviderError::Upstream { body, .. } = map_status_error(e, |_, _| None) else {
            panic!()
        };
        let v: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["error"]["message"], "Provider \"p\" answered HTTP 400.");
    }
}
