//! Failover among the providers the policy allows: on a failure before the first byte
//! (5xx, 429, connection refused) the next allowed provider answers, every attempt is
//! in the audit record; a client error (4xx) is passed through without failover.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;

use std::time::Duration;

use common::*;
use serde_json::Value;

fn two_providers(first: &str, second: &str) -> String {
    let base = config_for(first, "");
    base.replace(
        "[aliases]",
        &format!(
            "[[providers]]\nname = \"backup\"\nkind = \"openai\"\nbase_url = \"{second}\"\nregion = \"eu-central\"\njurisdiction = \"EU\"\nmodels = [\"gpt-4o-mini\"]\n\n[aliases]"
        ),
    )
}

const ASK: &str = r#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}"#;

#[tokio::test]
async fn a_failing_provider_fails_over_to_the_next_allowed_one_and_both_attempts_are_audited() {
    for status in [500, 429] {
        let broken = TestUpstream::failing(status).await;
        let backup = TestUpstream::openai().await;
        let mut gw = TestGateway::start(&two_providers(&broken.base_url(), &backup.base_url()));
        let response = post_json(&gw, "/v1/chat/completions", ASK).await;
        assert_eq!(response.status(), 200, "status {status} fails over");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["choices"][0]["message"]["content"], "reply to: hi");
        assert_eq!((broken.requests(), backup.requests()), (1, 1));

        gw.sigterm();
        gw.wait_exit(Duration::from_secs(10));
        let (code, out, err) = cli(&[
            "audit",
            "tail",
            "-n",
            "100",
            "--data-dir",
            gw.data_dir().to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        let response_record = out
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .find(|l| l["record"]["kind"] == "response")
            .unwrap();
        let attempts = response_record["record"]["attempts"]
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(attempts.len(), 2, "{attempts:?}");
        assert_eq!(attempts[0]["provider"], "test-openai");
        assert_eq!(attempts[0]["status"], if status == 429 { 429 } else { 502 });
        assert_eq!(attempts[1]["provider"], "backup");
        assert_eq!(attempts[1]["status"], 200);
        assert_eq!(response_record["record"]["provider"], "backup");
    }
}

#[tokio::test]
async fn an_unreachable_provider_fails_over_and_a_client_error_does_not() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let backup = TestUpstream::openai().await;
    let gw = TestGateway::start(&two_providers(
        &format!("http://{closed}/v1"),
        &backup.base_url(),
    ));
    assert_eq!(
        post_json(&gw, "/v1/chat/completions", ASK).await.status(),
        200
    );
    assert_eq!(backup.requests(), 1);

    let refusing = TestUpstream::with(Behaviour::Fail(400, "bad parameter")).await;
    let backup = TestUpstream::openai().await;
    let gw = TestGateway::start(&two_providers(&refusing.base_url(), &backup.base_url()));
    let response = post_json(&gw, "/v1/chat/completions", ASK).await;
    assert_eq!(response.status(), 400);
    assert_eq!(
        backup.requests(),
        0,
        "a 4xx is the client's problem: no failover"
    );
}
