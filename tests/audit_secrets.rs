//! Secrets never leak: the master key and the data keys appear in no command output, no
//! file of the log or of an export bundle (as hex or as raw bytes), and no Debug print.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod audit_support;

use std::path::Path;

use audit_support::*;
use ledgergate::audit::keys::KeyStore;
use ledgergate::audit::reader::for_each_frame;

fn all_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            all_files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn master_and_data_keys_appear_in_no_output_and_no_file() {
    let data = tempfile::tempdir().unwrap();
    write_log(6, opts(data.path()));
    let d = data.path().to_str().unwrap();
    let out = data.path().join("bundle");
    let mut outputs = Vec::new();
    for args in [
        vec!["audit", "verify", "--data-dir", d],
        vec!["audit", "verify", "--data-dir", d, "--json"],
        vec!["audit", "show", "--data-dir", d, "--seq", "1"],
        vec!["audit", "tail", "--data-dir", d, "-n", "50"],
        vec![
            "audit",
            "export",
            "--data-dir",
            d,
            "--from",
            "2000-01-01T00:00:00Z",
            "--to",
            "2100-01-01T00:00:00Z",
            "--out",
            out.to_str().unwrap(),
        ],
        vec!["audit", "verify-bundle", out.to_str().unwrap()],
        vec!["audit", "erase", "--data-dir", d, "--subject", "globex"],
        vec!["audit", "show", "--data-dir", d, "--seq", "999"],
    ] {
        let o = cli(&args);
        outputs.push(o.stdout);
        outputs.push(o.stderr);
    }
    // A malformed master key is reported without echoing it.
    let bad = ledgergate_command()
        .args(["audit", "show", "--data-dir", d, "--seq", "1"])
        .env("LEDGERGATE_MASTER_KEY", &MASTER_HEX[..62])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&bad.stderr).contains(&MASTER_HEX[..62]));

    // Collect the data keys still present (acme's; globex's were erased above).
    let dir = audit_dir(data.path());
    let mut keys = KeyStore::open(&dir, &master()).unwrap();
    let mut data_keys = Vec::new();
    for_each_frame(&dir, |f| {
        if let Some(k) = keys.key(&f.header.key_id).unwrap() {
            data_keys.push(*k.expose());
        }
        Ok(true)
    })
    .unwrap();
    drop(keys);
    assert!(!data_keys.is_empty());
    let master_raw = *master().expose();
    let mut secrets: Vec<Vec<u8>> = vec![MASTER_HEX.as_bytes().to_vec(), master_raw.to_vec()];
    for k in &data_keys {
        secrets.push(k.to_vec());
        secrets.push(hex::encode(k).into_bytes());
    }
    let mut files = Vec::new();
    all_files(data.path(), &mut files);
    for secret in &secrets {
        for o in &outputs {
            assert!(!contains(o, secret), "a secret appears in command output");
        }
        for f in &files {
            assert!(
                !contains(&std::fs::read(f).unwrap(), secret),
                "a secret appears in {}",
                f.display()
            );
        }
    }
    assert_eq!(format!("{:?}", master()), "MasterKey(..)");
}

#[test]
fn the_key_store_holds_no_subject_identifier() {
    let data = tempfile::tempdir().unwrap();
    let subject = "patient-4711@example.org";
    let rt = runtime();
    rt.block_on(async {
        let (log, _) = ledgergate::audit::AuditLog::open(opts(data.path()), &master()).unwrap();
        let mut r = request_record(1, "acme");
        r.subject = Some(subject.into());
        log.append(r).await.unwrap();
        log.erase(subject).await.unwrap();
        let mut r = request_record(2, "acme");
        r.subject = Some(subject.into());
        log.append(r).await.unwrap();
        log.close().await.unwrap();
    });
    let mut files = Vec::new();
    all_files(&audit_dir(data.path()).join("keys"), &mut files);
    assert!(!files.is_empty());
    for f in files {
        assert!(
            !contains(&std::fs::read(&f).unwrap(), subject.as_bytes()),
            "{} holds the subject id",
            f.display()
        );
    }
}
