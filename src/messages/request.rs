//! A Messages request to an OpenAI chat request. The body is read into the shared wire
//! types ([`wire::request`](super::wire::request)), so an error names the field at
//! fault by its path (`messages[0].content[1].source`); then `system` becomes the first
//! message; text and image blocks become content parts (base64 sources as data URLs,
//! url sources as URLs); `tool_use` blocks become an assistant's `tool_calls` and
//! `tool_result` blocks `role: tool` messages (placed before the rest of their user
//! turn, as OpenAI wants tool answers right after the call); tools become functions.
//! `cache_control` (a caching hint) and `service_tier` are ignored; everything else
//! either maps or is refused with the field named.

use serde_json::{json, Map, Value};

use super::wire::request::Role;
use super::wire::request::{Block, Content, ImageSource, Request, TextOr, Tool, ToolChoice, Turn};
use super::MessagesError;
use crate::openai::{ChatRequest, WireError};

type Result<T> = std::result::Result<T, MessagesError>;

/// Parses a Messages request body and translates it into a chat request.
pub fn to_chat_request(bytes: &[u8]) -> std::result::Result<ChatRequest, WireError> {
    let body = match serde_json::from_slice::<Value>(bytes) {
        Ok(body @ Value::Object(_)) => body,
        // The OpenAI parser words the syntax error (line, column, UTF-8 offset).
        _ => {
            return Err(ChatRequest::parse(bytes)
                .err()
                .unwrap_or_else(|| WireError {
                    message: "request body must be a JSON object".into(),
                    param: None,
                }))
        }
    };
    let request: Request = serde_path_to_error::deserialize(body).map_err(refusal)?;
    let chat = translate(request)?;
    ChatRequest::parse(chat.to_string().as_bytes())
}

/// A shape error as a refusal naming its field: a missing or unknown field by its own
/// path, anything else by the path of the value at fault.
fn refusal(error: serde_path_to_error::Error<serde_json::Error>) -> MessagesError {
    let path = error.path().to_string();
    let inner = error.inner().to_string();
    // serde_path_to_error ends the path with an unknown field, not with a missing one.
    let within = |field: &str| {
        if path == "." {
            field.to_owned()
        } else if path == field || path.ends_with(&format!(".{field}")) {
            path.clone()
        } else {
            format!("{path}.{field}")
        }
    };
    if let Some(field) = quoted_after(&inner, "missing field ") {
        let at = within(field);
        return MessagesError::request(at.clone(), format!("`{at}` is required"));
    }
    if let Some(field) = quoted_after(&inner, "unknown field ") {
        let at = within(field);
        let message = if at == field {
            format!("`{at}` is not supported on this gateway's /v1/messages; remove it")
        } else {
            format!("`{at}` is not supported here; remove it")
        };
        return MessagesError::request(at, message);
    }
    if let Some(kind) = quoted_after(&inner, "unknown variant ") {
        let block = path.strip_suffix(".type").unwrap_or(&path);
        if block.ends_with(']') {
            return MessagesError::request(
                block,
                format!("`{block}` is a {kind} block, which this gateway cannot forward"),
            );
        }
        return MessagesError::request(
            path.clone(),
            format!("`{path}` \"{kind}\" is not a type this gateway knows"),
        );
    }
    MessagesError::request(path.clone(), format!("`{path}` is not valid: {inner}"))
}

/// The first backquoted word after `prefix` in a serde message.
fn quoted_after<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = message.strip_prefix(prefix)?.strip_prefix('`')?;
    rest.split('`').next()
}

fn translate(request: Request) -> Result<Value> {
    if request.model.is_empty() {
        return Err(MessagesError::request(
            "model",
            "`model` must be a non-empty string",
        ));
    }
    if request.max_tokens == 0 {
        return Err(MessagesError::request(
            "max_tokens",
            "`max_tokens` must be a positive integer",
        ));
    }
    if let Some(thinking) = &request.thinking {
        if thinking.get("type").and_then(Value::as_str) != Some("disabled") {
            return Err(MessagesError::request(
                "thinking",
                "`thinking` (extended thinking) cannot be expressed in the gateway's OpenAI path; remove it or set {\"type\": \"disabled\"}",
            ));
        }
    }
    if request.messages.is_empty() {
        return Err(MessagesError::request(
            "messages",
            "`messages` must not be empty",
        ));
    }
    let mut out = Map::new();
    out.insert("model".into(), Value::String(request.model));
    out.insert("max_tokens".into(), json!(request.max_tokens));
    if let Some(stream) = request.stream {
        out.insert("stream".into(), Value::Bool(stream));
    }
    for (key, value) in [
        ("temperature", request.temperature),
        ("top_p", request.top_p),
    ] {
        if let Some(v) = value {
            out.insert(key.into(), json!(v));
        }
    }
    // OpenAI has no top_k; OpenAI-compatible servers (vLLM) take it as is, and a
    // provider that does not refuses it itself.
    if let Some(k) = request.top_k {
        out.insert("top_k".into(), json!(k));
    }
    if let Some(stops) = request.stop_sequences.filter(|s| !s.is_empty()) {
        out.insert("stop".into(), json!(stops));
    }
    if let Some(user) = request.metadata.and_then(|m| m.user_id) {
        out.insert("user".into(), Value::String(user));
    }
    let mut messages = Vec::new();
    match request.system {
        None => {}
        Some(TextOr::Text(s)) => messages.push(json!({"role": "system", "content": s})),
        Some(TextOr::Blocks(blocks)) => {
            let parts = text_parts(&blocks, "system")?;
            messages.push(json!({"role": "system", "content": parts}));
        }
    }
    for (i, turn) in request.messages.iter().enumerate() {
        translate_turn(turn, i, &mut messages)?;
    }
    out.insert("messages".into(), Value::Array(messages));
    let tools = translate_tools(&request.tools)?;
    if !tools.is_empty() {
        out.insert("tools".into(), Value::Array(tools));
    }
    if let Some(choice) = &request.tool_choice {
        translate_tool_choice(choice, &mut out);
    }
    Ok(Value::Object(out))
}

/// Text blocks as OpenAI text parts; any other block is refused.
fn text_parts(blocks: &[Block], at: &str) -> Result<Vec<Value>> {
    blocks
        .iter()
        .enumerate()
        .map(|(i, block)| match block {
            Block::Text { text } => Ok(json!({"type": "text", "text": text})),
            other => Err(MessagesError::request(
                format!("{at}[{i}]"),
                format!(
                    "`{at}[{i}]` is a {} block; only text blocks are allowed here",
                    other.kind()
                ),
            )),
        })
        .collect()
}

fn image_part(source: &ImageSource) -> Value {
    let url = match source {
        ImageSource::Base64 { media_type, data } => format!("data:{media_type};base64,{data}"),
        ImageSource::Url { url } => url.clone(),
    };
    json!({"type": "image_url", "image_url": {"url": url}})
}

fn translate_turn(turn: &Turn, i: usize, out: &mut Vec<Value>) -> Result<()> {
    let at = format!("messages[{i}]");
    match (&turn.role, &turn.content) {
        (role, TextOr::Text(s)) => {
            let role = match role {
                Role::User => "user",
                Role::Assistant => "assistant",
            };
            out.push(json!({"role": role, "content": s}));
            Ok(())
        }
        (Role::User, TextOr::Blocks(blocks)) => user_turn(blocks, &at, out),
        (Role::Assistant, TextOr::Blocks(blocks)) => assistant_turn(blocks, &at, out),
    }
}

fn user_turn(blocks: &[Block], at: &str, out: &mut Vec<Value>) -> Result<()> {
    let mut parts = Vec::new();
    for (j, block) in blocks.iter().enumerate() {
        let at = format!("{at}.content[{j}]");
        match block {
            Block::Text { text } => parts.push(json!({"type": "text", "text": text})),
            Block::Image { source } => parts.push(image_part(source)),
            Block::ToolResult {
                tool_use_id,
                content,
                is_error,
            } => out.push(tool_result(tool_use_id, content.as_ref(), *is_error, &at)?),
            other => {
                return Err(MessagesError::request(
                    at.clone(),
                    format!("`{at}` is a {} block, which this gateway cannot forward in a user turn; use text, image or tool_result blocks", other.kind()),
                ))
            }
        }
    }
    if !parts.is_empty() {
        out.push(json!({"role": "user", "content": parts}));
    }
    Ok(())
}

/// A `tool_result` block as a `role: tool` message. OpenAI's tool message has no error
/// flag, so an error result says so in its text.
fn tool_result(id: &str, content: Option<&Content>, is_error: bool, at: &str) -> Result<Value> {
    let content = match content {
        None => Value::String(if is_error {
            "Error: ".into()
        } else {
            String::new()
        }),
        Some(TextOr::Text(s)) if is_error => Value::String(format!("Error: {s}")),
        Some(TextOr::Text(s)) => Value::String(s.clone()),
        Some(TextOr::Blocks(blocks)) => {
            let mut parts = text_parts(blocks, &format!("{at}.content"))?;
            if is_error {
                parts.insert(0, json!({"type": "text", "text": "Error:"}));
            }
            Value::Array(parts)
        }
    };
    Ok(json!({"role": "tool", "tool_call_id": id, "content": content}))
}

fn assistant_turn(blocks: &[Block], at: &str, out: &mut Vec<Value>) -> Result<()> {
    let mut text = String::new();
    let mut calls = Vec::new();
    for (j, block) in blocks.iter().enumerate() {
        match block {
            Block::Text { text: t } => text.push_str(t),
            Block::ToolUse { id, name, input } => {
                let arguments = if input.is_null() {
                    "{}".to_owned()
                } else {
                    input.to_string()
                };
                calls.push(json!({"id": id, "type": "function",
                                  "function": {"name": name, "arguments": arguments}}));
            }
            other => {
                let at = format!("{at}.content[{j}]");
                return Err(MessagesError::request(
                    at.clone(),
                    format!("`{at}` is a {} block, which this gateway cannot forward in an assistant turn; use text or tool_use blocks", other.kind()),
                ));
            }
        }
    }
    let mut message = json!({"role": "assistant", "content": if text.is_empty() && !calls.is_empty() { Value::Null } else { Value::String(text) }});
    if !calls.is_empty() {
        message["tool_calls"] = Value::Array(calls);
    }
    out.push(message);
    Ok(())
}

fn translate_tools(tools: &[Tool]) -> Result<Vec<Value>> {
    tools
        .iter()
        .enumerate()
        .map(|(i, tool)| {
            let at = format!("tools[{i}]");
            match tool.kind.as_deref() {
                None | Some("custom") => {}
                Some(other) => {
                    return Err(MessagesError::request(
                        format!("{at}.type"),
                        format!("`{at}` is Anthropic's server tool {other}, which only Anthropic can run; declare a custom tool instead"),
                    ))
                }
            }
            if !tool.input_schema.is_object() {
                return Err(MessagesError::request(
                    format!("{at}.input_schema"),
                    format!("`{at}.input_schema` must be a JSON Schema object"),
                ));
            }
            let mut function = json!({"name": tool.name, "parameters": tool.input_schema});
            if let Some(description) = &tool.description {
                function["description"] = Value::String(description.clone());
            }
            Ok(json!({"type": "function", "function": function}))
        })
        .collect()
}

fn translate_tool_choice(choice: &ToolChoice, out: &mut Map<String, Value>) {
    let openai = match choice {
        ToolChoice::Auto { .. } => json!("auto"),
        ToolChoice::Any { .. } => json!("required"),
        ToolChoice::None => json!("none"),
        ToolChoice::Tool { name, .. } => json!({"type": "function", "function": {"name": name}}),
    };
    out.insert("tool_choice".into(), openai);
    if choice.serial() {
        out.insert("parallel_tool_calls".into(), Value::Bool(false));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chat(body: Value) -> Value {
        let request = to_chat_request(body.to_string().as_bytes()).unwrap();
        Value::Object(request.map().clone())
    }

    fn refused(body: Value) -> WireError {
        to_chat_request(body.to_string().as_bytes()).unwrap_err()
    }

    #[test]
    fn a_plain_request_maps_field_by_field() {
        let v = chat(
            json!({"model": "claude", "max_tokens": 64, "system": "be brief",
            "messages": [{"role": "user", "content": "hi"}], "temperature": 0.5, "top_p": 0.9,
            "stop_sequences": ["END"], "stream": true, "metadata": {"user_id": "u-1"},
            "service_tier": "auto"}),
        );
        assert_eq!(
            v,
            json!({"model": "claude", "max_tokens": 64, "temperature": 0.5, "top_p": 0.9,
                   "stop": ["END"], "stream": true, "user": "u-1",
                   "messages": [{"role": "system", "content": "be brief"},
                                {"role": "user", "content": "hi"}]})
        );
    }

    #[test]
    fn blocks_images_and_tools_round_trip_into_openai_messages() {
        let v = chat(json!({"model": "claude", "max_tokens": 10,
            "system": [{"type": "text", "text": "sys", "cache_control": {"type": "ephemeral"}}],
            "tools": [{"name": "weather", "description": "d", "input_schema": {"type": "object"}}],
            "tool_choice": {"type": "any", "disable_parallel_tool_use": true},
            "messages": [
                {"role": "user", "content": [{"type": "text", "text": "look"},
                    {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AAA"}},
                    {"type": "image", "source": {"type": "url", "url": "https://x/y.png"}}]},
                {"role": "assistant", "content": [{"type": "text", "text": "checking"},
                    {"type": "tool_use", "id": "tu_1", "name": "weather", "input": {"city": "Paris"}}]},
                {"role": "user", "content": [{"type": "text", "text": "and?"},
                    {"type": "tool_result", "tool_use_id": "tu_1", "content": "sunny"},
                    {"type": "tool_result", "tool_use_id": "tu_2", "is_error": true,
                     "content": [{"type": "text", "text": "boom"}]}]}]}));
        assert_eq!(
            v["messages"][0],
            json!({"role": "system", "content": [{"type": "text", "text": "sys"}]})
        );
        assert_eq!(
            v["messages"][1]["content"][1]["image_url"]["url"],
            "data:image/png;base64,AAA"
        );
        assert_eq!(
            v["messages"][1]["content"][2]["image_url"]["url"],
            "https://x/y.png"
        );
        assert_eq!(v["messages"][2]["content"], "checking");
        assert_eq!(
            v["messages"][2]["tool_calls"][0]["function"]["arguments"],
            "{\"city\":\"Paris\"}"
        );
        assert_eq!(
            v["messages"][3],
            json!({"role": "tool", "tool_call_id": "tu_1", "content": "sunny"})
        );
        assert_eq!(v["messages"][4]["content"][0]["text"], "Error:");
        assert_eq!(
            v["messages"][5],
            json!({"role": "user", "content": [{"type": "text", "text": "and?"}]})
        );
        assert_eq!(
            v["tools"][0]["function"],
            json!({"name": "weather", "description": "d", "parameters": {"type": "object"}})
        );
        assert_eq!(v["tool_choice"], "required");
        assert_eq!(v["parallel_tool_calls"], false);
    }

    #[test]
    fn what_does_not_map_is_refused_with_its_name() {
        let base = |extra: (&str, Value)| {
            let mut b = json!({"model": "claude", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}]});
            b[extra.0] = extra.1;
            refused(b)
        };
        assert_eq!(
            base((
                "thinking",
                json!({"type": "enabled", "budget_tokens": 1024})
            ))
            .param
            .as_deref(),
            Some("thinking")
        );
        assert_eq!(
            base(("mcp_servers", json!([]))).param.as_deref(),
            Some("mcp_servers")
        );
        assert_eq!(
            base((
                "tools",
                json!([{"type": "web_search_20250305", "name": "web_search"}])
            ))
            .param
            .as_deref(),
            Some("tools[0].type")
        );
        let e = base((
            "messages",
            json!([{"role": "user", "content": [{"type": "document", "source": {}}]}]),
        ));
        assert_eq!(e.param.as_deref(), Some("messages[0].content[0]"));
        let e =
            refused(json!({"model": "claude", "messages": [{"role": "user", "content": "hi"}]}));
        assert_eq!(e.param.as_deref(), Some("max_tokens"));
        let e = to_chat_request(b"{\"model\": ").unwrap_err();
        assert!(
            e.message
                .starts_with("request body is not valid JSON at line 1"),
            "{}",
            e.message
        );
    }
}
