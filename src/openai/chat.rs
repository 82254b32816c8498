//! `POST /v1/chat/completions` request body.

use serde_json::{Map, Value};

use super::text::{for_each_embedded_json_string, for_each_string_mut};
use super::{parse_object, required_model, WireError};

/// A chat completion request. The whole JSON object is kept: unknown fields travel
/// upstream unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatRequest {
    model: String,
    stream: bool,
    body: Map<String, Value>,
}

impl ChatRequest {
    pub fn parse(bytes: &[u8]) -> Result<ChatRequest, WireError> {
        let body = parse_object(bytes)?;
        let model = required_model(&body)?;
        let stream = match body.get("stream") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err(WireError::new("`stream` must be a boolean", Some("stream"))),
        };
        match body.get("messages") {
            Some(Value::Array(messages)) if !messages.is_empty() => {
                for (i, m) in messages.iter().enumerate() {
                    if !m.is_object() {
                        return Err(WireError::new(
                            format!("`messages[{i}]` must be an object"),
                            Some(&format!("messages[{i}]")),
                        ));
                    }
                }
            }
            Some(Value::Array(_)) => {
                return Err(WireError::new(
                    "`messages` must not be empty",
                    Some("messages"),
                ))
            }
            Some(_) => {
                return Err(WireError::new(
                    "`messages` must be an array",
                    Some("messages"),
                ))
            }
            None => return Err(WireError::new("`messages` is required", Some("messages"))),
        }
        Ok(ChatRequest {
            model,
            stream,
            body,
        })
    }

    pub fn model(&self) -> &str {
        &self.model
    }

    /// Replaces the model (an alias resolved to the served model).
    pub fn set_model(&mut self, model: &str) {
        self.model = model.to_owned();
        self.body
            .insert("model".into(), Value::String(model.to_owned()));
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

    /// The JSON object as it will be sent upstream.
    pub fn body(&self) -> &Map<String, Value> {
        &self.body
    }

    pub fn to_vec(&self) -> Vec<u8> {
        // Serializing a Map of Values cannot fail.
        serde_json::to_vec(&self.body).unwrap_or_default()
    }

    /// Every text-bearing field: message content (string or text parts), names, tool
    /// call arguments (inside their JSON string values) and legacy function calls.
    fn visit_text<E>(&mut self, f: &mut dyn FnMut(&mut String) -> Result<(), E>) -> Result<(), E> {
        let Some(Value::Array(messages)) = self.body.get_mut("messages") else {
            return Ok(());
        };
        for message in messages.iter_mut().filter_map(Value::as_object_mut) {
            match message.get_mut("content") {
                Some(Value::String(s)) => f(s)?,
                Some(Value::Array(parts)) => {
                    for part in parts.iter_mut().filter_map(Value::as_object_mut) {
                        if let Some(Value::String(s)) = part.get_mut("text") {
                            f(s)?;
                        }
                    }
                }
                _ => {}
            }
            if let Some(Value::String(s)) = message.get_mut("name") {
                f(s)?;
            }
            if let Some(Value::Array(calls)) = message.get_mut("tool_calls") {
                for call in calls.iter_mut() {
                    if let Some(Value::String(args)) = call.pointer_mut("/function/arguments") {
                        for_each_embedded_json_string(args, f)?;
                    }
                }
            }
            if let Some(Value::String(args)) = message
                .get_mut("function_call")
                .and_then(|c| c.get_mut("arguments"))
            {
                for_each_embedded_json_string(args, f)?;
            }
        }
        Ok(())
    }

    /// The text of every message, for callers that only read (e.g. `policy explain`).
    pub fn texts(&self) -> Vec<String> {
        let mut copy = self.clone();
        let mut out = Vec::new();
        let _ = copy.visit_text::<()>(&mut |s| {
            out.push(s.clone());
            Ok(())
        });
        out
    }

    /// Walks every string value of the body, including ones not listed above.
    pub fn for_each_string_mut<E>(
        &mut self,
        f: &mut dyn FnMut(&mut String) -> Result<(), E>,
    ) -> Result<(), E> {
        self.body
            .values_mut()
            .try_for_each(|v| for_each_string_mut(v, f))
    }
}

impl super::TextFields for ChatRequest {
    fn for_each_text_mut<E>(
        &mut self,
        f: &mut dyn FnMut(&mut String) -> Result<(), E>,
    ) -> Result<(), E> {
        self.visit_text(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_survive_a_round_trip() {
        let raw = br#"{"model":"m","messages":[{"role":"user","content":"hi"}],"future_param":{"x":[1,2]}}"#;
        let req = ChatRequest::parse(raw).unwrap();
        let back: Value = serde_json::from_slice(&req.to_vec()).unwrap();
        assert_eq!(back["future_param"]["x"][1], 2);
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
        req.visit_text::<()>(&mut |s| {
            *s = s.to_uppercase();
            Ok(())
        })
        .unwrap();
        let v = Value::Object(req.body().clone());
        assert_eq!(v["messages"][0]["content"], "SYS");
        assert_eq!(v["messages"][1]["content"][0]["text"], "PART");
        assert_eq!(v["messages"][1]["content"][1]["image_url"]["url"], "u");
        assert_eq!(
            v["messages"][2]["tool_calls"][0]["function"]["arguments"],
            "{\"q\":\"ARG\"}"
        );
        assert_eq!(v["messages"][3]["content"], "RESULT");
    }
}
