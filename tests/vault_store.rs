//! The key vault at start-up: it is created on first start, a wrong master key refuses
//! to start with a clear sentence and changes nothing, and a restart keeps it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;

use std::process::Stdio;
use std::time::Duration;

use common::{config_for, ledgergate_command, TestGateway, TestUpstream, MASTER_KEY};

const WRONG_MASTER: &str = "0000000000000000000000000000000000000000000000000000000000000001";

fn serve_args(gw: &TestGateway) -> Vec<String> {
    serve_args_in(gw.path())
}

#[tokio::test]
async fn a_wrong_master_key_refuses_to_start_and_changes_nothing() {
    let upstream = TestUpstream::openai().await;
    let mut gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    assert!(
        gw.data_dir().join("vault").is_dir(),
        "the vault is created at start"
    );
    // A served request proves the signal handlers are installed.
    let health = common::http()
        .get(format!("{}/healthz", gw.url))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    gw.sigterm();
    assert_eq!(gw.wait_exit(Duration::from_secs(20)), Some(0));
    let before = snapshot(&gw.data_dir());

    let out = ledgergate_command()
        .args(serve_args(&gw))
        .env("TEST_PROVIDER_KEY", "x")
        .env("TEST_CLIENT_KEY", common::CLIENT_KEY)
        .env("LEDGERGATE_MASTER_KEY", WRONG_MASTER)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("the master key does not open the key vault")
            && stderr.contains("nothing was changed"),
        "{stderr}"
    );
    assert!(!stderr.contains(WRONG_MASTER) && !stderr.contains(MASTER_KEY));
    assert_eq!(
        snapshot(&gw.data_dir()),
        before,
        "the data dir is untouched"
    );

    // The right key still opens everything.
    let dir = std::mem::replace(&mut gw.dir, tempfile::tempdir().unwrap());
    let args = serve_args_in(dir.path());
    let again = TestGateway::spawn(
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
        dir,
        &[],
    );
    let models = common::http()
        .get(format!("{}/v1/models", again.url))
        .bearer_auth(common::CLIENT_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(models.status(), 200);
}

fn serve_args_in(dir: &std::path::Path) -> Vec<String> {
    vec![
        "serve".into(),
        "--config".into(),
        dir.join("ledgergate.toml").to_str().unwrap().into(),
        "--data-dir".into(),
        dir.join("data").to_str().unwrap().into(),
    ]
}

/// Every audit log file under `dir` with a digest of its bytes, to prove nothing was
/// appended. sled's own files (`vault/`, `audit/keys/`) are left out: sled rewrites its
/// page files on every open; their content is checked by reopening with the right key.
fn snapshot(dir: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let sled = path.ends_with("vault") || path.ends_with("keys");
            if path.is_dir() && !sled {
                stack.push(path);
            } else if path.is_file() {
                let bytes = std::fs::read(&path).unwrap();
                let digest = ring::digest::digest(&ring::digest::SHA256, &bytes);
                out.push((path.clone(), hex::encode(digest.as_ref())));
            }
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn a_wrong_master_key_does_not_seed_a_vault_beside_an_existing_audit_log() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let health = common::http()
        .get(format!("{}/healthz", gw.url))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    let mut gw = gw;
    gw.sigterm();
    assert_eq!(gw.wait_exit(Duration::from_secs(20)), Some(0));
    // A data dir from before the vault existed: only the audit log.
    std::fs::remove_dir_all(gw.data_dir().join("vault")).unwrap();
    let out = ledgergate_command()
        .args(serve_args(&gw))
        .env("TEST_PROVIDER_KEY", "x")
        .env("TEST_CLIENT_KEY", common::CLIENT_KEY)
        .env("LEDGERGATE_MASTER_KEY", WRONG_MASTER)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !gw.data_dir().join("vault").exists(),
        "no vault was created under the wrong key"
    );
}
