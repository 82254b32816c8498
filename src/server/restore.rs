//! Putting tokenized values back into answers for the client, in a JSON completion and
//! in an SSE stream whose tokens may be split across chunks (each choice's content and
//! each tool call's arguments get their own stream restorer, which holds back only what
//! can still become a token). Also collects what the audit record of the answer keeps:
//! the usage and the text as received.

use std::collections::BTreeMap;

use serde_json::Value;

use super::trail::usage_of;
use crate::audit::record::Usage;
use crate::pii::{Restorer, StreamRestorer};

/// Most text of an answer kept for the audit record's capture.
const MAX_CAPTURE: usize = 1 << 20;

/// Restores every string inside `choices` (message content, tool call arguments).
pub fn restore_completion(value: &mut Value, restorer: &Restorer) {
    if restorer.is_empty() {
        return;
    }
    if let Some(choices) = value.get_mut("choices") {
        restorer.restore_json(choices);
    }
}

/// Which text of a streamed choice a restorer follows.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Content,
    ToolArguments(u64),
}

/// Applies restoration to each chunk of a stream and remembers usage and text.
pub struct StreamTap {
    restorer: Restorer,
    open: BTreeMap<(u64, Part), StreamRestorer>,
    /// The last chunk seen, as a template for a final flush chunk.
    template: Option<Value>,
    pub usage: Option<Usage>,
    pub received: String,
    /// The usage-only chunk was asked for by the gateway, not the client: keep it back.
    hide_usage_chunk: bool,
}

impl StreamTap {
    pub fn new(restorer: Restorer) -> StreamTap {
        StreamTap {
            restorer,
            open: BTreeMap::new(),
            template: None,
            usage: None,
            received: String::new(),
            hide_usage_chunk: false,
        }
    }

    /// Keeps the final usage-only chunk from the client (it did not ask for it).
    pub fn hiding_usage_chunk(mut self, hide: bool) -> StreamTap {
        self.hide_usage_chunk = hide;
        self
    }

    fn keep(&mut self, text: &str) {
        if self.received.len() + text.len() <= MAX_CAPTURE {
            self.received.push_str(text);
        }
    }

    /// One event's data in, the data to send out (`None`: send nothing for it).
    pub fn apply(&mut self, data: String) -> Option<String> {
        let Ok(mut chunk) = serde_json::from_str::<Value>(&data) else {
            return Some(data);
        };
        if let Some(usage) = usage_of(&chunk) {
            self.usage = Some(usage);
            let no_choices = chunk
                .get("choices")
                .and_then(Value::as_array)
                .is_none_or(Vec::is_empty);
            if self.hide_usage_chunk && no_choices {
                return None;
            }
        }
        let mut changed = false;
        if let Some(choices) = chunk.get_mut("choices").and_then(Value::as_array_mut) {
            for choice in choices.iter_mut() {
                let index = choice.get("index").and_then(Value::as_u64).unwrap_or(0);
                let finished = choice.get("finish_reason").is_some_and(|f| !f.is_null());
                let Some(delta) = choice.get_mut("delta") else {
                    continue;
                };
                if let Some(Value::String(text)) = delta.get_mut("content") {
                    let received = text.clone();
                    self.keep(&received);
                    if !self.restorer.is_empty() {
                        let out = self.push(index, Part::Content, &received);
                        *text = out;
                        changed = true;
                    }
                }
                if let Some(Value::Array(calls)) = delta.get_mut("tool_calls") {
                    for (position, call) in calls.iter_mut().enumerate() {
                        let tool = call
                            .get("index")
                            .and_then(Value::as_u64)
                            .unwrap_or(position as u64);
                        if let Some(Value::String(args)) = call.pointer_mut("/function/arguments") {
                            if !self.restorer.is_empty() {
                                let out =
                                    self.push(index, Part::ToolArguments(tool), &args.clone());
                                *args = out;
                                changed = true;
                            }
                        }
                    }
                }
                if finished && !self.restorer.is_empty() {
                    let held = self.flush_choice(index);
                    if !held.is_empty() {
                        let content = delta
                            .get("content")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_owned();
                        delta["content"] = Value::String(held + &content);
                        changed = true;
                    }
                }
            }
        }
        self.template = Some(chunk.clone());
        Some(if changed { chunk.to_string() } else { data })
    }

    fn push(&mut self, choice: u64, part: Part, text: &str) -> String {
        let restorer = &self.restorer;
        self.open
            .entry((choice, part))
            .or_insert_with(|| restorer.stream())
            .push(text)
    }

    /// What the content restorer of `choice` still holds (tool argument restorers are
    /// flushed into nothing: a tool call's arguments end with its own last delta).
    fn flush_choice(&mut self, choice: u64) -> String {
        let mut out = String::new();
        let keys: Vec<(u64, Part)> = self
            .open
            .keys()
            .filter(|(c, _)| *c == choice)
            .copied()
            .collect();
        for key in keys {
            if let Some(mut r) = self.open.remove(&key) {
                let rest = r.finish();
                if key.1 == Part::Content {
                    out.push_str(&rest);
                }
            }
        }
        out
    }

    /// The received text with tokens restored (for `full` capture).
    pub fn restored(&self) -> String {
        self.restorer.restore(&self.received)
    }

    /// At the end of the stream: a last chunk carrying text still held back, if any.
    pub fn finish(&mut self) -> Option<String> {
        let choices: Vec<u64> = self.open.keys().map(|(c, _)| *c).collect();
        let mut deltas = Vec::new();
        for choice in choices {
            let held = self.flush_choice(choice);
            if !held.is_empty() {
                deltas.push(serde_json::json!({"index": choice, "delta": {"content": held}, "finish_reason": null}));
            }
        }
        if deltas.is_empty() {
            return None;
        }
        let mut chunk = self
            .template
            .clone()
            .unwrap_or_else(|| serde_json::json!({"object": "chat.completion.chunk"}));
        chunk["choices"] = Value::Array(deltas);
        if let Some(map) = chunk.as_object_mut() {
            map.remove("usage");
        }
        Some(chunk.to_string())
    }
}
