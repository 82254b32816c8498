//! Crash test: a child process appends under concurrent load and is killed with SIGKILL
//! mid-stream. After restart every acknowledged record is present and decrypts, the
//! torn tail (if any) is cut and audited, and the log verifies.
//! The child is this same test binary running the ignored `crash_child` test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod audit_support;

use std::io::{BufRead, Write};

use audit_support::*;
use ledgergate::audit::keys::KeyStore;
use ledgergate::audit::reader::{for_each_frame, open_frame, Opened};
use ledgergate::audit::AuditLog;

const CHILD_ENV: &str = "LEDGERGATE_AUDIT_CRASH_CHILD_DIR";

#[test]
#[ignore = "run by every_acknowledged_record_survives_sigkill as its child process"]
fn crash_child() {
    let dir = std::env::var(CHILD_ENV).expect("the parent sets the data dir");
    let data = std::path::PathBuf::from(dir);
    let rt = runtime();
    rt.block_on(async {
        let (log, _) = AuditLog::open(opts(&data), &master()).unwrap();
        let mut tasks = Vec::new();
        for t in 0..16u64 {
            let log = log.clone();
            tasks.push(tokio::spawn(async move {
                for i in 0.. {
                    let seq = log
                        .append(request_record(t * 1_000_000 + i, "acme"))
                        .await
                        .unwrap();
                    let mut out = std::io::stdout().lock();
                    writeln!(out, "ack {}", seq.0).unwrap();
                    out.flush().unwrap();
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
    });
}

#[test]
fn every_acknowledged_record_survives_sigkill() {
    let data = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "crash_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, data.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut acked = Vec::new();
    let reader = std::io::BufReader::new(child.stdout.take().unwrap());
    for line in reader.lines() {
        let line = line.unwrap();
        if let Some(seq) = line.strip_prefix("ack ") {
            acked.push(seq.parse::<u64>().unwrap());
            if acked.len() == 400 {
                child.kill().unwrap(); // SIGKILL, mid-stream
                break;
            }
        }
    }
    child.wait().unwrap();
    assert_eq!(acked.len(), 400);

    let rt = runtime();
    let report = rt.block_on(async {
        let (log, report) = AuditLog::open(opts(data.path()), &master()).unwrap();
        log.close().await.unwrap();
        report
    });
    let dir = audit_dir(data.path());
    let mut keys = KeyStore::open(&dir, &master()).unwrap();
    let (log_id, _) = keys.identity().unwrap();
    let mut present = std::collections::BTreeSet::new();
    for_each_frame(&dir, |f| {
        if let Opened::Record { record, .. } =
            open_frame(&mut keys, &log_id, &f.header, f.header_bytes, f.ciphertext).unwrap()
        {
            if record.request_id.is_some() {
                present.insert(f.header.seq.0);
            }
        }
        Ok(true)
    })
    .unwrap();
    drop(keys);
    for seq in &acked {
        assert!(
            present.contains(seq),
            "acknowledged seq {seq} is missing after the crash"
        );
    }
    assert!(report.records as usize > acked.len());
    let (code, v) = verify_json(data.path());
    assert_eq!(code, 0, "{v}");
}
