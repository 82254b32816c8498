//! Hostile input, sizes: a request with more findings than allowed is refused whole;
//! an upstream answer or stream event past its size limit is a 502, never buffered
//! without bound.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;

use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn more_findings_than_allowed_refuse_the_request_whole() {
    let upstream = TestUpstream::openai().await;
    let policy = "id = \"default\"\n\n[pii]\ndefault_action = \"mask\"\nmax_findings = 5\n";
    let gw = TestGateway::start_with_policies(
        &config_for(&upstream.base_url(), ""),
        &[("default.toml", policy)],
    );
    let ask = |text: String| json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": text}]});
    let response = http()
        .post(format!("{}/v1/chat/completions", gw.url))
        .bearer_auth(CLIENT_KEY)
        .json(&ask(distinct_emails(200)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    let reply: Value = response.json().await.unwrap();
    assert_eq!(reply["error"]["code"], "too_many_findings", "{reply}");
    assert!(
        !reply.to_string().contains("user0.x@"),
        "no value in the error: {reply}"
    );
    assert_eq!(upstream.requests(), 0);

    // Under the limit, the same kind of request goes through.
    let response = http()
        .post(format!("{}/v1/chat/completions", gw.url))
        .bearer_auth(CLIENT_KEY)
        .json(&ask("write to user0.x@host0.example.com".into()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

fn small_upstream_limits(upstream: &TestUpstream) -> String {
    config_for(&upstream.base_url(), "").replace(
        "[upstream]\n",
        "[upstream]\nmax_response_bytes = 4096\nmax_event_bytes = 1024\n",
    )
}

#[tokio::test]
async fn an_answer_larger_than_the_limit_is_a_502() {
    let huge: &'static str = Box::leak("word ".repeat(2000).into_boxed_str());
    let upstream = TestUpstream::with(Behaviour::Says(huge)).await;
    let gw = TestGateway::start(&small_upstream_limits(&upstream));
    let response = http()
        .post(format!("{}/v1/chat/completions", gw.url))
        .bearer_auth(CLIENT_KEY)
        .json(&json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 502);
    let reply: Value = response.json().await.unwrap();
    let message = reply["error"]["message"].as_str().unwrap();
    assert!(message.contains("upstream.max_response_bytes"), "{message}");
}

#[tokio::test]
async fn a_stream_event_larger_than_the_limit_ends_the_stream_with_an_error() {
    // One word of 5,000 bytes: the upstream sends it as a single event.
    let huge: &'static str = Box::leak(format!("start {}", "x".repeat(5000)).into_boxed_str());
    let upstream = TestUpstream::with(Behaviour::Says(huge)).await;
    let gw = TestGateway::start(&small_upstream_limits(&upstream));
    let response = http()
        .post(format!("{}/v1/chat/completions", gw.url))
        .bearer_auth(CLIENT_KEY)
        .json(&json!({"model": "gpt-4o-mini", "stream": true,
                      "messages": [{"role": "user", "content": "hi"}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        200,
        "headers went out with the first event"
    );
    let text = response.text().await.unwrap();
    assert!(text.contains("\"content\":\"start \""), "{text}");
    assert!(
        !text.contains(&"x".repeat(5000)),
        "the big event never reached the client"
    );
    assert!(text.contains("upstream.max_event_bytes"), "{text}");
    assert!(
        !text.contains("data: [DONE]"),
        "an error is not a finished answer: {text}"
    );
}

#[tokio::test]
async fn a_request_head_past_max_header_bytes_is_a_431_and_reaches_no_provider() {
    let upstream = TestUpstream::openai().await;
    let ask = json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]});
    let send = |url: String, padding: usize| {
        let ask = ask.clone();
        async move {
            http()
                .post(format!("{url}/v1/chat/completions"))
                .bearer_auth(CLIENT_KEY)
                .header("x-padding", "p".repeat(padding))
                .json(&ask)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    // The default cap, 8 KiB: a 9,000-byte header is refused before any handler runs.
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    assert_eq!(send(gw.url.clone(), 9000).await, 431);
    assert_eq!(upstream.requests(), 0);
    assert_eq!(send(gw.url.clone(), 6000).await, 200);
    assert_eq!(upstream.requests(), 1);
    // Raised in the config, the same header is served.
    let raised = config_for(&upstream.base_url(), "")
        .replace("[server]\n", "[server]\nmax_header_bytes = 32768\n");
    let gw = TestGateway::start(&raised);
    assert_eq!(send(gw.url.clone(), 9000).await, 200);
    assert_eq!(upstream.requests(), 2);
}
