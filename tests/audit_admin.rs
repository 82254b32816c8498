//! The decrypting audit commands while the server runs: the server holds the audit key
//! store (sled allows one process), so `audit show`, `tail`, `export`, `erase` and
//! `report cost` go through its admin API (admin token plus proof of the master key),
//! and say what is missing when they cannot.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;
mod vault_support;

use common::{TestGateway, TestUpstream};
use serde_json::Value;
use vault_support::*;

/// The sequence number of the request record of the request with this id (clients
/// see only the request id, never the log's global sequence number).
fn request_seq(gw: &TestGateway, request_id: &str) -> String {
    let (code, out, err) = through_admin(gw, &["audit", "tail", "-n", "100000"]);
    assert_eq!(code, 0, "{err}");
    json_lines(&out)
        .iter()
        .find(|l| l["record"]["kind"] == "request" && l["record"]["request_id"] == request_id)
        .unwrap_or_else(|| panic!("no request record for {request_id} in {out}"))["seq"]
        .to_string()
}

fn request_id(response: &reqwest::Response) -> String {
    assert!(!response.headers().contains_key("x-ledgergate-audit-seq"));
    response.headers()["x-ledgergate-request-id"]
        .to_str()
        .unwrap()
        .to_owned()
}

/// An audit route of the admin API with the admin token and, when `proof`, the
/// master-key proof the CLI sends; returns (status, JSON body).
async fn audit_route(
    gw: &TestGateway,
    proof: bool,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    admin_call(gw, Some(ADMIN_TOKEN), proof, method, path, body).await
}

/// `GET` an audit route with the admin token and the master-key proof.
async fn audit_get(gw: &TestGateway, path: &str) -> (u16, Value) {
    audit_route(gw, true, reqwest::Method::GET, path, None).await
}

/// One chat ("hello") through the gateway; asserts it is answered.
async fn hello(gw: &TestGateway) -> reqwest::Response {
    let body = r#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hello"}]}"#;
    let response = common::post_json(gw, "/v1/chat/completions", body).await;
    assert_eq!(response.status(), 200);
    response
}

fn json_lines(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[tokio::test]
async fn show_tail_and_report_decrypt_through_the_running_server() {
    let upstream = TestUpstream::openai().await;
    let pricing = "[[pricing]]\nmodel = \"gpt-4o-mini\"\ninput_per_million = 1000.0\noutput_per_million = 2000.0\ncurrency = \"EUR\"\n";
    let config = common::config_for(&upstream.base_url(), &format!("{ADMIN_SECTION}{pricing}"));
    let gw = start(&config, &[]);
    let mut ids = Vec::new();
    for _ in 0..2 {
        let response = hello(&gw).await;
        ids.push(request_id(&response));
    }
    let seqs = [request_seq(&gw, &ids[0])];

    let (code, out, err) = through_admin(&gw, &["audit", "show", "--seq", &seqs[0]]);
    assert_eq!(code, 0, "{err}");
    let line: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(line["seq"].to_string(), seqs[0]);
    assert_eq!(line["record"]["kind"], "request");
    assert_eq!(line["record"]["tenant"], "acme");
    assert!(!err.contains("headers only"), "{err}");

    // Every record's tag and key commitment checked through the server.
    let (code, out, err) = through_admin(&gw, &["audit", "verify", "--decrypt", "--json"]);
    assert_eq!(code, 0, "{out}{err}");
    let report: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(report["ok"], true, "{out}");
    assert!(report["records_decrypted"].as_u64().unwrap() >= 5, "{out}");

    // More lines than one page of the admin API.
    let (code, out, err) = through_admin(&gw, &["audit", "tail", "-n", "1000"]);
    assert_eq!(code, 0, "{err}");
    let lines = json_lines(&out);
    assert!(lines.len() >= 5, "{out}");
    assert!(lines.iter().all(|l| l.get("record").is_some()), "{out}");
    assert_eq!(
        lines[0]["seq"], 0,
        "tail -n 1000 starts at the first record"
    );
    let responses = lines
        .iter()
        .filter(|l| l["record"]["kind"] == "response")
        .count();
    assert_eq!(responses, 2, "{out}");

    let (code, out, err) = through_admin(
        &gw,
        &[
            "report",
            "cost",
            "--from",
            "2000-01-01T00:00:00Z",
            "--to",
            "2100-01-01T00:00:00Z",
            "--by",
            "tenant",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let rows: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rows[0]["tenant"], "acme", "{out}");
    assert_eq!(rows[0]["requests"], 2, "{out}");
    // 2 answers x (9 prompt x 1000 + 3 completion x 2000) per million = 0.03 EUR.
    assert_eq!(rows[0]["cost_micros"], 30000, "{out}");

    // Without the admin token the command names what to do instead.
    let (code, _, err) = ledgergate(
        &[
            "audit",
            "show",
            "--seq",
            &seqs[0],
            "--config",
            &config_path(&gw),
            "--data-dir",
            gw.data_dir().to_str().unwrap(),
        ],
        &[("TEST_ADMIN_TOKEN", "")],
        "",
    );
    assert_eq!(code, 2);
    assert!(err.contains("locked by another process"), "{err}");
    assert!(err.contains("--admin-url"), "{err}");

    // A server that writes another log is not asked to decrypt this one.
    let other = tempfile::tempdir().unwrap();
    let (code, _, err) = common::cli(&[
        "audit",
        "verify",
        "--data-dir",
        other.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "an empty directory holds no log: {err}");
    let elsewhere = tempfile::tempdir().unwrap();
    let (code, _, err) = ledgergate(
        &[
            "audit",
            "erase",
            "--subject",
            "acme",
            "--config",
            &config_path(&gw),
            "--admin-url",
            &admin_url(&gw),
            "--data-dir",
            gw.path().to_str().unwrap(),
        ],
        &[],
        "",
    );
    assert_eq!(code, 2);
    assert!(err.contains("holds no audit log"), "{err}");
    drop(elsewhere);
    stop(gw).await;
}

#[tokio::test]
async fn export_and_erase_run_in_the_server_and_are_audited_in_its_chain() {
    let upstream = TestUpstream::openai().await;
    let gw = start(&admin_config(&upstream.base_url()), &[]);
    let response = hello(&gw).await;
    let seq = request_seq(&gw, &request_id(&response));

    let out_dir = gw.path().join("bundle");
    let export = || {
        through_admin(
            &gw,
            &[
                "audit",
                "export",
                "--from",
                "2000-01-01T00:00:00Z",
                "--to",
                "2100-01-01T00:00:00Z",
                "--out",
                out_dir.to_str().unwrap(),
            ],
        )
    };
    let (code, out, err) = export();
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("records disclosed"), "{out}");
    let (code, out, err) = common::cli(&["audit", "verify-bundle", out_dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    // A second export into the same directory is refused, and changes nothing.
    let (code, _, err) = export();
    assert_eq!(code, 2);
    assert!(err.contains("exists already"), "{err}");

    let (code, out, err) = through_admin(&gw, &["audit", "erase", "--subject", "acme"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("erased subject acme"), "{out}");
    let (code, out, err) = through_admin(&gw, &["audit", "show", "--seq", &seq]);
    assert_eq!(code, 0, "{err}");
    let line: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(line["erased"], true, "{out}");

    // Both actions are records in the server's own chain, which still verifies.
    let (code, out, err) = through_admin(&gw, &["audit", "tail", "-n", "50"]);
    assert_eq!(code, 0, "{err}");
    let actions: Vec<String> = json_lines(&out)
        .iter()
        .filter_map(|l| l["record"]["event"]["action"].as_str().map(str::to_owned))
        .collect();
    assert!(actions.iter().any(|a| a == "export_made"), "{out}");
    assert!(actions.iter().any(|a| a == "erasure_done"), "{out}");
    let data = gw.data_dir();
    let (code, out, err) = common::cli(&["audit", "verify", "--data-dir", data.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    stop(gw).await;
}

#[tokio::test]
async fn the_audit_admin_routes_need_the_admin_token_and_check_their_input() {
    let upstream = TestUpstream::openai().await;
    let gw = start(&admin_config(&upstream.base_url()), &[]);
    let (status, _) = admin_with(
        &gw,
        None,
        reqwest::Method::GET,
        "/admin/v1/audit/lines?from=0",
        None,
    )
    .await;
    assert_eq!(status, 401);
    // The admin token manages keys; reading, exporting or erasing audit records also
    // takes proof of the master key.
    for (method, path, body) in [
        (reqwest::Method::GET, "/admin/v1/audit/lines?from=0", None),
        (
            reqwest::Method::POST,
            "/admin/v1/audit/erase",
            Some(serde_json::json!({"subject": "acme"})),
        ),
    ] {
        let (status, body) = audit_route(&gw, false, method, path, body).await;
        assert_eq!(status, 403, "{body}");
        assert_eq!(body["error"]["code"], "audit_proof_required", "{body}");
    }
    let (status, _) = admin(&gw, reqwest::Method::GET, "/admin/v1/virtual-keys", None).await;
    assert_eq!(status, 200, "key management needs the token only");
    let (status, body) = audit_get(&gw, "/admin/v1/audit/lines?from=x").await;
    assert_eq!(status, 400, "{body}");
    let (status, body) = audit_route(
        &gw,
        true,
        reqwest::Method::POST,
        "/admin/v1/audit/export",
        Some(serde_json::json!({"from": "2000-01-01T00:00:00Z", "to": "2100-01-01T00:00:00Z", "out": "relative/dir"})),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("absolute path"));
    let (status, body) = audit_route(
        &gw,
        true,
        reqwest::Method::POST,
        "/admin/v1/audit/erase",
        Some(serde_json::json!({"subject": "acme", "extra": 1})),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    hello(&gw).await;
    let (status, body) = audit_get(&gw, "/admin/v1/audit/lines?from=0&limit=2").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["lines"].as_array().unwrap().len(), 2, "{body}");
    // Paging two at a time (the server resumes where the last page ended) gives the
    // same lines as one read of everything.
    let (_, all) = audit_get(&gw, "/admin/v1/audit/lines?from=0&limit=1000").await;
    let all = all["lines"].as_array().unwrap().clone();
    assert!(all.len() >= 3, "{all:?}");
    let mut paged = Vec::new();
    let mut from = 0;
    loop {
        let path = format!("/admin/v1/audit/lines?from={from}&limit=2");
        let (status, page) = audit_get(&gw, &path).await;
        assert_eq!(status, 200);
        let page = page["lines"].as_array().unwrap().clone();
        if page.is_empty() {
            break;
        }
        from = page.last().unwrap()["seq"].as_u64().unwrap() + 1;
        paged.extend(page);
    }
    assert_eq!(paged, all);
    assert_eq!(
        body["lines"][0]["record"]["event"]["action"], "start",
        "{body}"
    );
    stop(gw).await;
}
