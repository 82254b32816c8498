//! Bundles that cannot be trimmed, censored or edited: the manifest is signed with the
//! log's key, the first and last frames bound the range, erased records are proven by
//! the log's own erasure records, and a tenant's bundle accounts for every other
//! record as an omitted hash. Each attack fails `audit verify-bundle` with a reason,
//! also when the attacker re-signs the manifest with the log's own key.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod audit_support;

use std::path::{Path, PathBuf};

use audit_support::*;
use ledgergate::audit::chain::sha256;
use ledgergate::audit::checkpoint::{origin, sign_note};
use ledgergate::audit::export::manifest_note_body;
use ledgergate::audit::keys::KeyStore;
use serde_json::Value;

fn export(data: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let out = data.join(name);
    let o = export_cmd(data, &out, "2000-01-01T00:00:00Z", extra);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    out
}

fn verify(out: &Path) -> (i32, Value) {
    let o = cli_no_key(&["audit", "verify-bundle", out.to_str().unwrap(), "--json"]);
    let v = serde_json::from_str(stdout(&o).trim())
        .unwrap_or_else(|_| panic!("{}{}", stdout(&o), stderr(&o)));
    (o.status.code().unwrap(), v)
}

fn reasons(v: &Value) -> Vec<String> {
    v["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_owned())
        .collect()
}

fn manifest(out: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap()
}

/// Rewrites a bundle file and fixes its digest in the manifest (what a careful forger
/// does), leaving the signature alone.
fn rewrite(out: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(out.join(name), bytes).unwrap();
    let mut m = manifest(out);
    m["files"][name] = hex::encode(sha256(bytes)).into();
    std::fs::write(out.join("manifest.json"), serde_json::to_vec(&m).unwrap()).unwrap();
}

/// Re-signs the manifest with the log's own key: an insider holding the master key.
fn resign(data: &Path, out: &Path) {
    let keys = KeyStore::open(&audit_dir(data), &master()).unwrap();
    let (log_id, signing) = keys.identity().unwrap();
    let bytes = std::fs::read(out.join("manifest.json")).unwrap();
    let note = sign_note(
        &manifest_note_body(&log_id, &bytes),
        &origin(&log_id),
        &signing,
    );
    std::fs::write(out.join("manifest.sig"), note).unwrap();
}

#[test]
fn a_bundle_trimmed_back_to_an_earlier_checkpoint_fails() {
    let data = tempfile::tempdir().unwrap();
    write_log(30, opts(data.path()));
    let out = export(data.path(), "bundle", &[]);
    assert_eq!(verify(&out).0, 0);
    let m = manifest(&out);
    // Cut the frames back to the first checkpoint inside the bundle, and the
    // checkpoints and manifest to match.
    let notes_text = std::fs::read_to_string(out.join("checkpoints")).unwrap();
    let notes = ledgergate::audit::checkpoint::parse_notes(notes_text.as_bytes()).notes;
    let cut = notes
        .iter()
        .map(|n| n.checkpoint.size)
        .filter(|&s| s > m["prefix_size"].as_u64().unwrap())
        .min()
        .unwrap();
    let frames = std::fs::read(out.join("frames.bin")).unwrap();
    let mut keep = 0;
    let mut count = m["prefix_size"].as_u64().unwrap();
    while count < cut {
        let ledgergate::audit::frame::Parsed::Frame(_, len) =
            ledgergate::audit::frame::parse_frame(&frames[keep..])
        else {
            panic!()
        };
        keep += len;
        count += 1;
    }
    rewrite(&out, "frames.bin", &frames[..keep]);
    let kept: String = notes
        .iter()
        .filter(|n| n.checkpoint.size <= cut)
        .map(|n| n.text.as_str())
        .collect();
    rewrite(&out, "checkpoints", kept.as_bytes());
    let mut m = manifest(&out);
    m["end_size"] = cut.into();
    std::fs::write(out.join("manifest.json"), serde_json::to_vec(&m).unwrap()).unwrap();
    let (code, v) = verify(&out);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["first_failure"]["reason"], "bad_signature", "{v}");
    // Re-signed by an insider, the cut still shows: the lines name records that are
    // not among the frames, and the signed counts no longer add up.
    resign(data.path(), &out);
    let (code, v) = verify(&out);
    assert_eq!(code, 1, "{v}");
    let r = reasons(&v);
    assert!(!r.contains(&"bad_signature".to_string()), "{v}");
    assert!(r.contains(&"gap".to_string()), "{v}");
}

#[test]
fn a_bundle_trimmed_at_its_start_fails_even_re_signed() {
    let data = tempfile::tempdir().unwrap();
    write_log(30, opts(data.path()));
    // A range that starts after the log's start, so the bundle starts at a checkpoint.
    let o = cli(&[
        "audit",
        "tail",
        "--data-dir",
        data.path().to_str().unwrap(),
        "-n",
        "12",
    ]);
    let first_line: Value = serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    let from = first_line["time"].as_str().unwrap().to_owned();
    let out = data.path().join("bundle");
    let o = export_cmd(data.path(), &out, &from, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (code, v) = verify(&out);
    assert_eq!(code, 0, "{v}");
    let m = manifest(&out);
    assert!(m["prefix_size"].as_u64().unwrap() > 0, "{m}");
    // Drop the first frame (the one before the range): the bundle now starts later.
    let frames = std::fs::read(out.join("frames.bin")).unwrap();
    let ledgergate::audit::frame::Parsed::Frame(f, len) =
        ledgergate::audit::frame::parse_frame(&frames)
    else {
        panic!()
    };
    assert_eq!(f.header.seq.0, m["prefix_size"].as_u64().unwrap());
    rewrite(&out, "frames.bin", &frames[len..]);
    let mut m = manifest(&out);
    m["prefix_size"] = (m["prefix_size"].as_u64().unwrap() + 1).into();
    std::fs::write(out.join("manifest.json"), serde_json::to_vec(&m).unwrap()).unwrap();
    resign(data.path(), &out);
    let (code, v) = verify(&out);
    assert_eq!(code, 1, "{v}");
    assert!(!reasons(&v).contains(&"bad_signature".to_string()), "{v}");
}

#[test]
fn a_censored_or_edited_bundle_fails() {
    let data = tempfile::tempdir().unwrap();
    write_log(10, opts(data.path()));
    let out = export(data.path(), "bundle", &[]);
    // Censored: one record's line and disclosure key removed, digests fixed.
    let jsonl = std::fs::read_to_string(out.join("records.jsonl")).unwrap();
    let censored: String = jsonl
        .lines()
        .filter(|l| !l.contains("req-0003"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(censored, jsonl);
    rewrite(&out, "records.jsonl", censored.as_bytes());
    let (code, v) = verify(&out);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["first_failure"]["reason"], "bad_signature", "{v}");
    resign(data.path(), &out);
    let (code, v) = verify(&out);
    assert_eq!(code, 1, "{v}");
    assert_eq!(reasons(&v), ["gap"], "{v}");

    // Edited: a count in the manifest, or the signature itself.
    let out = export(data.path(), "bundle2", &[]);
    let mut m = manifest(&out);
    m["records_disclosed"] = 3.into();
    std::fs::write(out.join("manifest.json"), serde_json::to_vec(&m).unwrap()).unwrap();
    let (code, v) = verify(&out);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["first_failure"]["reason"], "bad_signature", "{v}");
    let out = export(data.path(), "bundle3", &[]);
    std::fs::remove_file(out.join("manifest.sig")).unwrap();
    let o = cli_no_key(&["audit", "verify-bundle", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("manifest.sig"), "{}", stderr(&o));
}

#[test]
fn erased_records_are_proven_by_the_logs_erasure_record() {
    let data = tempfile::tempdir().unwrap();
    write_log(8, opts(data.path()));
    erase_subject(data.path(), "acme");
    let out = export(data.path(), "bundle", &[]);
    let (code, v) = verify(&out);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["records_erased"], 4, "{v}");
    let erasures: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(out.join("erasures.json")).unwrap()).unwrap();
    assert_eq!(erasures.len(), 1);

    // Without the erasure record, "erased" is a bare claim: refused, even re-signed.
    rewrite(&out, "erasures.json", b"[]");
    resign(data.path(), &out);
    let (code, v) = verify(&out);
    assert_eq!(code, 1, "{v}");
    assert!(reasons(&v).contains(&"unknown_key".to_string()), "{v}");

    // A forged proof (another record's frame) does not prove it either.
    let out = export(data.path(), "bundle2", &[]);
    let mut e: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(out.join("erasures.json")).unwrap()).unwrap();
    e[0]["seq"] = (e[0]["seq"].as_u64().unwrap() - 1).into();
    rewrite(&out, "erasures.json", &serde_json::to_vec(&e).unwrap());
    resign(data.path(), &out);
    let (code, v) = verify(&out);
    assert_eq!(code, 1, "{v}");
    assert!(reasons(&v).contains(&"hash_mismatch".to_string()), "{v}");
}

#[test]
fn a_tenant_bundle_shows_other_tenants_as_hashes_and_accounts_for_each() {
    let data = tempfile::tempdir().unwrap();
    write_log(12, opts(data.path()));
    let out = export(data.path(), "bundle", &["--tenant", "acme"]);
    let (code, v) = verify(&out);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["records_checked"], 6, "{v}");
    let m = manifest(&out);
    let omitted: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(out.join("omitted.json")).unwrap()).unwrap();
    assert_eq!(m["records_omitted"], omitted.len());
    // globex's six requests and the system records are hashes only (the edges aside).
    assert!(omitted.len() >= 6, "{}", omitted.len());
    assert_eq!(
        v["frames"].as_u64().unwrap() + omitted.len() as u64,
        m["end_size"].as_u64().unwrap() - m["prefix_size"].as_u64().unwrap()
    );

    // Censoring a record out of the span (dropping its omitted hash) breaks the chain.
    let mut fewer = omitted.clone();
    fewer.remove(fewer.len() / 2);
    rewrite(&out, "omitted.json", &serde_json::to_vec(&fewer).unwrap());
    let mut m = manifest(&out);
    m["records_omitted"] = fewer.len().into();
    std::fs::write(out.join("manifest.json"), serde_json::to_vec(&m).unwrap()).unwrap();
    resign(data.path(), &out);
    let (code, v) = verify(&out);
    assert_eq!(code, 1, "{v}");
    let r = reasons(&v);
    assert!(
        r.contains(&"gap".to_string()) || r.contains(&"chain_broken".to_string()),
        "{v}"
    );
}
