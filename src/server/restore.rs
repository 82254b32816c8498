//! Putting tokenized values back into answers for the client, in a JSON completion and
//! in an SSE stream whose tokens may be split across chunks (each choice's content and
//! each tool call's arguments get their own pipe: the output scanner, when the policy
//! asks for one, then the token restorer; each holds back only what can still become a
//! finding or a token). Tool-call arguments are JSON text: values restored into them
//! are escaped for it. Also collects what the audit record of the answer keeps: the
//! usage and the text as received.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::Value;

use crate::openai::json_text;
use crate::openai::Usage;
use crate::pii::output::OutputStream;
use crate::pii::{Engine, Restorer, StreamRestorer};

/// Most text of an answer kept for the audit record's capture.
const MAX_CAPTURE: usize = 1 << 20;

/// Masks PII the model wrote itself in each choice's message content and tool-call
/// arguments (before restoring, so the client's own values, restored from tokens, are
/// left alone). Arguments are scanned as JSON: strings, numbers and keys.
pub fn scan_completion(value: &mut Value, engine: &Engine) {
    let Some(Value::Array(choices)) = value.get_mut("choices") else {
        return;
    };
    for choice in choices.iter_mut() {
        let Some(message) = choice.get_mut("message") else {
            continue;
        };
        if let Some(Value::String(text)) = message.get_mut("content") {
            *text = engine.scan_output(text);
        }
        for_each_arguments(message, |args| {
            let scanned: Result<(), std::convert::Infallible> = json_text(args, &mut |text| {
                *text = engine.scan_output(text);
                Ok(())
            });
            scanned.ok();
        });
    }
}

/// Calls `f` on each tool call's (and a legacy function call's) arguments in `message`.
fn for_each_arguments(message: &mut Value, mut f: impl FnMut(&mut String)) {
    if let Some(Value::Array(calls)) = message.get_mut("tool_calls") {
        for call in calls.iter_mut() {
            if let Some(Value::String(args)) = call.pointer_mut("/function/arguments") {
                f(args);
            }
        }
    }
    if let Some(Value::String(args)) = message.pointer_mut("/function_call/arguments") {
        f(args);
    }
}

/// Restores every string inside `choices`; tool-call arguments with values escaped
/// for the JSON text they sit in.
pub fn restore_completion(value: &mut Value, restorer: &Restorer) {
    if restorer.is_empty() {
        return;
    }
    let Some(choices) = value.get_mut("choices") else {
        return;
    };
    let json = restorer.for_json_text();
    if let Value::Array(list) = choices {
        for choice in list.iter_mut() {
            if let Some(message) = choice.get_mut("message") {
                for_each_arguments(message, |args| *args = json.restore(args));
            }
        }
    }
    restorer.restore_json(choices);
}

/// Which text of a streamed choice a pipe follows.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Content,
    ToolArguments(u64),
}

/// One part's text on its way out: the output scanner (if any), then the restorer.
struct Pipe {
    scanner: Option<OutputStream<Arc<Engine>>>,
    restorer: Option<StreamRestorer>,
}

impl Pipe {
    fn push(&mut self, text: &str) -> String {
        let scanned = match &mut self.scanner {
            Some(scanner) => scanner.push(text),
            None => text.to_owned(),
        };
        match &mut self.restorer {
            Some(restorer) => restorer.push(&scanned),
            None => scanned,
        }
    }

    /// Everything still held back, at the part's end.
    fn finish(&mut self) -> String {
        let mut out = match &mut self.scanner {
            Some(scanner) => {
                let rest = scanner.finish();
                match &mut self.restorer {
                    Some(restorer) => restorer.push(&rest),
                    None => rest,
                }
            }
            None => String::new(),
        };
        if let Some(restorer) = &mut self.restorer {
            out.push_str(&restorer.finish());
        }
        out
    }
}

/// Applies restoration to each chunk of a stream and remembers usage and text.
pub struct StreamTap {
    restorer: Restorer,
    /// The same tokens with values escaped for JSON text (tool-call arguments), made
    /// when the first tool call's arguments arrive: most streams carry none, and each
    /// open stream would hold a second copy of the token map for nothing.
    json_restorer: Option<Restorer>,
    open: BTreeMap<(u64, Part), Pipe>,
    /// With output scanning: the engine.
    output: Option<Arc<Engine>>,
    /// Tool-argument text released at a choice's end, to go out in its last chunk.
    held_tools: Vec<(u64, u64, String)>,
    /// The last chunk seen, as JSON text: the template of a final flush chunk. Text,
    /// not the parsed tree, because every open stream holds it: a chunk's `Value` tree
    /// (maps with their hash indexes, each key and string its own allocation) is several
    /// times the size of its text, and it is read back at most once, at the end.
    template: Option<String>,
    pub usage: Option<Usage>,
    pub received: String,
    /// The usage-only chunk was asked for by the gateway, not the client: keep it back.
    hide_usage_chunk: bool,
}

impl StreamTap {
    pub fn new(restorer: Restorer) -> StreamTap {
        StreamTap {
            json_restorer: None,
            restorer,
            open: BTreeMap::new(),
            output: None,
            held_tools: Vec::new(),
            template: None,
            usage: None,
            received: String::new(),
            hide_usage_chunk: false,
        }
    }

    /// Scans each choice's content and tool-call arguments for PII the model wrote
    /// (held back at most the scanner's window), before tokens are restored.
    pub fn scanning_output(mut self, engine: Option<Arc<Engine>>) -> StreamTap {
        self.output = engine;
        self
    }

    /// Whether text needs to pass a pipe at all.
    fn active(&self) -> bool {
        self.output.is_some() || !self.restorer.is_empty()
    }

    /// Text of one part through its pipe.
    fn push(&mut self, choice: u64, part: Part, text: &str) -> String {
        if !self.active() {
            return text.to_owned();
        }
        if matches!(part, Part::ToolArguments(_)) && self.json_restorer.is_none() {
            self.json_restorer = Some(self.restorer.for_json_text());
        }
        let (output, restorer, json_restorer) = (&self.output, &self.restorer, &self.json_restorer);
        self.open
            .entry((choice, part))
            .or_insert_with(|| Pipe {
                scanner: output.clone().map(OutputStream::new),
                restorer: (!restorer.is_empty()).then(|| match (part, json_restorer) {
                    (Part::ToolArguments(_), Some(json)) => json.stream(),
                    _ => restorer.stream(),
                }),
            })
            .push(text)
    }

    /// Content text through its pipe; at the choice's end, with all it held back.
    fn content(&mut self, choice: u64, text: &str, finished: bool) -> String {
        let mut out = self.push(choice, Part::Content, text);
        if finished {
            out.push_str(&self.flush_choice(choice));
        }
        out
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
        if let Some(out) = self.apply_text_only(&data) {
            return Some(out.unwrap_or(data));
        }
        let Ok(mut chunk) = serde_json::from_str::<Value>(&data) else {
            return Some(data);
        };
        if let Some(usage) = Usage::of_answer(&chunk) {
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
                let has_text = matches!(delta.get("content"), Some(Value::String(_)));
                if has_text || finished {
                    if self.active() {
                        // Taken out of the chunk, not copied: the chunk gets the restored
                        // text back in its place.
                        let received = match delta.get_mut("content") {
                            Some(Value::String(text)) => std::mem::take(text),
                            _ => String::new(),
                        };
                        self.keep(&received);
                        let out = self.content(index, &received, finished);
                        // Most chunks hold no token and nothing held back: their text
                        // goes back in place and the event goes out as received, not
                        // serialised again.
                        if out == received {
                            if has_text {
                                delta["content"] = Value::String(received);
                            }
                        } else {
                            delta["content"] = Value::String(out);
                            changed = true;
                        }
                    } else if let Some(text) = delta.get("content").and_then(Value::as_str) {
                        self.keep(text);
                    }
                }
                if let Some(Value::Array(calls)) = delta.get_mut("tool_calls") {
                    let calls = std::mem::take(calls);
                    // Parts end in order: the text before a tool call, and each tool
                    // call's arguments before the next call, are released whole when
                    // the next part begins (clients such as Anthropic's close a block
                    // before the next opens).
                    let rest = self.flush(index, |part| part == Part::Content);
                    if let Some((_, rest)) = rest.into_iter().next() {
                        let before = delta.get("content").and_then(Value::as_str).unwrap_or("");
                        delta["content"] = Value::String(format!("{before}{rest}"));
                        changed = true;
                    }
                    let mut out = Vec::with_capacity(calls.len());
                    for (position, mut call) in calls.into_iter().enumerate() {
                        let tool = call
                            .get("index")
                            .and_then(Value::as_u64)
                            .unwrap_or(position as u64);
                        let earlier = self.flush(
                            index,
                            |part| matches!(part, Part::ToolArguments(t) if t != tool),
                        );
                        for (part, rest) in earlier {
                            if let Part::ToolArguments(t) = part {
                                out.push(serde_json::json!({"index": t, "function": {"arguments": rest}}));
                                changed = true;
                            }
                        }
                        if let Some(Value::String(args)) = call.pointer_mut("/function/arguments") {
                            if self.active() {
                                *args = self.push(index, Part::ToolArguments(tool), &args.clone());
                                changed = true;
                            }
                        }
                        out.push(call);
                    }
                    delta["tool_calls"] = Value::Array(out);
                }
                let (mine, others): (Vec<_>, Vec<_>) =
                    self.held_tools.drain(..).partition(|(c, _, _)| *c == index);
                self.held_tools = others;
                for (_, tool, rest) in mine {
                    let call = serde_json::json!({"index": tool, "function": {"arguments": rest}});
                    match delta.get_mut("tool_calls") {
                        Some(Value::Array(calls)) => calls.push(call),
                        _ => delta["tool_calls"] = Value::Array(vec![call]),
                    }
                    changed = true;
                }
            }
        }
        // Only the last chunk is kept, as text, for the template of a final flush chunk
        // (`finish`): the received text when it goes out changed (moved, not copied). A
        // tap with no pipes holds nothing back, so it never makes that chunk.
        let out = if changed {
            let out = chunk.to_string();
            self.template = Some(data);
            out
        } else {
            if self.active() {
                self.template = Some(data.clone());
            }
            data
        };
        Some(out)
    }

    /// [`StreamTap::apply`] for the chunks of nearly every stream: text of choices that
    /// go on, no usage, no tool call, no choice's end, nothing held for a tool call. They
    /// are read into borrowed fields, not a tree (a chunk's tree was most of the relay's
    /// instructions, README "Load", session 17). `None`: not such a chunk, nothing done;
    /// `Some(None)`: send the chunk as received; `Some(Some(text))`: send `text`.
    fn apply_text_only(&mut self, data: &str) -> Option<Option<String>> {
        if !self.held_tools.is_empty() {
            return None;
        }
        let chunk: TextChunk<'_> = serde_json::from_str(data).ok()?;
        let plain = chunk.usage.is_none()
            && chunk.choices.iter().all(|c| {
                c.finish_reason.is_none()
                    && c.delta.as_ref().is_some_and(|d| d.tool_calls.is_none())
            });
        if !plain {
            return None;
        }
        let mut changed: Vec<(usize, String)> = Vec::new();
        for (position, choice) in chunk.choices.iter().enumerate() {
            let Some(text) = choice.delta.as_ref().and_then(|d| d.content.as_deref()) else {
                continue;
            };
            self.keep(text);
            if self.active() {
                let out = self.content(choice.index.unwrap_or(0), text, false);
                if out != text {
                    changed.push((position, out));
                }
            }
        }
        if changed.is_empty() {
            if self.active() {
                self.template = Some(data.to_owned());
            }
            return Some(None);
        }
        // A token restored or text held back: only then is the chunk's tree built, to
        // write the new text in its place.
        let mut tree: Value = serde_json::from_str(data).ok()?;
        for (position, out) in changed {
            if let Some(delta) = tree
                .get_mut("choices")
                .and_then(|c| c.get_mut(position))
                .and_then(|c| c.get_mut("delta"))
            {
                delta["content"] = Value::String(out);
            }
        }
        self.template = Some(data.to_owned());
        Some(Some(tree.to_string()))
    }

    /// Ends the open parts of `choice` that `which` selects: `(part, text held back)`
    /// for each that held some, in part order.
    fn flush(&mut self, choice: u64, which: impl Fn(Part) -> bool) -> Vec<(Part, String)> {
        let keys: Vec<(u64, Part)> = self
            .open
            .keys()
            .filter(|(c, part)| *c == choice && which(*part))
            .copied()
            .collect();
        let mut out = Vec::new();
        for key in keys {
            if let Some(mut pipe) = self.open.remove(&key) {
                let rest = pipe.finish();
                if !rest.is_empty() {
                    out.push((key.1, rest));
                }
            }
        }
        out
    }

    /// What the pipes of `choice` still hold: the content's text, and each tool call's
    /// argument text (kept in `held_tools` for the finishing chunk).
    fn flush_choice(&mut self, choice: u64) -> String {
        let mut out = String::new();
        for (part, rest) in self.flush(choice, |_| true) {
            match part {
                Part::Content => out.push_str(&rest),
                Part::ToolArguments(tool) => self.held_tools.push((choice, tool, rest)),
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
        let mut choices: Vec<u64> = self.open.keys().map(|(c, _)| *c).collect();
        choices.dedup();
        let mut deltas = Vec::new();
        for choice in choices {
            let held = self.content(choice, "", true);
            let tools: Vec<Value> = self
                .held_tools
                .iter()
                .filter(|(c, _, _)| *c == choice)
                .map(|(_, tool, rest)| serde_json::json!({"index": tool, "function": {"arguments": rest}}))
                .collect();
            self.held_tools.retain(|(c, _, _)| *c != choice);
            let mut delta = serde_json::Map::new();
            if !held.is_empty() {
                delta.insert("content".into(), Value::String(held));
            }
            if !tools.is_empty() {
                delta.insert("tool_calls".into(), Value::Array(tools));
            }
            if !delta.is_empty() {
                deltas.push(
                    serde_json::json!({"index": choice, "delta": delta, "finish_reason": null}),
                );
            }
        }
        if deltas.is_empty() {
            return None;
        }
        let mut chunk = self
            .template
            .as_deref()
            .and_then(|t| serde_json::from_str::<Value>(t).ok())
            .filter(Value::is_object)
            .unwrap_or_else(|| serde_json::json!({"object": "chat.completion.chunk"}));
        chunk["choices"] = Value::Array(deltas);
        if let Some(map) = chunk.as_object_mut() {
            map.remove("usage");
        }
        Some(chunk.to_string())
    }
}

/// The fields of a stream chunk that [`StreamTap::apply_text_only`] reads; any other
/// shape (a field of another type, a duplicate key) fails to parse and takes the tree.
#[derive(Deserialize)]
struct TextChunk<'a> {
    #[serde(borrow, default)]
    choices: Vec<TextChoice<'a>>,
    #[serde(default)]
    usage: Option<IgnoredAny>,
}

#[derive(Deserialize)]
struct TextChoice<'a> {
    #[serde(default)]
    index: Option<u64>,
    #[serde(default)]
    finish_reason: Option<IgnoredAny>,
    #[serde(borrow, default)]
    delta: Option<TextDelta<'a>>,
}

#[derive(Deserialize)]
struct TextDelta<'a> {
    #[serde(borrow, default)]
    content: Option<Cow<'a, str>>,
    #[serde(default)]
    tool_calls: Option<IgnoredAny>,
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;
    use zeroize::Zeroizing;

    use super::*;

    fn tap() -> StreamTap {
        let map = BTreeMap::from([(
            "email_address_1".to_owned(),
            Zeroizing::new("jane@example.com".to_owned()),
        )]);
        StreamTap::new(Restorer::new(Arc::new(map)))
    }

    fn chunk(delta: Value) -> String {
        json!({"choices": [{"index": 0, "delta": delta, "finish_reason": null}]}).to_string()
    }

    fn delta(out: Option<String>) -> Value {
        serde_json::from_str::<Value>(&out.unwrap()).unwrap()["choices"][0]["delta"].clone()
    }

    #[test]
    fn a_chunk_without_tokens_goes_out_as_received_and_one_with_a_token_restored() {
        let mut tap = tap();
        // Spacing serde_json would not write: a chunk sent again after parsing loses it.
        let plain =
            r#"{"choices": [{"index": 0, "delta": {"content": "Dear "}, "finish_reason": null}]}"#;
        assert_eq!(tap.apply(plain.to_owned()).as_deref(), Some(plain));
        let token = plain.replace("Dear ", "to <EMAIL_ADDRESS_1> ");
        let restored = tap.apply(token.clone()).unwrap();
        assert_ne!(restored, token);
        assert_eq!(delta(Some(restored))["content"], "to jane@example.com ");
        assert_eq!(tap.received, "Dear to <EMAIL_ADDRESS_1> ");
    }

    #[test]
    fn a_token_split_across_text_chunks_is_held_then_restored_whole() {
        let mut tap = tap();
        let first = delta(tap.apply(chunk(json!({"content": "line\none to <EMAIL_ADD"}))));
        assert_eq!(first["content"], "line\none to ");
        let second = delta(tap.apply(chunk(json!({"content": "RESS_1> \"now\""}))));
        assert_eq!(second["content"], "jane@example.com \"now\"");
        assert_eq!(tap.received, "line\none to <EMAIL_ADDRESS_1> \"now\"");
        assert!(tap.finish().is_none(), "nothing is left to flush");
    }

    #[test]
    fn held_back_text_is_released_when_a_tool_call_begins() {
        let mut tap = tap();
        // The token may still go on ("..._10"), so the restorer holds it back.
        let first = delta(tap.apply(chunk(json!({"content": "mail <EMAIL_ADDRESS_1"}))));
        assert_eq!(first["content"], "mail ");
        let second = delta(
            tap.apply(chunk(json!({"tool_calls": [{"index": 0, "id": "c0",
            "function": {"name": "send", "arguments": "{\"to\":\"<EMAIL_ADDRESS_1>\"}"}}]}))),
        );
        assert_eq!(second["content"], "jane@example.com");
        assert_eq!(
            second["tool_calls"][0]["function"]["arguments"],
            "{\"to\":\"jane@example.com\"}"
        );
    }

    #[test]
    fn a_tool_call_s_held_arguments_go_out_before_the_next_call() {
        let mut tap = tap();
        let first = delta(
            tap.apply(chunk(json!({"tool_calls": [{"index": 0, "id": "c0",
            "function": {"name": "send", "arguments": "{\"to\":\"<EMAIL_ADDRESS_1"}}]}))),
        );
        assert_eq!(
            first["tool_calls"][0]["function"]["arguments"],
            "{\"to\":\""
        );
        let second = delta(
            tap.apply(chunk(json!({"tool_calls": [{"index": 1, "id": "c1",
            "function": {"name": "log", "arguments": "{}"}}]}))),
        );
        let calls = second["tool_calls"].as_array().unwrap();
        assert_eq!(calls.len(), 2, "{second}");
        assert_eq!(calls[0]["index"], 0);
        assert_eq!(calls[0]["function"]["arguments"], "jane@example.com");
        assert_eq!(calls[1]["index"], 1);
        assert!(tap.finish().is_none(), "nothing is left to flush");
    }

    #[test]
    fn the_final_flush_chunk_is_made_from_the_last_chunk_s_fields() {
        let mut tap = tap();
        let last = json!({"id": "chatcmpl-7", "object": "chat.completion.chunk",
            "model": "m-1", "choices": [{"index": 0,
            "delta": {"content": "write to <EMAIL_ADDRESS_1"}, "finish_reason": null}],
            "usage": {"prompt_tokens": 3, "completion_tokens": 4, "total_tokens": 7}});
        assert_eq!(delta(tap.apply(last.to_string()))["content"], "write to ");
        let flushed: Value = serde_json::from_str(&tap.finish().unwrap()).unwrap();
        assert_eq!(flushed["id"], "chatcmpl-7");
        assert_eq!(flushed["model"], "m-1");
        assert_eq!(flushed["object"], "chat.completion.chunk");
        // Restored at the end although the token was never closed.
        assert_eq!(
            flushed["choices"][0]["delta"]["content"],
            "jane@example.com"
        );
        assert!(flushed.get("usage").is_none(), "{flushed}");
        assert_eq!(flushed["choices"].as_array().unwrap().len(), 1);
    }
}
