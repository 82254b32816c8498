//! The engine's bounds through `ledgergate redact`: the cap on findings per request
//! (over it the input is refused whole, naming the limit and no value), the cap set in
//! a policy file, and many distinct values in one text each getting their own token.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod pii_support;

use pii_support::redact_in as redact;

/// A policy directory whose default policy tokenizes e-mail addresses with `extra` lines
/// added to its `[pii]` table.
fn policy_dir(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("policies")).unwrap();
    std::fs::write(
        dir.path().join("policies/default.toml"),
        format!(
            "id = \"default\"\n[pii]\ndefault_action = \"mask\"\n{extra}\n[pii.actions]\nEMAIL_ADDRESS = \"tokenize\"\n"
        ),
    )
    .unwrap();
    dir
}

fn emails(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("user{i}.q{}@mail{}.example.org", i * 7 % 1000, i % 97))
        .collect()
}

#[test]
fn findings_past_the_policy_cap_refuse_the_whole_input_naming_only_the_limit() {
    let dir = policy_dir("max_findings = 5");
    let values = emails(6);
    let input = values.join(", ");
    let out = redact(dir.path(), &["--policy", "policies"], input.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing is written when refused");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("more than 5 personal-data findings"), "{err}");
    for v in &values {
        assert!(!err.contains(v.as_str()), "{err}");
    }

    // At the cap everything is screened.
    let input = values[..5].join(", ");
    let out = redact(dir.path(), &["--policy", "policies"], input.as_bytes());
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("<EMAIL_ADDRESS_5>") && !text.contains('@'),
        "{text}"
    );
}

#[test]
fn the_cap_counts_per_jsonl_record_and_names_the_line() {
    let dir = policy_dir("max_findings = 2");
    let v = emails(3);
    let input = format!(
        "{{\"text\": \"{} {}\"}}\n{{\"text\": \"{} {} {}\"}}\n",
        v[0], v[1], v[0], v[1], v[2]
    );
    let out = redact(
        dir.path(),
        &["--policy", "policies", "--format", "jsonl"],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("line 2") && err.contains("more than 2"),
        "{err}"
    );
    assert!(!err.contains('@'), "{err}");
}

#[test]
fn a_zero_cap_is_a_policy_error() {
    let dir = policy_dir("max_findings = 0");
    let out = redact(dir.path(), &["--policy", "policies"], b"x");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("default.toml") && err.contains("max_findings must be at least 1"),
        "{err}"
    );
}

#[test]
fn many_distinct_values_in_one_text_each_get_their_own_token() {
    let dir = policy_dir("");
    let n = 20_000;
    let values = emails(n);
    // A literal token in the text is never reused for a value.
    let input = format!("<EMAIL_ADDRESS_3> is mine. {}", values.join(" "));
    let out = redact(
        dir.path(),
        &["--policy", "policies", "--format", "json"],
        input.as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let redacted = v["redacted"].as_str().unwrap();
    assert!(!redacted.contains('@'));
    assert_eq!(v["findings"].as_array().unwrap().len(), n);
    let words: Vec<&str> = redacted.split(' ').collect();
    assert_eq!(words[0], "<EMAIL_ADDRESS_3>");
    assert_eq!(words[3], "<EMAIL_ADDRESS_1>");
    assert_eq!(words[4], "<EMAIL_ADDRESS_2>");
    assert_eq!(
        words[5], "<EMAIL_ADDRESS_4>",
        "the literal's number is skipped"
    );
    assert_eq!(words.last().unwrap(), &format!("<EMAIL_ADDRESS_{}>", n + 1));
}
