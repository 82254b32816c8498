//! Shared kit for the witness tests: a `ledgergate witness serve` child on a loopback
//! port (killed on drop), the latest checkpoint of a log, and a raw add-checkpoint call.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

use ledgergate::audit::checkpoint::parse_notes;
use ledgergate::audit::proof::consistency_proof;
use ledgergate::audit::trust::leaf_hashes;

fn audit_dir(data: &Path) -> PathBuf {
    data.join("audit")
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

pub struct WitnessProcess {
    child: Child,
    pub url: String,
    pub vkey: String,
    pub data_dir: PathBuf,
}

impl WitnessProcess {
    /// Starts a witness for the log whose `audit.pub` is in `data`'s audit dir.
    pub fn start(witness_dir: &Path, data: &Path) -> WitnessProcess {
        Self::start_on(witness_dir, data, "127.0.0.1:0")
    }

    pub fn start_on(witness_dir: &Path, data: &Path, listen: &str) -> WitnessProcess {
        let pubkey = audit_dir(data).join("audit.pub");
        // Run in the witness's own (temporary) directory, never in the checkout.
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ledgergate"))
            .current_dir(witness_dir)
            .args(["witness", "serve", "--listen", listen, "--data-dir"])
            .arg(witness_dir)
            .args(["--name", "witness.test/w1", "--log-vkey"])
            .arg(&pubkey)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut vkey = None;
        let mut url = None;
        while url.is_none() {
            let line = lines
                .next()
                .expect("the witness printed its address")
                .unwrap();
            if let Some(v) = line.strip_prefix("witness verifier key: ") {
                vkey = Some(v.to_string());
            }
            if let Some(u) = line.strip_prefix("witness listening on ") {
                url = Some(u.to_string());
            }
        }
        WitnessProcess {
            child,
            url: url.unwrap(),
            vkey: vkey.expect("the witness printed its verifier key"),
            data_dir: witness_dir.to_path_buf(),
        }
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for WitnessProcess {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The latest signed checkpoint note of the log in `data`.
pub fn latest_note(data: &Path) -> (u64, String) {
    let bytes = std::fs::read(audit_dir(data).join("checkpoints")).unwrap();
    let n = parse_notes(&bytes)
        .notes
        .into_iter()
        .max_by_key(|n| n.checkpoint.size)
        .unwrap();
    (n.checkpoint.size, n.text)
}

/// POSTs add-checkpoint with the consistency proof from `old` computed from the log in
/// `data` (capped to the checkpoint's size). Returns status, content type and body.
pub fn add_checkpoint(
    url: &str,
    data: &Path,
    old: u64,
    note: &str,
    size: u64,
) -> (u16, String, String) {
    let leaves = leaf_hashes(&audit_dir(data), Some(size)).unwrap();
    let proof = if old <= leaves.len() as u64 {
        consistency_proof(&leaves, old).unwrap()
    } else {
        Vec::new()
    };
    let body = ledgergate::witness::client::request_body(old, &proof, note);
    runtime().block_on(async {
        let r = reqwest::Client::new()
            .post(format!("{url}/add-checkpoint"))
            .body(body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        let ct = r
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        (status, ct, r.text().await.unwrap())
    })
}
