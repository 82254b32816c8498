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

/// An HTTP/1.1 chunked body as it came on the wire: its chunks, in order.
fn wire_chunks(body: &[u8]) -> Vec<Vec<u8>> {
    let mut chunks = Vec::new();
    let mut rest = body;
    loop {
        let line_end = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("a chunk size line");
        let size_text = std::str::from_utf8(&rest[..line_end]).unwrap();
        let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16)
            .unwrap_or_else(|_| panic!("a chunk size: {size_text:?}"));
        rest = &rest[line_end + 2..];
        if size == 0 {
            return chunks;
        }
        chunks.push(rest[..size].to_vec());
        assert_eq!(&rest[size..size + 2], b"\r\n", "a chunk ends with CRLF");
        rest = &rest[size + 2..];
    }
}

#[tokio::test]
async fn events_read_together_are_written_to_the_client_together() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let upstream = TestUpstream::with(Behaviour::AllAtOnce).await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let words: Vec<String> = (0..40).map(|i| format!("word{i}")).collect();
    let prompt = words.join(" ");
    let body = serde_json::json!({
        "model": "gpt-4o-mini",
        "stream": true,
        "messages": [{"role": "user", "content": prompt}],
    })
    .to_string();
    // A raw HTTP/1.1 exchange, so that the chunks are counted as the gateway wrote them.
    let host = gw.url.strip_prefix("http://").unwrap();
    let mut tcp = tokio::net::TcpStream::connect(host).await.unwrap();
    let request = format!(
        "POST /v1/chat/completions HTTP/1.1\r\nhost: {host}\r\nauthorization: Bearer {CLIENT_KEY}\r\n\
content-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    tcp.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    tokio::time::timeout(Duration::from_secs(20), tcp.read_to_end(&mut raw))
        .await
        .expect("the gateway answered and closed the connection")
        .unwrap();
    let head_end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("response headers");
    let head = std::str::from_utf8(&raw[..head_end])
        .unwrap()
        .to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains("transfer-encoding: chunked"), "{head}");
    let chunks = wire_chunks(&raw[head_end + 4..]);
    let text = String::from_utf8(chunks.concat()).unwrap();

    // The content is exact: every word, in order, then [DONE].
    let events: Vec<&str> = text
        .split("\n\n")
        .filter_map(|e| e.strip_prefix("data: "))
        .collect();
    assert_eq!(events.last(), Some(&"[DONE]"), "{text}");
    assert!(text.ends_with("data: [DONE]\n\n"), "{text}");
    let content: String = events
        .iter()
        .filter_map(|e| serde_json::from_str::<serde_json::Value>(e).ok())
        .filter_map(|e| {
            e.pointer("/choices/0/delta/content")?
                .as_str()
                .map(str::to_owned)
        })
        .collect();
    assert_eq!(content, format!("reply to: {prompt}"));
    // The role chunk, a chunk for each of the 42 words, the stop chunk and [DONE].
    assert_eq!(events.len(), 45, "{text}");
    // The upstream sent them in one read: the gateway writes them in a few frames (one
    // HTTP chunk each), not one an event.
    assert!(
        chunks.len() * 10 <= events.len(),
        "{} chunks on the wire for {} events",
        chunks.len(),
        events.len()
    );
}
