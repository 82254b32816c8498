//! Rollback and forgery an auditor can now catch without trusting the host: a deleted
//! checkpoints file, an unsigned tail left too long, a restored snapshot or a forked
//! log against a checkpoint the auditor kept (`verify --trusted`), inclusion proofs
//! checked offline with the public key only, and a frame whose key vanished without an
//! erasure record.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod audit_support;

use std::path::Path;
use std::process::Output;

use audit_support::*;

/// `audit checkpoint` output kept in a file outside the data dir.
fn keep_checkpoint(data: &Path, keep: &Path) -> String {
    let o = audit_on_no_key(data, "checkpoint", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let note = stdout(&o);
    std::fs::write(keep, &note).unwrap();
    note
}

/// `audit verify --data-dir DATA --trusted FILE`, in its plain text form.
fn verify_trusted(data: &Path, trusted: &Path) -> Output {
    audit_on_no_key(data, "verify", &["--trusted", trusted.to_str().unwrap()])
}

/// `audit prove --data-dir DATA --seq SEQ`.
fn prove(data: &Path, seq: impl ToString) -> Output {
    audit_on_no_key(data, "prove", &["--seq", &seq.to_string()])
}

/// `audit verify-proof PROOF --public-key KEY`: nothing but the proof and the key.
fn verify_proof(proof: &Path, key: &Path) -> Output {
    let (proof, key) = (proof.to_str().unwrap(), key.to_str().unwrap());
    cli_no_key(&["audit", "verify-proof", proof, "--public-key", key])
}

fn append(data: &Path, from: u64, n: u64, tenant: &str) {
    let rt = runtime();
    rt.block_on(async {
        let (log, _) = ledgergate::audit::AuditLog::open(opts(data), &master()).unwrap();
        for i in from..from + n {
            log.append(request_record(i, tenant)).await.unwrap();
        }
        log.close().await.unwrap();
    });
}

#[test]
fn a_deleted_checkpoints_file_fails_verify() {
    let data = tempfile::tempdir().unwrap();
    write_log(5, opts(data.path()));
    std::fs::remove_file(audit_dir(data.path()).join("checkpoints")).unwrap();
    let (code, v, _) = verify_with(data.path(), &[]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["first_failure"]["reason"], "checkpoints_missing", "{v}");
    // And the gateway refuses to start on it rather than signing over it.
    let err = ledgergate::audit::AuditLog::open(opts(data.path()), &master()).unwrap_err();
    assert!(
        err.to_string().contains("checkpoints file is missing"),
        "{err}"
    );
}

#[test]
fn an_unsigned_tail_passes_while_fresh_and_fails_once_older_than_the_interval() {
    let data = tempfile::tempdir().unwrap();
    write_log(20, opts(data.path()));
    // Drop the last checkpoint notes: the tail after the remaining one is unsigned, as
    // after a crash or when someone rewrote it.
    let path = audit_dir(data.path()).join("checkpoints");
    let text = std::fs::read_to_string(&path).unwrap();
    let notes = ledgergate::audit::checkpoint::parse_notes(text.as_bytes()).notes;
    assert!(notes.len() >= 3);
    let keep: String = notes[..1].iter().map(|n| n.text.as_str()).collect();
    std::fs::write(&path, keep).unwrap();
    let covered = notes[0].checkpoint.size;

    let (code, v, _) = verify_with(data.path(), &["--checkpoint-interval", "1"]);
    assert_eq!(code, 0, "a tail younger than the window is in flight: {v}");
    // Age the tail past twice the interval (the check compares record times with now).
    std::thread::sleep(std::time::Duration::from_millis(2500));
    let (code, v, _) = verify_with(data.path(), &["--checkpoint-interval", "1"]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["first_failure"]["reason"], "uncheckpointed", "{v}");
    assert_eq!(v["first_failure"]["seq"], covered, "{v}");
    // With the default interval (60 s) the same tail is still in its window.
    assert_eq!(verify_with(data.path(), &[]).0, 0);
}

#[test]
fn a_restored_snapshot_passes_plain_verify_but_not_verify_trusted() {
    let data = tempfile::tempdir().unwrap();
    let snapshot = tempfile::tempdir().unwrap();
    let auditor = tempfile::tempdir().unwrap();
    write_log(10, opts(data.path()));
    copy_dir(data.path(), snapshot.path());
    append(data.path(), 100, 10, "acme");
    let kept = auditor.path().join("trusted.note");
    let note = keep_checkpoint(data.path(), &kept);
    assert!(note.starts_with("ledgergate.audit/"), "{note}");
    assert!(note.contains("\n\n\u{2014} ledgergate.audit/"), "{note}");
    let trusted_size: u64 = note.lines().nth(1).unwrap().parse().unwrap();

    // The log as it is verifies against what the auditor kept.
    let (code, v, _) = verify_with(data.path(), &["--trusted", kept.to_str().unwrap()]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["trusted_size"], trusted_size);

    // Roll the host back to the snapshot: on its own the log looks fine...
    std::fs::remove_dir_all(data.path().join("audit")).unwrap();
    copy_dir(snapshot.path(), data.path());
    let (code, v, _) = verify_with(data.path(), &[]);
    assert_eq!(code, 0, "{v}");
    // ...but not against the kept checkpoint.
    let (code, v, _) = verify_with(data.path(), &["--trusted", kept.to_str().unwrap()]);
    assert_eq!(code, 1, "{v}");
    let f = &v["first_failure"];
    assert_eq!(f["reason"], "rollback", "{v}");
    let records = v["records"].as_u64().unwrap();
    assert_eq!(f["seq"], records);
    assert!(
        f["detail"]
            .as_str()
            .unwrap()
            .contains(&format!("records {records}..{trusted_size} were removed")),
        "{v}"
    );
    // The plain text form says it too.
    let o = verify_trusted(data.path(), &kept);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("rollback below a trusted checkpoint"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_forked_log_longer_than_the_kept_checkpoint_is_inconsistent_and_says_where() {
    let data = tempfile::tempdir().unwrap();
    let snapshot = tempfile::tempdir().unwrap();
    let auditor = tempfile::tempdir().unwrap();
    write_log(6, opts(data.path()));
    let early = auditor.path().join("early.note");
    keep_checkpoint(data.path(), &early);
    let early_size: u64 = std::fs::read_to_string(&early)
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    copy_dir(data.path(), snapshot.path());
    append(data.path(), 100, 4, "acme");
    let late = auditor.path().join("late.note");
    let late_note = keep_checkpoint(data.path(), &late);
    let both = auditor.path().join("both.notes");
    std::fs::write(
        &both,
        format!("{}{late_note}", std::fs::read_to_string(&early).unwrap()),
    )
    .unwrap();

    // The host goes back to the snapshot and writes other, more records: longer than
    // the kept checkpoint, but not an extension of it.
    std::fs::remove_dir_all(data.path().join("audit")).unwrap();
    copy_dir(snapshot.path(), data.path());
    append(data.path(), 500, 12, "globex");
    assert_eq!(verify_with(data.path(), &[]).0, 0);
    let (code, v, _) = verify_with(data.path(), &["--trusted", both.to_str().unwrap()]);
    assert_eq!(code, 1, "{v}");
    let f = &v["first_failure"];
    assert_eq!(f["reason"], "inconsistent", "{v}");
    // The early checkpoint still holds, so the divergence is after it.
    assert_eq!(f["seq"], early_size, "{v}");
    assert!(f["detail"].as_str().unwrap().contains(&format!(
        "the largest trusted size that still holds is {early_size}"
    )));
}

#[test]
fn a_kept_checkpoint_of_another_key_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    write_log(3, opts(data.path()));
    write_log(3, opts(other.path()));
    let kept = other.path().join("kept.note");
    keep_checkpoint(other.path(), &kept);
    let (code, v, _) = verify_with(data.path(), &["--trusted", kept.to_str().unwrap()]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["first_failure"]["reason"], "bad_signature", "{v}");
    // A file that holds no note is a usage error.
    let junk = other.path().join("junk");
    std::fs::write(&junk, "hello\n").unwrap();
    let o = verify_trusted(data.path(), &junk);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("holds no signed checkpoint"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_inclusion_proof_checks_offline_with_the_public_key_only() {
    let data = tempfile::tempdir().unwrap();
    let auditor = tempfile::tempdir().unwrap();
    write_log(13, opts(data.path()));
    let key = auditor.path().join("audit.pub");
    std::fs::copy(audit_dir(data.path()).join("audit.pub"), &key).unwrap();
    for seq in [0u64, 7, 14] {
        let o = prove(data.path(), seq);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let proof = auditor.path().join(format!("proof-{seq}.json"));
        std::fs::write(&proof, stdout(&o)).unwrap();
        // Checked with nothing but the proof and the key: the data dir is not named.
        let o = verify_proof(&proof, &key);
        assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
        assert!(stdout(&o).contains(&format!("record {seq} is in the log")));
    }
    // The proof of record 7 does not prove record 8, nor another record hash.
    let proof_path = auditor.path().join("proof-7.json");
    let mut proof: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&proof_path).unwrap()).unwrap();
    let check = |p: &serde_json::Value| {
        let path = auditor.path().join("edited.json");
        std::fs::write(&path, p.to_string()).unwrap();
        verify_proof(&path, &key)
    };
    proof["seq"] = 8.into();
    let o = check(&proof);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("FAILED"), "{}", stdout(&o));
    proof["seq"] = 7.into();
    let other_hash =
        serde_json::Value::from("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=".to_string());
    let original = std::mem::replace(&mut proof["record_hash"], other_hash);
    assert_eq!(check(&proof).status.code(), Some(1));
    proof["record_hash"] = original;
    assert_eq!(check(&proof).status.code(), Some(0));
    // Another log's key does not accept it.
    let other = tempfile::tempdir().unwrap();
    write_log(1, opts(other.path()));
    let o = verify_proof(&proof_path, &audit_dir(other.path()).join("audit.pub"));
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("not signed by"), "{}", stdout(&o));
    // A record the latest checkpoint does not cover yet has no proof.
    let o = prove(data.path(), "999");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not covered"), "{}", stderr(&o));
}

#[test]
fn a_frame_whose_key_vanished_without_an_erasure_record_fails_verify_decrypt() {
    let data = tempfile::tempdir().unwrap();
    write_log(6, opts(data.path()));
    let decrypt = |data: &Path| {
        let o = audit_on(data, "verify", &["--decrypt", "--json"]);
        let v: serde_json::Value = serde_json::from_str(stdout(&o).trim())
            .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&o), stderr(&o)));
        (o.status.code().unwrap(), v)
    };
    // A real erasure is proven by its record: the frames without keys pass.
    erase_subject(data.path(), "acme");
    let (code, v) = decrypt(data.path());
    assert_eq!(code, 0, "{v}");

    // Keys removed behind the log's back (no erasure record): those frames fail.
    {
        let mut store =
            ledgergate::audit::keys::KeyStore::open(&audit_dir(data.path()), &master()).unwrap();
        assert!(!store.erase_subject("globex").unwrap().is_empty());
    }
    let (code, v) = decrypt(data.path());
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["first_failure"]["reason"], "unknown_key", "{v}");
    assert_eq!(
        v["first_failure"]["seq"], 2,
        "seq 0 is the start record, 1 acme's: {v}"
    );
}
