//! The gateway with `[[audit.witnesses]]`: each new checkpoint goes to the witness with
//! its consistency proof and the cosignature is kept beside the log; requests keep
//! being served while the witness is down, and the witness catches up when it is back;
//! a host rolled back to an earlier snapshot refuses to start (exit 1) and fails
//! `audit verify --witness-vkey`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;
mod witness_support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::*;
use ledgergate::audit::checkpoint::parse_notes;
use witness_support::*;

const CHAT: &str = r#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hello"}]}"#;

struct Host {
    root: tempfile::TempDir,
    upstream: String,
}

impl Host {
    fn data(&self) -> PathBuf {
        self.root.path().join("data")
    }

    /// Writes the config (with the witness when given) and returns its path.
    fn config(&self, witness: Option<&WitnessProcess>) -> PathBuf {
        let extra = match witness {
            Some(w) => format!(
                "[audit]\ncheckpoint_every = 1\ncheckpoint_interval_secs = 1\n\n[[audit.witnesses]]\nurl = \"{}\"\nvkey = \"{}\"\n",
                w.url, w.vkey
            ),
            None => "[audit]\ncheckpoint_every = 1\n".into(),
        };
        let path = self.root.path().join("ledgergate.toml");
        std::fs::write(&path, config_for(&self.upstream, &extra)).unwrap();
        path
    }

    fn args(&self, config: &Path) -> Vec<String> {
        vec![
            "serve".into(),
            "--config".into(),
            config.to_str().unwrap().into(),
            "--data-dir".into(),
            self.data().to_str().unwrap().into(),
        ]
    }

    fn start(&self, config: &Path) -> TestGateway {
        let args = self.args(config);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        TestGateway::spawn(&args, tempfile::tempdir().unwrap(), &[])
    }

    /// Runs `serve` expecting it to refuse: its exit code and stderr.
    fn start_refused(&self, config: &Path) -> (Option<i32>, String) {
        let args = self.args(config);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = gateway_command(&args, self.root.path(), &[])
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Serves `n` chat requests, then stops the gateway cleanly.
    async fn serve_requests(&self, config: &Path, n: usize) {
        let mut gw = self.start(config);
        for _ in 0..n {
            assert_eq!(
                post_json(&gw, "/v1/chat/completions", CHAT).await.status(),
                200
            );
        }
        gw.sigterm();
        assert_eq!(
            gw.wait_exit(Duration::from_secs(15)),
            Some(0),
            "{}",
            gw.output()
        );
    }
}

/// The largest checkpoint size cosigned in the log's `cosigned` file.
fn cosigned_size(data: &Path) -> u64 {
    let bytes = std::fs::read(data.join("audit/cosigned")).unwrap_or_default();
    parse_notes(&bytes)
        .notes
        .iter()
        .map(|n| n.checkpoint.size)
        .max()
        .unwrap_or(0)
}

fn latest_size(data: &Path) -> u64 {
    latest_note(data).0
}

/// Waits (bounded) until the cosigned file covers `size`.
async fn wait_cosigned(data: &Path, size: u64) -> u64 {
    for _ in 0..600 {
        let got = cosigned_size(data);
        if got >= size {
            return got;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "no cosignature for size {size} (have {})",
        cosigned_size(data)
    );
}

fn verify_witnessed(config: &Path, data: &Path, vkey: &str) -> (i32, serde_json::Value) {
    let (code, out, err) = cli(&[
        "audit",
        "verify",
        "--config",
        config.to_str().unwrap(),
        "--data-dir",
        data.to_str().unwrap(),
        "--witness-vkey",
        vkey,
        "--json",
    ]);
    let v = serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    (code, v)
}

async fn host_with_witness() -> (
    Host,
    tempfile::TempDir,
    WitnessProcess,
    PathBuf,
    TestUpstream,
) {
    let upstream = TestUpstream::openai().await;
    let host = Host {
        root: tempfile::tempdir().unwrap(),
        upstream: upstream.base_url(),
    };
    // The log and its key exist once the gateway has run; then the witness pins the key.
    let plain = host.config(None);
    host.serve_requests(&plain, 1).await;
    let wdir = tempfile::tempdir().unwrap();
    let witness = WitnessProcess::start(wdir.path(), &host.data());
    let config = host.config(Some(&witness));
    (host, wdir, witness, config, upstream)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checkpoints_are_cosigned_and_a_rolled_back_host_refuses_to_start() {
    let (host, _wdir, witness, config, _up) = host_with_witness().await;
    let data = host.data();

    // The start itself submits the latest checkpoint; requests bring new ones.
    let gw = host.start(&config);
    assert!(cosigned_size(&data) > 0, "{}", gw.output());
    for _ in 0..3 {
        assert_eq!(
            post_json(&gw, "/v1/chat/completions", CHAT).await.status(),
            200
        );
    }
    let covered = wait_cosigned(&data, latest_size(&data)).await;
    let mut gw = gw;
    gw.sigterm();
    assert_eq!(gw.wait_exit(Duration::from_secs(15)), Some(0));
    let (code, v) = verify_witnessed(&config, &data, &witness.vkey);
    assert_eq!(code, 0, "{v}");
    assert!(v["witnessed_size"].as_u64().unwrap() >= covered, "{v}");

    // Keep a snapshot of the host, then let the log (and the witness) move on.
    let snapshot = tempfile::tempdir().unwrap();
    copy_dir(&data, snapshot.path());
    let gw = host.start(&config);
    for _ in 0..3 {
        assert_eq!(
            post_json(&gw, "/v1/chat/completions", CHAT).await.status(),
            200
        );
    }
    let moved_on = wait_cosigned(&data, latest_size(&data)).await;
    assert!(moved_on > covered);
    let mut gw = gw;
    gw.sigterm();
    assert_eq!(gw.wait_exit(Duration::from_secs(15)), Some(0));

    // Restore the snapshot: its log and its cosigned file agree with each other, but
    // the witness remembers more.
    std::fs::remove_dir_all(&data).unwrap();
    copy_dir(snapshot.path(), &data);
    assert_eq!(
        cli(&["audit", "verify", "--data-dir", data.to_str().unwrap()]).0,
        0
    );
    let before = std::fs::read(data.join("audit/checkpoints")).unwrap();
    let (code, stderr) = host.start_refused(&config);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("rolled back"), "{stderr}");
    assert!(stderr.contains(&witness.url), "{stderr}");
    // Refused before the log was touched.
    assert_eq!(
        std::fs::read(data.join("audit/checkpoints")).unwrap(),
        before
    );
    let (code, v) = verify_witnessed(&config, &data, &witness.vkey);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["first_failure"]["reason"], "rollback", "{v}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gateway_keeps_serving_while_its_witness_is_down_and_catches_up() {
    let (host, wdir, mut witness, config, _up) = host_with_witness().await;
    let data = host.data();
    let gw = host.start(&config);
    let first = wait_cosigned(&data, latest_size(&data)).await;

    let addr = witness.url.trim_start_matches("http://").to_string();
    witness.stop();
    for _ in 0..3 {
        assert_eq!(
            post_json(&gw, "/v1/chat/completions", CHAT).await.status(),
            200
        );
    }
    // New checkpoints were signed but none could be cosigned.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let pending = latest_size(&data);
    assert!(pending > first);
    assert_eq!(cosigned_size(&data), first);

    let witness = WitnessProcess::start_on(wdir.path(), &data, &addr);
    let caught_up = wait_cosigned(&data, pending).await;
    assert!(caught_up >= pending);
    let (code, v) = verify_witnessed(&config, &data, &witness.vkey);
    assert_eq!(code, 0, "{v}");
    drop(gw);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gateway_whose_witnesses_cannot_confirm_its_log_does_not_start() {
    let (host, _wdir, mut witness, config, _up) = host_with_witness().await;
    witness.stop();
    let (code, stderr) = host.start_refused(&config);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("only 0 of 1 witnesses confirmed the audit log (audit.witness_quorum = 1)"),
        "{stderr}"
    );
    assert!(!stderr.contains(MASTER_KEY) && !stderr.contains(CLIENT_KEY));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_log_shorter_than_its_own_kept_cosignatures_refuses_to_start() {
    let (host, _wdir, _witness, config, _up) = host_with_witness().await;
    let data = host.data();
    let snapshot = tempfile::tempdir().unwrap();
    copy_dir(&data, snapshot.path());
    host.serve_requests(&config, 3).await;
    let cosigned = std::fs::read(data.join("audit/cosigned")).unwrap();
    // Roll the segments and checkpoints back but leave the newer cosignatures beside
    // them: the gateway catches it from its own file, before asking any witness.
    std::fs::remove_dir_all(&data).unwrap();
    copy_dir(snapshot.path(), &data);
    std::fs::write(data.join("audit/cosigned"), cosigned).unwrap();
    let (code, stderr) = host.start_refused(&config);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("does not extend a checkpoint its witnesses cosigned (rollback below a trusted checkpoint"),
        "{stderr}"
    );
}
