//! `ledgergate redact` through the real binary: the three formats, policies, bad input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod pii_support;

use pii_support::redact;

fn policies() -> String {
    format!("{}/policies", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn text_format_masks_every_builtin_without_a_policy() {
    let out = redact(
        &[],
        b"Mail jane.roe@example.com, card 4111 1111 1111 1111, on EKS and S3.",
    );
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Mail <EMAIL_ADDRESS>, card <CREDIT_CARD>, on EKS and S3."
    );
}

#[test]
fn json_format_reports_byte_offsets_into_the_input() {
    let input = "Grüße, call +44 20 7946 0958.";
    let out = redact(&["--format", "json"], input.as_bytes());
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["redacted"], "Grüße, call <PHONE_NUMBER>.");
    let f = &v["findings"][0];
    assert_eq!(f["entity"], "PHONE_NUMBER");
    assert_eq!(f["action"], "mask");
    let (s, e) = (
        f["start"].as_u64().unwrap() as usize,
        f["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&input[s..e], "+44 20 7946 0958");
}

#[test]
fn jsonl_format_answers_one_object_per_line_with_the_policy() {
    let input = b"{\"text\": \"mail bob@example.com twice: bob@example.com\"}\n{\"text\": \"nothing here\"}\n";
    let out = redact(&["--format", "jsonl", "--policy", &policies()], input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0]["redacted"],
        "mail <EMAIL_ADDRESS_1> twice: <EMAIL_ADDRESS_1>"
    );
    assert_eq!(lines[0]["findings"][0]["action"], "tokenize");
    assert_eq!(lines[1]["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn policy_id_selects_the_file_and_blocked_secrets_exit_1() {
    let out = redact(
        &["--policy", &policies(), "--policy-id", "default"],
        b"key AKIAIOSFODNN7EXAMPLE",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("blocks SECRET") && !err.contains("AKIA"),
        "{err}"
    );
    let out = redact(&["--policy", &policies(), "--policy-id", "nope"], b"x");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_json_line_names_the_line_and_exits_2() {
    let out = redact(&["--format", "jsonl"], b"{\"text\": \"ok\"}\nnot json\n");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("line 2"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn invalid_utf8_names_the_line_and_exits_2() {
    let out = redact(&[], b"fine\nalso fine\nbad \xff byte\n");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("line 3") && err.contains("UTF-8"), "{err}");
}

#[test]
fn broken_policy_is_reported_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("default.toml"),
        "id = \"x\"\n[pii.actions]\nUS_SNN = \"block\"\n",
    )
    .unwrap();
    let out = redact(&["--policy", dir.path().to_str().unwrap()], b"x");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("default.toml:3:1: unknown entity \"US_SNN\" (did you mean US_SSN?)"),
        "{err}"
    );
}
