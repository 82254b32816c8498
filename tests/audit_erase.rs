//! Crypto-shredding: `audit erase --subject S` destroys S's data keys; the chain and
//! signatures still verify, S's records show as erased, others still decrypt, and the
//! erasure is audited. Also: the key store is refused while another process holds it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod audit_support;

use audit_support::*;
use ledgergate::audit::AuditLog;

fn show(data: &std::path::Path, seq: u64) -> serde_json::Value {
    let o = audit_on(data, "show", &["--seq", &seq.to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_str(stdout(&o).trim()).unwrap()
}

#[test]
fn an_erased_subject_no_longer_decrypts_and_the_chain_still_verifies() {
    let data = tempfile::tempdir().unwrap();
    write_log(6, opts(data.path()));
    // seq 1 is acme's first request, seq 2 globex's.
    assert_eq!(show(data.path(), 1)["record"]["tenant"], "acme");
    let o = audit_on(data.path(), "erase", &["--subject", "acme"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("1 data keys destroyed"),
        "{}",
        stdout(&o)
    );

    let (code, v) = verify_json(data.path());
    assert_eq!(code, 0, "{v}");
    assert_eq!(show(data.path(), 1)["erased"], true);
    assert_eq!(show(data.path(), 2)["record"]["tenant"], "globex");

    let tail = audit_on(data.path(), "tail", &["-n", "3"]);
    let text = stdout(&tail);
    assert!(text.contains("erasure_done"), "{text}");
    assert!(text.contains("subject_pseudonym"), "{text}");
    assert!(
        !text.contains("\"acme\""),
        "the erasure record names a pseudonym, not the subject: {text}"
    );

    // Exports show the erased records as erased, and the bundle verifies.
    let out = data.path().join("bundle");
    let o = export_cmd(data.path(), &out, "2000-01-01T00:00:00Z", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let jsonl = std::fs::read_to_string(out.join("records.jsonl")).unwrap();
    assert_eq!(
        jsonl
            .lines()
            .filter(|l| l.contains("\"erased\":true"))
            .count(),
        3
    );
    let o = cli_no_key(&["audit", "verify-bundle", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn the_system_subject_cannot_be_erased() {
    let data = tempfile::tempdir().unwrap();
    write_log(1, opts(data.path()));
    let o = audit_on(data.path(), "erase", &["--subject", "system"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot be erased"), "{}", stderr(&o));
}

#[test]
fn commands_that_need_keys_refuse_clearly_while_a_server_holds_them() {
    let data = tempfile::tempdir().unwrap();
    let rt = runtime();
    let (log, _) = AuditLog::open(opts(data.path()), &master()).unwrap();
    for cmd in [
        vec!["show", "--seq", "0"],
        vec!["erase", "--subject", "acme"],
    ] {
        let mut args = vec!["audit"];
        args.extend(cmd.iter().copied());
        args.extend(["--data-dir", data.path().to_str().unwrap()]);
        let o = cli(&args);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains("locked by another process"),
            "{}",
            stderr(&o)
        );
    }
    // verify needs no key store and works while the log is open.
    assert_eq!(verify_json(data.path()).0, 0);
    rt.block_on(log.close()).unwrap();
}

#[test]
fn commands_that_decrypt_need_the_master_key() {
    let data = tempfile::tempdir().unwrap();
    write_log(1, opts(data.path()));
    let o = audit_on_no_key(data.path(), "show", &["--seq", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("LEDGERGATE_MASTER_KEY is not set"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn tail_shows_headers_only_while_a_server_holds_the_keys() {
    let data = tempfile::tempdir().unwrap();
    let rt = runtime();
    let (log, _) = AuditLog::open(opts(data.path()), &master()).unwrap();
    rt.block_on(log.append(request_record(1, "acme"))).unwrap();
    let o = audit_on(data.path(), "tail", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("headers only"), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["seq"], 1);
    assert_eq!(lines[1]["encrypted"], true);
    assert!(!stdout(&o).contains("acme"));
    rt.block_on(log.close()).unwrap();
}

#[test]
fn tail_follow_prints_records_as_they_are_appended() {
    use std::io::BufRead;
    let data = tempfile::tempdir().unwrap();
    let rt = runtime();
    let (log, _) = AuditLog::open(opts(data.path()), &master()).unwrap();
    let mut child = ledgergate_command()
        .args([
            "audit",
            "tail",
            "-f",
            "--data-dir",
            data.path().to_str().unwrap(),
        ])
        .env("LEDGERGATE_MASTER_KEY", MASTER_HEX)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let first = rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
    assert!(first.contains("\"seq\":0"), "{first}");
    // Roll over a segment too, so following crosses files.
    for i in 0..12 {
        rt.block_on(log.append(request_record(i, "acme"))).unwrap();
    }
    let mut seqs = Vec::new();
    while seqs.len() < 12 {
        let line = rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        seqs.push(v["seq"].as_u64().unwrap());
    }
    assert_eq!(seqs, (1..=12).collect::<Vec<u64>>());
    child.kill().unwrap();
    child.wait().unwrap();
    rt.block_on(log.close()).unwrap();
}
