//! The auditor role through the admin listener's HTTP door: an auditor token reads,
//! verifies and exports the trail and reads the policies in force, and gets 403 on
//! every key-management, erasure and decrypting route (with or without proof of the
//! master key); every session, record view, proof and export is an audit record; the
//! token itself never shows up anywhere.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

// The audit kit (frame surgery) and the gateway kit both load tests/common/scratch.rs.
#[allow(clippy::duplicate_mod)]
mod audit_support;
mod common;
mod console_support;
mod vault_support;

use console_support::*;
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn an_auditor_token_gets_403_on_every_admin_route_and_changes_nothing() {
    let (_upstream, gw) = start_console().await;
    let (status, before) = console_get(&gw, Some(ADMIN), "/admin/v1/virtual-keys").await;
    assert_eq!(status, 200);
    let routes: Vec<(Method, &str, Option<Value>)> = vec![
        (Method::GET, "/admin/v1/virtual-keys", None),
        (
            Method::POST,
            "/admin/v1/virtual-keys",
            Some(json!({"tenant": "acme", "id": "sneaky"})),
        ),
        (Method::DELETE, "/admin/v1/virtual-keys/acme-app", None),
        (Method::GET, "/admin/v1/provider-keys", None),
        (
            Method::PUT,
            "/admin/v1/provider-keys/test-openai",
            Some(json!({"key": "sk-stolen-0000000000"})),
        ),
        (Method::DELETE, "/admin/v1/provider-keys/test-openai", None),
        (Method::GET, "/admin/v1/audit/lines?from=0", None),
        (
            Method::POST,
            "/admin/v1/audit/export",
            Some(
                json!({"from": "2000-01-01T00:00:00Z", "to": "2100-01-01T00:00:00Z", "out": "/tmp/never-written-by-auditor"}),
            ),
        ),
        (
            Method::POST,
            "/admin/v1/audit/erase",
            Some(json!({"subject": "acme"})),
        ),
    ];
    for (method, path, body) in &routes {
        for proof in [false, true] {
            let (status, reply) = console_call(
                &gw,
                Some(AUDITOR_TOKEN),
                proof,
                method.clone(),
                path,
                body.clone(),
            )
            .await;
            assert_eq!(
                status, 403,
                "{method} {path} (proof {proof}) gave {status}: {reply}"
            );
            assert_eq!(
                reply["error"]["code"], "auditor_read_only",
                "{method} {path}: {reply}"
            );
        }
    }
    // Nothing changed: the keys are as before, the export directory was never made.
    let (_, after) = console_get(&gw, Some(ADMIN), "/admin/v1/virtual-keys").await;
    assert_eq!(before, after);
    assert!(!std::path::Path::new("/tmp/never-written-by-auditor").exists());
    assert!(!gw.output().contains(AUDITOR_TOKEN));
}

#[tokio::test]
async fn console_routes_need_a_token_and_the_admin_token_needs_the_master_key_proof() {
    let (_upstream, gw) = start_console().await;
    for path in [
        "/admin/v1/console/records",
        "/admin/v1/console/records/0",
        "/admin/v1/console/chain",
        "/admin/v1/console/summary",
        "/admin/v1/console/policies",
        "/admin/v1/console/proof/0",
    ] {
        let (status, body) = console_get(&gw, None, path).await;
        assert_eq!(status, 401, "{path}: {body}");
        let (status, _) = console_get(&gw, Some("not-a-token-of-anyone-0000000000000"), path).await;
        assert_eq!(status, 401, "{path}");
        let (status, body) = console_get(&gw, Some(ADMIN), path).await;
        assert_eq!(status, 403, "{path}: {body}");
        assert_eq!(body["error"]["code"], "audit_proof_required");
    }
    let (status, body) = console_session(&gw, Some(ADMIN), true).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["viewer"], "admin");
    // The page itself carries no data and a strict CSP.
    let page = common::http()
        .get(format!("{}/console", vault_support::admin_url(&gw)))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    let html = page.text().await.unwrap();
    assert!(
        html.contains("id=\"login\"") && !html.contains("<script>"),
        "{html}"
    );
}

#[tokio::test]
async fn an_auditor_filters_reads_proves_and_exports_and_each_access_is_audited() {
    let (_upstream, gw) = start_console().await;
    traffic(&gw, 3, 2).await;
    let token = Some(AUDITOR_TOKEN);

    let (status, session) = console_session(&gw, token, false).await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(session["viewer"], AUDITOR_ID);
    assert_eq!(session["content"], "none");

    let (status, page) = console_get(
        &gw,
        token,
        "/admin/v1/console/records?entity=EMAIL_ADDRESS&kind=request&per_page=2",
    )
    .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["total"], 3, "{page}");
    assert_eq!(page["pages"], 2);
    let rows = page["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r["entities"]
        .as_array()
        .unwrap()
        .contains(&json!("EMAIL_ADDRESS"))));
    let seq = rows[0]["seq"].as_u64().unwrap();
    let (status, bad) = console_get(&gw, token, "/admin/v1/console/records?from=yesterday").await;
    assert_eq!(status, 400);
    assert!(
        bad["error"]["message"]
            .as_str()
            .unwrap()
            .contains("from=`yesterday`"),
        "{bad}"
    );

    let (status, detail) =
        console_get(&gw, token, &format!("/admin/v1/console/records/{seq}")).await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["seq"], seq);
    assert_eq!(detail["record"]["kind"], "request");
    assert!(
        detail["record"]["policy"]["version_hash"].is_string(),
        "{detail}"
    );
    assert!(
        !detail.to_string().contains("jane.doe"),
        "no original PII: {detail}"
    );

    let (status, chain) = console_get(&gw, token, "/admin/v1/console/chain").await;
    assert_eq!(status, 200, "{chain}");
    assert_eq!(chain["verified"], true, "{chain}");
    assert!(chain["first_failure"].is_null());

    let (status, summary) = console_get(&gw, token, "/admin/v1/console/summary").await;
    assert_eq!(status, 200);
    assert_eq!(
        summary["entities"][0]["entity"], "EMAIL_ADDRESS",
        "{summary}"
    );
    assert!(
        summary["spend"]["tenant"][0]["micros"].as_u64().unwrap() > 0,
        "{summary}"
    );

    let (status, policies) = console_get(&gw, token, "/admin/v1/console/policies").await;
    assert_eq!(status, 200);
    assert!(
        policies["policies"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == "default"),
        "{policies}"
    );

    // A proof needs a checkpoint covering the record: the export makes one.
    let (from, to) = whole_range();
    let (status, report) = console_call(
        &gw,
        token,
        false,
        Method::POST,
        "/admin/v1/console/export",
        Some(json!({"from": from, "to": to})),
    )
    .await;
    assert_eq!(status, 200, "{report}");
    let out = report["out"].as_str().unwrap().to_owned();
    assert!(
        out.starts_with(gw.data_dir().join("exports").to_str().unwrap()),
        "{out}"
    );
    let (code, stdout, stderr) =
        vault_support::ledgergate(&["audit", "verify-bundle", &out], &[], "");
    assert_eq!(code, 0, "{stdout}{stderr}");

    let (status, proof) = console_get(&gw, token, &format!("/admin/v1/console/proof/{seq}")).await;
    assert_eq!(status, 200, "{proof}");
    assert_eq!(proof["checks"], true);
    let file = gw.path().join("proof.json");
    std::fs::write(&file, proof["proof"].to_string()).unwrap();
    let pubkey = gw.data_dir().join("audit").join("audit.pub");
    let (code, stdout, stderr) = vault_support::ledgergate(
        &[
            "audit",
            "verify-proof",
            file.to_str().unwrap(),
            "--public-key",
            pubkey.to_str().unwrap(),
        ],
        &[],
        "",
    );
    assert_eq!(code, 0, "{stdout}{stderr}");

    let accesses = auditor_accesses(&gw);
    for what in ["session", "record", "export", "proof"] {
        assert!(
            accesses.contains(&(AUDITOR_ID.to_owned(), what.to_owned())),
            "no {what} access audited: {accesses:?}"
        );
    }
    // The auditor_access records validate against the published record schema.
    let schema_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("audit-schema/audit-record.schema.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let schema = jsonschema::draft202012::new(&schema).unwrap();
    let lines = trail(&gw);
    let access_records: Vec<&Value> = lines
        .iter()
        .map(|l| &l["record"])
        .filter(|r| r["event"]["action"] == "auditor_access")
        .collect();
    assert!(access_records.len() >= 4);
    for record in access_records {
        let errors: Vec<String> = schema.iter_errors(record).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}: {record}");
    }
    let everything = format!("{}{}", gw.output(), serde_json::to_string(&lines).unwrap());
    assert!(!everything.contains(AUDITOR_TOKEN));
    let bundle_text =
        std::fs::read_to_string(std::path::Path::new(&out).join("records.jsonl")).unwrap();
    assert!(!bundle_text.contains(AUDITOR_TOKEN));
}

#[tokio::test]
async fn an_auditor_token_equal_to_the_admin_token_refuses_to_start() {
    let upstream = common::TestUpstream::openai().await;
    let dir = tempfile::tempdir().unwrap();
    let config = common::config_for(&upstream.base_url(), &console_section());
    let path = dir.path().join("ledgergate.toml");
    std::fs::write(&path, config).unwrap();
    let output = common::gateway_command(
        &[
            "serve",
            "--config",
            path.to_str().unwrap(),
            "--data-dir",
            dir.path().join("data").to_str().unwrap(),
        ],
        dir.path(),
        &[("TEST_ADMIN_TOKEN", ADMIN), ("TEST_AUDITOR_TOKEN", ADMIN)],
    )
    .output()
    .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("TEST_AUDITOR_TOKEN"), "{stderr}");
    assert!(!stderr.contains(ADMIN) && !String::from_utf8_lossy(&output.stdout).contains(ADMIN));
}

#[tokio::test]
async fn captured_content_shows_only_to_an_auditor_granted_it() {
    let upstream = common::TestUpstream::openai().await;
    let work = tempfile::tempdir().unwrap();
    let policies = work.path().join("policies");
    std::fs::create_dir(&policies).unwrap();
    let default =
        std::fs::read_to_string(format!("{}/default.toml", common::shipped_policies())).unwrap();
    assert!(!default.contains("[audit]"));
    std::fs::write(
        policies.join("default.toml"),
        format!("{default}\n[audit]\ncapture = \"full\"\n"),
    )
    .unwrap();
    let extra = format!(
        "{}\n[[admin.auditors]]\nid = \"ben\"\ntoken_env = \"TEST_AUDITOR_BEN\"\ncontent = \"full\"\n",
        console_section()
    );
    let config = common::config_for(&upstream.base_url(), &extra)
        .replace(common::shipped_policies(), policies.to_str().unwrap());
    let ben_token = "auditor-ben-token-for-tests-555555555";
    let gw = vault_support::start(
        &config,
        &[
            ("TEST_AUDITOR_TOKEN", AUDITOR_TOKEN),
            ("TEST_AUDITOR_BEN", ben_token),
        ],
    );
    traffic(&gw, 1, 0).await;
    let (_, page) = console_get(
        &gw,
        Some(AUDITOR_TOKEN),
        "/admin/v1/console/records?kind=request",
    )
    .await;
    let seq = page["rows"][0]["seq"].as_u64().unwrap();
    let path = format!("/admin/v1/console/records/{seq}");

    let (status, withheld) = console_get(&gw, Some(AUDITOR_TOKEN), &path).await;
    assert_eq!(status, 200, "{withheld}");
    assert_eq!(withheld["record"]["capture"]["mode"], "full", "{withheld}");
    assert!(withheld["content_withheld"].is_string(), "{withheld}");
    assert!(
        !withheld.to_string().contains("jane.doe0@example.com"),
        "{withheld}"
    );

    let (status, shown) = console_get(&gw, Some(ben_token), &path).await;
    assert_eq!(status, 200, "{shown}");
    assert!(shown["content_withheld"].is_null(), "{shown}");
    assert!(
        shown["record"]["capture"]
            .to_string()
            .contains("jane.doe0@example.com"),
        "{shown}"
    );
    let accesses = auditor_accesses(&gw);
    assert!(
        accesses.contains(&("ben".into(), "record".into())),
        "{accesses:?}"
    );
    assert!(!gw.output().contains(ben_token) && !gw.output().contains(AUDITOR_TOKEN));
}

#[test]
fn audit_view_refuses_a_missing_bundle_and_a_non_loopback_address() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-bundle");
    let view = |listen: &str| {
        let bundle = missing.to_str().unwrap();
        vault_support::ledgergate(&["audit", "view", bundle, "--listen", listen], &[], "")
    };
    let (code, out, err) = view("127.0.0.1:0");
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("no-such-bundle") && err.contains("manifest.json"),
        "{err}"
    );
    let (code, out, err) = view("0.0.0.0:0");
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("loopback"), "{err}");
    assert_eq!(err.lines().count(), 1, "one sentence: {err}");
}

/// `GET /admin/v1/console/chain` as the auditor; asserts whether it verified and how
/// (`full` or `incremental`).
async fn chain_pass(gw: &common::TestGateway, verified: bool, mode: &str) -> Value {
    let chain = chain_state(gw).await;
    assert_eq!(chain["verified"], verified, "{chain}");
    assert_eq!(chain["verification"]["mode"], mode, "{chain}");
    chain
}

/// `GET /admin/v1/console/chain` as the auditor.
async fn chain_state(gw: &common::TestGateway) -> Value {
    let (status, chain) = console_get(gw, Some(AUDITOR_TOKEN), "/admin/v1/console/chain").await;
    assert_eq!(status, 200, "{chain}");
    chain
}

/// Flips one byte of the ciphertext of frame `f` in place (no truncation of the file).
fn flip_in_place(f: &audit_support::FrameAt) {
    use std::io::{Read, Seek, SeekFrom, Write};
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&f.path)
        .unwrap();
    let at = (f.offset + f.ct_offset + f.ct_len / 2) as u64;
    let mut byte = [0u8];
    file.seek(SeekFrom::Start(at)).unwrap();
    file.read_exact(&mut byte).unwrap();
    file.seek(SeekFrom::Start(at)).unwrap();
    file.write_all(&[byte[0] ^ 0x10]).unwrap();
    file.sync_all().unwrap();
}

#[tokio::test]
async fn the_chain_view_verifies_only_new_frames_and_still_catches_tampering() {
    let (_upstream, gw) = start_console().await;
    traffic(&gw, 1, 1).await;
    let first = chain_pass(&gw, true, "full").await;
    assert_eq!(first["verification"]["diverged"], false, "{first}");
    let before = first["records"].as_u64().unwrap();

    // More traffic: the next pass reads only the frames appended since, and verifies.
    traffic(&gw, 2, 1).await;
    let next = chain_pass(&gw, true, "incremental").await;
    assert_eq!(next["verification"]["from_seq"], before, "{next}");
    let after = next["records"].as_u64().unwrap();
    assert!(
        after >= before + 6,
        "three chats of two records each: {next}"
    );
    assert_eq!(next["verification"]["records"], after - before, "{next}");
    assert_eq!(next["checkpoints"], next["checkpoints_valid"], "{next}");
    // Nothing new: still verified, zero new records read.
    let idle = chain_pass(&gw, true, "incremental").await;
    assert_eq!(idle["verification"]["records"], 0, "{idle}");

    // The last verified frame changes under the running gateway: the log no longer
    // extends the remembered head, so the view verifies from scratch and says so.
    let frames = audit_support::frames(&gw.data_dir());
    let last = frames.last().unwrap();
    assert_eq!(last.seq + 1, after);
    flip_in_place(last);
    let caught = chain_pass(&gw, false, "full").await;
    assert_eq!(caught["verification"]["diverged"], true, "{caught}");
    assert!(
        caught["verification"]["reason"]
            .as_str()
            .unwrap()
            .contains(&format!("seq {}", last.seq)),
        "{caught}"
    );
    assert_eq!(caught["first_failure"]["seq"], last.seq, "{caught}");
    assert_eq!(
        caught["first_failure"]["reason"], "hash_mismatch",
        "{caught}"
    );
    // A pass that found a problem is not remembered: the next one starts over too.
    chain_pass(&gw, false, "full").await;
}

#[tokio::test]
async fn a_frame_tampered_while_the_gateway_was_stopped_is_caught_by_the_chain_view() {
    let (_upstream, gw) = start_console().await;
    traffic(&gw, 2, 2).await;
    assert_eq!(chain_state(&gw).await["verified"], true);
    let dir = vault_support::stop(gw).await;
    let data = dir.path().join("data");
    let frames = audit_support::frames(&data);
    let victim = &frames[frames.len() / 2];
    flip_in_place(victim);
    // `--accept-damage` starts on a damaged log (the start itself names the damage).
    let gw = vault_support::start_in_with(
        dir,
        &[("TEST_AUDITOR_TOKEN", AUDITOR_TOKEN)],
        &["--accept-damage"],
    );
    let chain = chain_pass(&gw, false, "full").await;
    assert_eq!(chain["first_failure"]["seq"], victim.seq, "{chain}");
    assert_eq!(chain["first_failure"]["reason"], "hash_mismatch", "{chain}");
    // New traffic does not paper over it: every later pass starts over and finds it.
    traffic(&gw, 1, 0).await;
    let later = chain_pass(&gw, false, "full").await;
    assert_eq!(later["first_failure"]["seq"], victim.seq, "{later}");
    assert!(
        !later.to_string().contains(AUDITOR_TOKEN),
        "the token never shows: {later}"
    );
}
