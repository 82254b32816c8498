//! Anthropic's Messages API (`POST /v1/messages`) as an ingress: the wire format of
//! Anthropic SDK clients, translated to and from our OpenAI chat shape so that a
//! Messages request takes the very same path as a chat completion.
//!
//! Owns three translations, each pure (JSON in, JSON out): a Messages request to a
//! [`ChatRequest`](crate::openai::ChatRequest) ([`request`]), an OpenAI completion to an
//! Anthropic message ([`answer`]), and an OpenAI chunk stream to Anthropic's SSE events
//! ([`stream`]). Guarantees that nothing a client sent is dropped silently: a field
//! that maps is translated, a field that is only a hint (`cache_control`) is documented
//! as ignored, and anything that would change the answer but has no OpenAI
//! equivalent is refused with an error naming it. Also holds what both directions
//! share with the Anthropic dialect `providers/anthropic.rs`: the stop-reason table
//! ([`finish_reason`], [`stop_reason`]) and the wire types of requests, answers and
//! stream events ([`wire`], one set for ingress and egress). Knows
//! no HTTP and imports nothing of the crate but `openai/`.

pub mod answer;
pub mod request;
pub mod stream;
pub mod wire;

pub use answer::to_message;
pub use request::to_chat_request;
pub use stream::{Event, EventShaper};

use crate::openai::{FinishReason, Usage, WireError};

/// What cannot be translated, in Anthropic's terms, naming the field at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessagesError {
    /// The request is not a Messages request we accept (400).
    #[error("{message}")]
    Request { message: String, param: String },
    /// The upstream answer could not be expressed as an Anthropic message.
    #[error("the answer cannot be expressed as an Anthropic message: {0}")]
    Answer(String),
}

impl MessagesError {
    fn request(param: impl Into<String>, message: impl Into<String>) -> MessagesError {
        MessagesError::Request {
            message: message.into(),
            param: param.into(),
        }
    }
}

impl From<MessagesError> for WireError {
    fn from(e: MessagesError) -> WireError {
        match e {
            MessagesError::Request { message, param } => WireError {
                message,
                param: Some(param),
            },
            MessagesError::Answer(_) => WireError {
                message: e.to_string(),
                param: None,
            },
        }
    }
}

/// OpenAI's `finish_reason` for an Anthropic `stop_reason` (the egress adapter's
/// direction; kept beside its inverse so both read one table).
pub fn finish_reason(stop_reason: Option<&str>) -> FinishReason {
    match stop_reason {
        Some("max_tokens" | "model_context_window_exceeded") => FinishReason::Length,
        Some("tool_use") => FinishReason::ToolCalls,
        Some("refusal") => FinishReason::ContentFilter,
        // end_turn, stop_sequence, pause_turn and reasons added later.
        _ => FinishReason::Stop,
    }
}

/// Anthropic's `stop_reason` for an OpenAI `finish_reason`. OpenAI does not say which
/// stop sequence ended an answer, so `stop` is always `end_turn`.
pub fn stop_reason(finish_reason: FinishReason) -> &'static str {
    match finish_reason {
        FinishReason::Length => "max_tokens",
        FinishReason::ToolCalls | FinishReason::FunctionCall => "tool_use",
        FinishReason::ContentFilter => "refusal",
        FinishReason::Stop => "end_turn",
    }
}

/// Anthropic's `usage` from an OpenAI `usage` object (zero where it is missing).
pub fn usage(openai: Option<&serde_json::Value>) -> wire::Usage {
    wire::Usage::from_openai(Usage::of(openai))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_reasons_and_finish_reasons_are_inverse_where_both_exist() {
        for reason in ["end_turn", "max_tokens", "tool_use", "refusal"] {
            assert_eq!(stop_reason(finish_reason(Some(reason))), reason);
        }
        for finish in [
            FinishReason::Stop,
            FinishReason::Length,
            FinishReason::ToolCalls,
            FinishReason::ContentFilter,
        ] {
            assert_eq!(finish_reason(Some(stop_reason(finish))), finish);
        }
        // OpenAI cannot say a stop sequence ended the answer.
        assert_eq!(
            stop_reason(finish_reason(Some("stop_sequence"))),
            "end_turn"
        );
    }
}
