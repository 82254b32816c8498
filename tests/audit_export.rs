//! Export bundles: a round trip through `audit export` and `audit verify-bundle`, a
//! tenant-only export, tampered bundles rejected, and a pinned key enforced.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod audit_support;

use std::path::Path;

use audit_support::*;

fn bundle_of(data: &Path, extra: &[&str]) -> std::path::PathBuf {
    let out = data.join(format!("bundle{}", extra.len()));
    let o = export_cmd(data, &out, "2000-01-01T00:00:00Z", extra);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    out
}

fn verify_bundle(dir: &Path, extra: &[&str]) -> (i32, serde_json::Value) {
    let mut args = vec!["audit", "verify-bundle", dir.to_str().unwrap(), "--json"];
    args.extend_from_slice(extra);
    let o = cli_no_key(&args);
    let v = serde_json::from_str(stdout(&o).trim())
        .unwrap_or_else(|_| panic!("{}{}", stdout(&o), stderr(&o)));
    (o.status.code().unwrap(), v)
}

#[test]
fn an_export_verifies_offline_and_its_lines_match_the_frames() {
    let data = tempfile::tempdir().unwrap();
    write_log(20, opts(data.path()));
    let out = bundle_of(data.path(), &[]);
    let (code, v) = verify_bundle(&out, &[]);
    assert_eq!(code, 0, "{v}");
    // 20 requests, start and stop of the writing run, and the start of the export's own run.
    assert_eq!(v["records_checked"], 23, "{v}");
    let jsonl = std::fs::read_to_string(out.join("records.jsonl")).unwrap();
    assert_eq!(jsonl.lines().count(), 23);
    let csv = std::fs::read_to_string(out.join("records.csv")).unwrap();
    assert_eq!(csv.lines().count(), 24);
    assert!(csv.lines().nth(2).unwrap().contains("acme"));
    // The export itself is audited, and the log still verifies.
    assert_eq!(verify_json(data.path()).0, 0);
    let o = audit_on(data.path(), "tail", &["-n", "3"]);
    assert!(stdout(&o).contains("export_made"), "{}", stdout(&o));
}

#[test]
fn a_tenant_export_discloses_only_that_tenant() {
    let data = tempfile::tempdir().unwrap();
    write_log(10, opts(data.path()));
    let out = bundle_of(data.path(), &["--tenant", "globex"]);
    let (code, v) = verify_bundle(&out, &[]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["records_checked"], 5);
    let jsonl = std::fs::read_to_string(out.join("records.jsonl")).unwrap();
    assert!(!jsonl.contains("\"acme\""));
    let keys: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(out.join("disclosure-keys.json")).unwrap())
            .unwrap();
    assert_eq!(keys.len(), 5);
}

#[test]
fn a_tampered_bundle_is_rejected() {
    let data = tempfile::tempdir().unwrap();
    write_log(10, opts(data.path()));
    let out = bundle_of(data.path(), &[]);
    let jsonl_path = out.join("records.jsonl");
    let original = std::fs::read_to_string(&jsonl_path).unwrap();
    let forged = original.replacen("\"status\":200", "\"status\":201", 1);
    assert_ne!(forged, original);

    // Naive tamper: the file digest in the manifest no longer matches.
    std::fs::write(&jsonl_path, &forged).unwrap();
    let (code, v) = verify_bundle(&out, &[]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["first_failure"]["location"], "records.jsonl");

    // Careful tamper: the digest is fixed up, but the line no longer matches its frame.
    let manifest_path = out.join("manifest.json");
    let mut manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
    manifest["files"]["records.jsonl"] =
        hex::encode(ledgergate::audit::chain::sha256(forged.as_bytes())).into();
    std::fs::write(&manifest_path, serde_json::to_vec(&manifest).unwrap()).unwrap();
    // The signed manifest no longer matches, and the line not its frame either.
    let (code, v) = verify_bundle(&out, &[]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["first_failure"]["reason"], "bad_signature", "{v}");
    let reasons = v["reasons"].as_array().unwrap();
    assert!(reasons.contains(&"hash_mismatch".into()), "{v}");
}

#[test]
fn a_bundle_with_a_flipped_frame_or_a_foreign_pinned_key_is_rejected() {
    let data = tempfile::tempdir().unwrap();
    write_log(10, opts(data.path()));
    let out = bundle_of(data.path(), &[]);
    let other = tempfile::tempdir().unwrap();
    write_log(1, opts(other.path()));
    let foreign_key = audit_dir(other.path()).join("audit.pub");
    let (code, v) = verify_bundle(&out, &["--public-key", foreign_key.to_str().unwrap()]);
    assert_eq!(code, 1, "{v}");

    let frames = out.join("frames.bin");
    let mut bytes = std::fs::read(&frames).unwrap();
    let n = bytes.len();
    bytes[n / 2] ^= 1;
    std::fs::write(&frames, &bytes).unwrap();
    let (code, _) = verify_bundle(&out, &[]);
    assert_eq!(code, 1);
}

#[test]
fn an_empty_range_is_a_usage_error() {
    let data = tempfile::tempdir().unwrap();
    write_log(2, opts(data.path()));
    let out = data.path().join("b");
    let o = export_range(
        data.path(),
        &out,
        "1990-01-01T00:00:00Z",
        "1991-01-01T00:00:00Z",
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no audit records"), "{}", stderr(&o));
}

#[test]
fn an_export_runs_beside_ongoing_appends() {
    let data = tempfile::tempdir().unwrap();
    let rt = runtime();
    let out = data.path().join("live-bundle");
    rt.block_on(async {
        let (log, _) = ledgergate::audit::AuditLog::open(opts(data.path()), &master()).unwrap();
        for i in 0..20 {
            log.append(request_record(i, "acme")).await.unwrap();
        }
        let writer = {
            let log = log.clone();
            tokio::spawn(async move {
                for i in 100..160 {
                    log.append(request_record(i, "globex")).await.unwrap();
                }
            })
        };
        let report = log
            .export(ledgergate::audit::ExportRequest {
                from: "2000-01-01T00:00:00Z".into(),
                to: "2100-01-01T00:00:00Z".into(),
                tenant: Some("acme".into()),
                out: out.clone(),
                cluster_nodes: None,
            })
            .await
            .unwrap();
        assert_eq!(report.records_disclosed, 20);
        writer.await.unwrap();
        log.close().await.unwrap();
    });
    let (code, v) = verify_bundle(&out, &[]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(verify_json(data.path()).0, 0);
}

#[test]
fn an_export_goes_into_a_fresh_private_directory_only() {
    use std::os::unix::fs::PermissionsExt;
    let data = tempfile::tempdir().unwrap();
    write_log(4, opts(data.path()));
    let (_, before) = verify_json(data.path());
    let export_to = |out: &Path| export_cmd(data.path(), out, "2000-01-01T00:00:00Z", &[]);

    // An existing (empty) directory is refused.
    let existing = data.path().join("existing");
    std::fs::create_dir(&existing).unwrap();
    let o = export_to(&existing);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("exists already"), "{}", stderr(&o));
    assert_eq!(std::fs::read_dir(&existing).unwrap().count(), 0);

    // A symlink planted where the bundle should go is refused, not followed.
    let elsewhere = data.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let planted = data.path().join("planted");
    std::os::unix::fs::symlink(&elsewhere, &planted).unwrap();
    let o = export_to(&planted);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("exists already"), "{}", stderr(&o));
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    // A dangling symlink too.
    let dangling = data.path().join("dangling");
    std::os::unix::fs::symlink(data.path().join("nowhere"), &dangling).unwrap();
    let o = export_to(&dangling);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!data.path().join("nowhere").exists());

    // The refusals changed nothing in the log.
    let (_, after) = verify_json(data.path());
    assert_eq!(
        before["records_checked"], after["records_checked"],
        "{after}"
    );

    // A fresh directory (with missing parents) is made 0700, its files 0600.
    let out = data.path().join("new/parent/bundle");
    let o = export_to(&out);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&out), 0o700);
    let mut files = 0;
    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
        files += 1;
    }
    assert_eq!(files, 10);
}
