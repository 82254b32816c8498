//! The Anthropic Messages adapter through the real gateway binary, with async-openai as
//! the client and a local upstream that speaks Anthropic's wire format: requests arrive
//! in Anthropic's shape (compared with golden fixtures), answers, stream events and
//! error bodies come back in OpenAI's.

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
    FinishReason, FunctionCall, FunctionObject,
};
use common::native::{fixture, json_fixture, NativeUpstream, Script};
use common::*;
use futures::StreamExt;
use serde_json::{json, Value};

async fn gateway(script: Script) -> (NativeUpstream, TestGateway) {
    let upstream = anthropic::start(script).await;
    let config = config_for(
        "http://127.0.0.1:9/v1",
        &anthropic::provider_toml(&upstream),
    );
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
                "required": ["location"]
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

/// A whole tool-use conversation: system prompt, question, the assistant's tool call
/// and the tool's result, as an OpenAI SDK user would send it.
fn conversation(tool_call_id: &str) -> CreateChatCompletionRequest {
    CreateChatCompletionRequestArgs::default()
        .model(anthropic::MODEL)
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
                    id: tool_call_id.into(),
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
                .tool_call_id(tool_call_id)
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
async fn a_tool_conversation_reaches_anthropic_in_its_native_format() {
    let (upstream, gw) = gateway(anthropic::json(200, "response_text.json")).await;
    let reply = openai_client(&gw)
        .chat()
        .create(conversation("toolu_01A09q90qw90lq917835lq9"))
        .await
        .unwrap();

    let received = upstream.last();
    assert_eq!(received.path, "/v1/messages");
    assert_eq!(received.headers["x-api-key"], PROVIDER_KEY);
    assert_eq!(received.headers["anthropic-version"], "2023-06-01");
    assert!(!received.headers.contains_key("authorization"));
    assert_eq!(
        received.body,
        json_fixture("anthropic/request_tools.json"),
        "the request differs from the golden fixture"
    );

    let choice = &reply.choices[0];
    assert_eq!(
        choice.message.content.as_deref(),
        Some("It is 15 degrees at the main office.")
    );
    assert_eq!(choice.finish_reason, Some(FinishReason::Stop));
    assert_eq!(reply.id, "msg_013Zva2CMHLNnXjNJJKqJ2EF");
    let usage = reply.usage.unwrap();
    // input_tokens excludes cache reads; OpenAI's prompt_tokens includes them.
    assert_eq!(usage.prompt_tokens, 2095 + 1800);
    assert_eq!(usage.completion_tokens, 503);
    assert_eq!(
        usage.prompt_tokens_details.unwrap().cached_tokens,
        Some(1800)
    );
}

#[tokio::test]
async fn tool_use_comes_back_as_openai_tool_calls() {
    let (upstream, gw) = gateway(anthropic::json(200, "response_tool_use.json")).await;
    let request = CreateChatCompletionRequestArgs::default()
        .model(anthropic::MODEL)
        .messages([user("What is the weather like at the main office?")])
        .tools(vec![weather_tool()])
        .build()
        .unwrap();
    let reply = openai_client(&gw).chat().create(request).await.unwrap();

    // Anthropic requires max_tokens; the adapter supplies the default when absent.
    assert_eq!(upstream.last().body["max_tokens"], 4096);
    let choice = &reply.choices[0];
    assert_eq!(choice.finish_reason, Some(FinishReason::ToolCalls));
    let calls = choice.message.tool_calls.as_ref().unwrap();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].id, "toolu_01A09q90qw90lq917835lq9");
    assert_eq!(calls[0].function.name, "get_weather");
    let args: Value = serde_json::from_str(&calls[0].function.arguments).unwrap();
    assert_eq!(args, json!({"location": "main office", "unit": "celsius"}));
}

#[tokio::test]
async fn a_streamed_tool_call_arrives_as_openai_chunks_with_usage() {
    let (upstream, gw) = gateway(Script::Sse(fixture("anthropic/stream_tool_use.sse"))).await;
    let mut request = CreateChatCompletionRequestArgs::default()
        .model(anthropic::MODEL)
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
    let (mut text, mut id, mut name, mut args) =
        (String::new(), String::new(), String::new(), String::new());
    let (mut finish, mut usage, mut chunks) = (None, None, 0);
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.unwrap();
        chunks += 1;
        if let Some(u) = chunk.usage {
            usage = Some(u);
        }
        for choice in chunk.choices {
            text.push_str(choice.delta.content.as_deref().unwrap_or(""));
            for call in choice.delta.tool_calls.unwrap_or_default() {
                assert_eq!(call.index, 0);
                id.push_str(call.id.as_deref().unwrap_or(""));
                if let Some(f) = call.function {
                    name.push_str(f.name.as_deref().unwrap_or(""));
                    args.push_str(f.arguments.as_deref().unwrap_or(""));
                }
            }
            finish = finish.or(choice.finish_reason);
        }
    }
    assert_eq!(upstream.last().body["stream"], true);
    assert_eq!(text, "Okay, let's check the weather.");
    assert_eq!(id, "toolu_01T1x1fJ34qAmk2tNTrN7Up6");
    assert_eq!(name, "get_weather");
    let args: Value = serde_json::from_str(&args).unwrap();
    assert_eq!(args, json!({"location": "main office", "unit": "celsius"}));
    assert_eq!(finish, Some(FinishReason::ToolCalls));
    let usage = usage.expect("a usage chunk, as include_usage asked");
    assert_eq!((usage.prompt_tokens, usage.completion_tokens), (472, 89));
    // role, 2 text deltas, tool start, 2 argument fragments, finish, usage.
    assert_eq!(chunks, 8);
}

#[tokio::test]
async fn anthropic_events_are_relayed_before_the_stream_has_finished() {
    let (upstream, gw) = gateway(Script::GatedSse(fixture("anthropic/stream_tool_use.sse"))).await;
    let body = json!({"model": anthropic::MODEL, "stream": true,
                      "messages": [{"role": "user", "content": "hi"}]});
    let response = post_json(&gw, "/v1/chat/completions", &body.to_string()).await;
    assert_eq!(response.status(), 200);
    let mut body = response.bytes_stream();
    // The upstream holds everything after message_start until released: if the gateway
    // buffered the translation, this read would never complete.
    let first = tokio::time::timeout(Duration::from_secs(10), body.next())
        .await
        .expect("the role chunk arrived while Anthropic was still streaming")
        .unwrap()
        .unwrap();
    let first = String::from_utf8(first.to_vec()).unwrap();
    assert!(first.contains(r#""role":"assistant""#), "{first}");
    assert_eq!(upstream.state.events_sent.load(Ordering::SeqCst), 1);
    upstream.state.release.notify_one();
    let mut rest = String::new();
    while let Some(chunk) = body.next().await {
        rest.push_str(std::str::from_utf8(&chunk.unwrap()).unwrap());
    }
    assert!(rest.ends_with("data: [DONE]\n\n"), "{rest}");
}

#[tokio::test]
async fn anthropic_error_bodies_reach_the_client_in_openai_shape() {
    let (upstream, gw) = gateway(anthropic::json(400, "error_invalid_request.json")).await;
    let body = json!({"model": anthropic::MODEL, "messages": [{"role": "user", "content": "hi"}]})
        .to_string();
    for (status, file, kind) in [
        (400, "error_invalid_request.json", "invalid_request_error"),
        (429, "error_rate_limit.json", "rate_limit_error"),
    ] {
        upstream.set_script(anthropic::json(status, file));
        let response = post_json(&gw, "/v1/chat/completions", &body).await;
        assert_eq!(response.status(), status);
        let got: Value = response.json().await.unwrap();
        let native = json_fixture(&format!("anthropic/{file}"));
        assert_eq!(got["error"]["message"], native["error"]["message"]);
        assert_eq!(got["error"]["type"], kind);
        assert_eq!(got["error"]["code"], native["error"]["type"]);
    }
    // The OpenAI SDK reads the same body as an API error with Anthropic's message (a
    // 400: async-openai would back off and retry a 429 for minutes).
    upstream.set_script(anthropic::json(400, "error_invalid_request.json"));
    let request = CreateChatCompletionRequestArgs::default()
        .model(anthropic::MODEL)
        .messages([user("hi")])
        .build()
        .unwrap();
    match openai_client(&gw).chat().create(request).await {
        Err(async_openai::error::OpenAIError::ApiError(e)) => {
            assert!(e.message.starts_with("max_tokens: 100000 > 64000"), "{e:?}")
        }
        other => panic!("expected an API error, got {other:?}"),
    }
    // 529 overloaded is a provider failure: a 502 in OpenAI's shape naming the status.
    upstream.set_script(anthropic::json(529, "error_overloaded.json"));
    let response = post_json(&gw, "/v1/chat/completions", &body).await;
    assert_eq!(response.status(), 502);
    let got: Value = response.json().await.unwrap();
    assert!(
        got["error"]["message"].as_str().unwrap().contains("529"),
        "{got}"
    );
}

/// Reads a whole SSE body from the gateway as text.
async fn sse_text(gw: &TestGateway, body: &Value) -> String {
    let response = post_json(gw, "/v1/chat/completions", &body.to_string()).await;
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

#[tokio::test]
async fn an_error_event_mid_stream_ends_the_stream_with_an_openai_error() {
    let (_upstream, gw) = gateway(Script::Sse(fixture("anthropic/stream_error.sse"))).await;
    let text = sse_text(
        &gw,
        &json!({"model": anthropic::MODEL, "stream": true, "messages": [{"role": "user", "content": "hi"}]}),
    )
    .await;
    assert!(text.contains(r#""content":"Hello""#), "{text}");
    let last = text.trim_end().rsplit("\n\n").next().unwrap();
    let error: Value = serde_json::from_str(last.strip_prefix("data: ").unwrap()).unwrap();
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("overloaded_error"),
        "{error}"
    );
    assert!(!text.contains("[DONE]"), "{text}");
}

#[tokio::test]
async fn a_stream_cut_before_message_stop_is_an_error_not_a_short_answer() {
    let (_upstream, gw) =
        gateway(Script::CutSse(fixture("anthropic/stream_tool_use.sse"), 5)).await;
    let text = sse_text(
        &gw,
        &json!({"model": anthropic::MODEL, "stream": true, "messages": [{"role": "user", "content": "hi"}]}),
    )
    .await;
    assert!(text.contains("message_stop"), "{text}");
    assert!(!text.contains("[DONE]"), "{text}");
}

#[tokio::test]
async fn what_anthropic_cannot_do_is_refused_without_reaching_it() {
    let (upstream, gw) = gateway(anthropic::json(200, "response_text.json")).await;
    let response = post_json(
        &gw,
        "/v1/chat/completions",
        &json!({"model": anthropic::MODEL, "n": 2, "messages": [{"role": "user", "content": "hi"}]})
            .to_string(),
    )
    .await;
    assert_eq!(response.status(), 400);
    let got: Value = response.json().await.unwrap();
    assert_eq!(got["error"]["param"], "n");

    let response = post_json(
        &gw,
        "/v1/embeddings",
        &json!({"model": anthropic::MODEL, "input": "hello"}).to_string(),
    )
    .await;
    assert_eq!(response.status(), 400);
    let got: Value = response.json().await.unwrap();
    assert!(
        got["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no embeddings API"),
        "{got}"
    );
    assert_eq!(upstream.requests(), 0);
}

#[tokio::test]
async fn a_silent_anthropic_stream_ends_with_an_idle_timeout_error() {
    // The gate is never released: after message_start the upstream goes silent, and the
    // gateway's idle timeout (1 s in the test config) ends the stream with an error.
    let (_upstream, gw) = gateway(Script::GatedSse(fixture("anthropic/stream_tool_use.sse"))).await;
    let text = tokio::time::timeout(
        Duration::from_secs(15),
        sse_text(
            &gw,
            &json!({"model": anthropic::MODEL, "stream": true, "messages": [{"role": "user", "content": "hi"}]}),
        ),
    )
    .await
    .expect("the idle timeout ended the stream");
    assert!(text.contains(r#""role":"assistant""#), "{text}");
    assert!(text.contains("Idle timeout"), "{text}");
    assert!(!text.contains("[DONE]"), "{text}");
}

#[tokio::test]
async fn an_email_is_tokenized_before_translation_and_restored_across_anthropic_deltas() {
    // The default policy tokenizes email addresses; the answer names the token split
    // across two text deltas, as a model may emit it.
    let sse = fixture("anthropic/stream_error.sse")
        .split("event: error")
        .next()
        .unwrap()
        .replace(
            r#""text":"Hello"}}"#,
            r#""text":"Writing to <EMAIL_ADD"}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"RESS_1> now."}}

event: content_block_stop
data: {"type":"content_block_stop","index":0}

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":9}}

event: message_stop
data: {"type":"message_stop"}"#,
        );
    let (upstream, gw) = gateway(Script::Sse(sse)).await;
    let mut request = CreateChatCompletionRequestArgs::default()
        .model(anthropic::MODEL)
        .messages([user(
            "Please write to jane.doe@example.com about the report.",
        )])
        .build()
        .unwrap();
    request.stream = Some(true);
    let mut stream = openai_client(&gw)
        .chat()
        .create_stream(request)
        .await
        .unwrap();
    let mut text = String::new();
    while let Some(chunk) = stream.next().await {
        for choice in chunk.unwrap().choices {
            text.push_str(choice.delta.content.as_deref().unwrap_or(""));
        }
    }
    let sent = upstream.last().body["messages"][0]["content"][0]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(!sent.contains("jane.doe@example.com"), "{sent}");
    assert!(sent.contains("<EMAIL_ADDRESS_1>"), "{sent}");
    assert_eq!(text, "Writing to jane.doe@example.com now.");
}

#[tokio::test]
async fn a_refused_translation_counts_no_upstream_latency_for_the_provider() {
    let (upstream, gw) = gateway(anthropic::json(200, "response_text.json")).await;
    let ask = |n: u32| {
        json!({"model": anthropic::MODEL, "n": n, "messages": [{"role": "user", "content": "hi"}]})
            .to_string()
    };
    // Refused before any byte was sent: no upstream call happened, so none is timed.
    let response = post_json(&gw, "/v1/chat/completions", &ask(2)).await;
    assert_eq!(response.status(), 400);
    let sample = r#"ledgergate_upstream_latency_seconds_count{provider="test-anthropic"}"#;
    let text = metrics_text(&gw).await;
    assert!(!text.contains(sample), "{text}");
    // One real exchange afterwards is the one and only sample.
    let response = post_json(&gw, "/v1/chat/completions", &ask(1)).await;
    assert_eq!(response.status(), 200);
    let text = metrics_text(&gw).await;
    assert!(text.contains(&format!("{sample} 1\n")), "{text}");
    assert_eq!(upstream.requests(), 1);
}
