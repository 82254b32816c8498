//! The Gemini adapter through the real gateway binary, with async-openai as the client
//! and a local upstream that speaks Gemini's wire format: requests arrive as
//! generateContent / streamGenerateContent?alt=sse / batchEmbedContents (compared with
//! golden fixtures); answers, CRLF-framed stream events and Google error bodies come
//! back in OpenAI's shape.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;

use std::sync::atomic::Ordering;
use std::time::Duration;

use async_openai::types::{
    ChatCompletionMessageToolCall, ChatCompletionRequestAssistantMessageArgs,
    ChatCompletionRequestMessage, ChatCompletionRequestSystemMessageArgs,
    ChatCompletionRequestToolMessageArgs, ChatCompletionRequestUserMessageArgs,
    ChatCompletionStreamOptions, ChatCompletionTool, ChatCompletionToolChoiceOption,
    ChatCompletionToolType, CreateChatCompletionRequest, CreateChatCompletionRequestArgs,
    CreateEmbeddingRequestArgs, FinishReason, FunctionCall, FunctionObject,
};
use common::native::{json_fixture, NativeUpstream, Script};
use common::*;
use futures::StreamExt;
use serde_json::{json, Value};

async fn gateway(script: Script) -> (NativeUpstream, TestGateway) {
    let upstream = gemini::start(script).await;
    let config = config_for("http://127.0.0.1:9/v1", &gemini::provider_toml(&upstream));
    (upstream, TestGateway::start(&config))
}

fn weather_tool() -> ChatCompletionTool {
    ChatCompletionTool {
        r#type: ChatCompletionToolType::Function,
        function: FunctionObject {
            name: "get_weather".into(),
            description: Some("Get the current weather in a given location".into()),
            parameters: Some(json!({
                "type": "object",
                "properties": {
                    "location": {"type": "string", "description": "The city and state, e.g. main office"},
                    "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}
                },
                "required": ["location"],
                "additionalProperties": false
            })),
            strict: None,
        },
    }
}

fn user(text: &str) -> ChatCompletionRequestMessage {
    ChatCompletionRequestUserMessageArgs::default()
        .content(text)
        .build()
        .unwrap()
        .into()
}

fn conversation() -> CreateChatCompletionRequest {
    CreateChatCompletionRequestArgs::default()
        .model(gemini::MODEL)
        .max_tokens(1024u32)
        .messages([
            ChatCompletionRequestSystemMessageArgs::default()
                .content("You are a weather assistant.")
                .build()
                .unwrap()
                .into(),
            user("What is the weather like at the main office?"),
            ChatCompletionRequestAssistantMessageArgs::default()
                .content("I'll check the current weather for you.")
                .tool_calls(vec![ChatCompletionMessageToolCall {
                    id: "call_weather_1".into(),
                    r#type: ChatCompletionToolType::Function,
                    function: FunctionCall {
                        name: "get_weather".into(),
                        arguments: r#"{"location":"main office","unit":"celsius"}"#.into(),
                    },
                }])
                .build()
                .unwrap()
                .into(),
            ChatCompletionRequestToolMessageArgs::default()
                .tool_call_id("call_weather_1")
                .content("15 degrees")
                .build()
                .unwrap()
                .into(),
        ])
        .tools(vec![weather_tool()])
        .tool_choice(ChatCompletionToolChoiceOption::Auto)
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_tool_conversation_reaches_gemini_in_its_native_format() {
    let (upstream, gw) = gateway(gemini::json(200, "response_text.json")).await;
    let reply = openai_client(&gw)
        .chat()
        .create(conversation())
        .await
        .unwrap();

    let received = upstream.last();
    assert_eq!(
        received.path,
        format!("/v1beta/models/{}:generateContent", gemini::MODEL)
    );
    assert_eq!(received.headers["x-goog-api-key"], PROVIDER_KEY);
    assert!(!received.headers.contains_key("authorization"));
    assert_eq!(
        received.body,
        json_fixture("gemini/request_tools.json"),
        "the request differs from the golden fixture"
    );

    let choice = &reply.choices[0];
    assert_eq!(
        choice.message.content.as_deref(),
        Some("It is 15 degrees at the main office.")
    );
    assert_eq!(choice.finish_reason, Some(FinishReason::Stop));
    assert_eq!(reply.model, "gemini-2.0-flash");
    let usage = reply.usage.unwrap();
    assert_eq!(
        (
            usage.prompt_tokens,
            usage.completion_tokens,
            usage.total_tokens
        ),
        (4096, 11, 4107)
    );
    assert_eq!(
        usage.prompt_tokens_details.unwrap().cached_tokens,
        Some(4000)
    );
}

#[tokio::test]
async fn a_function_call_comes_back_as_an_openai_tool_call() {
    let (_upstream, gw) = gateway(gemini::json(200, "response_function_call.json")).await;
    let request = CreateChatCompletionRequestArgs::default()
        .model(gemini::MODEL)
        .messages([user("What is the weather like at the main office?")])
        .tools(vec![weather_tool()])
        .build()
        .unwrap();
    let reply = openai_client(&gw).chat().create(request).await.unwrap();
    let choice = &reply.choices[0];
    // Gemini ends a function-calling turn with STOP; OpenAI clients expect tool_calls.
    assert_eq!(choice.finish_reason, Some(FinishReason::ToolCalls));
    let calls = choice.message.tool_calls.as_ref().unwrap();
    assert!(calls[0].id.starts_with("call_"), "{}", calls[0].id);
    assert_eq!(calls[0].function.name, "get_weather");
    let args: Value = serde_json::from_str(&calls[0].function.arguments).unwrap();
    assert_eq!(args, json!({"location": "main office", "unit": "celsius"}));
}

#[tokio::test]
async fn a_streamed_function_call_arrives_as_openai_chunks_with_usage() {
    let (upstream, gw) = gateway(Script::Sse(gemini::sse("stream_function_call.sse"))).await;
    let mut request = CreateChatCompletionRequestArgs::default()
        .model(gemini::MODEL)
        .messages([user("What is the weather like at the main office?")])
        .tools(vec![weather_tool()])
        .build()
        .unwrap();
    request.stream = Some(true);
    request.stream_options = Some(ChatCompletionStreamOptions {
        include_usage: true,
    });
    let mut stream = openai_client(&gw)
        .chat()
        .create_stream(request)
        .await
        .unwrap();
    let (mut text, mut name, mut args) = (String::new(), String::new(), String::new());
    let (mut finish, mut usage) = (None, None);
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.unwrap();
        if let Some(u) = chunk.usage {
            usage = Some(u);
        }
        for choice in chunk.choices {
            text.push_str(choice.delta.content.as_deref().unwrap_or(""));
            for call in choice.delta.tool_calls.unwrap_or_default() {
                let f = call.function.unwrap();
                name.push_str(f.name.as_deref().unwrap_or(""));
                args.push_str(f.arguments.as_deref().unwrap_or(""));
            }
            finish = finish.or(choice.finish_reason);
        }
    }
    let received = upstream.last();
    assert_eq!(
        received.path,
        format!("/v1beta/models/{}:streamGenerateContent", gemini::MODEL)
    );
    assert_eq!(received.query.as_deref(), Some("alt=sse"));
    assert_eq!(text, "Let me look that up.");
    assert_eq!(name, "get_weather");
    let args: Value = serde_json::from_str(&args).unwrap();
    assert_eq!(args["location"], "main office");
    assert_eq!(finish, Some(FinishReason::ToolCalls));
    let usage = usage.expect("a usage chunk, as include_usage asked");
    assert_eq!((usage.prompt_tokens, usage.completion_tokens), (52, 17));
}

#[tokio::test]
async fn gemini_events_are_relayed_before_the_stream_has_finished() {
    let (upstream, gw) = gateway(Script::GatedSse(gemini::sse("stream_text.sse"))).await;
    let body = json!({"model": gemini::MODEL, "stream": true,
                      "messages": [{"role": "user", "content": "weather?"}]});
    let response = post_json(&gw, "/v1/chat/completions", &body.to_string()).await;
    assert_eq!(response.status(), 200);
    let mut body = response.bytes_stream();
    let mut seen = String::new();
    // The first Gemini event yields the role chunk and the first text delta.
    while !seen.contains("It is") {
        let chunk = tokio::time::timeout(Duration::from_secs(10), body.next())
            .await
            .expect("the first text arrived while Gemini was still streaming")
            .unwrap()
            .unwrap();
        seen.push_str(std::str::from_utf8(&chunk).unwrap());
    }
    assert_eq!(upstream.state.events_sent.load(Ordering::SeqCst), 1);
    upstream.state.release.notify_one();
    while let Some(chunk) = body.next().await {
        seen.push_str(std::str::from_utf8(&chunk.unwrap()).unwrap());
    }
    assert!(seen.contains(" at the main office."), "{seen}");
    assert!(seen.ends_with("data: [DONE]\n\n"), "{seen}");
}

#[tokio::test]
async fn a_gemini_stream_cut_before_its_finish_reason_is_an_error() {
    let (_upstream, gw) = gateway(Script::CutSse(gemini::sse("stream_text.sse"), 2)).await;
    let body = json!({"model": gemini::MODEL, "stream": true,
                      "messages": [{"role": "user", "content": "weather?"}]});
    let response = post_json(&gw, "/v1/chat/completions", &body.to_string()).await;
    let text = response.text().await.unwrap();
    assert!(text.contains("finishReason"), "{text}");
    assert!(!text.contains("[DONE]"), "{text}");
}

#[tokio::test]
async fn gemini_error_bodies_reach_the_client_in_openai_shape() {
    let (upstream, gw) = gateway(gemini::json(400, "error_contents_missing.json")).await;
    let body = json!({"model": gemini::MODEL, "messages": [{"role": "user", "content": "hi"}]})
        .to_string();
    for (status, file, kind) in [
        (400, "error_contents_missing.json", "invalid_request_error"),
        (429, "error_resource_exhausted.json", "rate_limit_error"),
    ] {
        upstream.set_script(gemini::json(status, file));
        let response = post_json(&gw, "/v1/chat/completions", &body).await;
        assert_eq!(response.status(), status);
        let got: Value = response.json().await.unwrap();
        let native = json_fixture(&format!("gemini/{file}"));
        assert_eq!(got["error"]["message"], native["error"]["message"]);
        assert_eq!(got["error"]["type"], kind);
        assert_eq!(got["error"]["code"], native["error"]["status"]);
    }
    // Google's answer to a bad key is a 400 too, but it concerns the gateway's own
    // credentials: the gateway's 502, not the provider's words.
    upstream.set_script(gemini::json(400, "error_invalid_argument.json"));
    let response = post_json(&gw, "/v1/chat/completions", &body).await;
    assert_eq!(response.status(), 502);
    let got: Value = response.json().await.unwrap();
    assert_eq!(
        got["error"]["code"], "upstream_credentials_rejected",
        "{got}"
    );
}

#[tokio::test]
async fn embeddings_go_through_batch_embed_contents() {
    let (upstream, gw) = gateway(gemini::json(200, "embed_response.json")).await;
    let request = CreateEmbeddingRequestArgs::default()
        .model(gemini::EMBEDDING_MODEL)
        .input(vec!["first text", "second text"])
        .build()
        .unwrap();
    let reply = openai_client(&gw)
        .embeddings()
        .create(request)
        .await
        .unwrap();
    assert_eq!(reply.data.len(), 2);
    assert_eq!(reply.data[1].index, 1);
    assert_eq!(reply.data[0].embedding[0], 0.013168523);
    let received = upstream.last();
    assert_eq!(
        received.path,
        format!(
            "/v1beta/models/{}:batchEmbedContents",
            gemini::EMBEDDING_MODEL
        )
    );
    assert_eq!(
        received.body["requests"][1],
        json!({"model": format!("models/{}", gemini::EMBEDDING_MODEL),
               "content": {"parts": [{"text": "second text"}]}})
    );
}

#[tokio::test]
async fn images_by_url_are_refused_without_reaching_gemini() {
    let (upstream, gw) = gateway(gemini::json(200, "response_text.json")).await;
    let body = json!({"model": gemini::MODEL, "messages": [{"role": "user", "content": [
        {"type": "text", "text": "what is this?"},
        {"type": "image_url", "image_url": {"url": "http://169.254.169.254/latest/meta-data"}}]}]});
    let response = post_json(&gw, "/v1/chat/completions", &body.to_string()).await;
    assert_eq!(response.status(), 400);
    let got: Value = response.json().await.unwrap();
    assert!(
        got["error"]["message"]
            .as_str()
            .unwrap()
            .contains("data URL"),
        "{got}"
    );
    assert_eq!(upstream.requests(), 0);
}
