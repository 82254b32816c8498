//! PII through the gateway: the provider receives only redacted text, the client gets
//! its original values back (JSON and streams), blocked entities are refused with 403.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;

use async_openai::types::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use common::*;
use futures::StreamExt;
use serde_json::Value;

const EMAIL: &str = "jane.doe@example.com";
const IBAN: &str = "DE89370400440532013000";

fn ask(text: &str, stream: bool) -> async_openai::types::CreateChatCompletionRequest {
    CreateChatCompletionRequestArgs::default()
        .model("gpt-4o-mini")
        .stream(stream)
        .messages([ChatCompletionRequestUserMessageArgs::default()
            .content(text)
            .build()
            .unwrap()
            .into()])
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_provider_sees_tokens_and_the_client_gets_the_originals_back() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let text = format!("Write to {EMAIL} about the refund to {IBAN}.");
    let reply = openai_client(&gw)
        .chat()
        .create(ask(&text, false))
        .await
        .unwrap();

    let sent = upstream.last_body()["messages"][0]["content"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        sent,
        "Write to <EMAIL_ADDRESS_1> about the refund to <IBAN_CODE>."
    );
    assert!(!upstream.last_body().to_string().contains(EMAIL));
    // The test upstream answers "reply to: <what it received>"; tokens are restored.
    assert_eq!(
        reply.choices[0].message.content.as_deref(),
        Some(format!("reply to: Write to {EMAIL} about the refund to <IBAN_CODE>.").as_str())
    );
}

#[tokio::test]
async fn tokens_split_across_stream_chunks_are_restored_for_the_client() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let text = format!("mail {EMAIL} and call +44 20 7946 0958 today");
    let mut stream = openai_client(&gw)
        .chat()
        .create_stream(ask(&text, true))
        .await
        .unwrap();
    let mut got = String::new();
    while let Some(chunk) = stream.next().await {
        if let Some(delta) = chunk
            .unwrap()
            .choices
            .first()
            .and_then(|c| c.delta.content.clone())
        {
            got.push_str(&delta);
        }
    }
    let sent = upstream.last_body()["messages"][0]["content"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        sent,
        "mail <EMAIL_ADDRESS_1> and call <PHONE_NUMBER_1> today"
    );
    assert_eq!(got, format!("reply to: {text}"));
}

#[tokio::test]
async fn tool_call_arguments_and_system_messages_are_screened_too() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let body = format!(
        r#"{{"model":"gpt-4o-mini","messages":[
            {{"role":"system","content":"Customer email: {EMAIL}"}},
            {{"role":"assistant","content":null,"tool_calls":[{{"id":"c1","type":"function","function":{{"name":"lookup","arguments":"{{\"iban\":\"{IBAN}\"}}"}}}}]}},
            {{"role":"tool","tool_call_id":"c1","content":"account {IBAN} is open"}},
            {{"role":"user","content":"thanks"}}]}}"#
    );
    let response = post_json(&gw, "/v1/chat/completions", &body).await;
    assert_eq!(response.status(), 200);
    let sent = upstream.last_body().to_string();
    assert!(!sent.contains(EMAIL) && !sent.contains(IBAN), "{sent}");
    let messages = &upstream.last_body()["messages"];
    assert_eq!(messages[0]["content"], "Customer email: <EMAIL_ADDRESS_1>");
    assert_eq!(
        messages[1]["tool_calls"][0]["function"]["arguments"],
        r#"{"iban":"<IBAN_CODE>"}"#
    );
    assert_eq!(messages[2]["content"], "account <IBAN_CODE> is open");
}

#[tokio::test]
async fn embeddings_inputs_are_screened() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let body =
        format!(r#"{{"model":"text-embedding-3-small","input":["contact {EMAIL}","plain"]}}"#);
    assert_eq!(post_json(&gw, "/v1/embeddings", &body).await.status(), 200);
    assert_eq!(
        upstream.last_body()["input"][0],
        "contact <EMAIL_ADDRESS_1>"
    );
    assert_eq!(upstream.last_body()["input"][1], "plain");
}

#[tokio::test]
async fn a_blocked_entity_is_refused_with_403_naming_the_entity_never_the_value() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let secret = "AKIAIOSFODNN7EXAMPLE";
    let body = format!(
        r#"{{"model":"gpt-4o-mini","messages":[{{"role":"user","content":"my key is {secret}"}}]}}"#
    );
    let response = post_json(&gw, "/v1/chat/completions", &body).await;
    assert_eq!(response.status(), 403);
    assert!(
        response.headers().contains_key("x-ledgergate-request-id")
            && !response.headers().contains_key("x-ledgergate-audit-seq"),
        "the refusal names its request id, never the global sequence number"
    );
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["code"], "pii_blocked");
    let message = error["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("SECRET") && !message.contains(secret),
        "{message}"
    );
    assert_eq!(upstream.requests(), 0, "nothing reached the provider");
}

#[tokio::test]
async fn technical_tokens_pass_untouched() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let text = "Deploy v2.3.1 of order 4711 to EKS and S3 on H100 nodes; build 9f86d081884c7d65";
    openai_client(&gw)
        .chat()
        .create(ask(text, false))
        .await
        .unwrap();
    assert_eq!(upstream.last_body()["messages"][0]["content"], text);
}

#[tokio::test]
async fn output_scanning_masks_pii_the_model_writes_itself_in_json_and_streams() {
    let said = "Call Dr. Smith on +44 20 7946 0958 or mail bob.jones@example.org today.";
    let upstream = TestUpstream::with(Behaviour::Says(said)).await;
    let policy =
        "id = \"default\"\n[pii.actions]\nEMAIL_ADDRESS = \"tokenize\"\n[output]\nscan = true\n";
    let gw = TestGateway::start_with_policies(
        &config_for(&upstream.base_url(), ""),
        &[("default.toml", policy)],
    );
    let reply = openai_client(&gw)
        .chat()
        .create(ask("who do I call?", false))
        .await
        .unwrap();
    let expected = "Call Dr. <PERSON> on <PHONE_NUMBER> or mail <EMAIL_ADDRESS> today.";
    assert_eq!(reply.choices[0].message.content.as_deref(), Some(expected));

    let mut stream = openai_client(&gw)
        .chat()
        .create_stream(ask("who do I call?", true))
        .await
        .unwrap();
    let mut got = String::new();
    while let Some(chunk) = stream.next().await {
        if let Some(delta) = chunk
            .unwrap()
            .choices
            .first()
            .and_then(|c| c.delta.content.clone())
        {
            got.push_str(&delta);
        }
    }
    assert_eq!(got, expected);
}
