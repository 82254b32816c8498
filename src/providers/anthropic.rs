//! The Anthropic Messages dialect (`POST {base}/messages`, `x-api-key`,
//! `anthropic-version: 2023-06-01`).
//!
//! Requests are translated from OpenAI's chat shape: system and developer messages
//! become the top-level `system`; consecutive messages of one role are merged (the API
//! requires alternation); images become `image` blocks (data URLs as base64 sources,
//! http(s) URLs as url sources); assistant tool calls become `tool_use` blocks and
//! `role: tool` messages `tool_result` blocks in a user turn; `max_tokens`, which
//! Anthropic requires, defaults to 4096. Answers, stream events and error bodies are
//! translated back into OpenAI's shape; stream events one by one as they arrive.
//! What Anthropic cannot express (`n > 1`, `response_format`, audio or file parts) is
//! refused with a 400 rather than silently dropped. Anthropic has no embeddings API.

use std::collections::HashMap;

use bytes::Bytes;
use serde_json::{json, Value};

use super::adapter::{Dialect, Encoded, KeyHeader, Outgoing};
use super::http::{Flow, StreamTranslator};
use super::shape::{self, Chunks, NativeError};
use super::ProviderError;
use crate::config::ProviderConfig;
use crate::messages::finish_reason;
use crate::messages::wire::request::{
    Block, ImageSource, Metadata, Request as MessagesRequest, Role, TextOr, Tool, ToolChoice, Turn,
};
use crate::messages::wire::{self, ContentBlock, Delta, StreamEvent, Usage};
use crate::openai::view::{
    ChatView, Image, Message as ViewMessage, Role as ViewRole, ToolChoice as Choice,
};
use crate::openai::{ChatRequest, EmbeddingsRequest};

/// The API's name in refusals.
const API: &str = "Anthropic";
/// The Messages API version this dialect speaks.
const ANTHROPIC_VERSION: &str = "2023-06-01";
/// Anthropic requires `max_tokens`; OpenAI clients often leave it out.
const DEFAULT_MAX_TOKENS: u64 = 4096;

pub(super) struct Anthropic;

impl Dialect for Anthropic {
    type Stream = StreamState;

    const KEY: KeyHeader = KeyHeader::Named("x-api-key");
    const HEADERS: &'static [(&'static str, &'static str)] =
        &[("anthropic-version", ANTHROPIC_VERSION)];

    fn chat(&self, provider: &ProviderConfig, request: &ChatRequest) -> Encoded {
        let native = to_messages_request(&provider.name, request)?;
        Outgoing::json(provider, format!("{}/messages", provider.base_url), &native)
    }

    fn completion(&self, _request: &ChatRequest, answer: Bytes) -> Result<Bytes, String> {
        to_completion(&answer)
    }

    fn stream(&self, request: &ChatRequest) -> StreamState {
        StreamState::new(request.view().include_usage)
    }

    fn error(&self, error: ProviderError) -> ProviderError {
        shape::map_status_error(error, native_error)
    }

    fn embeddings(&self, provider: &ProviderConfig, _request: &EmbeddingsRequest) -> Encoded {
        Err(shape::refuse(
            &provider.name,
            format!(
                "Provider \"{}\" is an Anthropic provider, and Anthropic offers no embeddings API; route embedding models to another provider.",
                provider.name
            ),
            Some("model"),
        ))
    }
}

// ---- request: OpenAI chat -> Anthropic Messages ----

fn to_messages_request(
    provider: &str,
    request: &ChatRequest,
) -> Result<MessagesRequest, ProviderError> {
    let view = request.view();
    if view.choices.is_some_and(|n| n > 1) {
        return Err(shape::refuse(
            provider,
            "Anthropic returns one choice per request; `n` must be 1 for this model.".into(),
            Some("n"),
        ));
    }
    if let Some(format) = view.response_format.filter(|f| *f != "text") {
        return Err(shape::refuse(
            provider,
            format!("Anthropic has no `response_format` \"{format}\"; describe the format in the prompt or use a tool."),
            Some("response_format"),
        ));
    }
    let (system, messages) = translate_messages(provider, &view)?;
    let tools = shape::function_tools(provider, &view)?
        .into_iter()
        .map(|t| Tool {
            kind: None,
            name: t.name.to_owned(),
            description: t.description.map(str::to_owned),
            input_schema: t
                .parameters
                .cloned()
                .unwrap_or_else(|| json!({"type": "object", "properties": {}})),
        })
        .collect();
    let sampling = &view.sampling;
    Ok(MessagesRequest {
        model: view.model.to_owned(),
        max_tokens: sampling.max_tokens.unwrap_or(DEFAULT_MAX_TOKENS),
        system: system.map(TextOr::Text),
        messages,
        temperature: sampling.temperature,
        top_p: sampling.top_p,
        top_k: sampling.top_k,
        stop_sequences: sampling
            .stop
            .as_ref()
            .map(|stop| stop.iter().map(|s| (*s).to_owned()).collect()),
        tools,
        tool_choice: tool_choice(provider, &view)?,
        stream: view.stream.then_some(true),
        metadata: view.user.map(|u| Metadata {
            user_id: Some(u.to_owned()),
        }),
        thinking: None,
        service_tier: None,
    })
}

fn tool_choice(provider: &str, view: &ChatView<'_>) -> Result<Option<ToolChoice>, ProviderError> {
    let serial = (view.parallel_tool_calls == Some(false)).then_some(true);
    let choice = match view.tool_choice {
        None => {
            return Ok(serial.map(|_| ToolChoice::Auto {
                disable_parallel_tool_use: serial,
            }))
        }
        Some(Choice::Auto) => ToolChoice::Auto {
            disable_parallel_tool_use: serial,
        },
        Some(Choice::Required) => ToolChoice::Any {
            disable_parallel_tool_use: serial,
        },
        Some(Choice::None) => ToolChoice::None,
        Some(Choice::Function(name)) => ToolChoice::Tool {
            name: name.to_owned(),
            disable_parallel_tool_use: serial,
        },
        Some(Choice::Invalid) => return Err(shape::invalid_tool_choice(provider)),
    };
    Ok(Some(choice))
}

/// The system prompt and the alternating user/assistant turns.
fn translate_messages(
    provider: &str,
    view: &ChatView<'_>,
) -> Result<(Option<String>, Vec<Turn>), ProviderError> {
    let conversation = shape::conversation(provider, API, view, |i, m| match m.role {
        ViewRole::Assistant => Ok((Role::Assistant, assistant_blocks(provider, m, i)?)),
        ViewRole::Tool => {
            let id = m.tool_call_id.ok_or_else(|| {
                shape::refuse(
                    provider,
                    format!("`messages[{i}]` has role tool but no `tool_call_id`."),
                    Some("messages"),
                )
            })?;
            let result = Block::ToolResult {
                tool_use_id: id.to_owned(),
                content: Some(TextOr::Text(m.content.text().unwrap_or_default())),
                is_error: false,
            };
            Ok((Role::User, vec![result]))
        }
        _ => Ok((Role::User, user_blocks(provider, m, i)?)),
    })?;
    let turns = conversation
        .turns
        .into_iter()
        .map(|(role, mut content): (Role, Vec<Block>)| {
            // Anthropic wants tool results first in the user turn that answers tool calls.
            if role == Role::User {
                content.sort_by_key(|b| !matches!(b, Block::ToolResult { .. }));
            }
            Turn {
                role,
                content: TextOr::Blocks(content),
            }
        })
        .collect();
    let system = (!conversation.system.is_empty()).then(|| conversation.system.join("\n\n"));
    Ok((system, turns))
}

fn text_block(text: &str) -> Block {
    Block::text(text)
}

fn user_blocks(provider: &str, m: &ViewMessage<'_>, i: usize) -> Result<Vec<Block>, ProviderError> {
    shape::user_parts(provider, API, i, &m.content, text_block, |image, j| {
        let source = match image {
            Image::Inline { media_type, data } => ImageSource::Base64 {
                media_type: media_type.to_owned(),
                data: data.to_owned(),
            },
            Image::Web(url) => ImageSource::Url {
                url: url.to_owned(),
            },
            Image::Unusable => {
                return Err(shape::refuse(
                    provider,
                    format!("`messages[{i}].content[{j}].image_url.url` must be an http(s) URL or a base64 data URL."),
                    Some("messages"),
                ))
            }
        };
        Ok(Block::Image { source })
    })
}

fn assistant_blocks(
    provider: &str,
    m: &ViewMessage<'_>,
    i: usize,
) -> Result<Vec<Block>, ProviderError> {
    let mut blocks: Vec<Block> = shape::assistant_text(&m.content, text_block);
    for (j, call) in m.tool_calls.iter().enumerate() {
        let at = format!("messages[{i}].tool_calls[{j}]");
        let (Some(id), Some(name)) = (call.id, call.name) else {
            return Err(shape::refuse(
                provider,
                format!("`{at}` needs an `id` and a `function.name`."),
                Some("messages"),
            ));
        };
        blocks.push(Block::ToolUse {
            id: id.to_owned(),
            name: name.to_owned(),
            input: shape::call_arguments(provider, call, &at)?,
        });
    }
    Ok(blocks)
}

// ---- response: Anthropic Message -> OpenAI chat.completion ----

fn to_completion(bytes: &[u8]) -> Result<Bytes, String> {
    let message: wire::Message = serde_json::from_slice(bytes)
        .map_err(|e| format!("its answer is not an Anthropic message: {e}"))?;
    let model = message
        .model
        .ok_or("its answer is not an Anthropic message: it names no model")?;
    let mut text = String::new();
    let mut has_text = false;
    let mut calls = Vec::new();
    for block in &message.content {
        match block {
            ContentBlock::Text { text: t } => {
                text.push_str(t);
                has_text = true;
            }
            ContentBlock::ToolUse { id, name, input } => {
                let input = if input.is_null() {
                    json!({})
                } else {
                    input.clone()
                };
                calls.push(shape::tool_call(id, name, &input));
            }
            ContentBlock::Other => {}
        }
    }
    Ok(shape::completion(
        &message.id,
        &model,
        has_text.then_some(text),
        calls,
        finish_reason(message.stop_reason.as_deref()),
        Some(message.usage.to_openai()),
    ))
}

/// Anthropic's error body `{"type": "error", "error": {"type", "message"}}` in OpenAI's
/// terms; Anthropic's error type becomes the `code`.
fn native_error(_status: u16, body: &Value) -> Option<NativeError> {
    let error = body.get("error")?;
    Some(NativeError {
        message: error.get("message")?.as_str()?.to_owned(),
        kind: None,
        param: None,
        code: error.get("type").and_then(Value::as_str).map(str::to_owned),
    })
}

// ---- stream: Anthropic events -> OpenAI chunks ----

/// The translation state of one stream: the chunk envelope, which content block is
/// which OpenAI tool call, and the usage so far.
pub(super) struct StreamState {
    chunks: Chunks,
    include_usage: bool,
    tool_calls: HashMap<usize, usize>,
    usage: Usage,
    started: bool,
}

impl StreamState {
    fn new(include_usage: bool) -> StreamState {
        StreamState {
            chunks: Chunks {
                id: String::new(),
                model: String::new(),
                created: shape::now_unix(),
            },
            include_usage,
            tool_calls: HashMap::new(),
            usage: Usage::default(),
            started: false,
        }
    }
}

impl StreamTranslator for StreamState {
    fn event(&mut self, _name: &str, data: &str, out: &mut Vec<String>) -> Result<Flow, String> {
        let event: StreamEvent = serde_json::from_str(data)
            .map_err(|e| format!("it sent a stream event that is not Anthropic's: {e}"))?;
        if !self.started
            && !matches!(
                event,
                StreamEvent::MessageStart { .. }
                    | StreamEvent::Ping {}
                    | StreamEvent::Error { .. }
                    | StreamEvent::Unknown
            )
        {
            return Err("its stream did not begin with message_start".into());
        }
        match event {
            StreamEvent::MessageStart { message } => {
                self.started = true;
                self.chunks.id = message.id;
                self.chunks.model = message.model.ok_or("its message_start names no model")?;
                self.usage.update(&message.usage);
                out.push(
                    self.chunks
                        .delta(json!({"role": "assistant", "content": ""}), None),
                );
            }
            StreamEvent::ContentBlockStart {
                index,
                content_block,
            } => match content_block {
                ContentBlock::ToolUse { id, name, .. } => {
                    let call = self.tool_calls.len();
                    self.tool_calls.insert(index, call);
                    out.push(self.chunks.delta(
                        json!({"tool_calls": [{"index": call, "id": id, "type": "function",
                                               "function": {"name": name, "arguments": ""}}]}),
                        None,
                    ));
                }
                ContentBlock::Text { text } if !text.is_empty() => {
                    out.push(self.chunks.delta(json!({"content": text}), None));
                }
                _ => {}
            },
            StreamEvent::ContentBlockDelta { index, delta } => match delta {
                Delta::Text { text } => {
                    out.push(self.chunks.delta(json!({"content": text}), None));
                }
                Delta::InputJson { partial_json } if !partial_json.is_empty() => {
                    let call = self.tool_calls.get(&index).copied().ok_or_else(|| {
                        format!("it sent tool input for content block {index}, which is not a tool_use block")
                    })?;
                    out.push(self.chunks.delta(
                        json!({"tool_calls": [{"index": call, "function": {"arguments": partial_json}}]}),
                        None,
                    ));
                }
                _ => {}
            },
            StreamEvent::MessageDelta { delta, usage } => {
                self.usage.update(&usage);
                out.push(
                    self.chunks
                        .delta(json!({}), Some(finish_reason(delta.stop_reason.as_deref()))),
                );
            }
            StreamEvent::MessageStop {} => {
                if self.include_usage {
                    out.push(self.chunks.usage(self.usage.to_openai()));
                }
                return Ok(Flow::Done);
            }
            StreamEvent::Error { error } => {
                return Err(format!(
                    "Anthropic sent an error event ({}): {}",
                    error.kind, error.message
                ))
            }
            StreamEvent::ContentBlockStop { .. } | StreamEvent::Ping {} | StreamEvent::Unknown => {}
        }
        Ok(Flow::Continue)
    }

    fn closed(&mut self, _out: &mut Vec<String>) -> Result<(), String> {
        Err("the stream ended before message_stop".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn translate(body: Value) -> Result<Value, ProviderError> {
        shape::translated(to_messages_request, body)
    }

    fn refused(body: Value) -> Value {
        shape::refusal_body(translate(body))
    }

    #[test]
    fn system_messages_become_the_top_level_system_prompt() {
        let v = translate(json!({"model": "claude", "messages": [
            {"role": "system", "content": "be brief"},
            {"role": "developer", "content": [{"type": "text", "text": "be kind"}]},
            {"role": "user", "content": "hi"}]}))
        .unwrap();
        assert_eq!(v["system"], "be brief\n\nbe kind");
        assert_eq!(
            v["messages"],
            json!([{"role": "user", "content": [{"type": "text", "text": "hi"}]}])
        );
        assert_eq!(v["max_tokens"], DEFAULT_MAX_TOKENS);
        assert!(v.get("stream").is_none());
    }

    #[test]
    fn consecutive_roles_merge_and_tool_results_come_first() {
        let v = translate(json!({"model": "claude", "messages": [
            {"role": "user", "content": "one"},
            {"role": "user", "content": "two"},
            {"role": "assistant", "content": "let me look", "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "lookup", "arguments": "{\"q\":\"x\"}"}}]},
            {"role": "tool", "tool_call_id": "call_1", "content": "found"},
            {"role": "user", "content": "thanks"}]}))
        .unwrap();
        let m = v["messages"].as_array().unwrap();
        assert_eq!(m.len(), 3);
        assert_eq!(m[0]["content"].as_array().unwrap().len(), 2);
        assert_eq!(
            m[1]["content"][1],
            json!({"type": "tool_use", "id": "call_1", "name": "lookup", "input": {"q": "x"}})
        );
        assert_eq!(m[2]["role"], "user");
        assert_eq!(
            m[2]["content"][0],
            json!({"type": "tool_result", "tool_use_id": "call_1", "content": "found"})
        );
        assert_eq!(m[2]["content"][1]["text"], "thanks");
    }

    #[test]
    fn images_become_base64_or_url_sources() {
        let v = translate(json!({"model": "claude", "messages": [{"role": "user", "content": [
            {"type": "text", "text": "what is this"},
            {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
            {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg", "detail": "high"}}]}]}))
        .unwrap();
        let c = &v["messages"][0]["content"];
        assert_eq!(
            c[1],
            json!({"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}})
        );
        assert_eq!(
            c[2],
            json!({"type": "image", "source": {"type": "url", "url": "https://example.com/cat.jpg"}})
        );
        let e = refused(
            json!({"model": "claude", "messages": [{"role": "user", "content": [
            {"type": "image_url", "image_url": {"url": "file:///etc/passwd"}}]}]}),
        );
        assert!(e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("messages[0].content[0]"));
    }

    #[test]
    fn tools_tool_choice_and_sampling_parameters_translate() {
        let v = translate(json!({"model": "claude", "messages": [{"role": "user", "content": "hi"}],
            "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Weather",
                "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}],
            "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
            "parallel_tool_calls": false, "max_completion_tokens": 100, "temperature": 0.5,
            "top_p": 0.9, "top_k": 40, "stop": "END", "stream": true, "user": "u-1"}))
        .unwrap();
        assert_eq!(v["tools"][0]["name"], "get_weather");
        assert_eq!(
            v["tools"][0]["input_schema"]["properties"]["city"]["type"],
            "string"
        );
        assert_eq!(
            v["tool_choice"],
            json!({"type": "tool", "name": "get_weather", "disable_parallel_tool_use": true})
        );
        assert_eq!(v["max_tokens"], 100);
        assert_eq!(v["temperature"], 0.5);
        assert_eq!(v["top_p"], 0.9);
        assert_eq!(v["top_k"], 40);
        assert_eq!(v["stop_sequences"], json!(["END"]));
        assert_eq!(v["stream"], true);
        assert_eq!(v["metadata"]["user_id"], "u-1");
        for (choice, expected) in [
            ("auto", json!({"type": "auto"})),
            ("required", json!({"type": "any"})),
            ("none", json!({"type": "none"})),
        ] {
            let v = translate(json!({"model": "c", "messages": [{"role": "user", "content": "x"}], "tool_choice": choice})).unwrap();
            assert_eq!(v["tool_choice"], expected);
        }
    }

    #[test]
    fn what_anthropic_cannot_express_is_refused() {
        let e =
            refused(json!({"model": "c", "messages": [{"role": "user", "content": "x"}], "n": 2}));
        assert_eq!(e["error"]["param"], "n");
        let e = refused(
            json!({"model": "c", "messages": [{"role": "user", "content": "x"}],
            "response_format": {"type": "json_object"}}),
        );
        assert_eq!(e["error"]["param"], "response_format");
        let e = refused(
            json!({"model": "c", "messages": [{"role": "assistant", "content": null,
            "tool_calls": [{"id": "1", "type": "function", "function": {"name": "f", "arguments": "[1]"}}]}]}),
        );
        assert!(e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("messages[0].tool_calls[0].function.arguments"));
    }

    #[test]
    fn a_message_becomes_a_chat_completion() {
        let native = json!({"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-x",
            "content": [{"type": "text", "text": "Let me check."},
                        {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Paris"}}],
            "stop_reason": "tool_use", "stop_sequence": null,
            "usage": {"input_tokens": 10, "output_tokens": 5, "cache_creation_input_tokens": 2, "cache_read_input_tokens": 3}});
        let out: Value =
            serde_json::from_slice(&to_completion(native.to_string().as_bytes()).unwrap()).unwrap();
        assert_eq!(out["object"], "chat.completion");
        assert_eq!(out["id"], "msg_01");
        let choice = &out["choices"][0];
        assert_eq!(choice["finish_reason"], "tool_calls");
        assert_eq!(choice["message"]["content"], "Let me check.");
        assert_eq!(
            choice["message"]["tool_calls"][0]["function"]["arguments"],
            "{\"city\":\"Paris\"}"
        );
        assert_eq!(
            out["usage"],
            json!({"prompt_tokens": 15, "completion_tokens": 5, "total_tokens": 20,
            "prompt_tokens_details": {"cached_tokens": 3}})
        );
        for (reason, expected) in [
            ("end_turn", "stop"),
            ("stop_sequence", "stop"),
            ("max_tokens", "length"),
            ("tool_use", "tool_calls"),
            ("refusal", "content_filter"),
        ] {
            assert_eq!(finish_reason(Some(reason)).as_str(), expected);
        }
    }

    fn run(events: &[Value], include_usage: bool) -> (Vec<Value>, Result<Flow, String>) {
        let mut state = StreamState::new(include_usage);
        let mut out = Vec::new();
        let mut last = Ok(Flow::Continue);
        for e in events {
            last = state.event("", &e.to_string(), &mut out);
            if last.is_err() {
                break;
            }
        }
        (
            out.iter()
                .map(|c| serde_json::from_str(c).unwrap())
                .collect(),
            last,
        )
    }

    #[test]
    fn stream_events_translate_one_by_one() {
        let events = [
            json!({"type": "message_start", "message": {"id": "msg_1", "type": "message", "role": "assistant",
                "content": [], "model": "claude-x", "stop_reason": null, "stop_sequence": null,
                "usage": {"input_tokens": 25, "output_tokens": 1}}}),
            json!({"type": "ping"}),
            json!({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
            json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Hi"}}),
            json!({"type": "content_block_stop", "index": 0}),
            json!({"type": "content_block_start", "index": 1, "content_block": {"type": "tool_use", "id": "toolu_1", "name": "f", "input": {}}}),
            json!({"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta", "partial_json": ""}}),
            json!({"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta", "partial_json": "{\"a\":"}}),
            json!({"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta", "partial_json": "1}"}}),
            json!({"type": "content_block_stop", "index": 1}),
            json!({"type": "message_delta", "delta": {"stop_reason": "tool_use", "stop_sequence": null}, "usage": {"output_tokens": 9}}),
            json!({"type": "message_stop"}),
        ];
        let (chunks, last) = run(&events, true);
        assert_eq!(last, Ok(Flow::Done));
        assert_eq!(chunks.len(), 7);
        assert_eq!(chunks[0]["choices"][0]["delta"]["role"], "assistant");
        assert_eq!(chunks[0]["id"], "msg_1");
        assert_eq!(chunks[1]["choices"][0]["delta"]["content"], "Hi");
        assert_eq!(
            chunks[2]["choices"][0]["delta"]["tool_calls"][0],
            json!({"index": 0, "id": "toolu_1", "type": "function", "function": {"name": "f", "arguments": ""}})
        );
        assert_eq!(
            chunks[3]["choices"][0]["delta"]["tool_calls"][0]["function"]["arguments"],
            "{\"a\":"
        );
        assert_eq!(chunks[5]["choices"][0]["finish_reason"], "tool_calls");
        assert_eq!(chunks[6]["choices"], json!([]));
        assert_eq!(chunks[6]["usage"]["prompt_tokens"], 25);
        assert_eq!(chunks[6]["usage"]["completion_tokens"], 9);
        // Without include_usage there is no usage chunk.
        assert_eq!(run(&events, false).0.len(), 6);
    }

    #[test]
    fn stream_error_events_and_cut_streams_are_errors() {
        let (_, last) = run(
            &[
                json!({"type": "message_start", "message": {"id": "m", "model": "c", "usage": {"input_tokens": 1}}}),
                json!({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}),
            ],
            false,
        );
        assert_eq!(
            last,
            Err("Anthropic sent an error event (overloaded_error): Overloaded".into())
        );
        let (_, last) = run(
            &[
                json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "x"}}),
            ],
            false,
        );
        assert!(last.is_err());
        assert!(StreamState::new(false).closed(&mut Vec::new()).is_err());
    }

    #[test]
    fn anthropic_error_bodies_become_openai_shaped() {
        let body = json!({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}, "request_id": "req_1"});
        let e = native_error(529, &body).unwrap();
        assert_eq!(e.message, "Overloaded");
        assert_eq!(e.code.as_deref(), Some("overloaded_error"));
    }

    proptest::proptest! {
        /// However Anthropic splits text and tool input into deltas, the OpenAI chunks
        /// carry exactly the same text and arguments, in order.
        #[test]
        fn delta_splits_never_change_the_content(
            text in "[a-zA-Z0-9 ,.!?é]{0,60}",
            cuts in proptest::collection::vec(0usize..60, 0..6),
            arg_cuts in proptest::collection::vec(0usize..30, 0..4),
        ) {
            let split = |s: &str, cuts: &[usize]| -> Vec<String> {
                let chars: Vec<char> = s.chars().collect();
                let mut at: Vec<usize> = cuts.iter().map(|c| c % (chars.len() + 1)).collect();
                at.push(0);
                at.push(chars.len());
                at.sort_unstable();
                at.dedup();
                at.windows(2).map(|w| chars[w[0]..w[1]].iter().collect()).collect()
            };
            let args = json!({"q": text, "n": 7}).to_string();
            let mut events = vec![
                json!({"type": "message_start", "message": {"id": "m", "model": "c", "usage": {"input_tokens": 1}}}),
                json!({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
            ];
            for piece in split(&text, &cuts) {
                events.push(json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": piece}}));
            }
            events.push(json!({"type": "content_block_start", "index": 1, "content_block": {"type": "tool_use", "id": "t", "name": "f", "input": {}}}));
            for piece in split(&args, &arg_cuts) {
                events.push(json!({"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta", "partial_json": piece}}));
            }
            events.push(json!({"type": "message_delta", "delta": {"stop_reason": "tool_use"}, "usage": {"output_tokens": 3}}));
            events.push(json!({"type": "message_stop"}));
            let (chunks, last) = run(&events, false);
            proptest::prop_assert_eq!(last, Ok(Flow::Done));
            let mut got_text = String::new();
            let mut got_args = String::new();
            for c in &chunks {
                let delta = &c["choices"][0]["delta"];
                got_text.push_str(delta["content"].as_str().unwrap_or(""));
                got_args.push_str(delta["tool_calls"][0]["function"]["arguments"].as_str().unwrap_or(""));
            }
            proptest::prop_assert_eq!(got_text, text);
            proptest::prop_assert_eq!(got_args, args);
        }
    }
}
