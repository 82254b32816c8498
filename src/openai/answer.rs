//! OpenAI's answer vocabulary that every translation speaks: why an answer ended
//! (`finish_reason`) and what it cost in tokens (`usage`). One type each, so the
//! Anthropic and Gemini dialects and the `/v1/messages` ingress map to and from the
//! same values instead of spelling the strings and the counts each their own way.

use serde_json::{json, Value};

/// Why an answer ended, as OpenAI says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinishReason {
    Stop,
    Length,
    ToolCalls,
    ContentFilter,
    /// The legacy `functions` API's reason.
    FunctionCall,
}

impl FinishReason {
    pub fn as_str(self) -> &'static str {
        match self {
            FinishReason::Stop => "stop",
            FinishReason::Length => "length",
            FinishReason::ToolCalls => "tool_calls",
            FinishReason::ContentFilter => "content_filter",
            FinishReason::FunctionCall => "function_call",
        }
    }

    /// The reason an upstream wrote; one OpenAI may add later reads as `stop`.
    pub fn parse(text: &str) -> FinishReason {
        match text {
            "length" => FinishReason::Length,
            "tool_calls" => FinishReason::ToolCalls,
            "content_filter" => FinishReason::ContentFilter,
            "function_call" => FinishReason::FunctionCall,
            _ => FinishReason::Stop,
        }
    }
}

/// Token counts of one answer in OpenAI's terms: `prompt` counts every input token,
/// cached ones included; `cached` is the part of it read from a cache, when the
/// provider says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    pub prompt: u64,
    pub completion: u64,
    pub cached: Option<u64>,
}

impl Usage {
    /// OpenAI's `usage` object.
    pub fn to_value(self) -> Value {
        let mut usage = json!({
            "prompt_tokens": self.prompt,
            "completion_tokens": self.completion,
            "total_tokens": self.prompt + self.completion,
        });
        if let Some(cached) = self.cached {
            usage["prompt_tokens_details"] = json!({"cached_tokens": cached});
        }
        usage
    }

    /// The counts an answer or chunk reports in its `usage` object; `None` when it has
    /// none, or one that does not count the prompt (nothing to charge or price).
    pub fn of_answer(answer: &Value) -> Option<Usage> {
        Usage::of_usage(answer.get("usage")?)
    }

    /// As [`Usage::of_answer`], given the answer's `usage` object itself.
    pub fn of_usage(usage: &Value) -> Option<Usage> {
        usage.get("prompt_tokens")?.as_u64()?;
        Some(Usage::of(Some(usage)))
    }

    /// Prompt and completion tokens together.
    pub fn total(self) -> u64 {
        self.prompt + self.completion
    }

    /// The counts of an OpenAI `usage` object (zero where one is missing).
    pub fn of(value: Option<&Value>) -> Usage {
        let count = |pointer: &str| {
            value
                .and_then(|u| u.pointer(pointer))
                .and_then(Value::as_u64)
        };
        Usage {
            prompt: count("/prompt_tokens").unwrap_or(0),
            completion: count("/completion_tokens").unwrap_or(0),
            cached: count("/prompt_tokens_details/cached_tokens"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_counts_cached_tokens_inside_prompt_tokens_and_reads_back() {
        let u = Usage {
            prompt: 10,
            completion: 5,
            cached: Some(4),
        };
        let v = u.to_value();
        assert_eq!(v["total_tokens"], 15);
        assert_eq!(v["prompt_tokens_details"]["cached_tokens"], 4);
        assert_eq!(Usage::of(Some(&v)), u);
        let plain = Usage {
            prompt: 1,
            completion: 1,
            cached: None,
        };
        assert!(plain.to_value().get("prompt_tokens_details").is_none());
        assert_eq!(Usage::of(None), Usage::default());
    }

    #[test]
    fn finish_reasons_read_back_what_they_write() {
        for r in [
            FinishReason::Stop,
            FinishReason::Length,
            FinishReason::ToolCalls,
            FinishReason::ContentFilter,
            FinishReason::FunctionCall,
        ] {
            assert_eq!(FinishReason::parse(r.as_str()), r);
        }
        assert_eq!(FinishReason::parse("a_new_reason"), FinishReason::Stop);
    }
}
