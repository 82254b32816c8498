//! Streaming cost of the provider adapters: one 200-event answer fetched from a loopback
//! upstream and drained, through the OpenAI-compatible adapter (events relayed as they
//! are) and through the Anthropic and Gemini adapters (each event translated into an
//! OpenAI chunk). The difference between them is the translation's cost per answer.
//!
//! Run: `cargo bench --bench providers -- --warm-up-time 1 --measurement-time 2`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

use axum::routing::post;
use axum::Router;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use futures::StreamExt;
use ledgergate::config::Config;
use ledgergate::openai::ChatRequest;
use ledgergate::providers::{Providers, Reply};
use serde_json::json;

const EVENTS: usize = 200;

fn openai_sse() -> String {
    let mut out = String::new();
    for i in 0..EVENTS {
        let chunk = json!({"id": "chatcmpl-b", "object": "chat.completion.chunk", "created": 1, "model": "gpt-b",
            "choices": [{"index": 0, "delta": {"content": format!("word{i} ")}, "finish_reason": null}]});
        out.push_str(&format!("data: {chunk}\n\n"));
    }
    out.push_str("data: [DONE]\n\n");
    out
}

fn anthropic_sse() -> String {
    let mut out = String::from(
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_b\",\"model\":\"claude-b\",\"usage\":{\"input_tokens\":5}}}\n\n\
         event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
    );
    for i in 0..EVENTS {
        let delta = json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": format!("word{i} ")}});
        out.push_str(&format!("event: content_block_delta\ndata: {delta}\n\n"));
    }
    out.push_str(
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":200}}\n\n\
         event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
    );
    out
}

fn gemini_sse() -> String {
    let mut out = String::new();
    for i in 0..EVENTS {
        let mut event = json!({"candidates": [{"content": {"role": "model", "parts": [{"text": format!("word{i} ")}]}, "index": 0}],
            "modelVersion": "gemini-b", "responseId": "r"});
        if i + 1 == EVENTS {
            event["candidates"][0]["finishReason"] = json!("STOP");
            event["usageMetadata"] =
                json!({"promptTokenCount": 5, "candidatesTokenCount": 200, "totalTokenCount": 205});
        }
        out.push_str(&format!("data: {event}\r\n\r\n"));
    }
    out
}

fn sse_route(body: String) -> axum::routing::MethodRouter {
    post(move || {
        let body = body.clone();
        async move { ([("content-type", "text/event-stream")], body) }
    })
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let origin = rt.block_on(async {
        let app = Router::new()
            .route("/v1/chat/completions", sse_route(openai_sse()))
            .route("/v1/messages", sse_route(anthropic_sse()))
            .route("/v1beta/models/{rest}", sse_route(gemini_sse()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let addr = listener.local_addr().expect("its address");
        tokio::spawn(async move { axum::serve(listener, app).await });
        format!("http://{addr}")
    });
    let config = Config::parse(
        &format!(
            r#"
[[providers]]
name = "openai"
kind = "openai"
base_url = "{origin}/v1"
models = ["gpt-b"]
[[providers]]
name = "anthropic"
kind = "anthropic"
base_url = "{origin}/v1"
models = ["claude-b"]
[[providers]]
name = "gemini"
kind = "gemini"
base_url = "{origin}/v1beta"
models = ["gemini-b"]
"#
        ),
        "bench.toml",
    )
    .expect("the bench config is valid");
    let providers = rt
        .block_on(async { Providers::from_config(&config.providers, &config.upstream, None) })
        .expect("adapters build");

    let mut group = c.benchmark_group("stream_200_events");
    group.throughput(Throughput::Elements(EVENTS as u64));
    for model in ["gpt-b", "claude-b", "gemini-b"] {
        let provider = providers.serving(model).remove(0);
        let request = ChatRequest::parse(
            json!({"model": model, "stream": true, "messages": [{"role": "user", "content": "go"}]})
                .to_string()
                .as_bytes(),
        )
        .expect("a valid request");
        group.bench_function(provider.config().name.clone(), |b| {
            b.to_async(&rt).iter(|| async {
                let Ok(Reply::Stream(mut events)) = provider.chat(&request).await else {
                    panic!("a stream")
                };
                let mut n = 0;
                while let Some(event) = events.next().await {
                    event.expect("a good event");
                    n += 1;
                }
                assert!(n >= EVENTS);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
