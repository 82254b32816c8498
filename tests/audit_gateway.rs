//! The audit log as written by the real server: a record for every exchange (durable
//! before forwarding), found by the request id on every answer, records that match the
//! JSON Schema and hold no secret, fail-closed refusal when the log cannot be written,
//! and a log that survives SIGKILL under load.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;

use std::time::Duration;

use common::*;
use serde_json::Value;

const EMAIL: &str = "jane.doe@example.com";

fn records(gw: &TestGateway) -> (String, Vec<Value>) {
    let (code, out, err) = cli(&[
        "audit",
        "tail",
        "-n",
        "100000",
        "--data-dir",
        gw.data_dir().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let lines = out
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("tail prints JSON lines"))
        .collect();
    (out, lines)
}

fn verify(gw: &TestGateway) -> (i32, String) {
    let (code, out, err) = cli(&[
        "audit",
        "verify",
        "--data-dir",
        gw.data_dir().to_str().unwrap(),
    ]);
    (code, out + &err)
}

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/audit-schema/audit-record.schema.json"
    ))
    .unwrap();
    jsonschema::draft202012::new(&serde_json::from_str::<Value>(&text).unwrap()).unwrap()
}

#[tokio::test]
async fn every_exchange_is_recorded_with_its_policy_decision_and_no_secret() {
    let upstream = TestUpstream::openai().await;
    // Prices per million tokens; the test upstream reports 9 prompt and 3 completion tokens.
    let pricing = "[[pricing]]\nmodel = \"gpt-4o-mini\"\ninput_per_million = 1000.0\noutput_per_million = 2000.0\ncurrency = \"EUR\"\n";
    let mut gw = TestGateway::start(&config_for(&upstream.base_url(), pricing));
    let chat = format!(
        r#"{{"model":"fast","messages":[{{"role":"user","content":"mail {EMAIL} now"}}]}}"#
    );
    let ok = post_json(&gw, "/v1/chat/completions", &chat).await;
    // The global sequence number is not shown to clients; the request id finds records.
    assert!(!ok.headers().contains_key("x-ledgergate-audit-seq"));
    let ok_id = ok.headers()["x-ledgergate-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    ok.text().await.unwrap();
    let streamed = post_json(
        &gw,
        "/v1/chat/completions",
        r#"{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"a b"}]}"#,
    )
    .await;
    assert!(!streamed.headers().contains_key("x-ledgergate-audit-seq"));
    let stream_id = streamed.headers()["x-ledgergate-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    streamed.text().await.unwrap();
    let blocked = post_json(&gw, "/v1/chat/completions", r#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"key AKIAIOSFODNN7EXAMPLE"}]}"#).await;
    assert_eq!(blocked.status(), 403);
    assert!(!blocked.headers().contains_key("x-ledgergate-audit-seq"));
    assert!(blocked.headers().contains_key("x-ledgergate-request-id"));

    gw.sigterm();
    assert_eq!(gw.wait_exit(Duration::from_secs(10)), Some(0));
    let (code, report) = verify(&gw);
    assert_eq!(code, 0, "{report}");
    assert!(report.contains("checkpoints valid"), "{report}");

    let (raw, lines) = records(&gw);
    let schema = schema();
    for line in &lines {
        let record = &line["record"];
        let errors: Vec<String> = schema.iter_errors(record).map(|e| e.to_string()).collect();
        assert!(
            errors.is_empty(),
            "{record} does not match the schema: {errors:?}"
        );
    }
    let request = lines
        .iter()
        .find(|l| l["record"]["kind"] == "request" && l["record"]["request_id"] == ok_id.as_str())
        .unwrap()["record"]
        .clone();
    assert_eq!(request["kind"], "request");
    assert_eq!(request["request_id"], ok_id.as_str());
    assert_eq!(request["tenant"], "acme");
    assert_eq!(request["virtual_key_id"], "acme-app");
    assert_eq!(request["model_requested"], "gpt-4o-mini");
    assert_eq!(request["provider"], "test-openai");
    assert_eq!(request["region"], "eu-west");
    assert_eq!(request["policy"]["id"], "default");
    assert_eq!(
        request["detections"],
        serde_json::json!([{"entity": "EMAIL_ADDRESS", "count": 1}])
    );
    assert_eq!(
        request["capture"]["request"]["messages"][0]["content"],
        "mail <EMAIL_ADDRESS_1> now"
    );
    let response = lines
        .iter()
        .find(|l| l["record"]["kind"] == "response" && l["record"]["request_id"] == ok_id.as_str())
        .expect("a response record")["record"]
        .clone();
    assert_eq!(response["outcome"]["status"], 200);
    assert_eq!(response["usage"]["total_tokens"], 12);
    // 9 x 1000 + 3 x 2000 millionths of a euro.
    assert_eq!(
        response["cost"],
        serde_json::json!({"currency": "EUR", "micros": 15000})
    );
    // Streamed tokens are counted too: the gateway asked the provider for a usage chunk.
    let streamed = lines
        .iter()
        .find(|l| {
            l["record"]["kind"] == "response" && l["record"]["request_id"] == stream_id.as_str()
        })
        .expect("the stream's response record")["record"]
        .clone();
    assert_eq!(streamed["usage"]["total_tokens"], 12, "{streamed}");
    assert_eq!(streamed["cost"]["micros"], 15000, "{streamed}");

    let denied = lines
        .iter()
        .find(|l| l["record"]["outcome"]["status"] == 403)
        .expect("the denial is recorded");
    assert_eq!(denied["record"]["detections"][0]["entity"], "SECRET");

    // `report cost` sums the pricing table applied to the answers' usage.
    let data = gw.data_dir();
    let (code, out, err) = cli(&[
        "report",
        "cost",
        "--from",
        "2000-01-01T00:00:00Z",
        "--to",
        "2100-01-01T00:00:00Z",
        "--by",
        "model",
        "--format",
        "json",
        "--data-dir",
        data.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        report,
        serde_json::json!([{"model": "gpt-4o-mini", "currency": "EUR", "requests": 2,
            "prompt_tokens": 18, "completion_tokens": 6, "cost_micros": 30000, "unpriced": 0}])
    );
    let (code, out, _) = cli(&[
        "report",
        "cost",
        "--from",
        "2000-01-01T00:00:00Z",
        "--to",
        "2100-01-01T00:00:00Z",
        "--by",
        "tenant",
        "--format",
        "csv",
        "--data-dir",
        data.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    assert_eq!(out, "tenant,currency,requests,prompt_tokens,completion_tokens,cost,unpriced\nacme,EUR,2,18,6,0.030000,0\n");
    let (code, _, err) = cli(&[
        "report",
        "cost",
        "--from",
        "yesterday",
        "--to",
        "2100-01-01T00:00:00Z",
        "--by",
        "model",
        "--data-dir",
        data.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--from \"yesterday\" is not an RFC 3339 time"),
        "{err}"
    );

    let kinds: Vec<&str> = lines
        .iter()
        .filter_map(|l| l["record"]["event"]["action"].as_str())
        .collect();
    assert_eq!(kinds.first(), Some(&"start"));
    assert_eq!(kinds.last(), Some(&"stop"));

    let everything = raw + &gw.output();
    for secret in [
        EMAIL,
        "AKIAIOSFODNN7EXAMPLE",
        CLIENT_KEY,
        PROVIDER_KEY,
        MASTER_KEY,
    ] {
        assert!(
            !everything.contains(secret),
            "{secret} leaked into the audit log or the logs"
        );
    }
}

#[tokio::test]
async fn when_the_audit_log_cannot_be_written_requests_are_refused_and_not_forwarded() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(
        &upstream.base_url(),
        "[audit]\nsegment_max_bytes = 4096\n",
    ));
    // The next segments' names are taken by directories: rolling over will fail.
    let segments = gw.data_dir().join("audit").join("segments");
    for seq in 1..2000u64 {
        std::fs::create_dir(segments.join(format!("{seq:020}.seg"))).unwrap();
    }
    let body = r#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hello"}]}"#;
    let mut refused = None;
    for i in 0..200 {
        let response = post_json(&gw, "/v1/chat/completions", body).await;
        if response.status() != 200 {
            refused = Some((
                i,
                response.status().as_u16(),
                response.json::<Value>().await.unwrap(),
            ));
            break;
        }
    }
    let (i, status, error) = refused.expect("the log filled its segment and failed to roll over");
    assert_eq!(status, 503, "{error}");
    assert_eq!(error["error"]["code"], "audit_unavailable");
    let forwarded = upstream.requests();
    assert_eq!(
        forwarded, i,
        "the refused request must not reach the provider"
    );
    // It stays refused: an fsync or write error is never retried.
    assert_eq!(
        post_json(&gw, "/v1/chat/completions", body).await.status(),
        503
    );
    assert_eq!(upstream.requests(), forwarded);
    let ready = http()
        .get(format!("{}/readyz", gw.url))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(
        ready,
        503,
        "{}",
        gw.output()
            .lines()
            .filter(|l| l.contains("ERROR") || l.contains("WARN"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[tokio::test]
async fn after_sigkill_under_load_every_answered_request_has_its_records() {
    let upstream = TestUpstream::openai().await;
    let config = config_for(&upstream.base_url(), "");
    let mut gw = TestGateway::start(&config);
    let body = r#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"load"}]}"#;
    let clients = common::load::start(&[gw.url.clone()], 8, 400);
    tokio::time::sleep(Duration::from_millis(700)).await;
    gw.child.kill().unwrap();
    gw.child.wait().unwrap();
    let answered: Vec<String> = common::load::finish(clients)
        .await
        .into_iter()
        .map(|(_, id)| id)
        .collect();
    assert!(
        answered.len() > 10,
        "the load ran: {} answers",
        answered.len()
    );

    let (code, report) = verify(&gw);
    assert_eq!(code, 0, "the log verifies after SIGKILL: {report}");
    // Restart on the same data: recovery (if any tail was torn) and serving again.
    let data = gw.data_dir();
    let dir = std::mem::replace(&mut gw.dir, tempfile::tempdir().unwrap());
    let path = dir.path().join("ledgergate.toml");
    let again = TestGateway::spawn(
        &[
            "serve",
            "--config",
            path.to_str().unwrap(),
            "--data-dir",
            data.to_str().unwrap(),
        ],
        dir,
        &[],
    );
    assert_eq!(
        post_json(&again, "/v1/chat/completions", body)
            .await
            .status(),
        200
    );
    let mut again = again;
    again.sigterm();
    again.wait_exit(Duration::from_secs(10));
    let (_, lines) = records(&again);
    common::load::assert_recorded(&lines, &answered, "");
    let (code, report) = verify(&again);
    assert_eq!(code, 0, "{report}");
}

#[tokio::test]
async fn tampering_with_a_log_written_by_the_server_is_found_and_located() {
    let upstream = TestUpstream::openai().await;
    let mut gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    for i in 0..20 {
        let body = format!(
            r#"{{"model":"gpt-4o-mini","messages":[{{"role":"user","content":"request {i}"}}]}}"#
        );
        assert_eq!(
            post_json(&gw, "/v1/chat/completions", &body).await.status(),
            200
        );
    }
    gw.sigterm();
    gw.wait_exit(Duration::from_secs(10));
    assert_eq!(verify(&gw).0, 0);

    let segment = std::fs::read_dir(gw.data_dir().join("audit").join("segments"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "seg"))
        .unwrap();
    let original = std::fs::read(&segment).unwrap();

    // A flipped bit in the middle of the log.
    let mut flipped = original.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x01;
    std::fs::write(&segment, &flipped).unwrap();
    let (code, report) = verify(&gw);
    assert_eq!(code, 1, "{report}");
    assert!(
        report.contains("seq"),
        "the report names the record: {report}"
    );

    // A truncated tail below the signed checkpoint written at shutdown.
    std::fs::write(&segment, &original[..original.len() - 40]).unwrap();
    let (code, report) = verify(&gw);
    assert_eq!(code, 1, "{report}");

    // Restored, it verifies again.
    std::fs::write(&segment, &original).unwrap();
    assert_eq!(verify(&gw).0, 0);
}

/// A client that gives up while the provider is still thinking (before any answer
/// byte) still leaves exactly one response record: 499, no answer, no upstream latency.
#[tokio::test]
async fn a_client_gone_before_the_answer_leaves_one_response_record() {
    let upstream = TestUpstream::with(Behaviour::SlowHeaders(Duration::from_secs(3))).await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let impatient = reqwest::Client::builder()
        .timeout(Duration::from_millis(400))
        .build()
        .unwrap();
    let sent = impatient
        .post(format!("{}/chat/completions", gw.v1()))
        .bearer_auth(CLIENT_KEY)
        .header("content-type", "application/json")
        .body(r#"{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hello"}]}"#)
        .send()
        .await;
    assert!(sent.is_err(), "the client was meant to time out: {sent:?}");
    // Records are readable (not decryptable) while the gateway runs: wait for the
    // third (start, request, response), then stop it and read them decrypted.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while records(&gw).1.len() < 3 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut gw = gw;
    gw.sigterm();
    assert_eq!(gw.wait_exit(Duration::from_secs(10)), Some(0));
    let (_, lines) = records(&gw);
    let responses: Vec<&Value> = lines
        .iter()
        .map(|r| &r["record"])
        .filter(|r| r["kind"] == "response" && r["route"] == "/v1/chat/completions")
        .collect();
    assert_eq!(responses.len(), 1, "{lines:?}");
    let record = responses[0];
    assert_eq!(record["outcome"]["status"], 499, "{record}");
    assert_eq!(record["outcome"]["error_type"], "client_closed_request");
    assert!(
        record["latency_ms"]
            .get("upstream")
            .is_none_or(Value::is_null),
        "{record}"
    );
    assert_eq!(upstream.requests(), 1);
}
