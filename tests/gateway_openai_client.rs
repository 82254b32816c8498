//! The gateway through a real third-party OpenAI client (async-openai): chat, streaming,
//! embeddings and models, and unknown request fields forwarded unchanged.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;

use async_openai::types::{
    ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs,
    CreateEmbeddingRequestArgs,
};
use common::*;
use futures::StreamExt;
use serde_json::json;

fn chat_request(model: &str, text: &str) -> async_openai::types::CreateChatCompletionRequest {
    CreateChatCompletionRequestArgs::default()
        .model(model)
        .messages([ChatCompletionRequestUserMessageArgs::default()
            .content(text)
            .build()
            .unwrap()
            .into()])
        .build()
        .unwrap()
}

#[tokio::test]
async fn chat_completion_round_trips_through_async_openai() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let reply = openai_client(&gw)
        .chat()
        .create(chat_request("gpt-4o-mini", "hello there"))
        .await
        .unwrap();
    assert_eq!(
        reply.choices[0].message.content.as_deref(),
        Some("reply to: hello there")
    );
    assert_eq!(reply.usage.unwrap().total_tokens, 12);
    // The provider key replaced the client's virtual key on the way out.
    let auth = upstream.last_headers()["authorization"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(auth, format!("Bearer {PROVIDER_KEY}"));
}

#[tokio::test]
async fn streaming_chat_arrives_chunk_by_chunk_through_async_openai() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let mut request = chat_request("gpt-4o-mini", "stream me please");
    request.stream = Some(true);
    let mut stream = openai_client(&gw)
        .chat()
        .create_stream(request)
        .await
        .unwrap();
    let mut text = String::new();
    let mut chunks = 0;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.unwrap();
        chunks += 1;
        if let Some(delta) = chunk.choices.first().and_then(|c| c.delta.content.clone()) {
            text.push_str(&delta);
        }
    }
    assert_eq!(text, "reply to: stream me please");
    assert!(chunks >= 6, "expected one chunk per word, got {chunks}");
}

#[tokio::test]
async fn aliases_resolve_to_the_served_model() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    openai_client(&gw)
        .chat()
        .create(chat_request("fast", "hi"))
        .await
        .unwrap();
    assert_eq!(upstream.last_body()["model"], "gpt-4o-mini");
}

#[tokio::test]
async fn embeddings_and_models_work_through_async_openai() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let client = openai_client(&gw);
    let request = CreateEmbeddingRequestArgs::default()
        .model("text-embedding-3-small")
        .input(vec!["one", "two"])
        .build()
        .unwrap();
    let embeddings = client.embeddings().create(request).await.unwrap();
    assert_eq!(embeddings.data.len(), 2);
    assert_eq!(embeddings.data[1].embedding, vec![0.25, -0.5, 0.125]);
    assert_eq!(upstream.last_body()["input"], json!(["one", "two"]));

    let models = client.models().list().await.unwrap();
    let ids: Vec<&str> = models.data.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["gpt-4o-mini", "text-embedding-3-small", "fast"]);
}

#[tokio::test]
async fn unknown_request_fields_are_forwarded_unchanged() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let body = r#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}],
                   "reasoning_effort":"high","brand_new_param":{"nested":[1,{"a":null}]},"temperature":0.25}"#;
    let response = post_json(&gw, "/v1/chat/completions", body).await;
    assert_eq!(response.status(), 200);
    let received = upstream.last_body();
    assert_eq!(
        received["brand_new_param"],
        json!({"nested": [1, {"a": null}]})
    );
    assert_eq!(received["reasoning_effort"], "high");
    assert_eq!(received["temperature"], 0.25);
}
