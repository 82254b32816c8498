//! The secret-leak test for the vault: the provider keys (vaulted and from the
//! environment), a vaulted virtual key's secret, the admin token and the master key are
//! set to unique markers, and none of them appears in any response (but the one that
//! creates the virtual key), log line, metric, audit record (`audit tail` after
//! stopping), export bundle, or file of the data directory.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;
mod vault_support;

use reqwest::Method;
use serde_json::json;

use common::TestUpstream;
use vault_support::*;

const MASTER_MARKER: &str = "5ec2e7000000000000000000000000000000000000000000000000000000beef";
const VAULTED_PROVIDER_MARKER: &str = "sk-LEAKMARKER-vaulted-provider-91c4";
const ENV_PROVIDER_MARKER: &str = "sk-LEAKMARKER-env-provider-27d8";
const ADMIN_MARKER: &str = "LEAKMARKER-admin-token-5b1e0f-4c7d9a21";

async fn text_of(response: reqwest::Response) -> String {
    let headers = format!("{:?}", response.headers());
    format!("{headers}\n{}", response.text().await.unwrap())
}

fn all_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[tokio::test]
async fn vault_secrets_never_appear_in_responses_logs_metrics_audit_or_exports() {
    let upstream = TestUpstream::openai().await;
    let env = [
        ("LEDGERGATE_MASTER_KEY", MASTER_MARKER),
        ("TEST_PROVIDER_KEY", ENV_PROVIDER_MARKER),
        ("TEST_ADMIN_TOKEN", ADMIN_MARKER),
    ];
    let gw = start(&admin_config(&upstream.base_url()), &env);
    let admin_base = admin_url(&gw);
    let client = common::http();
    let mut seen = String::new();

    // Admin actions (bypassing the helper: it sends the default token).
    let created = client
        .post(format!("{admin_base}/admin/v1/virtual-keys"))
        .bearer_auth(ADMIN_MARKER)
        .json(&json!({"tenant": "acme", "id": "leaky"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let created: serde_json::Value = created.json().await.unwrap();
    let virtual_secret = created["key"].as_str().unwrap().to_owned();
    for (method, path, body) in [
        (
            Method::PUT,
            "/admin/v1/provider-keys/test-openai",
            Some(json!({"key": VAULTED_PROVIDER_MARKER})),
        ),
        (Method::GET, "/admin/v1/provider-keys", None),
        (Method::GET, "/admin/v1/virtual-keys", None),
        (Method::GET, "/admin/v1/nothing-here", None),
    ] {
        let mut request = client
            .request(method, format!("{admin_base}{path}"))
            .bearer_auth(ADMIN_MARKER);
        if let Some(body) = body {
            request = request.json(&body);
        }
        seen.push_str(&text_of(request.send().await.unwrap()).await);
    }
    // A wrong admin token (a near miss of the real one) is not echoed either.
    let near_miss = client
        .get(format!("{admin_base}/admin/v1/virtual-keys"))
        .bearer_auth(format!("{ADMIN_MARKER}x"))
        .send()
        .await
        .unwrap();
    assert_eq!(near_miss.status(), 401);
    seen.push_str(&text_of(near_miss).await);

    // Client traffic with the vaulted virtual key: JSON, stream, a refusal, a bad key.
    for (key, body) in [
        (
            virtual_secret.as_str(),
            json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}),
        ),
        (
            virtual_secret.as_str(),
            json!({"model": "gpt-4o-mini", "stream": true, "messages": [{"role": "user", "content": "hi there"}]}),
        ),
        (
            virtual_secret.as_str(),
            json!({"model": "no-such-model", "messages": [{"role": "user", "content": "hi"}]}),
        ),
        (
            "lgk_not-a-real-key-but-long-enough-0000000000",
            json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}),
        ),
    ] {
        let response = client
            .post(format!("{}/v1/chat/completions", gw.url))
            .bearer_auth(key)
            .json(&body)
            .send()
            .await
            .unwrap();
        seen.push_str(&text_of(response).await);
    }
    assert_eq!(
        upstream.last_headers()["authorization"],
        format!("Bearer {VAULTED_PROVIDER_MARKER}"),
        "the vaulted key was used, so it was decrypted in this process"
    );
    for path in ["/metrics", "/healthz", "/readyz", "/v1/models"] {
        let response = client
            .get(format!("{}{path}", gw.url))
            .bearer_auth(&virtual_secret)
            .send()
            .await
            .unwrap();
        seen.push_str(&text_of(response).await);
    }
    let (status, _) = admin_with(
        &gw,
        Some(ADMIN_MARKER),
        Method::DELETE,
        "/admin/v1/virtual-keys/leaky",
        None,
    )
    .await;
    assert_eq!(status, 200);
    // The gateway's own log lines (RUST_LOG=debug), everything it printed until it stopped.
    let (dir, log_output) = stop_with_output(gw).await;
    assert!(log_output.contains("admin API listening"), "{log_output}");

    // The audit log after stopping, and an export bundle.
    let data = dir.path().join("data");
    let data_arg = data.to_str().unwrap();
    let bundle = dir.path().join("bundle");
    let mut outputs = String::new();
    for args in [
        vec!["audit", "tail", "--data-dir", data_arg, "-n", "100"],
        vec![
            "audit",
            "export",
            "--data-dir",
            data_arg,
            "--from",
            "2000-01-01T00:00:00Z",
            "--to",
            "2100-01-01T00:00:00Z",
            "--out",
            bundle.to_str().unwrap(),
        ],
    ] {
        let out = common::ledgergate_command()
            .args(&args)
            .env("LEDGERGATE_MASTER_KEY", MASTER_MARKER)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        outputs.push_str(&String::from_utf8_lossy(&out.stdout));
        outputs.push_str(&String::from_utf8_lossy(&out.stderr));
    }
    // The admin actions are in the audit log, by id.
    assert!(
        outputs.contains("key_created") && outputs.contains("key_revoked"),
        "{outputs}"
    );
    assert!(outputs.contains("leaky") && outputs.contains("test-openai"));

    let mut files = Vec::new();
    all_files(dir.path(), &mut files);
    let markers = [
        MASTER_MARKER,
        VAULTED_PROVIDER_MARKER,
        ENV_PROVIDER_MARKER,
        ADMIN_MARKER,
        virtual_secret.as_str(),
    ];
    for marker in markers {
        assert!(!seen.contains(marker), "{marker} in an HTTP response");
        assert!(
            !outputs.contains(marker),
            "{marker} in audit tail or export output"
        );
        assert!(
            !log_output.contains(marker),
            "{marker} in the gateway's log"
        );
        for file in &files {
            if file.ends_with("ledgergate.toml") {
                continue;
            }
            let bytes = std::fs::read(file).unwrap();
            assert!(
                !bytes.windows(marker.len()).any(|w| w == marker.as_bytes()),
                "{marker} in {}",
                file.display()
            );
        }
    }
}
