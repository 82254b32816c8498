//! Rate limits and budgets held by Redis for the whole cluster: an rpm limit holds
//! across three gateway processes (sequential requests: no overshoot at all), a budget
//! spent on one node refuses on the others, and Redis stopped mid-run gives 503 with
//! the reason in fail-closed mode, or this node's own limits (audited) in local mode.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod cluster_support;
mod common;
mod vault_support;

use serde_json::json;

use cluster_support::*;
use common::TestUpstream;
use vault_support::{chat, create_key};

fn config(upstream: &TestUpstream, node_id: &str, cluster_extra: &str) -> String {
    format!(
        "{}\n{}",
        node_config(&upstream.base_url(), node_id, cluster_extra),
        common::PRICING
    )
}

#[tokio::test]
async fn an_rpm_limit_holds_across_three_nodes() {
    let upstream = TestUpstream::openai().await;
    let services = Services::start();
    let nodes: Vec<_> = ["a", "b", "c"]
        .iter()
        .map(|id| start_node(&services, &config(&upstream, id, "")))
        .collect();
    let secret = create_key(
        &nodes[0],
        json!({"tenant": "acme", "id": "sixty", "rate_limit_rpm": 6}),
    )
    .await;
    let mut statuses = Vec::new();
    for _ in 0..4 {
        for node in &nodes {
            let (status, body) = chat(node, &secret, "gpt-4o-mini").await;
            if status == 429 {
                assert_eq!(body["error"]["code"], "rate_limit_exceeded", "{body}");
                assert!(body["error"]["message"].as_str().unwrap().contains(
                    "Virtual key \"sixty\" has used its requests-per-minute allowance of 6"
                ));
            }
            statuses.push(status);
        }
    }
    let admitted = statuses.iter().filter(|s| **s == 200).count();
    assert_eq!(admitted, 6, "one allowance for the cluster: {statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 6);
    assert_eq!(upstream.requests(), 6, "refusals reach no upstream");
}

#[tokio::test]
async fn a_budget_spent_on_one_node_refuses_on_the_others() {
    let upstream = TestUpstream::openai().await;
    let services = Services::start();
    let a = start_node(&services, &config(&upstream, "a", ""));
    let b = start_node(&services, &config(&upstream, "b", ""));
    let secret = create_key(
        &a,
        json!({"tenant": "acme", "id": "metered", "budget_daily_usd": 0.2}),
    )
    .await;
    assert_eq!(chat(&a, &secret, "gpt-4o-mini").await.0, 200, "0.12 spent");
    assert_eq!(chat(&b, &secret, "gpt-4o-mini").await.0, 200, "0.24 spent");
    for node in [&a, &b] {
        let (status, body) = chat(node, &secret, "gpt-4o-mini").await;
        assert_eq!(status, 429, "{body}");
        assert_eq!(body["error"]["code"], "insufficient_quota");
        assert!(body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Virtual key \"metered\" has spent its daily budget of 0.20 USD"));
    }
}

#[tokio::test]
async fn redis_stopped_mid_run_gives_503_in_fail_closed_mode() {
    let upstream = TestUpstream::openai().await;
    let mut services = Services::start();
    let a = start_node(&services, &config(&upstream, "a", ""));
    let secret = create_key(
        &a,
        json!({"tenant": "acme", "id": "limited", "rate_limit_rpm": 100}),
    )
    .await;
    assert_eq!(chat(&a, &secret, "gpt-4o-mini").await.0, 200);
    services.redis.stop();
    let (status, body) = chat(&a, &secret, "gpt-4o-mini").await;
    assert_eq!(status, 503, "{body}");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("The gateway cannot check rate limits and budgets right now (Redis: "),
        "{message}"
    );
    assert_eq!(
        upstream.requests(),
        1,
        "the refused request reached no upstream"
    );
}

#[tokio::test]
async fn in_local_mode_a_redis_outage_falls_back_to_the_nodes_own_limits_and_is_audited() {
    let upstream = TestUpstream::openai().await;
    let mut services = Services::start();
    let a = start_node(
        &services,
        &config(&upstream, "a", "limits_on_redis_failure = \"local\""),
    );
    let secret = create_key(
        &a,
        json!({"tenant": "acme", "id": "limited", "rate_limit_rpm": 2}),
    )
    .await;
    services.redis.stop();
    assert_eq!(chat(&a, &secret, "gpt-4o-mini").await.0, 200);
    assert_eq!(chat(&a, &secret, "gpt-4o-mini").await.0, 200);
    assert_eq!(
        chat(&a, &secret, "gpt-4o-mini").await.0,
        429,
        "the node's own limit holds"
    );
    let dir = vault_support::stop(a).await;
    let data = dir.path().join("data");
    let (code, tail, err) = common::cli(&[
        "audit",
        "tail",
        "--data-dir",
        data.to_str().unwrap(),
        "-n",
        "100",
    ]);
    assert_eq!(code, 0, "{err}");
    let fallbacks: Vec<&str> = tail
        .lines()
        .filter(|l| l.contains("limits_fallback"))
        .collect();
    assert_eq!(fallbacks.len(), 1, "{tail}");
    assert!(fallbacks[0].contains("\"local\":true"), "{}", fallbacks[0]);
}
