//! Every error a client can meet, in OpenAI's shape with the right status, a request id,
//! and nothing forwarded when the request itself is at fault.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;

use std::time::Duration;

use common::*;
use serde_json::Value;

const CHAT: &str = "/v1/chat/completions";
const GOOD: &str = r#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}"#;

/// Asserts the OpenAI error shape and returns (status, error object).
async fn error_of(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    assert!(
        response.headers().contains_key("x-ledgergate-request-id"),
        "no request id on a {status}"
    );
    assert_eq!(response.headers()["content-type"], "application/json");
    let body: Value = response.json().await.unwrap();
    let error = body["error"].clone();
    assert!(error["message"].is_string(), "{body}");
    assert!(error["type"].is_string(), "{body}");
    assert!(
        error.get("param").is_some() && error.get("code").is_some(),
        "{body}"
    );
    (status, error)
}

#[tokio::test]
async fn malformed_json_is_400_naming_line_and_column_and_not_forwarded() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let (status, error) = error_of(
        post_json(
            &gw,
            CHAT,
            "{\n  \"model\": \"gpt-4o-mini\",\n  \"messages\": [}",
        )
        .await,
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .starts_with("request body is not valid JSON at line 3, column 16"),
        "{error}"
    );

    let (status, error) =
        error_of(post_json(&gw, CHAT, r#"{"model":"gpt-4o-mini","messages":"hi"}"#).await).await;
    assert_eq!(status, 400);
    assert_eq!(error["param"], "messages");

    let (status, _) = error_of(
        post_json(
            &gw,
            CHAT,
            r#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}],"stream":"yes"}"#,
        )
        .await,
    )
    .await;
    assert_eq!(status, 400);

    let invalid_utf8 = http()
        .post(format!("{}{CHAT}", gw.url))
        .bearer_auth(CLIENT_KEY)
        .header("content-type", "application/json")
        .body(b"{\"model\":\"\xff\"}".to_vec())
        .send()
        .await
        .unwrap();
    let (status, error) = error_of(invalid_utf8).await;
    assert_eq!(status, 400);
    assert!(
        error["message"].as_str().unwrap().contains("UTF-8"),
        "{error}"
    );
    assert_eq!(upstream.requests(), 0);
}

#[tokio::test]
async fn missing_or_wrong_key_is_401_and_never_echoes_the_key() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let none = http()
        .post(format!("{}{CHAT}", gw.url))
        .header("content-type", "application/json")
        .body(GOOD)
        .send()
        .await
        .unwrap();
    let (status, error) = error_of(none).await;
    assert_eq!(
        (status, error["code"].as_str()),
        (401, Some("invalid_api_key"))
    );

    let wrong_key = "lgk-wrong-key-that-looks-real-0000000000";
    let wrong = http()
        .post(format!("{}{CHAT}", gw.url))
        .bearer_auth(wrong_key)
        .header("content-type", "application/json")
        .body(GOOD)
        .send()
        .await
        .unwrap();
    let (status, error) = error_of(wrong).await;
    assert_eq!(status, 401);
    assert!(!error.to_string().contains(wrong_key));

    let models = http()
        .get(format!("{}/v1/models", gw.url))
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(models).await.0, 401);
    assert_eq!(upstream.requests(), 0);
    assert!(
        !gw.output().contains(wrong_key),
        "the presented key reached the logs"
    );
}

#[tokio::test]
async fn body_over_the_limit_is_413() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), "").replace(
        "shutdown_grace_secs = 10",
        "shutdown_grace_secs = 10\nmax_body_bytes = 1024",
    ));
    let big = format!(
        r#"{{"model":"gpt-4o-mini","messages":[{{"role":"user","content":"{}"}}]}}"#,
        "a".repeat(4096)
    );
    let (status, error) = error_of(post_json(&gw, CHAT, &big).await).await;
    assert_eq!(status, 413);
    assert!(
        error["message"].as_str().unwrap().contains("1024 bytes"),
        "{error}"
    );
    assert_eq!(upstream.requests(), 0);
}

#[tokio::test]
async fn wrong_content_type_is_415() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let form = http()
        .post(format!("{}{CHAT}", gw.url))
        .bearer_auth(CLIENT_KEY)
        .header("content-type", "text/plain")
        .body(GOOD)
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(form).await.0, 415);
    assert_eq!(upstream.requests(), 0);
}

#[tokio::test]
async fn unknown_model_is_404_and_unknown_route_too() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let (status, error) = error_of(
        post_json(
            &gw,
            CHAT,
            r#"{"model":"gpt-9","messages":[{"role":"user","content":"x"}]}"#,
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, error["code"].as_str(), error["param"].as_str()),
        (404, Some("model_not_found"), Some("model"))
    );
    let (status, _) = error_of(post_json(&gw, "/v1/nothing-here", GOOD).await).await;
    assert_eq!(status, 404);
    let get_chat = http()
        .get(format!("{}{CHAT}", gw.url))
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(get_chat).await.0, 405);
    assert_eq!(upstream.requests(), 0);
}

#[tokio::test]
async fn upstream_4xx_is_passed_through_with_its_body() {
    let upstream =
        TestUpstream::with(Behaviour::Fail(429, "Rate limit reached for gpt-4o-mini")).await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let (status, error) = error_of(post_json(&gw, CHAT, GOOD).await).await;
    assert_eq!(status, 429);
    assert_eq!(error["message"], "Rate limit reached for gpt-4o-mini");
    assert_eq!(error["type"], "rate_limit_error");
}

#[tokio::test]
async fn upstream_5xx_and_unreachable_upstreams_are_502() {
    let upstream = TestUpstream::failing(500).await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let (status, error) = error_of(post_json(&gw, CHAT, GOOD).await).await;
    assert_eq!(status, 502);
    assert!(
        error["message"].as_str().unwrap().contains("HTTP 500"),
        "{error}"
    );

    // A port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let gw = TestGateway::start(&config_for(&format!("http://{closed}/v1"), ""));
    let (status, error) = error_of(post_json(&gw, CHAT, GOOD).await).await;
    assert_eq!(
        (status, error["code"].as_str()),
        (502, Some("upstream_unreachable"))
    );
}

#[tokio::test]
async fn an_upstream_slower_than_the_first_byte_timeout_is_504() {
    let upstream = TestUpstream::with(Behaviour::SlowHeaders(Duration::from_secs(5))).await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let (status, error) = error_of(post_json(&gw, CHAT, GOOD).await).await;
    assert_eq!(
        (status, error["code"].as_str()),
        (504, Some("upstream_timeout"))
    );
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("first-byte timeout of 1500 ms"),
        "{error}"
    );
}

/// Reads an SSE body to its end and returns the data payloads.
async fn sse_payloads(response: reqwest::Response) -> Vec<String> {
    let text = response.text().await.unwrap();
    text.split("\n\n")
        .filter_map(|e| e.strip_prefix("data: "))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn a_stream_that_stalls_or_breaks_ends_with_an_error_event_not_done() {
    for behaviour in [Behaviour::StallAfterTwo, Behaviour::BreakAfterTwo] {
        let upstream = TestUpstream::with(behaviour).await;
        let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
        let body = r#"{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"one two three four"}]}"#;
        let response = post_json(&gw, CHAT, body).await;
        assert_eq!(response.status(), 200);
        let payloads = sse_payloads(response).await;
        let last: Value = serde_json::from_str(payloads.last().unwrap()).unwrap();
        assert_eq!(last["error"]["type"], "upstream_error", "{payloads:?}");
        assert!(!payloads.iter().any(|p| p == "[DONE]"));
        assert_eq!(
            payloads.len(),
            4,
            "three chunks then the error: {payloads:?}"
        );
    }
}
