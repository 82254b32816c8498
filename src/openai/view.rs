//! A typed, borrowed view of a (screened) chat request: roles, content parts, tool
//! calls, tools, tool choice and sampling options, read out of the JSON object once so
//! that translators into other providers' formats match on types instead of walking
//! string keys. Building it never fails and never copies text: what does not fit a
//! known shape is kept as a variant that says so (`Role::Other`, `Part::Other`,
//! `ToolChoice::Invalid`), and each translator decides whether it can send it.
//!
//! The view is for translation only: OpenAI-compatible providers are sent the raw body,
//! unknown fields included, and never build one.

use base64::Engine;
use serde_json::{Map, Value};

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role<'a> {
    System,
    Developer,
    User,
    Assistant,
    Tool,
    /// A role OpenAI has (`function`, a future one) or a value that is none.
    Other(&'a str),
}

/// One message of the conversation.
#[derive(Debug, Clone)]
pub struct Message<'a> {
    pub role: Role<'a>,
    pub content: Content<'a>,
    pub tool_calls: Vec<ToolCall<'a>>,
    pub tool_call_id: Option<&'a str>,
}

/// A message's `content`.
#[derive(Debug, Clone)]
pub enum Content<'a> {
    /// Absent, null or of a type that carries nothing.
    None,
    Text(&'a str),
    Parts(Vec<Part<'a>>),
}

impl Content<'_> {
    /// The text: the string, or the text parts joined by newlines; `None` without
    /// content.
    pub fn text(&self) -> Option<String> {
        match self {
            Content::None => None,
            Content::Text(text) => Some((*text).to_owned()),
            Content::Parts(parts) => Some(
                parts
                    .iter()
                    .filter_map(|p| match p {
                        Part::Text(t) => Some(*t),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        }
    }
}

/// One part of an array `content`.
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    Text(&'a str),
    Image(Image<'a>),
    /// Any other part, by its `type` (`None`: it has none).
    Other(Option<&'a str>),
}

/// Where an `image_url` part's image is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Image<'a> {
    /// A `data:<mime>;base64,<data>` URL whose payload is base64.
    Inline { media_type: &'a str, data: &'a str },
    /// An `http://` or `https://` URL.
    Web(&'a str),
    /// Anything else (another scheme, a malformed data URL, no URL).
    Unusable,
}

impl<'a> Image<'a> {
    pub fn of(url: &'a str) -> Image<'a> {
        if let Some((media_type, data)) = data_url(url) {
            return Image::Inline { media_type, data };
        }
        if url.starts_with("https://") || url.starts_with("http://") {
            return Image::Web(url);
        }
        Image::Unusable
    }
}

/// A `data:<mime>;base64,<data>` URL split into its media type and payload. The payload
/// is checked to be base64 so a malformed image fails at the gateway, with a clear
/// error, rather than at the provider.
fn data_url(url: &str) -> Option<(&str, &str)> {
    let (meta, data) = url.strip_prefix("data:")?.split_once(',')?;
    let mime = meta.strip_suffix(";base64")?;
    if mime.is_empty() {
        return None;
    }
    base64::engine::general_purpose::STANDARD
        .decode(data)
        .ok()?;
    Some((mime, data))
}

/// An assistant's tool call as the client sent it back.
#[derive(Debug, Clone, Copy)]
pub struct ToolCall<'a> {
    pub id: Option<&'a str>,
    pub name: Option<&'a str>,
    /// The arguments' JSON text (empty when absent).
    pub arguments: &'a str,
}

/// One entry of `tools`.
#[derive(Debug, Clone, Copy)]
pub struct Tool<'a> {
    /// `type`; `None` when absent (older clients omit it for functions).
    pub kind: Option<&'a str>,
    pub name: Option<&'a str>,
    pub description: Option<&'a str>,
    pub parameters: Option<&'a Value>,
}

/// `tool_choice`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToolChoice<'a> {
    Auto,
    Required,
    None,
    Function(&'a str),
    /// Present but none of the above.
    Invalid,
}

/// The sampling and output options a translator carries over.
#[derive(Debug, Clone, Default)]
pub struct Sampling<'a> {
    pub temperature: Option<f64>,
    pub top_p: Option<f64>,
    /// Not in OpenAI's API, but sent by vLLM-style clients and by the Anthropic ingress.
    pub top_k: Option<u64>,
    /// `max_completion_tokens` (current) or `max_tokens` (legacy), whichever is set.
    pub max_tokens: Option<u64>,
    /// `stop`, as a list (OpenAI takes a string or an array of strings).
    pub stop: Option<Vec<&'a str>>,
    pub presence_penalty: Option<f64>,
    pub frequency_penalty: Option<f64>,
    pub seed: Option<i64>,
}

/// The typed view of one chat request.
#[derive(Debug, Clone)]
pub struct ChatView<'a> {
    pub model: &'a str,
    pub stream: bool,
    pub messages: Vec<Message<'a>>,
    pub tools: Vec<Tool<'a>>,
    pub tool_choice: Option<ToolChoice<'a>>,
    /// `parallel_tool_calls`.
    pub parallel_tool_calls: Option<bool>,
    pub sampling: Sampling<'a>,
    /// `n`, choices asked for.
    pub choices: Option<u64>,
    /// `response_format.type`.
    pub response_format: Option<&'a str>,
    /// `user`, the client's end-user id.
    pub user: Option<&'a str>,
    /// `stream_options.include_usage`.
    pub include_usage: bool,
}

fn str_at<'a>(value: &'a Value, pointer: &str) -> Option<&'a str> {
    value.pointer(pointer).and_then(Value::as_str)
}

impl<'a> ChatView<'a> {
    /// Reads the view out of a chat body (see [`super::ChatRequest::view`]).
    pub(super) fn of(model: &'a str, stream: bool, body: &'a Map<String, Value>) -> ChatView<'a> {
        let list = |key: &str| {
            body.get(key)
                .and_then(Value::as_array)
                .map_or(&[][..], Vec::as_slice)
        };
        let number = |key: &str| body.get(key).and_then(Value::as_f64);
        ChatView {
            model,
            stream,
            messages: list("messages").iter().map(message).collect(),
            tools: list("tools")
                .iter()
                .map(|t| Tool {
                    kind: str_at(t, "/type"),
                    name: str_at(t, "/function/name"),
                    description: str_at(t, "/function/description"),
                    parameters: t.pointer("/function/parameters"),
                })
                .collect(),
            tool_choice: match body.get("tool_choice") {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) if s == "auto" => Some(ToolChoice::Auto),
                Some(Value::String(s)) if s == "required" => Some(ToolChoice::Required),
                Some(Value::String(s)) if s == "none" => Some(ToolChoice::None),
                Some(other) => Some(
                    str_at(other, "/function/name")
                        .map_or(ToolChoice::Invalid, ToolChoice::Function),
                ),
            },
            parallel_tool_calls: body.get("parallel_tool_calls").and_then(Value::as_bool),
            sampling: Sampling {
                temperature: number("temperature"),
                top_p: number("top_p"),
                top_k: body.get("top_k").and_then(Value::as_u64),
                max_tokens: ["max_completion_tokens", "max_tokens"]
                    .iter()
                    .find_map(|k| body.get(*k).and_then(Value::as_u64)),
                stop: match body.get("stop") {
                    Some(Value::String(s)) => Some(vec![s.as_str()]),
                    Some(Value::Array(items)) => {
                        Some(items.iter().filter_map(Value::as_str).collect())
                    }
                    _ => None,
                },
                presence_penalty: number("presence_penalty"),
                frequency_penalty: number("frequency_penalty"),
                seed: body.get("seed").and_then(Value::as_i64),
            },
            choices: body.get("n").and_then(Value::as_u64),
            response_format: body
                .get("response_format")
                .and_then(|f| f.get("type"))
                .and_then(Value::as_str),
            user: body.get("user").and_then(Value::as_str),
            include_usage: body
                .get("stream_options")
                .and_then(|o| o.get("include_usage"))
                .and_then(Value::as_bool)
                .unwrap_or(false),
        }
    }
}

fn message(m: &Value) -> Message<'_> {
    let role = match m.get("role").and_then(Value::as_str).unwrap_or("") {
        "system" => Role::System,
        "developer" => Role::Developer,
        "user" => Role::User,
        "assistant" => Role::Assistant,
        "tool" => Role::Tool,
        other => Role::Other(other),
    };
    let content = match m.get("content") {
        Some(Value::String(s)) => Content::Text(s),
        Some(Value::Array(parts)) => Content::Parts(parts.iter().map(part).collect()),
        _ => Content::None,
    };
    let tool_calls = m
        .get("tool_calls")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|call| ToolCall {
            id: str_at(call, "/id"),
            name: str_at(call, "/function/name"),
            arguments: str_at(call, "/function/arguments").unwrap_or(""),
        })
        .collect();
    Message {
        role,
        content,
        tool_calls,
        tool_call_id: m.get("tool_call_id").and_then(Value::as_str),
    }
}

fn part(p: &Value) -> Part<'_> {
    match p.get("type").and_then(Value::as_str) {
        // A text part without text carries nothing (translators drop empty text).
        Some("text") => Part::Text(str_at(p, "/text").unwrap_or("")),
        Some("image_url") => {
            // `image_url` is an object with `url`, or (older clients) the URL itself.
            let url = p
                .get("image_url")
                .and_then(|u| u.get("url").or(Some(u)))
                .and_then(Value::as_str)
                .unwrap_or("");
            Part::Image(Image::of(url))
        }
        other => Part::Other(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view_of(body: &Value) -> ChatView<'_> {
        let Value::Object(map) = body else {
            panic!("an object")
        };
        ChatView::of("m", false, map)
    }

    #[test]
    fn roles_parts_and_tool_calls_are_typed() {
        let body = serde_json::json!({"messages": [
            {"role": "system", "content": "sys"},
            {"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
                {"type": "image_url", "image_url": "https://x/y.png"},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,not base64!"}},
                {"type": "input_audio"}]},
            {"role": "assistant", "content": null, "tool_calls": [{"id": "c1", "function": {"name": "f", "arguments": "{}"}}]},
            {"role": "tool", "tool_call_id": "c1", "content": "r"},
            {"role": "function"}]});
        let v = view_of(&body);
        let roles: Vec<Role> = v.messages.iter().map(|m| m.role).collect();
        assert_eq!(
            roles,
            [
                Role::System,
                Role::User,
                Role::Assistant,
                Role::Tool,
                Role::Other("function")
            ]
        );
        assert_eq!(v.messages[1].content.text().as_deref(), Some("a\nb"));
        let Content::Parts(parts) = &v.messages[1].content else {
            panic!("parts")
        };
        assert!(matches!(
            parts[2],
            Part::Image(Image::Inline {
                media_type: "image/png",
                data: "iVBORw0KGgo="
            })
        ));
        assert!(matches!(
            parts[3],
            Part::Image(Image::Web("https://x/y.png"))
        ));
        assert!(matches!(parts[4], Part::Image(Image::Unusable)));
        assert!(matches!(parts[5], Part::Other(Some("input_audio"))));
        assert_eq!(v.messages[2].tool_calls[0].name, Some("f"));
        assert_eq!(v.messages[2].content.text(), None);
        assert_eq!(v.messages[3].tool_call_id, Some("c1"));
    }

    #[test]
    fn options_accept_both_spellings_and_tool_choice_is_typed() {
        let body = serde_json::json!({"messages": [], "stop": "END", "max_tokens": 7,
            "tool_choice": {"type": "function", "function": {"name": "g"}},
            "stream_options": {"include_usage": true}});
        let v = view_of(&body);
        assert_eq!(v.sampling.stop, Some(vec!["END"]));
        assert_eq!(v.sampling.max_tokens, Some(7));
        assert_eq!(v.tool_choice, Some(ToolChoice::Function("g")));
        assert!(v.include_usage);
        let body = serde_json::json!({"stop": ["a", "b"], "max_tokens": 7, "max_completion_tokens": 9,
            "tool_choice": {"type": "function"}});
        let v = view_of(&body);
        assert_eq!(v.sampling.stop, Some(vec!["a", "b"]));
        assert_eq!(v.sampling.max_tokens, Some(9));
        assert_eq!(v.tool_choice, Some(ToolChoice::Invalid));
        assert!(!v.include_usage);
    }

    #[test]
    fn data_urls_split_into_media_type_and_payload() {
        assert_eq!(
            data_url("data:image/png;base64,iVBORw0KGgo="),
            Some(("image/png", "iVBORw0KGgo="))
        );
        assert_eq!(data_url("data:image/png,raw"), None);
        assert_eq!(data_url("data:;base64,iVBORw0KGgo="), None);
        assert_eq!(Image::of("file:///etc/passwd"), Image::Unusable);
    }
}
