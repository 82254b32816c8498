//! A Messages request (`POST /v1/messages`), one set of serde types for both directions:
//! the `/v1/messages` ingress reads it from an Anthropic SDK client (`messages/request.rs`
//! turns it into a chat request) and the Anthropic dialect (`providers/anthropic.rs`)
//! writes it to Anthropic.
//!
//! Reading is strict where a field would change the answer (unknown top-level, message
//! and metadata fields are refused, so nothing a client sent is dropped silently) and
//! lenient inside content blocks, whose hints (`cache_control`, `citations`) are read
//! past. Fields the gateway accepts but never forwards (`thinking`, `service_tier`) are
//! read, checked by the ingress and never written.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub model: String,
    pub max_tokens: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<Content>,
    pub messages: Vec<Turn>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_p: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_k: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_sequences: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tools: Vec<Tool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_choice: Option<ToolChoice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Extended thinking: accepted only as `{"type": "disabled"}` (the ingress checks).
    #[serde(default, skip_serializing)]
    pub thinking: Option<Value>,
    /// A scheduling hint: accepted, not forwarded.
    #[serde(default, skip_serializing)]
    pub service_tier: Option<Value>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    User,
    Assistant,
}

/// One turn of the conversation.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Turn {
    pub role: Role,
    pub content: Content,
}

/// Content as Anthropic takes it: a plain string or a list of blocks.
pub type Content = TextOr<Block>;

/// A string, or a list of `B`. Written untagged; read with a visitor so that an error
/// inside the list keeps its path (`messages[0].content[1].source`), which serde's
/// untagged enums lose.
#[derive(Serialize, Debug, Clone, PartialEq)]
#[serde(untagged)]
pub enum TextOr<B> {
    Text(String),
    Blocks(Vec<B>),
}

impl<'de, B: Deserialize<'de>> Deserialize<'de> for TextOr<B> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextOrVisitor<B>(PhantomData<B>);

        impl<'de, B: Deserialize<'de>> Visitor<'de> for TextOrVisitor<B> {
            type Value = TextOr<B>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or an array of content blocks")
            }

            fn visit_str<E: de::Error>(self, s: &str) -> Result<TextOr<B>, E> {
                Ok(TextOr::Text(s.to_owned()))
            }

            fn visit_string<E: de::Error>(self, s: String) -> Result<TextOr<B>, E> {
                Ok(TextOr::Text(s))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TextOr<B>, A::Error> {
                let mut blocks = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(block) = seq.next_element()? {
                    blocks.push(block);
                }
                Ok(TextOr::Blocks(blocks))
            }
        }

        deserializer.deserialize_any(TextOrVisitor(PhantomData))
    }
}

/// One content block of a request.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Text {
        text: String,
    },
    Image {
        source: ImageSource,
    },
    ToolUse {
        id: String,
        name: String,
        #[serde(default)]
        input: Value,
    },
    ToolResult {
        tool_use_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        content: Option<Content>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        is_error: bool,
    },
}

impl Block {
    pub fn text(text: impl Into<String>) -> Block {
        Block::Text { text: text.into() }
    }

    /// The block's `type`, as the wire names it.
    pub fn kind(&self) -> &'static str {
        match self {
            Block::Text { .. } => "text",
            Block::Image { .. } => "image",
            Block::ToolUse { .. } => "tool_use",
            Block::ToolResult { .. } => "tool_result",
        }
    }
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ImageSource {
    Base64 { media_type: String, data: String },
    Url { url: String },
}

/// A tool the model may call. `type` is absent (or `custom`) for a client tool; any
/// other type is one of Anthropic's server tools.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Tool {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `null` when a client left it out (server tools have none).
    #[serde(default)]
    pub input_schema: Value,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToolChoice {
    Auto {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        disable_parallel_tool_use: Option<bool>,
    },
    Any {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        disable_parallel_tool_use: Option<bool>,
    },
    Tool {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        disable_parallel_tool_use: Option<bool>,
    },
    None,
}

impl ToolChoice {
    /// Whether the client asked for at most one tool call per turn.
    pub fn serial(&self) -> bool {
        match self {
            ToolChoice::Auto {
                disable_parallel_tool_use,
            }
            | ToolChoice::Any {
                disable_parallel_tool_use,
            }
            | ToolChoice::Tool {
                disable_parallel_tool_use,
                ..
            } => *disable_parallel_tool_use == Some(true),
            ToolChoice::None => false,
        }
    }
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_request_reads_and_writes_the_same_wire_format() {
        let wire = json!({"model": "claude", "max_tokens": 10, "system": "sys",
            "messages": [
                {"role": "user", "content": [{"type": "text", "text": "hi"},
                    {"type": "image", "source": {"type": "url", "url": "https://x/y.png"}}]},
                {"role": "assistant", "content": [{"type": "tool_use", "id": "t", "name": "f", "input": {"a": 1}}]},
                {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t", "content": "ok", "is_error": true}]}],
            "tools": [{"name": "f", "input_schema": {"type": "object"}}],
            "tool_choice": {"type": "any", "disable_parallel_tool_use": true},
            "stream": true, "metadata": {"user_id": "u"}});
        let request: Request = serde_json::from_value(wire.clone()).unwrap();
        assert!(request.tool_choice.as_ref().is_some_and(ToolChoice::serial));
        assert_eq!(serde_json::to_value(&request).unwrap(), wire);
    }

    #[test]
    fn an_error_inside_content_keeps_its_path_down_to_the_block() {
        let wire = json!({"model": "c", "max_tokens": 1, "messages": [
            {"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "image", "source": {"type": "file"}}]}]});
        let err = serde_path_to_error::deserialize::<_, Request>(wire).unwrap_err();
        // A tagged block is read whole, so the path ends at the block.
        assert_eq!(err.path().to_string(), "messages[0].content[1]");
    }
}
