//! An OpenAI chunk stream (already restored and scanned, chunk by chunk) as Anthropic's
//! server-sent events, in Anthropic's order: `message_start` (and a `ping`) before
//! anything else; a `content_block_start` before the first delta of each block
//! (`text_delta` for text, `input_json_delta` for a tool call's arguments), and its
//! `content_block_stop` when the next block starts, as Anthropic streams them; then,
//! once the answer is complete and recorded, the stop of the last block,
//! `message_delta` with `stop_reason` and usage, and `message_stop`.
//!
//! Invariant: a block's stop comes after its last delta. The stream tap releases what
//! the token restorer holds of a part when the next part begins, so text does not
//! follow a tool call; if an upstream interleaves anyway, the late text opens a new
//! text block rather than touching a closed one.

use std::collections::BTreeMap;

use bytes::Bytes;
use serde_json::{json, Value};

use super::answer::{message_id, tool_use_id};
use super::stop_reason;
use super::wire::{ContentBlock, Delta, Message, MessageDelta, StreamError, StreamEvent, Usage};
use crate::openai::FinishReason;

/// One server-sent event: its `event:` name and its JSON data (which carries the same
/// name in its `type`, as Anthropic sends it).
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub name: &'static str,
    pub data: Value,
}

impl Event {
    fn of(event: StreamEvent) -> Event {
        // The wire types hold strings, numbers and JSON values: serializing cannot fail.
        let data = serde_json::to_value(&event).unwrap_or_default();
        Event {
            name: event.name(),
            data,
        }
    }

    /// `event: NAME\ndata: JSON\n\n` (compact JSON holds no newline).
    pub fn frame(&self) -> Bytes {
        Bytes::from(format!("event: {}\ndata: {}\n\n", self.name, self.data))
    }

    /// The error event that ends a stream which failed after its first byte.
    pub fn error(message: &str) -> Event {
        Event::of(StreamEvent::Error {
            error: StreamError {
                kind: "api_error".into(),
                message: message.to_owned(),
            },
        })
    }
}

/// The translation state of one stream.
#[derive(Debug, Default)]
pub struct EventShaper {
    started: bool,
    /// Content blocks opened so far (their index is their position).
    blocks: usize,
    /// Blocks opened and not yet stopped, in index order.
    unstopped: Vec<usize>,
    text_block: Option<usize>,
    /// OpenAI tool call index -> content block index.
    tools: BTreeMap<u64, usize>,
    stop_reason: Option<&'static str>,
    usage: Option<Value>,
}

impl EventShaper {
    pub fn new() -> EventShaper {
        EventShaper::default()
    }

    fn start(&mut self, chunk: &Value, out: &mut Vec<Event>) {
        if self.started {
            return;
        }
        self.started = true;
        // OpenAI streams count tokens only at the end; message_delta carries them.
        out.push(Event::of(StreamEvent::MessageStart {
            message: Message {
                stop_reason: None,
                ..Message::assistant(
                    message_id(chunk.get("id").and_then(Value::as_str)),
                    chunk
                        .get("model")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                    Vec::new(),
                    "",
                    Usage::from_openai(crate::openai::Usage::default()),
                )
            },
        }));
        out.push(Event::of(StreamEvent::Ping {}));
    }

    /// Stops every open block (the one before a new block, or all at the end).
    fn stop_open(&mut self, out: &mut Vec<Event>) {
        for index in self.unstopped.drain(..) {
            out.push(Event::of(StreamEvent::ContentBlockStop { index }));
        }
        self.text_block = None;
        self.tools.clear();
    }

    fn open(&mut self, block: ContentBlock, out: &mut Vec<Event>) -> usize {
        self.stop_open(out);
        let index = self.blocks;
        self.blocks += 1;
        self.unstopped.push(index);
        out.push(Event::of(StreamEvent::ContentBlockStart {
            index,
            content_block: block,
        }));
        index
    }

    fn delta(index: usize, delta: Delta) -> Event {
        Event::of(StreamEvent::ContentBlockDelta { index, delta })
    }

    /// The events for one OpenAI chunk's data (none for a chunk that is not JSON or
    /// carries nothing a client sees).
    pub fn chunk(&mut self, data: &str) -> Vec<Event> {
        let mut out = Vec::new();
        let Ok(chunk) = serde_json::from_str::<Value>(data) else {
            return out;
        };
        self.start(&chunk, &mut out);
        if let Some(usage) = chunk.get("usage").filter(|u| u.is_object()) {
            self.usage = Some(usage.clone());
        }
        let choices = chunk.get("choices").and_then(Value::as_array);
        // Anthropic answers with one message: the first choice is the answer.
        let Some(choice) = choices
            .into_iter()
            .flatten()
            .find(|c| c.get("index").and_then(Value::as_u64).unwrap_or(0) == 0)
        else {
            return out;
        };
        let delta = choice.get("delta").unwrap_or(&Value::Null);
        if let Some(text) = delta
            .get("content")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
        {
            let index = match self.text_block {
                Some(index) => index,
                None => {
                    let index = self.open(
                        ContentBlock::Text {
                            text: String::new(),
                        },
                        &mut out,
                    );
                    self.text_block = Some(index);
                    index
                }
            };
            out.push(EventShaper::delta(
                index,
                Delta::Text {
                    text: text.to_owned(),
                },
            ));
        }
        if let Some(calls) = delta.get("tool_calls").and_then(Value::as_array) {
            for (position, call) in calls.iter().enumerate() {
                let tool = call
                    .get("index")
                    .and_then(Value::as_u64)
                    .unwrap_or(position as u64);
                let index = match self.tools.get(&tool) {
                    Some(index) => *index,
                    None => {
                        let id = call.get("id").and_then(Value::as_str).unwrap_or_default();
                        let name = call
                            .pointer("/function/name")
                            .and_then(Value::as_str)
                            .unwrap_or_default();
                        let block = ContentBlock::ToolUse {
                            id: tool_use_id(id, usize::try_from(tool).unwrap_or(usize::MAX)),
                            name: name.to_owned(),
                            input: json!({}),
                        };
                        let index = self.open(block, &mut out);
                        self.tools.insert(tool, index);
                        index
                    }
                };
                if let Some(args) = call
                    .pointer("/function/arguments")
                    .and_then(Value::as_str)
                    .filter(|a| !a.is_empty())
                {
                    out.push(EventShaper::delta(
                        index,
                        Delta::InputJson {
                            partial_json: args.to_owned(),
                        },
                    ));
                }
            }
        }
        if let Some(finish) = choice.get("finish_reason").and_then(Value::as_str) {
            self.stop_reason = Some(stop_reason(FinishReason::parse(finish)));
        }
        out
    }

    /// The closing events, once the whole answer has gone out and is recorded.
    pub fn finish(&mut self) -> Vec<Event> {
        let mut out = Vec::new();
        self.start(&Value::Null, &mut out);
        self.stop_open(&mut out);
        out.push(Event::of(StreamEvent::MessageDelta {
            delta: MessageDelta {
                stop_reason: Some(self.stop_reason.unwrap_or("end_turn").to_owned()),
                stop_sequence: None,
            },
            usage: super::usage(self.usage.as_ref()),
        }));
        out.push(Event::of(StreamEvent::MessageStop {}));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(delta: Value, finish: Value) -> String {
        json!({"id": "chatcmpl-1", "model": "m", "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}).to_string()
    }

    fn names(events: &[Event]) -> Vec<&'static str> {
        events.iter().map(|e| e.name).collect()
    }

    #[test]
    fn text_then_tool_calls_come_out_in_anthropic_order() {
        let mut s = EventShaper::new();
        let mut events = Vec::new();
        events.extend(s.chunk(&chunk(
            json!({"role": "assistant", "content": ""}),
            Value::Null,
        )));
        events.extend(s.chunk(&chunk(json!({"content": "Hi "}), Value::Null)));
        // Text the restorer held back comes out with the tool call's first chunk.
        events.extend(s.chunk(&chunk(
            json!({"content": "there", "tool_calls": [{"index": 0, "id": "call_1", "type": "function",
            "function": {"name": "weather", "arguments": ""}}]}),
            Value::Null,
        )));
        events.extend(s.chunk(&chunk(
            json!({"tool_calls": [{"index": 0, "function": {"arguments": "{\"city\":"}}]}),
            Value::Null,
        )));
        events.extend(s.chunk(&chunk(
            json!({"tool_calls": [{"index": 0, "function": {"arguments": "\"Paris\"}"}}]}),
            json!("tool_calls"),
        )));
        events.extend(s.chunk(&json!({"id": "chatcmpl-1", "choices": [], "usage": {"prompt_tokens": 9, "completion_tokens": 3}}).to_string()));
        events.extend(s.finish());
        assert_eq!(
            names(&events),
            [
                "message_start",
                "ping",
                "content_block_start",
                "content_block_delta",
                "content_block_delta",
                "content_block_stop",
                "content_block_start",
                "content_block_delta",
                "content_block_delta",
                "content_block_stop",
                "message_delta",
                "message_stop"
            ]
        );
        assert_eq!(events[0].data["message"]["id"], "msg_chatcmpl-1");
        assert_eq!(
            events[4].data,
            json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "there"}})
        );
        assert_eq!(
            events[5].data,
            json!({"type": "content_block_stop", "index": 0})
        );
        assert_eq!(
            events[6].data["content_block"],
            json!({"type": "tool_use", "id": "call_1", "name": "weather", "input": {}})
        );
        assert_eq!(
            events[8].data["delta"],
            json!({"type": "input_json_delta", "partial_json": "\"Paris\"}"})
        );
        assert_eq!(
            events[9].data,
            json!({"type": "content_block_stop", "index": 1})
        );
        assert_eq!(
            events[10].data,
            json!({"type": "message_delta",
            "delta": {"stop_reason": "tool_use", "stop_sequence": null},
            "usage": {"input_tokens": 9, "output_tokens": 3}})
        );
        assert_eq!(
            events[11].frame(),
            Bytes::from_static(b"event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
        );
    }

    #[test]
    fn each_tool_call_is_stopped_before_the_next_starts() {
        let mut s = EventShaper::new();
        let mut events = Vec::new();
        for (tool, name) in [(0, "a"), (1, "b")] {
            events.extend(s.chunk(&chunk(
                json!({"tool_calls": [{"index": tool, "id": format!("call_{tool}"), "function": {"name": name, "arguments": "{}"}}]}),
                Value::Null,
            )));
        }
        events.extend(s.finish());
        let blocks: Vec<(&str, Value)> = events
            .iter()
            .filter(|e| e.name.starts_with("content_block"))
            .map(|e| (e.name, e.data["index"].clone()))
            .collect();
        assert_eq!(
            blocks,
            [
                ("content_block_start", json!(0)),
                ("content_block_delta", json!(0)),
                ("content_block_stop", json!(0)),
                ("content_block_start", json!(1)),
                ("content_block_delta", json!(1)),
                ("content_block_stop", json!(1)),
            ]
        );
    }

    proptest::proptest! {
        /// However the text and a tool call's arguments are split into chunks, the
        /// events carry exactly that text and those arguments, each in its own block,
        /// every delta after its block's start and before its stop.
        #[test]
        fn chunk_splits_never_change_the_blocks(
            text in "[a-z <>_0-9]{0,40}",
            args in "[a-z\"{}:,]{0,40}",
            cuts in proptest::collection::vec(0usize..40, 0..6),
        ) {
            let pieces = |s: &str| {
                let mut at: Vec<usize> = cuts.iter().map(|c| c % (s.len() + 1)).collect();
                at.extend([0, s.len()]);
                at.sort_unstable();
                at.dedup();
                at.windows(2).map(|w| s[w[0]..w[1]].to_owned()).collect::<Vec<_>>()
            };
            let mut s = EventShaper::new();
            let mut events = Vec::new();
            for piece in pieces(&text) {
                events.extend(s.chunk(&chunk(json!({"content": piece}), Value::Null)));
            }
            events.extend(s.chunk(&chunk(json!({"tool_calls": [{"index": 0, "id": "c", "function": {"name": "f", "arguments": ""}}]}), Value::Null)));
            for piece in pieces(&args) {
                events.extend(s.chunk(&chunk(json!({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]}), Value::Null)));
            }
            events.extend(s.finish());
            let mut by_block: BTreeMap<u64, (String, bool)> = BTreeMap::new();
            for e in &events {
                let index = e.data["index"].as_u64();
                match e.name {
                    "content_block_start" => { by_block.insert(index.unwrap(), (String::new(), false)); }
                    "content_block_delta" => {
                        let block = by_block.get_mut(&index.unwrap()).expect("delta after start");
                        proptest::prop_assert!(!block.1, "delta after stop");
                        let d = &e.data["delta"];
                        block.0.push_str(d["text"].as_str().or(d["partial_json"].as_str()).unwrap());
                    }
                    "content_block_stop" => by_block.get_mut(&index.unwrap()).unwrap().1 = true,
                    _ => {}
                }
            }
            let blocks: Vec<(String, bool)> = by_block.into_values().collect();
            let mut expected = Vec::new();
            if !text.is_empty() { expected.push((text.clone(), true)); }
            expected.push((args.clone(), true));
            proptest::prop_assert_eq!(blocks, expected);
        }
    }

    #[test]
    fn an_empty_stream_still_starts_and_stops() {
        let mut s = EventShaper::new();
        let events = s.finish();
        assert_eq!(
            names(&events),
            ["message_start", "ping", "message_delta", "message_stop"]
        );
        assert_eq!(events[2].data["delta"]["stop_reason"], "end_turn");
        assert_eq!(
            Event::error("boom").data,
            json!({"type": "error", "error": {"type": "api_error", "message": "boom"}})
        );
    }
}
