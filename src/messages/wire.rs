//! Anthropic's Messages wire format, one set of serde types for both directions: the
//! `/v1/messages` ingress writes these (an answer or stream events for an Anthropic SDK
//! client) and the Anthropic dialect in `providers/anthropic.rs` reads them (an answer
//! or stream events from Anthropic).
//! Field order follows Anthropic's own answers; block types and fields added later are
//! read past, never refused.

pub mod request;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::openai::Usage as OpenAiUsage;

/// An answer: `{"id", "type": "message", "role": "assistant", "model", "content",
/// "stop_reason", "stop_sequence", "usage"}`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Message {
    pub id: String,
    #[serde(rename = "type", default = "message")]
    pub kind: String,
    #[serde(default = "assistant")]
    pub role: String,
    /// `null` only when an OpenAI-compatible upstream named no model.
    pub model: Option<String>,
    #[serde(default)]
    pub content: Vec<ContentBlock>,
    pub stop_reason: Option<String>,
    #[serde(default)]
    pub stop_sequence: Option<String>,
    #[serde(default)]
    pub usage: Usage,
}

fn message() -> String {
    "message".to_owned()
}

fn assistant() -> String {
    "assistant".to_owned()
}

impl Message {
    /// An assistant message as the ingress writes it.
    pub fn assistant(
        id: String,
        model: Option<String>,
        content: Vec<ContentBlock>,
        stop_reason: &str,
        usage: Usage,
    ) -> Message {
        Message {
            id,
            kind: message(),
            role: assistant(),
            model,
            content,
            stop_reason: Some(stop_reason.to_owned()),
            stop_sequence: None,
            usage,
        }
    }
}

/// One content block of an answer.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ContentBlock {
    Text {
        text: String,
    },
    ToolUse {
        id: String,
        name: String,
        #[serde(default)]
        input: Value,
    },
    /// Thinking, server tool results and block types added later: not part of an
    /// OpenAI answer, never written by the ingress.
    #[serde(other)]
    Other,
}

/// Anthropic's token counts. `input_tokens` excludes cache reads and writes, which
/// come apart; later stream events repeat cumulative counts.
#[derive(Serialize, Deserialize, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    #[serde(default)]
    pub input_tokens: Option<u64>,
    #[serde(default)]
    pub output_tokens: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_creation_input_tokens: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_read_input_tokens: Option<u64>,
}

impl Usage {
    /// Later counts win where present (message_delta repeats cumulative counts).
    pub fn update(&mut self, newer: &Usage) {
        let keep = |old: &mut Option<u64>, new: Option<u64>| {
            if new.is_some() {
                *old = new;
            }
        };
        keep(&mut self.input_tokens, newer.input_tokens);
        keep(&mut self.output_tokens, newer.output_tokens);
        keep(
            &mut self.cache_creation_input_tokens,
            newer.cache_creation_input_tokens,
        );
        keep(
            &mut self.cache_read_input_tokens,
            newer.cache_read_input_tokens,
        );
    }

    /// In OpenAI's terms, where `prompt_tokens` counts every input token: cache reads
    /// and writes are added back.
    pub fn to_openai(self) -> OpenAiUsage {
        let cached = self.cache_read_input_tokens;
        OpenAiUsage {
            prompt: self.input_tokens.unwrap_or(0)
                + cached.unwrap_or(0)
                + self.cache_creation_input_tokens.unwrap_or(0),
            completion: self.output_tokens.unwrap_or(0),
            cached,
        }
    }

    /// From OpenAI's counts, as the ingress reports them (no cache breakdown: OpenAI's
    /// cached tokens are inside its prompt tokens).
    pub fn from_openai(usage: OpenAiUsage) -> Usage {
        Usage {
            input_tokens: Some(usage.prompt),
            output_tokens: Some(usage.completion),
            ..Usage::default()
        }
    }
}

/// One server-sent event of a streamed answer; its `type` is also the SSE event name.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum StreamEvent {
    MessageStart {
        message: Message,
    },
    ContentBlockStart {
        index: usize,
        content_block: ContentBlock,
    },
    ContentBlockDelta {
        index: usize,
        delta: Delta,
    },
    ContentBlockStop {
        #[serde(default)]
        index: usize,
    },
    MessageDelta {
        delta: MessageDelta,
        #[serde(default)]
        usage: Usage,
    },
    MessageStop {},
    Ping {},
    Error {
        error: StreamError,
    },
    /// Anthropic's versioning policy allows new event types: read past what we do not
    /// know. Never written.
    #[serde(other)]
    Unknown,
}

impl StreamEvent {
    /// The SSE event name, which is the `type`.
    pub fn name(&self) -> &'static str {
        match self {
            StreamEvent::MessageStart { .. } => "message_start",
            StreamEvent::ContentBlockStart { .. } => "content_block_start",
            StreamEvent::ContentBlockDelta { .. } => "content_block_delta",
            StreamEvent::ContentBlockStop { .. } => "content_block_stop",
            StreamEvent::MessageDelta { .. } => "message_delta",
            StreamEvent::MessageStop {} => "message_stop",
            StreamEvent::Ping {} => "ping",
            StreamEvent::Error { .. } => "error",
            StreamEvent::Unknown => "unknown",
        }
    }
}

/// A content block's increment.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Delta {
    #[serde(rename = "text_delta")]
    Text { text: String },
    #[serde(rename = "input_json_delta")]
    InputJson { partial_json: String },
    /// thinking_delta, signature_delta, citations_delta: not part of an OpenAI answer.
    #[serde(other)]
    Other,
}

/// The end of a message: why it stopped.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct MessageDelta {
    pub stop_reason: Option<String>,
    #[serde(default)]
    pub stop_sequence: Option<String>,
}

/// An error inside a stream.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct StreamError {
    #[serde(rename = "type")]
    pub kind: String,
    pub message: String,
}
