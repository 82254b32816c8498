//! TLS on the client listener (rustls), HTTP/1.1 and HTTP/2 by ALPN.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;

use common::*;

#[tokio::test]
async fn serves_https_over_http1_and_http2_with_a_self_signed_certificate() {
    let upstream = TestUpstream::openai().await;
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (cert_path, key_path) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert_path, cert.cert.pem()).unwrap();
    std::fs::write(&key_path, cert.signing_key.serialize_pem()).unwrap();
    let tls = format!(
        "tls_cert = \"{}\"\ntls_key = \"{}\"\n",
        cert_path.display(),
        key_path.display()
    );
    let config =
        config_for(&upstream.base_url(), "").replace("[server]\n", &format!("[server]\n{tls}"));
    let gw = TestGateway::start(&config);
    assert!(gw.url.starts_with("https://"), "{}", gw.url);
    let url = gw.url.replace("127.0.0.1", "localhost");

    let root = reqwest::Certificate::from_pem(cert.cert.pem().as_bytes()).unwrap();
    let body = r#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"over tls"}]}"#;
    for http2 in [false, true] {
        let mut builder = reqwest::Client::builder()
            .add_root_certificate(root.clone())
            .use_rustls_tls();
        builder = if http2 {
            builder.http2_prior_knowledge()
        } else {
            builder.http1_only()
        };
        let client = builder.build().unwrap();
        let response = client
            .post(format!("{url}/v1/chat/completions"))
            .bearer_auth(CLIENT_KEY)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        let expected = if http2 {
            reqwest::Version::HTTP_2
        } else {
            reqwest::Version::HTTP_11
        };
        assert_eq!(response.version(), expected);
        assert_eq!(response.status(), 200);
        let json: serde_json::Value = response.json().await.unwrap();
        assert_eq!(
            json["choices"][0]["message"]["content"],
            "reply to: over tls"
        );
    }

    // A client that does not trust the certificate is refused at the handshake.
    let untrusting = reqwest::Client::builder().use_rustls_tls().build().unwrap();
    assert!(untrusting
        .get(format!("{url}/healthz"))
        .send()
        .await
        .is_err());
}

#[test]
fn a_missing_certificate_file_is_a_clear_start_up_error() {
    let dir = tempfile::tempdir().unwrap();
    let config = config_for("http://127.0.0.1:9/v1", "").replace(
        "[server]\n",
        "[server]\ntls_cert = \"/nonexistent/cert.pem\"\ntls_key = \"/nonexistent/key.pem\"\n",
    );
    let path = dir.path().join("c.toml");
    std::fs::write(&path, config).unwrap();
    let out = ledgergate_command()
        .args(["serve", "--config", path.to_str().unwrap()])
        .env("TEST_PROVIDER_KEY", PROVIDER_KEY)
        .env("TEST_CLIENT_KEY", CLIENT_KEY)
        .env("LEDGERGATE_MASTER_KEY", MASTER_KEY)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot read TLS certificate /nonexistent/cert.pem"),
        "{stderr}"
    );
}
