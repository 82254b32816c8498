//! The Azure OpenAI adapter through the real gateway binary, with async-openai as the
//! client and a local upstream that speaks Azure's data plane: the request addresses the
//! configured deployment with the api-version and an `api-key` header, the body is
//! OpenAI's as the client sent it, and Azure's own error bodies come back in OpenAI's
//! shape.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;

use async_openai::types::{
    ChatCompletionRequestUserMessageArgs, ChatCompletionTool, ChatCompletionToolType,
    CreateChatCompletionRequestArgs, CreateEmbeddingRequestArgs, FunctionObject,
};
use common::native::{json_fixture, NativeUpstream, Script};
use common::*;
use futures::StreamExt;
use serde_json::{json, Value};

async fn gateway(script: Script) -> (NativeUpstream, TestGateway) {
    let upstream = azure::start(script).await;
    let config = config_for("http://127.0.0.1:9/v1", "")
        // The test kit's OpenAI provider also serves gpt-4o-mini; Azure takes it over.
        .replace(
            r#"models = ["gpt-4o-mini", "text-embedding-3-small"]"#,
            r#"models = ["text-embedding-3-small"]"#,
        )
        .replace(r#"fast = "gpt-4o-mini""#, r#"fast = "gpt-4o""#)
        + &azure::provider_toml(&upstream);
    (upstream, TestGateway::start(&config))
}

fn chat(model: &str, text: &str) -> async_openai::types::CreateChatCompletionRequest {
    CreateChatCompletionRequestArgs::default()
        .model(model)
        .messages([ChatCompletionRequestUserMessageArgs::default()
            .content(text)
            .build()
            .unwrap()
            .into()])
        .tools(vec![ChatCompletionTool {
            r#type: ChatCompletionToolType::Function,
            function: FunctionObject {
                name: "get_weather".into(),
                description: None,
                parameters: Some(json!({"type": "object", "properties": {}})),
                strict: None,
            },
        }])
        .build()
        .unwrap()
}

#[tokio::test]
async fn chat_addresses_the_deployment_with_api_version_and_api_key() {
    let (upstream, gw) = gateway(azure::json(200, "response.json")).await;
    let reply = openai_client(&gw)
        .chat()
        .create(chat(azure::MODEL, "What is the weather like?"))
        .await
        .unwrap();
    assert_eq!(
        reply.choices[0].message.content.as_deref(),
        Some("It is 15 degrees at the main office.")
    );
    assert_eq!(reply.usage.unwrap().total_tokens, 37);

    let received = upstream.last();
    assert_eq!(
        received.path,
        format!("/openai/deployments/{}/chat/completions", azure::DEPLOYMENT)
    );
    assert_eq!(
        received.query.as_deref(),
        Some(format!("api-version={}", azure::API_VERSION).as_str())
    );
    assert_eq!(received.headers["api-key"], PROVIDER_KEY);
    assert!(!received.headers.contains_key("authorization"));
    // Azure speaks OpenAI's body: it is forwarded as sent, tools included.
    assert_eq!(
        received.body["messages"][0]["content"],
        "What is the weather like?"
    );
    assert_eq!(received.body["tools"][0]["function"]["name"], "get_weather");
}

#[tokio::test]
async fn an_azure_stream_with_its_prompt_filter_chunk_reaches_async_openai() {
    let (_upstream, gw) = gateway(Script::Sse(azure::sse("stream.sse"))).await;
    let mut request = chat(azure::MODEL, "What is the weather like?");
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
        for choice in chunk.choices {
            text.push_str(choice.delta.content.as_deref().unwrap_or(""));
        }
    }
    assert_eq!(text, "It is 15 degrees.");
    assert_eq!(chunks, 5);
}

#[tokio::test]
async fn azure_error_bodies_reach_the_client_in_openai_shape() {
    let (upstream, gw) = gateway(azure::json(400, "error_content_filter.json")).await;
    let body =
        json!({"model": azure::MODEL, "messages": [{"role": "user", "content": "hi"}]}).to_string();
    let response = post_json(&gw, "/v1/chat/completions", &body).await;
    assert_eq!(response.status(), 400);
    let got: Value = response.json().await.unwrap();
    let native = json_fixture("azure/error_content_filter.json");
    assert_eq!(got["error"]["message"], native["error"]["message"]);
    assert_eq!(got["error"]["type"], "invalid_request_error");
    assert_eq!(got["error"]["param"], "prompt");
    assert_eq!(got["error"]["code"], "content_filter");

    upstream.set_script(azure::json(429, "error_rate_limit.json"));
    let response = post_json(&gw, "/v1/chat/completions", &body).await;
    assert_eq!(response.status(), 429);
    let got: Value = response.json().await.unwrap();
    assert_eq!(got["error"]["type"], "rate_limit_error");
    assert_eq!(got["error"]["code"], "429");
}

#[tokio::test]
async fn a_model_without_a_deployment_entry_uses_its_own_name() {
    let (upstream, gw) = gateway(azure::json(200, "response.json")).await;
    let body = json!({"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]});
    let response = post_json(&gw, "/v1/chat/completions", &body.to_string()).await;
    // The test resource hosts no "gpt-4o" deployment: Azure's 404 comes back as OpenAI's.
    assert_eq!(
        upstream.last().path,
        "/openai/deployments/gpt-4o/chat/completions"
    );
    assert_eq!(response.status(), 404);
    let got: Value = response.json().await.unwrap();
    assert_eq!(got["error"]["code"], "DeploymentNotFound");
    assert_eq!(got["error"]["type"], "not_found_error");
}

#[tokio::test]
async fn embeddings_address_their_own_deployment() {
    let (upstream, gw) = gateway(Script::Json(
        200,
        json!({"object": "list", "model": azure::EMBEDDING_MODEL,
               "data": [{"object": "embedding", "index": 0, "embedding": [0.5, -0.25]}],
               "usage": {"prompt_tokens": 2, "total_tokens": 2}}),
    ))
    .await;
    let request = CreateEmbeddingRequestArgs::default()
        .model(azure::EMBEDDING_MODEL)
        .input("hello")
        .build()
        .unwrap();
    let reply = openai_client(&gw)
        .embeddings()
        .create(request)
        .await
        .unwrap();
    assert_eq!(reply.data[0].embedding, vec![0.5, -0.25]);
    let received = upstream.last();
    assert_eq!(
        received.path,
        format!(
            "/openai/deployments/{}/embeddings",
            azure::EMBEDDING_DEPLOYMENT
        )
    );
    assert_eq!(received.headers["api-key"], PROVIDER_KEY);
    assert_eq!(received.body["input"], "hello");
}
