//! A Messages request to an OpenAI chat request. `system` becomes the first message;
//! text and image blocks become content parts (base64 sources as data URLs, url
//! sources as URLs); `tool_use` blocks become an assistant's `tool_calls` and
//! `tool_result` blocks `role: tool` messages (placed before the rest of their user
//! turn, as OpenAI wants tool answers right after the call); tools become functions.
//! `cache_control` (a caching hint) and `service_tier` are ignored; everything else
//! either maps or is refused with the field named.

use serde_json::{json, Map, Value};

use super::MessagesError;
use crate::openai::{ChatRequest, WireError};

type Result<T> = std::result::Result<T, MessagesError>;

/// Top-level fields that are hints only: accepted, not forwarded.
const IGNORED: &[&str] = &["service_tier"];

/// Parses a Messages request body and translates it into a chat request.
pub fn to_chat_request(bytes: &[u8]) -> std::result::Result<ChatRequest, WireError> {
    let body = match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => map,
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
    let chat = translate(&body)?;
    ChatRequest::parse(chat.to_string().as_bytes())
}

fn translate(body: &Map<String, Value>) -> Result<Value> {
    let mut out = Map::new();
    for (key, value) in body {
        match key.as_str() {
            "model" => match value {
                Value::String(m) if !m.is_empty() => {
                    out.insert("model".into(), value.clone());
                }
                _ => {
                    return Err(MessagesError::request(
                        "model",
                        "`model` must be a non-empty string",
                    ))
                }
            },
            "max_tokens" => match value.as_u64() {
                Some(n) if n > 0 => {
                    out.insert("max_tokens".into(), json!(n));
                }
                _ => {
                    return Err(MessagesError::request(
                        "max_tokens",
                        "`max_tokens` must be a positive integer",
                    ))
                }
            },
            "messages" | "system" | "tools" | "tool_choice" => {}
            "stream" => match value {
                Value::Bool(_) | Value::Null => {
                    out.insert("stream".into(), value.clone());
                }
                _ => {
                    return Err(MessagesError::request(
                        "stream",
                        "`stream` must be a boolean",
                    ))
                }
            },
            "temperature" | "top_p" => {
                if !value.is_number() {
                    return Err(MessagesError::request(
                        key.as_str(),
                        format!("`{key}` must be a number"),
                    ));
                }
                out.insert(key.clone(), value.clone());
            }
            // OpenAI has no top_k; OpenAI-compatible servers (vLLM) take it as is, and
            // a provider that does not refuses it itself.
            "top_k" => {
                if value.as_u64().is_none() {
                    return Err(MessagesError::request(
                        "top_k",
                        "`top_k` must be a non-negative integer",
                    ));
                }
                out.insert("top_k".into(), value.clone());
            }
            "stop_sequences" => {
                let stops = strings(value).ok_or_else(|| {
                    MessagesError::request(
                        "stop_sequences",
                        "`stop_sequences` must be an array of strings",
                    )
                })?;
                if !stops.is_empty() {
                    out.insert("stop".into(), json!(stops));
                }
            }
            "metadata" => {
                if let Some(user) = metadata_user(value)? {
                    out.insert("user".into(), Value::String(user));
                }
            }
            "thinking" => {
                if value.get("type").and_then(Value::as_str) != Some("disabled") {
                    return Err(MessagesError::request(
                        "thinking",
                        "`thinking` (extended thinking) cannot be expressed in the gateway's OpenAI path; remove it or set {\"type\": \"disabled\"}",
                    ));
                }
            }
            k if IGNORED.contains(&k) => {}
            other => {
                return Err(MessagesError::request(
                    other,
                    format!("`{other}` is not supported on this gateway's /v1/messages; remove it"),
                ))
            }
        }
    }
    for required in ["model", "max_tokens"] {
        if !out.contains_key(required) {
            return Err(MessagesError::request(
                required,
                format!("`{required}` is required"),
            ));
        }
    }
    let mut messages = Vec::new();
    match body.get("system") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => messages.push(json!({"role": "system", "content": s})),
        Some(Value::Array(blocks)) => {
            let parts = blocks
                .iter()
                .enumerate()
                .map(|(i, b)| text_part(b, &format!("system[{i}]")))
                .collect::<Result<Vec<_>>>()?;
            messages.push(json!({"role": "system", "content": parts}));
        }
        Some(_) => {
            return Err(MessagesError::request(
                "system",
                "`system` must be a string or an array of text blocks",
            ))
        }
    }
    match body.get("messages") {
        Some(Value::Array(turns)) if !turns.is_empty() => {
            for (i, turn) in turns.iter().enumerate() {
                translate_turn(turn, i, &mut messages)?;
            }
        }
        Some(Value::Array(_)) => {
            return Err(MessagesError::request(
                "messages",
                "`messages` must not be empty",
            ))
        }
        Some(_) => {
            return Err(MessagesError::request(
                "messages",
                "`messages` must be an array",
            ))
        }
        None => return Err(MessagesError::request("messages", "`messages` is required")),
    }
    out.insert("messages".into(), Value::Array(messages));
    if let Some(tools) = body.get("tools") {
        let tools = translate_tools(tools)?;
        if !tools.is_empty() {
            out.insert("tools".into(), Value::Array(tools));
        }
    }
    if let Some(choice) = body.get("tool_choice") {
        translate_tool_choice(choice, &mut out)?;
    }
    Ok(Value::Object(out))
}

fn strings(value: &Value) -> Option<Vec<String>> {
    value
        .as_array()?
        .iter()
        .map(|s| s.as_str().map(str::to_owned))
        .collect()
}

fn metadata_user(value: &Value) -> Result<Option<String>> {
    let Value::Object(map) = value else {
        return Err(MessagesError::request(
            "metadata",
            "`metadata` must be an object",
        ));
    };
    let mut user = None;
    for (key, v) in map {
        match (key.as_str(), v) {
            ("user_id", Value::String(u)) => user = Some(u.clone()),
            ("user_id", Value::Null) => {}
            ("user_id", _) => {
                return Err(MessagesError::request(
                    "metadata.user_id",
                    "`metadata.user_id` must be a string",
                ))
            }
            (other, _) => {
                return Err(MessagesError::request(
                    format!("metadata.{other}"),
                    format!("`metadata.{other}` is not supported; only `metadata.user_id` is"),
                ))
            }
        }
    }
    Ok(user)
}

fn block_type<'a>(block: &'a Value, at: &str) -> Result<&'a str> {
    block.get("type").and_then(Value::as_str).ok_or_else(|| {
        MessagesError::request(at, format!("`{at}` must be a content block with a `type`"))
    })
}

fn text_of<'a>(block: &'a Value, at: &str) -> Result<&'a str> {
    block.get("text").and_then(Value::as_str).ok_or_else(|| {
        MessagesError::request(
            format!("{at}.text"),
            format!("`{at}.text` must be a string"),
        )
    })
}

/// A text block as an OpenAI text part; any other block is refused.
fn text_part(block: &Value, at: &str) -> Result<Value> {
    match block_type(block, at)? {
        "text" => Ok(json!({"type": "text", "text": text_of(block, at)?})),
        other => Err(MessagesError::request(
            at,
            format!("`{at}` is a {other} block; only text blocks are allowed here"),
        )),
    }
}

fn image_part(block: &Value, at: &str) -> Result<Value> {
    let source = block.get("source").unwrap_or(&Value::Null);
    let field = |name: &str| {
        source.get(name).and_then(Value::as_str).ok_or_else(|| {
            MessagesError::request(
                format!("{at}.source.{name}"),
                format!("`{at}.source.{name}` must be a string"),
            )
        })
    };
    let url = match source.get("type").and_then(Value::as_str) {
        Some("base64") => format!("data:{};base64,{}", field("media_type")?, field("data")?),
        Some("url") => field("url")?.to_owned(),
        _ => {
            return Err(MessagesError::request(
                format!("{at}.source"),
                format!("`{at}.source` must be a base64 or url image source"),
            ))
        }
    };
    Ok(json!({"type": "image_url", "image_url": {"url": url}}))
}

fn translate_turn(turn: &Value, i: usize, out: &mut Vec<Value>) -> Result<()> {
    let at = format!("messages[{i}]");
    let role = turn.get("role").and_then(Value::as_str);
    let content = turn.get("content").ok_or_else(|| {
        MessagesError::request(
            format!("{at}.content"),
            format!("`{at}.content` is required"),
        )
    })?;
    if let Some(extra) = turn
        .as_object()
        .and_then(|m| m.keys().find(|k| *k != "role" && *k != "content"))
    {
        return Err(MessagesError::request(
            format!("{at}.{extra}"),
            format!("`{at}.{extra}` is not part of a message; remove it"),
        ));
    }
    match (role, content) {
        (Some(role @ ("user" | "assistant")), Value::String(s)) => {
            out.push(json!({"role": role, "content": s}));
            Ok(())
        }
        (Some("user"), Value::Array(blocks)) => user_turn(blocks, &at, out),
        (Some("assistant"), Value::Array(blocks)) => assistant_turn(blocks, &at, out),
        (Some("user" | "assistant"), _) => Err(MessagesError::request(
            format!("{at}.content"),
            format!("`{at}.content` must be a string or an array of content blocks"),
        )),
        _ => Err(MessagesError::request(
            format!("{at}.role"),
            format!("`{at}.role` must be \"user\" or \"assistant\""),
        )),
    }
}

fn user_turn(blocks: &[Value], at: &str, out: &mut Vec<Value>) -> Result<()> {
    let mut parts = Vec::new();
    for (j, block) in blocks.iter().enumerate() {
        let at = format!("{at}.content[{j}]");
        match block_type(block, &at)? {
            "text" => parts.push(json!({"type": "text", "text": text_of(block, &at)?})),
            "image" => parts.push(image_part(block, &at)?),
            "tool_result" => out.push(tool_result(block, &at)?),
            other => {
                return Err(MessagesError::request(
                    at.clone(),
                    format!("`{at}` is a {other} block, which this gateway cannot forward; use text, image or tool_result blocks"),
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
fn tool_result(block: &Value, at: &str) -> Result<Value> {
    let id = block
        .get("tool_use_id")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            MessagesError::request(
                format!("{at}.tool_use_id"),
                format!("`{at}.tool_use_id` must be a string"),
            )
        })?;
    let is_error = block.get("is_error").and_then(Value::as_bool) == Some(true);
    let mut content = match block.get("content") {
        None | Some(Value::Null) => Value::String(String::new()),
        Some(Value::String(s)) => Value::String(s.clone()),
        Some(Value::Array(items)) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(k, b)| text_part(b, &format!("{at}.content[{k}]")))
                .collect::<Result<Vec<_>>>()?,
        ),
        Some(_) => {
            return Err(MessagesError::request(
                format!("{at}.content"),
                format!("`{at}.content` must be a string or an array of text blocks"),
            ))
        }
    };
    if is_error {
        content = match content {
            Value::String(s) => Value::String(format!("Error: {s}")),
            Value::Array(mut parts) => {
                parts.insert(0, json!({"type": "text", "text": "Error:"}));
                Value::Array(parts)
            }
            other => other,
        };
    }
    Ok(json!({"role": "tool", "tool_call_id": id, "content": content}))
}

fn assistant_turn(blocks: &[Value], at: &str, out: &mut Vec<Value>) -> Result<()> {
    let mut text = String::new();
    let mut calls = Vec::new();
    for (j, block) in blocks.iter().enumerate() {
        let at = format!("{at}.content[{j}]");
        match block_type(block, &at)? {
            "text" => text.push_str(text_of(block, &at)?),
            "tool_use" => {
                let id = block.get("id").and_then(Value::as_str);
                let name = block.get("name").and_then(Value::as_str);
                let (Some(id), Some(name)) = (id, name) else {
                    return Err(MessagesError::request(
                        at.clone(),
                        format!("`{at}` needs an `id` and a `name`"),
                    ));
                };
                let input = block.get("input").cloned().unwrap_or_else(|| json!({}));
                calls.push(json!({"id": id, "type": "function",
                                  "function": {"name": name, "arguments": input.to_string()}}));
            }
            other => {
                return Err(MessagesError::request(
                    at.clone(),
                    format!("`{at}` is a {other} block, which this gateway cannot forward; use text or tool_use blocks"),
                ))
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

fn translate_tools(tools: &Value) -> Result<Vec<Value>> {
    let Value::Array(tools) = tools else {
        return Err(MessagesError::request("tools", "`tools` must be an array"));
    };
    tools
        .iter()
        .enumerate()
        .map(|(i, tool)| {
            let at = format!("tools[{i}]");
            match tool.get("type").and_then(Value::as_str) {
                None | Some("custom") => {}
                Some(other) => {
                    return Err(MessagesError::request(
                        format!("{at}.type"),
                        format!("`{at}` is Anthropic's server tool {other}, which only Anthropic can run; declare a custom tool instead"),
                    ))
                }
            }
            let name = tool
                .get("name")
                .and_then(Value::as_str)
                .ok_or_else(|| MessagesError::request(format!("{at}.name"), format!("`{at}.name` must be a string")))?;
            let schema = tool
                .get("input_schema")
                .filter(|s| s.is_object())
                .ok_or_else(|| MessagesError::request(format!("{at}.input_schema"), format!("`{at}.input_schema` must be a JSON Schema object")))?;
            let mut function = json!({"name": name, "parameters": schema});
            if let Some(description) = tool.get("description").and_then(Value::as_str) {
                function["description"] = Value::String(description.to_owned());
            }
            Ok(json!({"type": "function", "function": function}))
        })
        .collect()
}

fn translate_tool_choice(choice: &Value, out: &mut Map<String, Value>) -> Result<()> {
    let openai = match choice.get("type").and_then(Value::as_str) {
        Some("auto") => json!("auto"),
        Some("any") => json!("required"),
        Some("none") => json!("none"),
        Some("tool") => {
            let name = choice.get("name").and_then(Value::as_str).ok_or_else(|| {
                MessagesError::request("tool_choice.name", "`tool_choice.name` must be a string")
            })?;
            json!({"type": "function", "function": {"name": name}})
        }
        _ => {
            return Err(MessagesError::request(
                "tool_choice",
                "`tool_choice.type` must be auto, any, tool or none",
            ))
        }
    };
    out.insert("tool_choice".into(), openai);
    if choice.get("disable_parallel_tool_use") == Some(&Value::Bool(true)) {
        out.insert("parallel_tool_calls".into(), Value::Bool(false));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chat(body: Value) -> Value {
        let request = to_chat_request(body.to_string().as_bytes()).unwrap();
        Value::Object(request.body().clone())
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
