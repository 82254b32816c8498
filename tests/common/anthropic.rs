//! A local upstream that speaks Anthropic's Messages API: `POST /v1/messages` with
//! `x-api-key` and `anthropic-version`, refusing what the real API refuses (missing
//! max_tokens, roles that do not alternate, empty text blocks, tool results that answer
//! no tool_use) with Anthropic's own error body, then playing a [`Script`] of fixtures.

use serde_json::{json, Value};

use super::native::{header, json_fixture, NativeUpstream, Received, Script};
use super::PROVIDER_KEY;

/// The model the Anthropic test config serves.
pub const MODEL: &str = "claude-sonnet-4-5";

pub async fn start(script: Script) -> NativeUpstream {
    NativeUpstream::start(script, validate).await
}

/// `Script::Json(status, fixture)` for a file under `tests/fixtures/anthropic/`.
pub fn json(status: u16, name: &str) -> Script {
    Script::Json(status, json_fixture(&format!("anthropic/{name}")))
}

/// The provider entry for this upstream, to append to a test config.
pub fn provider_toml(upstream: &NativeUpstream) -> String {
    format!(
        r#"
[[providers]]
name = "test-anthropic"
kind = "anthropic"
base_url = "{}/v1"
api_key_env = "TEST_PROVIDER_KEY"
region = "eu-central"
jurisdiction = "EU"
models = ["{MODEL}"]
"#,
        upstream.origin()
    )
}

fn invalid(message: String) -> Result<(), (u16, Value)> {
    Err((
        400,
        json!({"type": "error", "error": {"type": "invalid_request_error", "message": message},
               "request_id": "req_test"}),
    ))
}

fn validate(r: &Received) -> Result<(), (u16, Value)> {
    if r.path != "/v1/messages" {
        return Err((
            404,
            json!({"type": "error", "error": {"type": "not_found_error", "message": format!("Not found: {}", r.path)}}),
        ));
    }
    if header(r, "x-api-key") != PROVIDER_KEY {
        return Err((
            401,
            json!({"type": "error", "error": {"type": "authentication_error", "message": "invalid x-api-key"}}),
        ));
    }
    if header(r, "anthropic-version") != "2023-06-01" {
        return invalid("anthropic-version: header is required".into());
    }
    if !r.body["max_tokens"].is_u64() {
        return invalid("max_tokens: Field required".into());
    }
    if r.body.get("system").is_some_and(|s| !s.is_string()) {
        return invalid("system: expected a string".into());
    }
    let Some(messages) = r.body["messages"].as_array().filter(|m| !m.is_empty()) else {
        return invalid("messages: at least one message is required".into());
    };
    let mut previous_tool_uses: Vec<String> = Vec::new();
    for (i, m) in messages.iter().enumerate() {
        let role = m["role"].as_str().unwrap_or("");
        let expected = if i % 2 == 0 { "user" } else { "assistant" };
        if role != expected {
            return invalid(format!(
                "messages.{i}.role: roles must alternate between \"user\" and \"assistant\", starting with \"user\""
            ));
        }
        let Some(blocks) = m["content"].as_array().filter(|b| !b.is_empty()) else {
            return invalid(format!("messages.{i}.content: must not be empty"));
        };
        let mut tool_uses = Vec::new();
        let mut seen_other = false;
        for (j, b) in blocks.iter().enumerate() {
            match b["type"].as_str().unwrap_or("") {
                "text" if b["text"].as_str().is_some_and(|t| !t.is_empty()) => seen_other = true,
                "text" => {
                    return invalid(format!(
                        "messages.{i}.content.{j}.text: text content blocks must be non-empty"
                    ))
                }
                "image" => seen_other = true,
                "tool_use" if role == "assistant" && b["input"].is_object() => {
                    tool_uses.push(b["id"].as_str().unwrap_or("").to_owned())
                }
                "tool_result" if role == "user" => {
                    let id = b["tool_use_id"].as_str().unwrap_or("");
                    if seen_other || !previous_tool_uses.iter().any(|u| u == id) {
                        return invalid(format!(
                            "messages.{i}.content.{j}: tool_result blocks must come first and answer a tool_use of the previous message"
                        ));
                    }
                }
                other => {
                    return invalid(format!(
                        "messages.{i}.content.{j}.type: unexpected block type \"{other}\""
                    ))
                }
            }
        }
        previous_tool_uses = tool_uses;
    }
    Ok(())
}
