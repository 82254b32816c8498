//! Erasure of one person: a request names its data subject with `x-ledgergate-subject`;
//! its records are encrypted under that person's monthly key and hold only a keyed
//! pseudonym; `audit erase --subject S --tenant T` (through the admin API while the
//! server runs, directly otherwise) makes S's records undecryptable, leaves the other
//! subject's and the tenant's subject-less records readable, keeps the chain verifying,
//! audits itself with the key ids, and leaves no byte of the wrapped key on disk.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;
mod vault_support;

use std::path::Path;

use common::{TestGateway, TestUpstream};
use serde_json::Value;
use vault_support::*;

const ALICE: &str = "alice.patient-4711@example.org";
const BOB: &str = "bob-0815";

/// `audit ARGS --data-dir D` with no server running (opens the log here).
fn direct(data: &Path, args: &[&str]) -> (i32, String, String) {
    let d = data.to_str().unwrap();
    ledgergate(&[args, &["--data-dir", d][..]].concat(), &[], "")
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("JSON lines"))
        .collect()
}

/// A chat request naming `subject` in the header and `user` in the body (or not);
/// returns the status, the request id and the answer.
async fn chat_as(
    gw: &TestGateway,
    subject: Option<&str>,
    user: Option<&str>,
) -> (u16, String, Value) {
    let mut body = serde_json::json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hello"}]});
    if let Some(u) = user {
        body["user"] = u.into();
    }
    let mut request = common::http()
        .post(format!("{}/v1/chat/completions", gw.url))
        .bearer_auth(common::CLIENT_KEY)
        .json(&body);
    if let Some(s) = subject {
        request = request.header("x-ledgergate-subject", s);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let id = response
        .headers()
        .get("x-ledgergate-request-id")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, id, body)
}

/// The frames (seq, key id) of the request and response records of a request.
fn frames_of(lines: &[Value], request_id: &str) -> Vec<(u64, String)> {
    lines
        .iter()
        .filter(|l| l["record"]["request_id"] == request_id)
        .map(|l| {
            (
                l["seq"].as_u64().unwrap(),
                l["key_id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Every regular file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn show(lines: &[Value], seq: u64) -> &Value {
    lines.iter().find(|l| l["seq"] == seq).unwrap()
}

#[tokio::test]
async fn erasing_one_subject_leaves_the_other_and_the_tenant_readable_and_no_key_bytes() {
    let upstream = TestUpstream::openai().await;
    let gw = start(&admin_config(&upstream.base_url()), &[]);

    // A bad subject is refused with a 400 naming the header, never echoing the value.
    for bad in ["has space", &"x".repeat(129), "semi;colon"] {
        let (status, _, body) = chat_as(&gw, Some(bad), None).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["error"]["param"], "x-ledgergate-subject", "{body}");
        assert!(!body.to_string().contains(bad), "{body}");
    }

    let (s, alice_id, _) = chat_as(&gw, Some(ALICE), None).await;
    assert_eq!(s, 200);
    let (s, bob_id, _) = chat_as(&gw, Some(BOB), None).await;
    assert_eq!(s, 200);
    let (s, plain_id, _) = chat_as(&gw, None, None).await;
    assert_eq!(s, 200);

    let (code, out, err) = through_admin(&gw, &["audit", "tail", "-n", "1000"]);
    assert_eq!(code, 0, "{err}");
    let lines = json_lines(&out);
    let alice = frames_of(&lines, &alice_id);
    let bob = frames_of(&lines, &bob_id);
    let plain = frames_of(&lines, &plain_id);
    assert_eq!((alice.len(), bob.len(), plain.len()), (2, 2, 2), "{out}");
    // One person's key for both of her records; another for Bob; another for the tenant.
    assert_eq!(alice[0].1, alice[1].1);
    assert_ne!(alice[0].1, bob[0].1);
    assert_ne!(alice[0].1, plain[0].1);
    // Records hold a pseudonym, never the subject id.
    let alice_record = &show(&lines, alice[0].0)["record"];
    assert!(
        alice_record["subject"]
            .as_str()
            .unwrap()
            .starts_with("person:"),
        "{alice_record}"
    );
    assert!(!out.contains(ALICE) && !out.contains(BOB), "{out}");
    // They match the published record schema (its `subject` pattern included).
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/audit-schema/audit-record.schema.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let schema = jsonschema::draft202012::new(&schema).unwrap();
    for l in &lines {
        assert!(schema.is_valid(&l["record"]), "{l}");
    }
    assert!(!schema.is_valid(&serde_json::json!({"kind": "request", "subject": "person:alice"})));
    for file in files_under(&gw.data_dir()) {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !contains(&bytes, ALICE.as_bytes()) && !contains(&bytes, BOB.as_bytes()),
            "{} holds a subject id in clear",
            file.display()
        );
    }

    // The wrapped key of Alice, as stored.
    let key_file = gw.data_dir().join("audit/data-keys/keys").join(&alice[0].1);
    let wrapped = std::fs::read(&key_file).unwrap();
    assert!(wrapped.len() >= 60);

    // Erase Alice of tenant acme through the running server's admin API.
    let (code, out, err) = through_admin(
        &gw,
        &["audit", "erase", "--subject", ALICE, "--tenant", "acme"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 data keys destroyed"), "{out}");
    assert!(!err.contains(ALICE));

    let (code, out, err) = through_admin(&gw, &["audit", "tail", "-n", "1000"]);
    assert_eq!(code, 0, "{err}");
    let lines = json_lines(&out);
    for (seq, _) in &alice {
        assert_eq!(show(&lines, *seq)["erased"], true, "{out}");
    }
    for (seq, _) in bob.iter().chain(&plain) {
        assert_eq!(show(&lines, *seq)["record"]["tenant"], "acme", "{out}");
    }
    let erasure = lines
        .iter()
        .rev()
        .find(|l| l["record"]["event"]["action"] == "erasure_done")
        .unwrap_or_else(|| panic!("no erasure record in {out}"));
    let detail = &erasure["record"]["event"]["detail"];
    assert_eq!(
        detail["key_ids"],
        serde_json::json!([alice[0].1]),
        "{erasure}"
    );
    assert_eq!(detail["tenant"], "acme");
    assert!(!out.contains(ALICE), "{out}");

    // The wrapped key bytes are nowhere in the data directory.
    assert!(!key_file.exists());
    for file in files_under(&gw.data_dir()) {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !contains(&bytes, &wrapped),
            "{} still holds the erased wrapped key",
            file.display()
        );
    }
    // The running writer kept nothing of the erased key (not its HKDF-Extract either):
    // Alice's next request is encrypted under a fresh key and reads back.
    let (s, again_id, _) = chat_as(&gw, Some(ALICE), None).await;
    assert_eq!(s, 200);
    let (code, out, err) = through_admin(&gw, &["audit", "tail", "-n", "1000"]);
    assert_eq!(code, 0, "{err}");
    let lines = json_lines(&out);
    let again = frames_of(&lines, &again_id);
    assert_eq!(again.len(), 2, "{out}");
    for (seq, key_id) in &again {
        assert_ne!(key_id, &alice[0].1);
        assert_eq!(show(&lines, *seq)["record"]["tenant"], "acme", "{out}");
    }

    let (code, out, err) = common::cli(&[
        "audit",
        "verify",
        "--data-dir",
        gw.data_dir().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");

    // With the server stopped, the CLI erases directly: Bob, in every tenant.
    let dir = stop(gw).await;
    let data = dir.path().join("data");
    let (code, out, err) = direct(&data, &["audit", "erase", "--subject", BOB]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 data keys destroyed"), "{out}");
    let (code, out, err) = direct(&data, &["audit", "tail", "-n", "1000"]);
    assert_eq!(code, 0, "{err}");
    let lines = json_lines(&out);
    for (seq, _) in alice.iter().chain(&bob) {
        assert_eq!(show(&lines, *seq)["erased"], true, "{out}");
    }
    for (seq, _) in &plain {
        assert_eq!(show(&lines, *seq)["record"]["tenant"], "acme", "{out}");
    }
    let (code, out, err) = common::cli(&["audit", "verify", "--data-dir", data.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");

    // An auditor's bundle proves both erasures by the log's own erasure records.
    let bundle = dir.path().join("bundle");
    let (code, _, err) = direct(
        &data,
        &[
            "audit",
            "export",
            "--from",
            "2000-01-01T00:00:00Z",
            "--to",
            "2100-01-01T00:00:00Z",
            "--out",
            bundle.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let jsonl = std::fs::read_to_string(bundle.join("records.jsonl")).unwrap();
    assert_eq!(
        jsonl
            .lines()
            .filter(|l| l.contains("\"erased\":true"))
            .count(),
        4
    );
    let (code, out, err) = common::cli(&["audit", "verify-bundle", bundle.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
}

#[tokio::test]
async fn a_policy_can_take_the_subject_from_the_body_user() {
    let upstream = TestUpstream::openai().await;
    let dir = tempfile::tempdir().unwrap();
    let policies = dir.path().join("policies");
    std::fs::create_dir(&policies).unwrap();
    std::fs::write(
        policies.join("default.toml"),
        "id = \"default\"\n\n[audit]\nsubject_from = \"user\"\n",
    )
    .unwrap();
    let config = admin_config(&upstream.base_url())
        .replace(common::shipped_policies(), policies.to_str().unwrap());
    std::fs::write(dir.path().join("ledgergate.toml"), config).unwrap();
    let gw = start_in(dir, &[]);

    let (status, _, body) = chat_as(&gw, None, Some("not valid")).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["param"], "user", "{body}");
    assert!(!body.to_string().contains("not valid"), "{body}");
    let (status, carol, _) = chat_as(&gw, None, Some("carol-77")).await;
    assert_eq!(status, 200);
    // The header wins over the body.
    let (status, dave, _) = chat_as(&gw, Some("dave-88"), Some("carol-77")).await;
    assert_eq!(status, 200);

    let (code, out, err) = through_admin(
        &gw,
        &[
            "audit",
            "erase",
            "--subject",
            "carol-77",
            "--tenant",
            "acme",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 data keys destroyed"), "{out}");
    let (code, out, err) = through_admin(&gw, &["audit", "tail", "-n", "1000"]);
    assert_eq!(code, 0, "{err}");
    let lines = json_lines(&out);
    let carol = frames_of(&lines, &carol);
    assert!(
        carol.is_empty(),
        "carol's records no longer decrypt, so none names the request: {out}"
    );
    let dave = frames_of(&lines, &dave);
    assert_eq!(dave.len(), 2, "{out}");
    // The body's `user` is kept out of the capture too.
    assert_eq!(
        show(&lines, dave[0].0)["record"]["capture"]["request"]["user"],
        "<DATA_SUBJECT>",
        "{out}"
    );
    assert!(show(&lines, dave[0].0)["record"]["subject"]
        .as_str()
        .unwrap()
        .starts_with("person:"));
    assert!(
        !out.contains("carol-77") && !out.contains("dave-88"),
        "{out}"
    );
    assert_eq!(
        lines.iter().filter(|l| l["erased"] == true).count(),
        2,
        "{out}"
    );
    stop(gw).await;
}

#[test]
fn a_policy_with_another_subject_source_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("default.toml"),
        "id = \"default\"\n\n[audit]\nsubject_from = \"email\"\n",
    )
    .unwrap();
    let (code, out, err) = ledgergate(&["policy", "check", dir.path().to_str().unwrap()], &[], "");
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("default.toml:4:16: audit.subject_from \"email\" must be user"),
        "{err}"
    );
}
