//! Shared kit of the `pii_*` tests: runs `ledgergate redact` from a fresh temp dir with
//! the given arguments and standard input; `score` scores the held-out corpora and `bulk`
//! runs a whole corpus through the binary.

#![allow(dead_code)]

pub mod bulk;
pub mod score;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// `ledgergate redact ARGS` in `dir` with `stdin`.
pub fn redact_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ledgergate"))
        .arg("redact")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Written beside the reading of the output, which a large input fills before it is
    // read whole. The binary may exit before reading everything (a bad policy, a bad
    // line): a closed pipe is fine.
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// `ledgergate redact ARGS` in a temp dir of its own.
pub fn redact(args: &[&str], stdin: &[u8]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    redact_in(dir.path(), args, stdin)
}

/// `redact --format json ARGS` on `text`, which must succeed: (redacted, findings).
pub fn redact_json(args: &[&str], text: &str) -> (String, Vec<serde_json::Value>) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let out = redact(&all, text.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (
        v["redacted"].as_str().unwrap().to_string(),
        v["findings"].as_array().unwrap().clone(),
    )
}
