//! Helpers for the console tests: a gateway with the admin API and one auditor on,
//! traffic that leaves PII detections in the trail, console JSON calls, and (in
//! `browser`) a real headless Chromium driven through chromedriver.
#![allow(dead_code)]

pub mod browser;

use serde_json::Value;

use crate::common::{self, TestGateway, TestUpstream};
use crate::vault_support::{self, ADMIN_TOKEN};

/// The auditor's token (what `[[admin.auditors]]` reads from `TEST_AUDITOR_TOKEN`).
pub const AUDITOR_TOKEN: &str = "auditor-token-for-tests-9876543210";
pub const AUDITOR_ID: &str = "dpo-anna";

/// The admin API with one auditor, and a pricing table so records carry a cost.
pub fn console_section() -> String {
    format!(
        r#"
[admin]
listen = "127.0.0.1:0"
token_env = "TEST_ADMIN_TOKEN"

[[admin.auditors]]
id = "{AUDITOR_ID}"
token_env = "TEST_AUDITOR_TOKEN"

[[pricing]]
model = "gpt-4o-mini"
input_per_million = 1000.0
output_per_million = 2000.0
currency = "EUR"
"#
    )
}

/// A gateway with the console on, in front of a test upstream.
pub async fn start_console() -> (TestUpstream, TestGateway) {
    let upstream = TestUpstream::openai().await;
    let config = common::config_for(&upstream.base_url(), &console_section());
    let gw = vault_support::start(&config, &[("TEST_AUDITOR_TOKEN", AUDITOR_TOKEN)]);
    (upstream, gw)
}

/// Sends chats: `with_email` of them name an email address, the rest do not.
pub async fn traffic(gw: &TestGateway, with_email: usize, without: usize) {
    for i in 0..with_email + without {
        let text = if i < with_email {
            format!("Please write to jane.doe{i}@example.com about the invoice")
        } else {
            "What is the capital of France?".to_owned()
        };
        let body = serde_json::json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": text}]});
        let response = common::post_json(gw, "/v1/chat/completions", &body.to_string()).await;
        assert_eq!(response.status(), 200);
    }
}

/// A console route with `token` (and the master-key proof when `proof`); (status, JSON).
pub use crate::vault_support::admin_call as console_call;

/// A GET console route with `token` and no master-key proof; (status, JSON).
pub async fn console_get(gw: &TestGateway, token: Option<&str>, path: &str) -> (u16, Value) {
    console_call(gw, token, false, reqwest::Method::GET, path, None).await
}

/// `POST /admin/v1/console/session` with `token` (and the master-key proof when `proof`).
pub async fn console_session(gw: &TestGateway, token: Option<&str>, proof: bool) -> (u16, Value) {
    let body = Some(serde_json::json!({}));
    let path = "/admin/v1/console/session";
    console_call(gw, token, proof, reqwest::Method::POST, path, body).await
}

/// The decrypted trail through the running server (`audit tail` with the admin token).
pub fn trail(gw: &TestGateway) -> Vec<Value> {
    let (code, out, err) = vault_support::through_admin(gw, &["audit", "tail", "-n", "100000"]);
    assert_eq!(code, 0, "{err}");
    out.lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// The `auditor_access` records of the trail: (auditor, what) pairs.
pub fn auditor_accesses(gw: &TestGateway) -> Vec<(String, String)> {
    trail(gw)
        .iter()
        .filter(|l| l["record"]["event"]["action"] == "auditor_access")
        .map(|l| {
            let d = &l["record"]["event"]["detail"];
            (
                d["auditor"].as_str().unwrap_or_default().to_owned(),
                d["what"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// The range `audit export` takes that covers everything written so far.
pub fn whole_range() -> (String, String) {
    ("2000-01-01T00:00:00Z".into(), "2100-01-01T00:00:00Z".into())
}

pub const ADMIN: &str = ADMIN_TOKEN;
