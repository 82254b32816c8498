//! An OpenAI chat completion (already restored and scanned) as an Anthropic message:
//! the first choice's text as a text block, each tool call as a `tool_use` block with
//! its arguments parsed into `input`, `stop_reason` from `finish_reason`, and usage in
//! Anthropic's names. A tool call whose arguments are not a JSON object is an error,
//! never an empty input.

use serde_json::{json, Value};

use super::wire::{ContentBlock, Message};
use super::{stop_reason, usage, MessagesError};
use crate::openai::FinishReason;

/// The Anthropic message for an OpenAI `chat.completion`.
pub fn to_message(completion: &Value) -> Result<Value, MessagesError> {
    let choice = completion
        .get("choices")
        .and_then(Value::as_array)
        .and_then(|c| c.first())
        .ok_or_else(|| MessagesError::Answer("it has no choices".into()))?;
    let message = choice.get("message").unwrap_or(&Value::Null);
    let mut content = Vec::new();
    if let Some(text) = message
        .get("content")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
    {
        content.push(ContentBlock::Text {
            text: text.to_owned(),
        });
    }
    if let Some(calls) = message.get("tool_calls").and_then(Value::as_array) {
        for (i, call) in calls.iter().enumerate() {
            content.push(tool_use(call, i)?);
        }
    }
    let finish = FinishReason::parse(
        choice
            .get("finish_reason")
            .and_then(Value::as_str)
            .unwrap_or("stop"),
    );
    let answer = Message::assistant(
        message_id(completion.get("id").and_then(Value::as_str)),
        completion
            .get("model")
            .and_then(Value::as_str)
            .map(str::to_owned),
        content,
        stop_reason(finish),
        usage(completion.get("usage")),
    );
    serde_json::to_value(answer).map_err(|e| MessagesError::Answer(e.to_string()))
}

/// A tool call as a `tool_use` block.
fn tool_use(call: &Value, i: usize) -> Result<ContentBlock, MessagesError> {
    let id = call.get("id").and_then(Value::as_str).unwrap_or_default();
    let name = call
        .pointer("/function/name")
        .and_then(Value::as_str)
        .ok_or_else(|| MessagesError::Answer(format!("tool call {i} has no function name")))?;
    let arguments = call
        .pointer("/function/arguments")
        .and_then(Value::as_str)
        .unwrap_or("");
    let input = if arguments.trim().is_empty() {
        json!({})
    } else {
        match serde_json::from_str::<Value>(arguments) {
            Ok(input @ Value::Object(_)) => input,
            _ => {
                return Err(MessagesError::Answer(format!(
                    "the arguments of tool call {i} ({name}) are not a JSON object"
                )))
            }
        }
    };
    Ok(ContentBlock::ToolUse {
        id: tool_use_id(id, i),
        name: name.to_owned(),
        input,
    })
}

/// Anthropic message ids start with `msg_`; an upstream's own id is kept after it.
pub(super) fn message_id(id: Option<&str>) -> String {
    match id {
        Some(id) if id.starts_with("msg_") => id.to_owned(),
        Some(id) if !id.is_empty() => format!("msg_{id}"),
        _ => "msg_ledgergate".to_owned(),
    }
}

/// A tool call without an id (some OpenAI-compatible servers) gets a stable one, so a
/// `tool_result` can refer to it.
pub(super) fn tool_use_id(id: &str, i: usize) -> String {
    if id.is_empty() {
        format!("toolu_{i}")
    } else {
        id.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_completion_with_text_and_a_tool_call_becomes_a_message() {
        let completion = json!({"id": "chatcmpl-1", "model": "m", "choices": [{"index": 0,
            "message": {"role": "assistant", "content": "let me look",
                "tool_calls": [{"id": "call_1", "type": "function",
                    "function": {"name": "weather", "arguments": "{\"city\":\"Paris\"}"}}]},
            "finish_reason": "tool_calls"}],
            "usage": {"prompt_tokens": 9, "completion_tokens": 3, "total_tokens": 12}});
        assert_eq!(
            to_message(&completion).unwrap(),
            json!({"id": "msg_chatcmpl-1", "type": "message", "role": "assistant", "model": "m",
                   "content": [{"type": "text", "text": "let me look"},
                               {"type": "tool_use", "id": "call_1", "name": "weather", "input": {"city": "Paris"}}],
                   "stop_reason": "tool_use", "stop_sequence": null,
                   "usage": {"input_tokens": 9, "output_tokens": 3}})
        );
    }

    #[test]
    fn finish_reasons_map_and_bad_arguments_are_errors() {
        let with = |finish: &str| {
            let c = json!({"id": "msg_x", "choices": [{"message": {"content": ""}, "finish_reason": finish}]});
            to_message(&c).unwrap()
        };
        assert_eq!(with("length")["stop_reason"], "max_tokens");
        assert_eq!(with("stop")["stop_reason"], "end_turn");
        assert_eq!(with("content_filter")["stop_reason"], "refusal");
        assert_eq!(with("stop")["content"], json!([]));
        assert_eq!(with("stop")["id"], "msg_x");
        let bad = json!({"choices": [{"message": {"tool_calls": [{"id": "c", "function": {"name": "f", "arguments": "[1"}}]}}]});
        assert!(matches!(to_message(&bad), Err(MessagesError::Answer(_))));
        assert!(to_message(&json!({"choices": []})).is_err());
    }
}
