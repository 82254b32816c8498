//! Budgets and rate limits through the real binary: requests per minute per key under
//! concurrent clients, a tenant's limit capping its keys together, tokens per minute
//! charged with the upstream's usage (JSON and streams), a daily budget from the
//! pricing table that survives a restart, and a vaulted key's limits set through the
//! admin API. A refusal is OpenAI's 429 with Retry-After, reaches no upstream and is
//! audited.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;
mod vault_support;

use reqwest::Method;
use serde_json::{json, Value};

use common::{TestGateway, TestUpstream, CLIENT_KEY};
use vault_support::{admin, chat, create_key, start, start_in, stop, ADMIN_SECTION};

/// The second key of tenant `acme` in the tenant test.
const OTHER_KEY: &str = "lgk-test-other-client-key-0123456789";

/// The config for `upstream`, with `key_fields` added to the bootstrap key `acme-app`
/// and `rest` (whole tables) after it, plus the admin API.
fn config(upstream: &TestUpstream, key_fields: &str, rest: &str) -> String {
    common::config_for(
        &upstream.base_url(),
        &format!("{key_fields}\n{rest}\n{ADMIN_SECTION}"),
    )
}

struct Answer {
    status: u16,
    retry_after: Option<u64>,
    request_id: Option<String>,
    body: Value,
}

async fn send(gw: &TestGateway, key: &str, body: Value) -> Answer {
    let response = common::http()
        .post(format!("{}/v1/chat/completions", gw.url))
        .bearer_auth(key)
        .json(&body)
        .send()
        .await
        .unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok())
    };
    assert!(
        !response.headers().contains_key("x-ledgergate-audit-seq"),
        "no global counter reaches a client"
    );
    let request_id = response
        .headers()
        .get("x-ledgergate-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (status, retry_after) = (response.status().as_u16(), header("retry-after"));
    let text = response.text().await.unwrap();
    Answer {
        status,
        retry_after,
        request_id,
        body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
    }
}

async fn ask(gw: &TestGateway, key: &str) -> Answer {
    send(
        gw,
        key,
        json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hello"}]}),
    )
    .await
}

/// A refusal in OpenAI's shape with a Retry-After of at least a second, audited.
fn assert_refused(answer: &Answer, code: &str, message_starts: &str) {
    assert_eq!(answer.status, 429, "{}", answer.body);
    let error = &answer.body["error"];
    assert_eq!(error["code"], code, "{}", answer.body);
    assert_eq!(error["type"], code, "{}", answer.body);
    assert!(error["param"].is_null(), "{}", answer.body);
    let message = error["message"].as_str().unwrap_or_default();
    assert!(message.starts_with(message_starts), "{message}");
    let retry = answer.retry_after.expect("a 429 carries Retry-After");
    assert!(retry >= 1, "Retry-After is whole seconds, at least 1");
    assert!(
        message.contains(&format!("retry in {retry} seconds")),
        "the message and the header agree: {message} / {retry}"
    );
    assert!(
        answer.request_id.is_some(),
        "the refusal names the request id its audit record is found by"
    );
}

#[tokio::test]
async fn rpm_of_a_bootstrap_key_lets_exactly_n_of_m_concurrent_clients_through() {
    let upstream = TestUpstream::openai().await;
    let gw = start(&config(&upstream, "rpm = 3", ""), &[]);
    let answers = futures::future::join_all((0..10).map(|_| ask(&gw, CLIENT_KEY))).await;
    let ok = answers.iter().filter(|a| a.status == 200).count();
    assert_eq!(ok, 3, "exactly the minute's allowance passes");
    for refused in answers.iter().filter(|a| a.status != 200) {
        assert_refused(
            refused,
            "rate_limit_exceeded",
            "Virtual key \"acme-app\" has used its requests-per-minute allowance of 3; retry in ",
        );
    }
    assert_eq!(upstream.requests(), 3, "refused requests reach no upstream");
    // The auditor sees the throttling (read once the gateway has stopped).
    let dir = stop(gw).await;
    let data = dir.path().join("data");
    let (code, out, err) = common::cli(&[
        "audit",
        "tail",
        "-n",
        "1000",
        "--data-dir",
        data.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.matches("\"error_type\":\"rate_limit_exceeded\"")
            .count(),
        7,
        "each refusal has its denial record: {out}"
    );
}

#[tokio::test]
async fn a_tenant_limit_caps_two_keys_together() {
    let upstream = TestUpstream::openai().await;
    let rest = "[[tenants.keys]]\nid = \"acme-other\"\nsecret_env = \"TEST_OTHER_KEY\"\n\n[tenants.limits]\nrpm = 3\n";
    let gw = start(
        &config(&upstream, "rpm = 2", rest),
        &[("TEST_OTHER_KEY", OTHER_KEY)],
    );
    assert_eq!(ask(&gw, CLIENT_KEY).await.status, 200);
    assert_eq!(ask(&gw, OTHER_KEY).await.status, 200);
    assert_eq!(ask(&gw, OTHER_KEY).await.status, 200);
    // Key acme-app has a request left of its own, but the tenant has none.
    let refused = ask(&gw, CLIENT_KEY).await;
    assert_refused(
        &refused,
        "rate_limit_exceeded",
        "Tenant \"acme\" has used its requests-per-minute allowance of 3; retry in ",
    );
    assert_eq!(ask(&gw, OTHER_KEY).await.status, 429);
    assert_eq!(upstream.requests(), 3);
}

#[tokio::test]
async fn tpm_is_charged_with_the_upstreams_usage_in_json_and_streams() {
    let upstream = TestUpstream::openai().await;
    let gw = start(&config(&upstream, "tpm = 20", ""), &[]);
    // 12 tokens an answer: the first two fit (0, then 12 used), then 24 of 20 are used.
    assert_eq!(ask(&gw, CLIENT_KEY).await.status, 200);
    let streamed = send(
        &gw,
        CLIENT_KEY,
        json!({"model": "gpt-4o-mini", "stream": true,
               "messages": [{"role": "user", "content": "hello"}]}),
    )
    .await;
    assert_eq!(streamed.status, 200);
    assert!(
        streamed
            .body
            .as_str()
            .unwrap_or_default()
            .contains("[DONE]"),
        "{}",
        streamed.body
    );
    let refused = ask(&gw, CLIENT_KEY).await;
    assert_refused(
        &refused,
        "rate_limit_exceeded",
        "Virtual key \"acme-app\" has used its tokens-per-minute allowance of 20; retry in ",
    );
    assert_eq!(upstream.requests(), 2);
}

#[tokio::test]
async fn a_daily_budget_refuses_once_spent_and_a_restart_keeps_the_spend() {
    let upstream = TestUpstream::openai().await;
    let gw = start(
        &config(&upstream, "budget_daily = 0.2", common::PRICING),
        &[],
    );
    // 0.12 USD an answer: 0 then 0.12 spent allow; 0.24 >= 0.20 refuses.
    assert_eq!(ask(&gw, CLIENT_KEY).await.status, 200);
    assert_eq!(ask(&gw, CLIENT_KEY).await.status, 200);
    let refused = ask(&gw, CLIENT_KEY).await;
    assert_refused(
        &refused,
        "insufficient_quota",
        "Virtual key \"acme-app\" has spent its daily budget of 0.20 USD; retry in ",
    );
    assert_eq!(upstream.requests(), 2);

    let dir = stop(gw).await;
    let gw = start_in(dir, &[]);
    let refused = ask(&gw, CLIENT_KEY).await;
    assert_refused(
        &refused,
        "insufficient_quota",
        "Virtual key \"acme-app\" has spent its daily budget of 0.20 USD",
    );
    assert_eq!(
        upstream.requests(),
        2,
        "the spend was read back from the audit log"
    );
}

#[tokio::test]
async fn a_tenants_monthly_budget_caps_its_keys_after_a_restart() {
    let upstream = TestUpstream::openai().await;
    let rest = format!(
        "[tenants.limits]\nbudget_monthly = 0.1\n{}",
        common::PRICING
    );
    let gw = start(&config(&upstream, "", &rest), &[]);
    let vaulted = create_key(&gw, json!({"tenant": "acme"})).await;
    assert_eq!(chat(&gw, &vaulted, "gpt-4o-mini").await.0, 200);
    let dir = stop(gw).await;
    let gw = start_in(dir, &[]);
    let refused = ask(&gw, CLIENT_KEY).await;
    assert_refused(
        &refused,
        "insufficient_quota",
        "Tenant \"acme\" has spent its monthly budget of 0.10 USD; retry in ",
    );
    assert_eq!(upstream.requests(), 1);
}

#[tokio::test]
async fn a_vaulted_keys_limits_come_from_the_admin_api() {
    let upstream = TestUpstream::openai().await;
    let gw = start(&config(&upstream, "", common::PRICING), &[]);
    let (status, created) = admin(
        &gw,
        Method::POST,
        "/admin/v1/virtual-keys",
        Some(
            json!({"tenant": "acme", "id": "metered", "rate_limit_tpm": 1000,
                    "budget_daily_usd": 0.1}),
        ),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["rate_limit_tpm"], 1000);
    assert_eq!(created["budget_daily_usd"], 0.1);
    let key = created["key"].as_str().unwrap().to_owned();
    assert_eq!(ask(&gw, &key).await.status, 200);
    let refused = ask(&gw, &key).await;
    assert_refused(
        &refused,
        "insufficient_quota",
        "Virtual key \"metered\" has spent its daily budget of 0.10 USD; retry in ",
    );
    // The bootstrap key of the same tenant has no budget of its own.
    assert_eq!(ask(&gw, CLIENT_KEY).await.status, 200);
    for bad in [
        json!({"tenant": "acme", "rate_limit_tpm": 0}),
        json!({"tenant": "acme", "budget_daily_usd": -1.0}),
    ] {
        let (status, body) = admin(&gw, Method::POST, "/admin/v1/virtual-keys", Some(bad)).await;
        assert_eq!(status, 400, "{body}");
    }
}
