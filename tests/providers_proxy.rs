//! The provider path honours the proxy the environment names, as curl reads it: a plain
//! HTTP provider is asked through `HTTP_PROXY` (the request names its target in full and
//! carries the proxy's credentials), an HTTPS one through a CONNECT tunnel of
//! `HTTPS_PROXY` (the credentials go to the CONNECT), and `NO_PROXY` bypasses both.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;

use std::sync::{Arc, Mutex};

use common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const ASK: &str = r#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}"#;

/// The one provider of the test config at `url`, allowed plain HTTP beyond loopback.
fn config_at(url: &str) -> String {
    config_for(url, "").replacen(
        "models = [\"gpt-4o-mini\", \"text-embedding-3-small\"]\n",
        "models = [\"gpt-4o-mini\", \"text-embedding-3-small\"]\nallow_plaintext = true\n",
        1,
    )
}

/// The password in the proxy URL: a secret, never in the gateway's output.
const PROXY_SECRET: &str = "pr0xy-s3cret-7731";

#[tokio::test]
async fn a_plain_http_provider_is_asked_through_http_proxy_with_its_credentials() {
    // The test upstream plays the proxy: hyper takes the absolute-form target and
    // routes on its path, so the answer comes from it while the target host is not
    // reachable at all.
    let proxy = TestUpstream::openai().await;
    let gw = TestGateway::start_with_env(
        &config_at("http://provider.invalid/v1"),
        &[
            (
                "HTTP_PROXY",
                &format!("http://relay:{PROXY_SECRET}@{}", proxy.addr),
            ),
            ("NO_PROXY", ""),
        ],
    );
    let response = post_json(&gw, "/v1/chat/completions", ASK).await;
    assert_eq!(response.status(), 200, "{}", gw.output());
    let headers = proxy.last_headers();
    assert_eq!(headers["host"], "provider.invalid");
    // base64("relay:pr0xy-s3cret-7731"), compared, not printed.
    assert!(headers["proxy-authorization"] == "Basic cmVsYXk6cHIweHktczNjcmV0LTc3MzE=");
    // The proxy's password never reaches the gateway's logs.
    assert!(
        !gw.output().contains(PROXY_SECRET),
        "the proxy password was logged"
    );
    // Compared, not printed: the provider key stays out of the test's output.
    assert!(headers["authorization"] == format!("Bearer {PROVIDER_KEY}").as_str());
}

#[tokio::test]
async fn no_proxy_names_a_provider_that_is_asked_directly() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start_with_env(
        &config_at(&upstream.base_url()),
        &[
            // Nothing listens there: a request that went to it would fail.
            ("HTTP_PROXY", "http://127.0.0.1:9"),
            ("NO_PROXY", "127.0.0.1"),
        ],
    );
    let response = post_json(&gw, "/v1/chat/completions", ASK).await;
    assert_eq!(response.status(), 200, "{}", gw.output());
    assert_eq!(upstream.requests(), 1);
    assert!(!upstream.last_headers().contains_key("proxy-authorization"));
}

#[tokio::test]
async fn an_https_provider_is_asked_through_a_connect_tunnel_of_https_proxy() {
    // A proxy that records the head of what it is asked and refuses the tunnel: the
    // provider is never reached, but the CONNECT shows where the gateway went.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(String::new()));
    let record = seen.clone();
    tokio::spawn(async move {
        loop {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && socket.read(&mut byte).await.unwrap() == 1 {
                head.push(byte[0]);
            }
            record
                .lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&head));
            let _ = socket
                .write_all(b"HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n")
                .await;
        }
    });
    let gw = TestGateway::start_with_env(
        &config_at("https://provider.invalid/v1"),
        &[
            (
                "HTTPS_PROXY",
                &format!("http://relay:{PROXY_SECRET}@{addr}"),
            ),
            ("NO_PROXY", ""),
        ],
    );
    let response = post_json(&gw, "/v1/chat/completions", ASK).await;
    assert_eq!(response.status(), 502, "{}", gw.output());
    let body = response.text().await.unwrap();
    // The refused tunnel's error names neither the proxy's password nor its URL's
    // credentials, in the answer or in the logs.
    assert!(
        !body.contains(PROXY_SECRET),
        "the proxy password was answered"
    );
    assert!(
        !gw.output().contains(PROXY_SECRET),
        "the proxy password was logged"
    );
    let seen = seen.lock().unwrap().to_ascii_lowercase();
    // Only the request line is printed: the rest holds the proxy's credentials.
    assert!(
        seen.starts_with("connect provider.invalid:443 http/1.1\r\n"),
        "{:?}",
        seen.lines().next()
    );
    assert!(seen.contains("proxy-authorization: basic cmvsyxk6chiwehktcznjcmv0ltc3mze=\r\n"));
    assert!(
        !seen.contains(PROVIDER_KEY),
        "the provider key went to the proxy"
    );
}
