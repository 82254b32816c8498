//! The Gemini dialect (Generative Language API: `{base}/models/{m}:generateContent`,
//! `:streamGenerateContent?alt=sse`, `:batchEmbedContents`; key in `x-goog-api-key`).
//!
//! Requests are translated from OpenAI's chat shape: system and developer messages
//! become `systemInstruction`; turns become `contents` with roles user and model
//! (consecutive turns of one role merged); text, data-URL images (`inlineData`),
//! assistant tool calls (`functionCall`) and tool results (`functionResponse`, named
//! after the call they answer) become parts; tools become `functionDeclarations`;
//! sampling parameters go into `generationConfig`. Answers, stream events (each one a
//! whole `GenerateContentResponse`) and error bodies come back in OpenAI's shape, events
//! one by one as they arrive. Gemini's stream has no end marker: it ends cleanly only
//! after a candidate gave its `finishReason`. What Gemini cannot be given through this
//! gateway (`n > 1`, http image URLs, which would make the gateway fetch URLs chosen by
//! the client, JSON-schema response formats) is refused with a 400.

use std::collections::HashMap;

use bytes::Bytes;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::adapter::{Dialect, Encoded, KeyHeader, Outgoing};
use super::http::{Flow, StreamTranslator};
use super::shape::{self, Chunks, NativeError};
use super::ProviderError;
use crate::config::ProviderConfig;
use crate::openai::view::{
    ChatView, Image, Message as ViewMessage, Role as ViewRole, ToolChoice as Choice,
};
use crate::openai::{ChatRequest, EmbeddingsRequest, FinishReason, Usage};

/// The API's name in refusals.
const API: &str = "Gemini";

pub(super) struct Gemini;

/// `{base}/models/{model}:{method}`; a model given as `models/x` is not doubled, and
/// anything outside a model name's alphabet is escaped so it stays one path segment.
fn model_url(base: &str, model: &str, method: &str) -> String {
    let model = model.strip_prefix("models/").unwrap_or(model);
    format!("{base}/models/{}:{method}", shape::path_segment(model))
}

impl Dialect for Gemini {
    type Stream = StreamState;

    const KEY: KeyHeader = KeyHeader::Named("x-goog-api-key");

    fn chat(&self, provider: &ProviderConfig, request: &ChatRequest) -> Encoded {
        let native = to_generate_request(&provider.name, request)?;
        let method = if request.is_stream() {
            "streamGenerateContent?alt=sse"
        } else {
            "generateContent"
        };
        let url = model_url(&provider.base_url, request.model(), method);
        Outgoing::json(provider, url, &native)
    }

    fn completion(&self, request: &ChatRequest, answer: Bytes) -> Result<Bytes, String> {
        to_completion(&answer, request.model())
    }

    fn stream(&self, request: &ChatRequest) -> StreamState {
        StreamState::new(request.model(), request.view().include_usage)
    }

    fn error(&self, error: ProviderError) -> ProviderError {
        shape::map_status_error(rejected_key(error), native_error)
    }

    fn embeddings(&self, provider: &ProviderConfig, request: &EmbeddingsRequest) -> Encoded {
        let native = to_embed_request(&provider.name, request)?;
        let url = model_url(&provider.base_url, request.model(), "batchEmbedContents");
        Outgoing::json(provider, url, &native)
    }

    fn embedded(&self, request: &EmbeddingsRequest, answer: Bytes) -> Result<Bytes, String> {
        to_embeddings(&answer, request.model())
    }
}

// ---- request: OpenAI chat -> Gemini generateContent ----

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct GenerateRequest {
    contents: Vec<Content>,
    #[serde(skip_serializing_if = "Option::is_none")]
    system_instruction: Option<Content>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tools: Vec<ToolSet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool_config: Option<ToolConfig>,
    #[serde(skip_serializing_if = "GenerationConfig::is_empty")]
    generation_config: GenerationConfig,
}

#[derive(Serialize, Debug)]
struct Content {
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'static str>,
    parts: Vec<Part>,
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
enum Part {
    Text(String),
    InlineData(Blob),
    FunctionCall(FunctionCall),
    FunctionResponse(FunctionResponse),
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct Blob {
    mime_type: String,
    data: String,
}

#[derive(Serialize, Debug)]
struct FunctionCall {
    name: String,
    args: Value,
}

#[derive(Serialize, Debug)]
struct FunctionResponse {
    name: String,
    response: Value,
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct ToolSet {
    function_declarations: Vec<FunctionDeclaration>,
}

#[derive(Serialize, Debug)]
struct FunctionDeclaration {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parameters: Option<Value>,
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct ToolConfig {
    function_calling_config: FunctionCallingConfig,
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct FunctionCallingConfig {
    mode: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    allowed_function_names: Option<Vec<String>>,
}

#[derive(Serialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
struct GenerationConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    temperature: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    top_p: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_output_tokens: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stop_sequences: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    presence_penalty: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    frequency_penalty: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seed: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    response_mime_type: Option<&'static str>,
}

impl GenerationConfig {
    fn is_empty(&self) -> bool {
        self.temperature.is_none()
            && self.top_p.is_none()
            && self.max_output_tokens.is_none()
            && self.stop_sequences.is_none()
            && self.presence_penalty.is_none()
            && self.frequency_penalty.is_none()
            && self.seed.is_none()
            && self.response_mime_type.is_none()
    }
}

fn to_generate_request(
    provider: &str,
    request: &ChatRequest,
) -> Result<GenerateRequest, ProviderError> {
    let view = request.view();
    if view.choices.is_some_and(|n| n > 1) {
        return Err(shape::refuse(
            provider,
            "This gateway asks Gemini for one candidate per request; `n` must be 1 for this model."
                .into(),
            Some("n"),
        ));
    }
    let response_mime_type = match view.response_format {
        None | Some("text") => None,
        Some("json_object") => Some("application/json"),
        Some(other) => {
            return Err(shape::refuse(
                provider,
                format!("`response_format` of type {other} cannot be sent to Gemini through this gateway; use json_object."),
                Some("response_format"),
            ))
        }
    };
    let (system_instruction, contents) = translate_messages(provider, &view)?;
    let declarations: Vec<FunctionDeclaration> = shape::function_tools(provider, &view)?
        .into_iter()
        .map(|t| FunctionDeclaration {
            name: t.name.to_owned(),
            description: t.description.map(str::to_owned),
            parameters: t.parameters.cloned().map(schema_for_gemini),
        })
        .collect();
    let tools = if declarations.is_empty() {
        Vec::new()
    } else {
        vec![ToolSet {
            function_declarations: declarations,
        }]
    };
    let sampling = &view.sampling;
    Ok(GenerateRequest {
        contents,
        system_instruction,
        tools,
        tool_config: tool_config(provider, &view)?,
        generation_config: GenerationConfig {
            temperature: sampling.temperature,
            top_p: sampling.top_p,
            max_output_tokens: sampling.max_tokens,
            stop_sequences: sampling
                .stop
                .as_ref()
                .map(|stop| stop.iter().map(|s| (*s).to_owned()).collect()),
            presence_penalty: sampling.presence_penalty,
            frequency_penalty: sampling.frequency_penalty,
            seed: sampling.seed,
            response_mime_type,
        },
    })
}

/// Gemini's `parameters` is an OpenAPI subset that rejects some JSON Schema keywords
/// OpenAI clients send (`additionalProperties` in strict mode, `$schema`); drop them.
fn schema_for_gemini(mut schema: Value) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(map) => {
                map.remove("additionalProperties");
                map.remove("$schema");
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut schema);
    schema
}

fn tool_config(provider: &str, view: &ChatView<'_>) -> Result<Option<ToolConfig>, ProviderError> {
    let (mode, names) = match view.tool_choice {
        None => return Ok(None),
        Some(Choice::Auto) => ("AUTO", None),
        Some(Choice::Required) => ("ANY", None),
        Some(Choice::None) => ("NONE", None),
        Some(Choice::Function(name)) => ("ANY", Some(vec![name.to_owned()])),
        Some(Choice::Invalid) => return Err(shape::invalid_tool_choice(provider)),
    };
    Ok(Some(ToolConfig {
        function_calling_config: FunctionCallingConfig {
            mode,
            allowed_function_names: names,
        },
    }))
}

fn translate_messages(
    provider: &str,
    view: &ChatView<'_>,
) -> Result<(Option<Content>, Vec<Content>), ProviderError> {
    // functionResponse is matched to its call by name: remember each call id's name.
    let mut call_names: HashMap<&str, &str> = HashMap::new();
    let conversation = shape::conversation(provider, API, view, |i, m| match m.role {
        ViewRole::Assistant => {
            let mut parts: Vec<Part> = shape::assistant_text(&m.content, text_part);
            for (j, call) in m.tool_calls.iter().enumerate() {
                let at = format!("messages[{i}].tool_calls[{j}]");
                let Some(name) = call.name else {
                    return Err(shape::refuse(
                        provider,
                        format!("`{at}` needs a `function.name`."),
                        Some("messages"),
                    ));
                };
                if let Some(id) = call.id {
                    call_names.insert(id, name);
                }
                parts.push(Part::FunctionCall(FunctionCall {
                    name: name.to_owned(),
                    args: shape::call_arguments(provider, call, &at)?,
                }));
            }
            Ok(("model", parts))
        }
        ViewRole::Tool => {
            let name = m
                .tool_call_id
                .and_then(|id| call_names.get(id))
                .ok_or_else(|| {
                    shape::refuse(
                        provider,
                        format!("`messages[{i}].tool_call_id` does not name a tool call of an earlier assistant message."),
                        Some("messages"),
                    )
                })?;
            let text = m.content.text().unwrap_or_default();
            // The response must be an object: a JSON object result goes as is,
            // anything else is wrapped.
            let response = match serde_json::from_str::<Value>(&text) {
                Ok(v @ Value::Object(_)) => v,
                _ => json!({"content": text}),
            };
            let result = Part::FunctionResponse(FunctionResponse {
                name: (*name).to_owned(),
                response,
            });
            Ok(("user", vec![result]))
        }
        _ => Ok(("user", user_parts(provider, m, i)?)),
    })?;
    let contents = conversation
        .turns
        .into_iter()
        .map(|(role, parts)| Content {
            role: Some(role),
            parts,
        })
        .collect();
    let system = (!conversation.system.is_empty()).then(|| Content {
        role: None,
        parts: conversation.system.into_iter().map(Part::Text).collect(),
    });
    Ok((system, contents))
}

fn text_part(text: &str) -> Part {
    Part::Text(text.to_owned())
}

fn user_parts(provider: &str, m: &ViewMessage<'_>, i: usize) -> Result<Vec<Part>, ProviderError> {
    shape::user_parts(provider, API, i, &m.content, text_part, |image, j| {
        match image {
        Image::Inline { media_type, data } => Ok(Part::InlineData(Blob {
            mime_type: media_type.to_owned(),
            data: data.to_owned(),
        })),
        Image::Web(_) | Image::Unusable => Err(shape::refuse(
            provider,
            format!("`messages[{i}].content[{j}].image_url.url` must be a base64 data URL for Gemini (the gateway does not fetch image URLs)."),
            Some("messages"),
        )),
    }
    })
}

// ---- response: GenerateContentResponse -> OpenAI ----

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct GenerateResponse {
    #[serde(default)]
    candidates: Vec<Candidate>,
    usage_metadata: Option<UsageMetadata>,
    model_version: Option<String>,
    response_id: Option<String>,
    prompt_feedback: Option<PromptFeedback>,
    /// Set instead of the rest when Google reports an error inside a stream.
    error: Option<StreamError>,
}

#[derive(Deserialize, Debug)]
struct StreamError {
    #[serde(default)]
    message: String,
    status: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct Candidate {
    content: Option<CandidateContent>,
    finish_reason: Option<String>,
}

#[derive(Deserialize, Debug)]
struct CandidateContent {
    #[serde(default)]
    parts: Vec<ResponsePart>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct ResponsePart {
    text: Option<String>,
    function_call: Option<ResponseCall>,
    /// A thought summary, not part of the answer.
    #[serde(default)]
    thought: bool,
}

#[derive(Deserialize, Debug)]
struct ResponseCall {
    id: Option<String>,
    name: String,
    #[serde(default)]
    args: Value,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct PromptFeedback {
    block_reason: Option<String>,
}

#[derive(Deserialize, Debug, Default, Clone, Copy)]
#[serde(rename_all = "camelCase")]
struct UsageMetadata {
    #[serde(default)]
    prompt_token_count: u64,
    #[serde(default)]
    candidates_token_count: u64,
    #[serde(default)]
    thoughts_token_count: u64,
    cached_content_token_count: Option<u64>,
}

impl UsageMetadata {
    /// `promptTokenCount` already includes cached tokens, as OpenAI's prompt_tokens does;
    /// thinking tokens count as completion tokens, as OpenAI's reasoning tokens do.
    fn to_openai(self) -> Usage {
        Usage {
            prompt: self.prompt_token_count,
            completion: self.candidates_token_count + self.thoughts_token_count,
            cached: self.cached_content_token_count,
        }
    }
}

fn finish_reason(reason: &str, called_tools: bool) -> FinishReason {
    match reason {
        "MAX_TOKENS" => FinishReason::Length,
        "SAFETY" | "RECITATION" | "BLOCKLIST" | "PROHIBITED_CONTENT" | "SPII" | "IMAGE_SAFETY" => {
            FinishReason::ContentFilter
        }
        // Gemini ends a function-calling turn with STOP.
        _ if called_tools => FinishReason::ToolCalls,
        _ => FinishReason::Stop,
    }
}

impl ResponseCall {
    /// The call's id (Gemini may send none: one is made up, so a tool result can refer
    /// to it) and its arguments as an object (none sent: `{}`).
    fn id_and_args(&self) -> (String, Value) {
        let id = self
            .id
            .clone()
            .unwrap_or_else(|| format!("call_{}", uuid::Uuid::new_v4().simple()));
        let args = if self.args.is_null() {
            json!({})
        } else {
            self.args.clone()
        };
        (id, args)
    }
}

fn to_completion(bytes: &[u8], model: &str) -> Result<Bytes, String> {
    let response: GenerateResponse = serde_json::from_slice(bytes)
        .map_err(|e| format!("its answer is not a Gemini GenerateContentResponse: {e}"))?;
    let id = response
        .response_id
        .clone()
        .unwrap_or_else(|| format!("chatcmpl-{}", uuid::Uuid::new_v4().simple()));
    let model = response.model_version.as_deref().unwrap_or(model);
    let usage = response.usage_metadata.map(UsageMetadata::to_openai);
    let Some(candidate) = response.candidates.first() else {
        // No candidate: the prompt itself was blocked.
        let reason = response
            .prompt_feedback
            .and_then(|f| f.block_reason)
            .map_or(FinishReason::Stop, |_| FinishReason::ContentFilter);
        return Ok(shape::completion(
            &id,
            model,
            None,
            Vec::new(),
            reason,
            usage,
        ));
    };
    let mut text = String::new();
    let mut has_text = false;
    let mut calls = Vec::new();
    let parts = candidate
        .content
        .as_ref()
        .map_or(&[][..], |c| c.parts.as_slice());
    for part in parts.iter().filter(|p| !p.thought) {
        if let Some(t) = &part.text {
            text.push_str(t);
            has_text = true;
        }
        if let Some(call) = &part.function_call {
            let (id, args) = call.id_and_args();
            calls.push(shape::tool_call(&id, &call.name, &args));
        }
    }
    let reason = finish_reason(
        candidate.finish_reason.as_deref().unwrap_or("STOP"),
        !calls.is_empty(),
    );
    Ok(shape::completion(
        &id,
        model,
        has_text.then_some(text),
        calls,
        reason,
        usage,
    ))
}

/// Gemini's error body `{"error": {"code", "message", "status"}}` in OpenAI's terms;
/// the gRPC status name (`INVALID_ARGUMENT`, `RESOURCE_EXHAUSTED`) becomes the `code`.
/// Google answers a key it does not accept with 400 `INVALID_ARGUMENT` and the reason
/// `API_KEY_INVALID`, not 401: a refusal of the gateway's credentials all the same,
/// reported as one (and its body dropped) like every provider's 401 and 403.
fn rejected_key(error: ProviderError) -> ProviderError {
    match error {
        ProviderError::Upstream {
            provider,
            status: 400,
            body,
            retry_after,
        } => {
            let parsed = serde_json::from_slice::<Value>(&body).unwrap_or_default();
            let parsed = parsed.as_array().and_then(|a| a.first()).unwrap_or(&parsed);
            let key_invalid = parsed
                .pointer("/error/details")
                .and_then(Value::as_array)
                .is_some_and(|details| {
                    details
                        .iter()
                        .any(|d| d.get("reason").and_then(Value::as_str) == Some("API_KEY_INVALID"))
                });
            if key_invalid {
                ProviderError::Rejected {
                    provider,
                    status: 400,
                }
            } else {
                ProviderError::Upstream {
                    provider,
                    status: 400,
                    body,
                    retry_after,
                }
            }
        }
        other => other,
    }
}

fn native_error(_status: u16, body: &Value) -> Option<NativeError> {
    // Some Google front ends wrap the error in a one-element array.
    let body = body.as_array().and_then(|a| a.first()).unwrap_or(body);
    let error = body.get("error")?;
    Some(NativeError {
        message: error.get("message")?.as_str()?.to_owned(),
        kind: None,
        param: None,
        code: error
            .get("status")
            .and_then(Value::as_str)
            .map(str::to_owned),
    })
}

// ---- stream: one GenerateContentResponse per SSE event -> OpenAI chunks ----

pub(super) struct StreamState {
    chunks: Chunks,
    include_usage: bool,
    started: bool,
    tool_calls: usize,
    finished: bool,
    usage: Option<UsageMetadata>,
}

impl StreamState {
    fn new(model: &str, include_usage: bool) -> StreamState {
        StreamState {
            chunks: Chunks {
                id: format!("chatcmpl-{}", uuid::Uuid::new_v4().simple()),
                model: model.to_owned(),
                created: shape::now_unix(),
            },
            include_usage,
            started: false,
            tool_calls: 0,
            finished: false,
            usage: None,
        }
    }
}

impl StreamTranslator for StreamState {
    fn event(&mut self, _name: &str, data: &str, out: &mut Vec<String>) -> Result<Flow, String> {
        let response: GenerateResponse = serde_json::from_str(data)
            .map_err(|e| format!("it sent a stream event that is not Gemini's: {e}"))?;
        if let Some(error) = response.error {
            return Err(format!(
                "Gemini sent an error event ({}): {}",
                error.status.as_deref().unwrap_or("unknown"),
                error.message
            ));
        }
        if !self.started {
            self.started = true;
            if let Some(id) = &response.response_id {
                self.chunks.id.clone_from(id);
            }
            if let Some(model) = &response.model_version {
                self.chunks.model.clone_from(model);
            }
            out.push(
                self.chunks
                    .delta(json!({"role": "assistant", "content": ""}), None),
            );
        }
        if let Some(usage) = response.usage_metadata {
            self.usage = Some(usage);
        }
        let Some(candidate) = response.candidates.first() else {
            if response
                .prompt_feedback
                .and_then(|f| f.block_reason)
                .is_some()
            {
                self.finished = true;
                out.push(
                    self.chunks
                        .delta(json!({}), Some(FinishReason::ContentFilter)),
                );
            }
            return Ok(Flow::Continue);
        };
        let parts = candidate
            .content
            .as_ref()
            .map_or(&[][..], |c| c.parts.as_slice());
        for part in parts.iter().filter(|p| !p.thought) {
            if let Some(text) = part.text.as_deref().filter(|t| !t.is_empty()) {
                out.push(self.chunks.delta(json!({"content": text}), None));
            }
            if let Some(call) = &part.function_call {
                let (id, args) = call.id_and_args();
                // Gemini sends a call whole: id, name and all arguments in one chunk.
                out.push(self.chunks.delta(
                    json!({"tool_calls": [{"index": self.tool_calls, "id": id, "type": "function",
                                           "function": {"name": call.name, "arguments": args.to_string()}}]}),
                    None,
                ));
                self.tool_calls += 1;
            }
        }
        if let Some(reason) = &candidate.finish_reason {
            self.finished = true;
            out.push(
                self.chunks
                    .delta(json!({}), Some(finish_reason(reason, self.tool_calls > 0))),
            );
        }
        Ok(Flow::Continue)
    }

    fn closed(&mut self, out: &mut Vec<String>) -> Result<(), String> {
        if !self.finished {
            return Err("the stream ended before any candidate gave a finishReason".into());
        }
        if self.include_usage {
            if let Some(usage) = self.usage {
                out.push(self.chunks.usage(usage.to_openai()));
            }
        }
        Ok(())
    }
}

// ---- embeddings: OpenAI -> batchEmbedContents ----

#[derive(Serialize, Debug)]
struct EmbedBatch {
    requests: Vec<EmbedRequest>,
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct EmbedRequest {
    model: String,
    content: Content,
    #[serde(skip_serializing_if = "Option::is_none")]
    output_dimensionality: Option<u64>,
}

#[derive(Deserialize, Debug)]
struct EmbedResponse {
    embeddings: Vec<Embedding>,
}

#[derive(Deserialize, Debug)]
struct Embedding {
    values: Vec<f64>,
}

fn to_embed_request(
    provider: &str,
    request: &EmbeddingsRequest,
) -> Result<EmbedBatch, ProviderError> {
    let body: Value = serde_json::from_slice(&request.to_vec()).unwrap_or(Value::Null);
    if body
        .get("encoding_format")
        .and_then(Value::as_str)
        .is_some_and(|f| f != "float")
    {
        return Err(shape::refuse(
            provider,
            "Gemini embeddings are returned as floats; `encoding_format` must be \"float\".".into(),
            Some("encoding_format"),
        ));
    }
    let texts: Vec<String> = match body.get("input") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map(str::to_owned))
            .collect::<Option<_>>()
            .ok_or_else(|| {
                shape::refuse(
                    provider,
                    "Gemini embeds text: every `input` item must be a string (token arrays are not accepted).".into(),
                    Some("input"),
                )
            })?,
        _ => Vec::new(),
    };
    let model = format!(
        "models/{}",
        request
            .model()
            .strip_prefix("models/")
            .unwrap_or(request.model())
    );
    let dimensions = body.get("dimensions").and_then(Value::as_u64);
    Ok(EmbedBatch {
        requests: texts
            .into_iter()
            .map(|text| EmbedRequest {
                model: model.clone(),
                content: Content {
                    role: None,
                    parts: vec![Part::Text(text)],
                },
                output_dimensionality: dimensions,
            })
            .collect(),
    })
}

fn to_embeddings(bytes: &[u8], model: &str) -> Result<Bytes, String> {
    let response: EmbedResponse = serde_json::from_slice(bytes)
        .map_err(|e| format!("its answer is not a Gemini batchEmbedContents response: {e}"))?;
    let data: Vec<Value> = response
        .embeddings
        .into_iter()
        .enumerate()
        .map(|(i, e)| json!({"object": "embedding", "index": i, "embedding": e.values}))
        .collect();
    // batchEmbedContents reports no token counts.
    Ok(Bytes::from(
        json!({"object": "list", "data": data, "model": model,
               "usage": {"prompt_tokens": 0, "total_tokens": 0}})
        .to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn translate(body: Value) -> Result<Value, ProviderError> {
        shape::translated(to_generate_request, body)
    }

    fn refused(body: Value) -> Value {
        shape::refusal_body(translate(body))
    }

    #[test]
    fn urls_name_the_model_and_method() {
        assert_eq!(
            model_url("https://g/v1beta", "gemini-2.0-flash", "generateContent"),
            "https://g/v1beta/models/gemini-2.0-flash:generateContent"
        );
        assert_eq!(
            model_url(
                "https://g/v1beta",
                "models/x/../y",
                "streamGenerateContent?alt=sse"
            ),
            "https://g/v1beta/models/x%2F..%2Fy:streamGenerateContent?alt=sse"
        );
    }

    #[test]
    fn messages_become_contents_with_a_system_instruction() {
        let v = translate(json!({"model": "gemini", "messages": [
            {"role": "system", "content": "be brief"},
            {"role": "user", "content": "one"},
            {"role": "user", "content": [{"type": "text", "text": "two"},
                {"type": "image_url", "image_url": {"url": "data:image/jpeg;base64,/9j/4AAQ"}}]},
            {"role": "assistant", "content": "hello"}],
            "temperature": 0.2, "top_p": 0.8, "max_tokens": 50, "stop": ["X"]}))
        .unwrap();
        assert_eq!(
            v["systemInstruction"],
            json!({"parts": [{"text": "be brief"}]})
        );
        assert_eq!(
            v["contents"],
            json!([
            {"role": "user", "parts": [{"text": "one"}, {"text": "two"},
                {"inlineData": {"mimeType": "image/jpeg", "data": "/9j/4AAQ"}}]},
            {"role": "model", "parts": [{"text": "hello"}]}])
        );
        assert_eq!(
            v["generationConfig"],
            json!({"temperature": 0.2, "topP": 0.8,
            "maxOutputTokens": 50, "stopSequences": ["X"]})
        );
        assert!(v.get("tools").is_none());
    }

    #[test]
    fn tools_calls_and_results_translate() {
        let v = translate(json!({"model": "gemini", "messages": [
            {"role": "user", "content": "weather?"},
            {"role": "assistant", "content": null, "tool_calls": [{"id": "call_9", "type": "function",
                "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}]},
            {"role": "tool", "tool_call_id": "call_9", "content": "{\"temp\":21}"},
            {"role": "tool", "tool_call_id": "call_9", "content": "sunny"}],
            "tools": [{"type": "function", "function": {"name": "get_weather", "parameters":
                {"type": "object", "properties": {"city": {"type": "string"}}, "additionalProperties": false}}}],
            "tool_choice": "required"}))
        .unwrap();
        assert_eq!(
            v["contents"][1],
            json!({"role": "model", "parts": [
            {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}}]})
        );
        assert_eq!(
            v["contents"][2],
            json!({"role": "user", "parts": [
            {"functionResponse": {"name": "get_weather", "response": {"temp": 21}}},
            {"functionResponse": {"name": "get_weather", "response": {"content": "sunny"}}}]})
        );
        assert_eq!(
            v["tools"][0]["functionDeclarations"][0]["parameters"],
            json!({"type": "object", "properties": {"city": {"type": "string"}}})
        );
        assert_eq!(
            v["toolConfig"],
            json!({"functionCallingConfig": {"mode": "ANY"}})
        );
        let v = translate(
            json!({"model": "g", "messages": [{"role": "user", "content": "x"}],
            "tool_choice": {"type": "function", "function": {"name": "f"}}}),
        )
        .unwrap();
        assert_eq!(
            v["toolConfig"]["functionCallingConfig"],
            json!({"mode": "ANY", "allowedFunctionNames": ["f"]})
        );
    }

    #[test]
    fn what_gemini_cannot_be_given_is_refused() {
        let e = refused(
            json!({"model": "g", "messages": [{"role": "user", "content": [
            {"type": "image_url", "image_url": {"url": "http://169.254.169.254/latest"}}]}]}),
        );
        assert!(e["error"]["message"].as_str().unwrap().contains("data URL"));
        let e = refused(
            json!({"model": "g", "messages": [{"role": "tool", "tool_call_id": "nope", "content": "x"}]}),
        );
        assert!(e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("messages[0].tool_call_id"));
        let e =
            refused(json!({"model": "g", "messages": [{"role": "user", "content": "x"}], "n": 3}));
        assert_eq!(e["error"]["param"], "n");
    }

    #[test]
    fn a_response_becomes_a_chat_completion() {
        let native = json!({"candidates": [{"content": {"role": "model", "parts": [
                {"text": "thinking...", "thought": true},
                {"text": "It is "}, {"text": "sunny."},
                {"functionCall": {"name": "log", "args": {"n": 1}}}]},
                "finishReason": "STOP", "index": 0}],
            "usageMetadata": {"promptTokenCount": 12, "candidatesTokenCount": 4, "thoughtsTokenCount": 2,
                "cachedContentTokenCount": 8, "totalTokenCount": 18},
            "modelVersion": "gemini-2.5-flash", "responseId": "resp-1"});
        let out: Value =
            serde_json::from_slice(&to_completion(native.to_string().as_bytes(), "g").unwrap())
                .unwrap();
        assert_eq!(out["id"], "resp-1");
        assert_eq!(out["model"], "gemini-2.5-flash");
        let c = &out["choices"][0];
        assert_eq!(c["message"]["content"], "It is sunny.");
        assert_eq!(c["message"]["tool_calls"][0]["function"]["name"], "log");
        assert_eq!(c["finish_reason"], "tool_calls");
        assert_eq!(
            out["usage"],
            json!({"prompt_tokens": 12, "completion_tokens": 6, "total_tokens": 18,
            "prompt_tokens_details": {"cached_tokens": 8}})
        );
        for (reason, expected) in [
            ("STOP", "stop"),
            ("MAX_TOKENS", "length"),
            ("SAFETY", "content_filter"),
            ("RECITATION", "content_filter"),
            ("OTHER", "stop"),
        ] {
            assert_eq!(finish_reason(reason, false).as_str(), expected);
        }
        let blocked = json!({"promptFeedback": {"blockReason": "SAFETY"}, "usageMetadata": {"promptTokenCount": 3}});
        let out: Value =
            serde_json::from_slice(&to_completion(blocked.to_string().as_bytes(), "g").unwrap())
                .unwrap();
        assert_eq!(out["choices"][0]["finish_reason"], "content_filter");
    }

    #[test]
    fn stream_events_translate_one_by_one_and_end_at_finish() {
        let mut s = StreamState::new("g", true);
        let mut out = Vec::new();
        let events = [
            json!({"candidates": [{"content": {"role": "model", "parts": [{"text": "Hel"}]}}], "responseId": "r1",
                   "modelVersion": "gemini-2.0-flash", "usageMetadata": {"promptTokenCount": 5}}),
            json!({"candidates": [{"content": {"role": "model", "parts": [{"text": "lo"},
                   {"functionCall": {"name": "f", "args": {"a": 1}}}]}, "finishReason": "STOP"}],
                   "usageMetadata": {"promptTokenCount": 5, "candidatesTokenCount": 3, "totalTokenCount": 8}}),
        ];
        for e in &events {
            assert_eq!(s.event("", &e.to_string(), &mut out), Ok(Flow::Continue));
        }
        assert_eq!(s.closed(&mut out), Ok(()));
        let chunks: Vec<Value> = out
            .iter()
            .map(|c| serde_json::from_str(c).unwrap())
            .collect();
        assert_eq!(chunks.len(), 6);
        assert_eq!(chunks[0]["id"], "r1");
        assert_eq!(chunks[0]["choices"][0]["delta"]["role"], "assistant");
        assert_eq!(chunks[1]["choices"][0]["delta"]["content"], "Hel");
        assert_eq!(
            chunks[3]["choices"][0]["delta"]["tool_calls"][0]["function"],
            json!({"name": "f", "arguments": "{\"a\":1}"})
        );
        assert_eq!(chunks[4]["choices"][0]["finish_reason"], "tool_calls");
        assert_eq!(chunks[5]["usage"]["total_tokens"], 8);
        // A stream cut before any finishReason is an error, and so is an error event.
        let mut s = StreamState::new("g", false);
        s.event("", &events[0].to_string(), &mut Vec::new())
            .unwrap();
        assert!(s.closed(&mut Vec::new()).is_err());
        let err = json!({"error": {"code": 429, "message": "Resource exhausted", "status": "RESOURCE_EXHAUSTED"}});
        assert_eq!(
            s.event("", &err.to_string(), &mut Vec::new()),
            Err("Gemini sent an error event (RESOURCE_EXHAUSTED): Resource exhausted".into())
        );
    }

    #[test]
    fn embeddings_translate_both_ways() {
        let request = EmbeddingsRequest::parse(
            br#"{"model":"text-embedding-004","input":["a","b"],"dimensions":8}"#,
        )
        .unwrap();
        let v = serde_json::to_value(to_embed_request("g", &request).unwrap()).unwrap();
        assert_eq!(
            v["requests"][1],
            json!({"model": "models/text-embedding-004",
            "content": {"parts": [{"text": "b"}]}, "outputDimensionality": 8})
        );
        let out: Value = serde_json::from_slice(
            &to_embeddings(
                br#"{"embeddings":[{"values":[0.5,1]},{"values":[2,3]}]}"#,
                "m",
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(
            out["data"][1],
            json!({"object": "embedding", "index": 1, "embedding": [2.0, 3.0]})
        );
        let request = EmbeddingsRequest::parse(br#"{"model":"m","input":[[1,2]]}"#).unwrap();
        assert!(to_embed_request("g", &request).is_err());
    }

    #[test]
    fn gemini_error_bodies_become_openai_shaped() {
        let body = json!({"error": {"code": 400, "message": "API key not valid.", "status": "INVALID_ARGUMENT"}});
        let e = native_error(400, &body).unwrap();
        assert_eq!(e.message, "API key not valid.");
        assert_eq!(e.code.as_deref(), Some("INVALID_ARGUMENT"));
        assert!(native_error(400, &json!([body])).is_some());
    }

    proptest::proptest! {
        /// However Gemini splits an answer across stream events, the OpenAI chunks carry
        /// the same text in order, then one finish chunk and one usage chunk.
        #[test]
        fn event_splits_never_change_the_content(
            text in "[a-zA-Z0-9 ,.!?ü]{1,60}",
            cuts in proptest::collection::vec(0usize..60, 0..6),
        ) {
            let chars: Vec<char> = text.chars().collect();
            let mut at: Vec<usize> = cuts.iter().map(|c| c % (chars.len() + 1)).collect();
            at.extend([0, chars.len()]);
            at.sort_unstable();
            at.dedup();
            let pieces: Vec<String> = at.windows(2).map(|w| chars[w[0]..w[1]].iter().collect()).collect();
            let mut s = StreamState::new("g", true);
            let mut out = Vec::new();
            for (i, piece) in pieces.iter().enumerate() {
                let mut event = json!({"candidates": [{"content": {"role": "model", "parts": [{"text": piece}]}}]});
                if i + 1 == pieces.len() {
                    event["candidates"][0]["finishReason"] = json!("MAX_TOKENS");
                    event["usageMetadata"] = json!({"promptTokenCount": 3, "candidatesTokenCount": 4});
                }
                proptest::prop_assert_eq!(s.event("", &event.to_string(), &mut out), Ok(Flow::Continue));
            }
            proptest::prop_assert_eq!(s.closed(&mut out), Ok(()));
            let chunks: Vec<Value> = out.iter().map(|c| serde_json::from_str(c).unwrap()).collect();
            let got: String = chunks
                .iter()
                .filter_map(|c| c["choices"][0]["delta"]["content"].as_str())
                .collect();
            proptest::prop_assert_eq!(got, text);
            let finishes: Vec<&Value> = chunks
                .iter()
                .map(|c| &c["choices"][0]["finish_reason"])
                .filter(|f| !f.is_null())
                .collect();
            let length = json!("length");
            proptest::prop_assert_eq!(finishes, vec![&length]);
            proptest::prop_assert_eq!(&chunks[chunks.len() - 1]["usage"]["completion_tokens"], &json!(4));
        }
    }
}
