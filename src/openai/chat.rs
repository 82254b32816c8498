//! `POST /v1/chat/completions` request body.

use std::sync::LazyLock;

use serde_json::{Map, Value};

use super::body::Body;
use super::text::Structure;
use super::{required, WireError};

/// The chat body's structural values, never screened (a model name, a role, an id, an
/// enum-valued option: rewriting one would break the request, and none carries what
/// a person wrote), and its JSON-text fields. Reviewed against OpenAI's API reference;
/// every other string, known or not, is screened.
static STRUCTURE: LazyLock<Structure> = LazyLock::new(|| {
    Structure::new(
        &[
            "model",
            "messages[].role",
            "messages[].tool_call_id",
            "messages[].tool_calls[].id",
            "messages[].tool_calls[].type",
            "messages[].tool_calls[].function.name",
            "messages[].function_call.name",
            "messages[].content[].type",
            "messages[].content[].image_url.detail",
            "messages[].audio.id",
            "tools[].type",
            "tools[].function.name",
            "functions[].name",
            "tool_choice",
            "tool_choice.type",
            "tool_choice.function.name",
            "function_call",
            "function_call.name",
            "response_format.type",
            "response_format.json_schema.name",
            "service_tier",
            "reasoning_effort",
            "verbosity",
            "modalities[]",
            "audio.voice",
            "audio.format",
            "prediction.type",
            "web_search_options.search_context_size",
        ],
        &[
            "messages[].tool_calls[].function.arguments",
            "messages[].function_call.arguments",
        ],
    )
});

/// A chat completion request. The whole JSON object is kept: unknown fields travel
/// upstream unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatRequest {
    body: Body,
    stream: bool,
}

impl ChatRequest {
    pub fn parse(bytes: &[u8]) -> Result<ChatRequest, WireError> {
        let mut stream = false;
        let body = Body::parse(bytes, &STRUCTURE, |map| {
            stream = match map.get("stream") {
                None | Some(Value::Null) => false,
                Some(Value::Bool(b)) => *b,
                Some(_) => {
                    return Err(WireError::new("`stream` must be a boolean", Some("stream")))
                }
            };
            match required(map, "messages")? {
                Value::Array(messages) => {
                    for (i, m) in messages.iter().enumerate() {
                        if !m.is_object() {
                            return Err(WireError::new(
                                format!("`messages[{i}]` must be an object"),
                                Some(&format!("messages[{i}]")),
                            ));
                        }
                    }
                    Ok(())
                }
                _ => Err(WireError::new(
                    "`messages` must be an array",
                    Some("messages"),
                )),
            }
        })?;
        Ok(ChatRequest { body, stream })
    }

    pub fn is_stream(&self) -> bool {
        self.stream
    }

    /// Asks the provider to end a stream with a usage chunk (`stream_options.include_usage`)
    /// so the answer's tokens can be counted. Returns `true` when the client had not
    /// asked for it itself: the caller then keeps that chunk from the client.
    pub fn request_stream_usage(&mut self) -> bool {
        if !self.stream {
            return false;
        }
        let options = self
            .body
            .map_mut()
            .entry("stream_options")
            .or_insert_with(|| Value::Object(Map::new()));
        let Value::Object(options) = options else {
            return false;
        };
        if options.get("include_usage") == Some(&Value::Bool(true)) {
            return false;
        }
        options.insert("include_usage".into(), Value::Bool(true));
        true
    }

    /// The typed view of the body as it stands (after screening), for translating it
    /// into another provider's format.
    pub fn view(&self) -> super::ChatView<'_> {
        super::ChatView::of(self.body.model(), self.stream, self.body.map())
    }
}

impl std::ops::Deref for ChatRequest {
    type Target = Body;

    fn deref(&self) -> &Body {
        &self.body
    }
}

impl std::ops::DerefMut for ChatRequest {
    fn deref_mut(&mut self) -> &mut Body {
        &mut self.body
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::openai::TextFields;

    #[test]
    fn unknown_fields_survive_a_round_trip() {
        let raw = br#"{"model":"m","messages":[{"role":"user","content":"hi"}],"future_param":{"x":[1,2]}}"#;
        let req = ChatRequest::parse(raw).unwrap();
        let back: Value = serde_json::from_slice(&req.to_vec()).unwrap();
        assert_eq!(back["future_param"]["x"][1], 2);
    }

    #[test]
    fn the_text_sent_follows_every_change_made_after_it_was_serialised() {
        let raw = br#"{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}"#;
        let mut req = ChatRequest::parse(raw).unwrap();
        let sent = |req: &ChatRequest| -> Value { serde_json::from_slice(&req.to_vec()).unwrap() };
        assert_eq!(sent(&req)["model"], "m");
        req.set_model("served");
        assert_eq!(sent(&req)["model"], "served");
        assert!(req.request_stream_usage());
        assert_eq!(sent(&req)["stream_options"]["include_usage"], true);
        req.for_each_text_mut::<()>(&mut |s| {
            *s = s.to_uppercase();
            Ok(())
        })
        .unwrap();
        assert_eq!(sent(&req)["messages"][0]["content"], "HI");
        assert_eq!(req.serialised().get().as_bytes(), req.to_vec().as_slice());
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let e = ChatRequest::parse(b"{\n\"model\": \"m\",,}").unwrap_err();
        assert!(
            e.message
                .starts_with("request body is not valid JSON at line 2, column 14: "),
            "{}",
            e.message
        );
        let e = ChatRequest::parse(b"{\"model\":\"m\"}").unwrap_err();
        assert_eq!(e.param.as_deref(), Some("messages"));
        let e = ChatRequest::parse(b"{\"model\":3,\"messages\":[]}").unwrap_err();
        assert_eq!(e.message, "`model` must be a string");
    }

    #[test]
    fn text_fields_include_parts_and_tool_arguments() {
        let raw = br#"{"model":"m","messages":[
            {"role":"system","content":"sys"},
            {"role":"user","content":[{"type":"text","text":"part"},{"type":"image_url","image_url":{"url":"u"}}]},
            {"role":"assistant","content":null,"tool_calls":[{"id":"1","type":"function","function":{"name":"f","arguments":"{\"q\":\"arg\"}"}}]},
            {"role":"tool","tool_call_id":"1","content":"result"}]}"#;
        let mut req = ChatRequest::parse(raw).unwrap();
        req.for_each_text_mut::<()>(&mut |s| {
            *s = s.to_uppercase();
            Ok(())
        })
        .unwrap();
        let v = Value::Object(req.map().clone());
        assert_eq!(v["messages"][0]["content"], "SYS");
        assert_eq!(v["messages"][1]["content"][0]["text"], "PART");
        assert_eq!(v["messages"][1]["content"][1]["image_url"]["url"], "U");
        assert_eq!(v["messages"][1]["content"][1]["type"], "image_url");
        assert_eq!(v["messages"][0]["role"], "system");
        assert_eq!(
            v["messages"][2]["tool_calls"][0]["function"]["arguments"], "{\"Q\":\"ARG\"}",
            "keys inside tool-call arguments are text too"
        );
        assert_eq!(v["messages"][3]["content"], "RESULT");
    }
}
