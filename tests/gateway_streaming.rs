//! Streams are relayed as they arrive, and a client that goes away cancels its upstream.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;

use std::sync::atomic::Ordering;
use std::time::Duration;

use common::*;
use futures::StreamExt;

const STREAM: &str =
    r#"{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"a b c"}]}"#;

#[tokio::test]
async fn the_first_chunk_reaches_the_client_before_the_upstream_has_finished() {
    let upstream = TestUpstream::with(Behaviour::Gated).await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let response = post_json(&gw, "/v1/chat/completions", STREAM).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    let mut body = response.bytes_stream();
    // The upstream holds the rest of its stream until released: if the gateway buffered,
    // this first read would never complete.
    let first = tokio::time::timeout(Duration::from_secs(10), body.next())
        .await
        .expect("the first chunk arrived while the upstream was still streaming")
        .unwrap()
        .unwrap();
    assert!(
        std::str::from_utf8(&first).unwrap().starts_with("data: {"),
        "{first:?}"
    );
    assert_eq!(upstream.state.chunks_sent.load(Ordering::SeqCst), 1);
    upstream.state.release.notify_one();
    let mut rest = String::new();
    while let Some(chunk) = body.next().await {
        rest.push_str(std::str::from_utf8(&chunk.unwrap()).unwrap());
    }
    assert!(rest.ends_with("data: [DONE]\n\n"), "{rest}");
    // The usage chunk the gateway asked for (the client did not) is kept from the client.
    assert!(!rest.contains("\"usage\""), "{rest}");
    assert_eq!(
        upstream.last_body()["stream_options"]["include_usage"],
        true
    );
}

#[tokio::test]
async fn a_client_that_disconnects_cancels_its_upstream_request() {
    let upstream = TestUpstream::with(Behaviour::Endless).await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let response = post_json(&gw, "/v1/chat/completions", STREAM).await;
    let mut body = response.bytes_stream();
    for _ in 0..3 {
        body.next().await.unwrap().unwrap();
    }
    assert!(!upstream.state.stream_dropped.load(Ordering::SeqCst));
    drop(body);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !upstream.state.stream_dropped.load(Ordering::SeqCst) {
        assert!(
            std::time::Instant::now() < deadline,
            "the upstream stream was never cancelled"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Once cancelled, the upstream stops producing.
    let sent = upstream.state.chunks_sent.load(Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(upstream.state.chunks_sent.load(Ordering::SeqCst), sent);
}
