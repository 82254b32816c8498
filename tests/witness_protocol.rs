//! `ledgergate witness serve` speaks C2SP tlog-witness: it cosigns a checkpoint of a
//! log it knows when it extends the last one it cosigned (cosignature/v1 under the key
//! it prints), answers 409 with its size when the old size is wrong, and refuses a
//! checkpoint that does not extend its last one; `audit verify --witness-vkey` takes
//! the checkpoints it cosigned as trusted and so catches a restored snapshot.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod audit_support;
mod witness_support;

use audit_support::*;
use ledgergate::witness::{CosignerVerifier, Note};
use witness_support::*;

fn verify(data: &std::path::Path, extra: &[&str]) -> (i32, serde_json::Value) {
    let (code, v, _) = verify_with(data, extra);
    (code, v)
}

/// Replaces `data`'s audit dir by the one in `snapshot` (a restored disk snapshot).
fn restore(data: &std::path::Path, snapshot: &std::path::Path) {
    std::fs::remove_dir_all(audit_dir(data)).unwrap();
    copy_dir(&audit_dir(snapshot), &audit_dir(data));
}

fn append(data: &std::path::Path, from: u64, n: u64) {
    runtime().block_on(async {
        let (log, _) = ledgergate::audit::AuditLog::open(opts(data), &master()).unwrap();
        for i in from..from + n {
            log.append(request_record(i, "acme")).await.unwrap();
        }
        log.close().await.unwrap();
    });
}

#[test]
fn a_witness_cosigns_an_extending_checkpoint_and_refuses_one_that_is_not() {
    let data = tempfile::tempdir().unwrap();
    let wdir = tempfile::tempdir().unwrap();
    write_log(10, opts(data.path()));
    let mut witness = WitnessProcess::start(wdir.path(), data.path());
    let w = CosignerVerifier::from_vkey(&witness.vkey).unwrap();
    assert_eq!(w.name, "witness.test/w1");
    let key_mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(wdir.path().join("witness.key"))
            .unwrap()
            .permissions(),
    );
    assert_eq!(key_mode & 0o777, 0o600);

    // First contact: old 0, empty proof. Keep a snapshot of the host as it is now.
    let snap = tempfile::tempdir().unwrap();
    copy_dir(data.path(), snap.path());
    let (size1, note1) = latest_note(data.path());
    let (status, _, body) = add_checkpoint(&witness.url, data.path(), 0, &note1, size1);
    assert_eq!(status, 200, "{body}");
    let cosigned = Note::parse(&format!("{note1}{body}")).unwrap();
    assert!(w.cosigned(&cosigned), "{body}");

    // The old size must be the one it cosigned: else 409 with its size.
    append(data.path(), 100, 10);
    let (size2, note2) = latest_note(data.path());
    assert!(size2 > size1);
    let (status, ct, body) = add_checkpoint(&witness.url, data.path(), 0, &note2, size2);
    assert_eq!(
        (status, ct.as_str(), body.as_str()),
        (409, "text/x.tlog.size", &*format!("{size1}\n"))
    );
    let (status, _, body) = add_checkpoint(&witness.url, data.path(), size1, &note2, size2);
    assert_eq!(status, 200, "{body}");
    assert!(w.cosigned(&Note::parse(&format!("{note2}{body}")).unwrap()));

    // The older, smaller checkpoint is not taken back.
    let (status, _, _) = add_checkpoint(&witness.url, data.path(), size2, &note1, size1);
    assert_eq!(status, 400);

    let (status, _, _) = add_checkpoint(&witness.url, data.path(), size2, &note2, size2);
    assert_eq!(status, 200, "the same checkpoint again is fine");

    // A checkpoint not signed by the log's key: 403; an unknown origin: 404.
    let other = tempfile::tempdir().unwrap();
    write_log(3, opts(other.path()));
    let (osize, onote) = latest_note(other.path());
    let (status, _, _) = add_checkpoint(&witness.url, other.path(), 0, &onote, osize);
    assert_eq!(status, 404);
    let forged = note2.replacen(&format!("\n{size2}\n"), &format!("\n{}\n", size2 + 1), 1);
    let (status, _, _) = add_checkpoint(&witness.url, data.path(), size2, &forged, size2 + 1);
    assert_eq!(status, 403);

    // The state survives a restart.
    witness.stop();
    let witness = WitnessProcess::start(wdir.path(), data.path());
    assert_eq!(CosignerVerifier::from_vkey(&witness.vkey).unwrap(), w);
    let (status, _, body) = add_checkpoint(&witness.url, data.path(), 0, &note2, size2);
    assert_eq!((status, body), (409, format!("{size2}\n")));
}

/// A host restored from `snap` that then wrote other records past `beyond`: same log,
/// same key, a different history.
fn fork(data: &std::path::Path, snap: &std::path::Path, beyond: u64) -> (u64, String) {
    restore(data, snap);
    let (mut size, _) = latest_note(data);
    let mut i = 5000;
    while size <= beyond {
        append(data, i, 10);
        i += 10;
        size = latest_note(data).0;
    }
    latest_note(data)
}

#[test]
fn a_witness_refuses_a_forked_log_and_verify_witness_vkey_catches_rollback_and_fork() {
    let data = tempfile::tempdir().unwrap();
    let wdir = tempfile::tempdir().unwrap();
    write_log(10, opts(data.path()));
    let snap = tempfile::tempdir().unwrap();
    copy_dir(data.path(), snap.path());
    let witness = WitnessProcess::start(wdir.path(), data.path());
    let (size1, note1) = latest_note(data.path());
    assert_eq!(
        add_checkpoint(&witness.url, data.path(), 0, &note1, size1).0,
        200
    );
    append(data.path(), 100, 10);
    let (size2, note2) = latest_note(data.path());
    assert_eq!(
        add_checkpoint(&witness.url, data.path(), size1, &note2, size2).0,
        200
    );
    let vk = witness.vkey.as_str();
    let url = witness.url.as_str();

    // The log as it is extends what the witness cosigned.
    let (code, v) = verify(data.path(), &["--witness-vkey", vk, "--witness-url", url]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["witnessed_size"], size2, "{v}");
    // Nothing cosigned beside the log and no witness asked: not witnessed.
    let (code, v) = verify(data.path(), &["--witness-vkey", vk]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["first_failure"]["reason"], "unwitnessed", "{v}");

    // Roll the host back to the snapshot: plain verify passes, the witness does not.
    restore(data.path(), snap.path());
    assert_eq!(verify(data.path(), &[]).0, 0);
    let (code, v) = verify(data.path(), &["--witness-vkey", vk, "--witness-url", url]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["first_failure"]["reason"], "rollback", "{v}");
    assert!(
        v["first_failure"]["location"]
            .as_str()
            .unwrap()
            .contains(url),
        "{v}"
    );

    // Write a different history past the cosigned size: the witness refuses it (422)
    // and verify names the inconsistency.
    let (size3, note3) = fork(data.path(), snap.path(), size2);
    let (status, _, body) = add_checkpoint(&witness.url, data.path(), size2, &note3, size3);
    assert_eq!(status, 422, "{body}");
    let (code, v) = verify(data.path(), &["--witness-vkey", vk, "--witness-url", url]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["first_failure"]["reason"], "inconsistent", "{v}");
    // A wrong witness key is a usage error, not a pass.
    let o = cli_no_key(&[
        "audit",
        "verify",
        "--data-dir",
        data.path().to_str().unwrap(),
        "--witness-vkey",
        "not-a-key",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}
