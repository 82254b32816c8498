//! Virtual keys shared by a cluster through PostgreSQL: three gateway processes, a key
//! created through one node's admin API works on every node, a revocation reaches every
//! node within a second (LISTEN/NOTIFY), each change is audited once (by the node that
//! made it), only digests and sealed records are stored, and an edited row grants
//! nothing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod cluster_support;
mod common;
mod vault_support;

use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::json;

use cluster_support::*;
use common::{TestGateway, TestUpstream};
use vault_support::{admin, chat, create_key};

fn three_nodes(services: &Services, upstream: &str) -> Vec<TestGateway> {
    ["a", "b", "c"]
        .iter()
        .map(|id| start_node(services, &node_config(upstream, id, "")))
        .collect()
}

/// `audit tail` of a stopped node's data directory.
fn tail(dir: &std::path::Path) -> String {
    let data = dir.join("data");
    let (code, out, err) = common::cli(&[
        "audit",
        "tail",
        "--data-dir",
        data.to_str().unwrap(),
        "-n",
        "200",
    ]);
    assert_eq!(code, 0, "{err}");
    out
}

#[tokio::test]
async fn a_key_created_on_one_node_works_on_all_and_a_revocation_reaches_all_within_a_second() {
    let upstream = TestUpstream::openai().await;
    let services = Services::start();
    let nodes = three_nodes(&services, &upstream.base_url());
    let secret = create_key(&nodes[0], json!({"tenant": "acme", "id": "shared-app"})).await;
    for node in &nodes {
        let (status, body) = chat(node, &secret, "gpt-4o-mini").await;
        assert_eq!(status, 200, "{body}");
    }
    // Every node lists it; no node's listing shows a secret or digest.
    for node in &nodes {
        let (status, listed) = admin(node, Method::GET, "/admin/v1/virtual-keys", None).await;
        assert_eq!(status, 200);
        assert_eq!(listed["data"][0]["id"], "shared-app", "{listed}");
        assert!(!listed.to_string().contains(&secret));
    }
    // PostgreSQL holds the digest and a sealed record, never the secret.
    let (_, rows) = services.pg.psql(
        "SELECT id, created_by, encode(digest, 'hex'), encode(record, 'escape') FROM ledgergate_virtual_keys",
    );
    assert!(rows.starts_with("shared-app|a|"), "{rows}");
    assert!(!rows.contains(&secret), "{rows}");

    // Revoked on node b: a and c refuse it within a second of the answer.
    let (status, body) = admin(
        &nodes[1],
        Method::DELETE,
        "/admin/v1/virtual-keys/shared-app",
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let revoked_at = Instant::now();
    for node in [&nodes[0], &nodes[2]] {
        loop {
            let (status, _) = chat(node, &secret, "gpt-4o-mini").await;
            if status == 401 {
                break;
            }
            assert_eq!(status, 200);
            assert!(
                revoked_at.elapsed() < Duration::from_secs(1),
                "node {} still served the revoked key a second later",
                node.url
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    assert_eq!(chat(&nodes[1], &secret, "gpt-4o-mini").await.0, 401);

    // Each change is in the audit log of the node that made it, and only there.
    let mut dirs = Vec::new();
    for node in nodes {
        dirs.push(vault_support::stop(node).await);
    }
    let logs: Vec<String> = dirs.iter().map(|d| tail(d.path())).collect();
    let count = |log: &str, action: &str| {
        log.lines()
            .filter(|l| l.contains(action) && l.contains("shared-app"))
            .count()
    };
    assert_eq!(count(&logs[0], "key_created"), 1, "{}", logs[0]);
    assert_eq!(count(&logs[1], "key_created"), 0);
    assert_eq!(count(&logs[2], "key_created"), 0);
    assert_eq!(count(&logs[1], "key_revoked"), 1, "{}", logs[1]);
    assert_eq!(count(&logs[0], "key_revoked"), 0);
    assert_eq!(count(&logs[2], "key_revoked"), 0);
    for log in &logs {
        assert!(!log.contains(&secret));
    }
}

#[tokio::test]
async fn an_id_taken_on_one_node_is_taken_on_all() {
    let upstream = TestUpstream::openai().await;
    let services = Services::start();
    let a = start_node(&services, &node_config(&upstream.base_url(), "a", ""));
    let b = start_node(&services, &node_config(&upstream.base_url(), "b", ""));
    create_key(&a, json!({"tenant": "acme", "id": "once"})).await;
    let (status, body) = admin(
        &b,
        Method::POST,
        "/admin/v1/virtual-keys",
        Some(json!({"tenant": "acme", "id": "once"})),
    )
    .await;
    assert_eq!(status, 409, "{body}");
}

#[tokio::test]
async fn a_row_edited_in_postgres_grants_nothing() {
    let upstream = TestUpstream::openai().await;
    let services = Services::start();
    let a = start_node(&services, &node_config(&upstream.base_url(), "a", ""));
    let secret = create_key(
        &a,
        json!({"tenant": "acme", "id": "limited", "models": ["text-embedding-3-small"]}),
    )
    .await;
    assert_eq!(chat(&a, &secret, "gpt-4o-mini").await.0, 403);
    // Someone with write access to the database widens the key's models.
    let (ok, out) = services.pg.psql(
        r#"UPDATE ledgergate_virtual_keys SET record = overlay(record placing '"models":[]'::bytea
             from position('"models":["text-embedding-3-small"]'::bytea in record)
             for length('"models":["text-embedding-3-small"]'::bytea)) WHERE id = 'limited'"#,
    );
    assert!(ok, "{out}");
    let (_, edited) = services.pg.psql(
        r#"SELECT position('"models":[]'::bytea in record) > 0 FROM ledgergate_virtual_keys"#,
    );
    assert_eq!(edited.trim(), "t", "the edit took");
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let (status, _) = chat(&a, &secret, "gpt-4o-mini").await;
        assert_ne!(status, 200, "the edited record was believed");
        if status == 401 || Instant::now() > deadline {
            assert_eq!(status, 401);
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Waits until `secret` gets `status` from `node` (within 5 s).
async fn until_status(node: &TestGateway, secret: &str, status: u16) {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let (got, body) = chat(node, secret, "gpt-4o-mini").await;
        if got == status {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "still {got}, not {status}: {body}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn an_old_row_restored_in_postgres_does_not_bring_a_revoked_key_back() {
    let upstream = TestUpstream::openai().await;
    let services = Services::start();
    let a = start_node(&services, &node_config(&upstream.base_url(), "a", ""));
    let secret = create_key(&a, json!({"tenant": "acme", "id": "replayed"})).await;
    assert_eq!(chat(&a, &secret, "gpt-4o-mini").await.0, 200);
    // Someone with write access to the database (not the master key) keeps a copy of
    // the validly sealed row, and puts it back after the key was revoked.
    let (ok, out) = services
        .pg
        .psql("CREATE TABLE stash AS SELECT * FROM ledgergate_virtual_keys WHERE id = 'replayed'");
    assert!(ok, "{out}");
    let (status, body) = admin(&a, Method::DELETE, "/admin/v1/virtual-keys/replayed", None).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(chat(&a, &secret, "gpt-4o-mini").await.0, 401);
    let (ok, out) = services
        .pg
        .psql("INSERT INTO ledgergate_virtual_keys SELECT * FROM stash");
    assert!(ok, "{out}");
    // Notifications arrive in order: once a key created after the restore works, the
    // node has re-read the restored row.
    let marker = create_key(&a, json!({"tenant": "acme", "id": "after-restore"})).await;
    let b = start_node(&services, &node_config(&upstream.base_url(), "b", ""));
    until_status(&b, &marker, 200).await;
    for node in [&a, &b] {
        let (status, body) = chat(node, &secret, "gpt-4o-mini").await;
        assert_eq!(status, 401, "the restored row was believed: {body}");
    }
    // The revocation itself cannot be taken back.
    for sql in [
        "DELETE FROM ledgergate_revoked_virtual_keys",
        "UPDATE ledgergate_revoked_virtual_keys SET digest = '\\x00'",
        "TRUNCATE ledgergate_revoked_virtual_keys",
    ] {
        let (ok, out) = services.pg.psql(sql);
        assert!(!ok && out.contains("append-only"), "{sql}: {out}");
    }
    let (_, listed) = services
        .pg
        .psql("SELECT id, revoked_by FROM ledgergate_revoked_virtual_keys");
    assert_eq!(listed.trim(), "replayed|a");
}

#[tokio::test]
async fn a_node_with_another_master_key_is_refused() {
    let upstream = TestUpstream::openai().await;
    let services = Services::start();
    let config = node_config(&upstream.base_url(), "a", "");
    let _a = start_node(&services, &config);
    let mut env: Vec<(String, String)> = services.env().to_vec();
    env.push(("LEDGERGATE_MASTER_KEY".into(), "11".repeat(32)));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (code, stderr) = refused_start(&node_config(&upstream.base_url(), "b", ""), &env);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(
            "the master key is not the one the cluster's shared virtual keys are sealed under"
        ),
        "{stderr}"
    );
}

/// The Authorization header the upstream last received.
fn authorization(upstream: &TestUpstream) -> String {
    upstream.last_headers()["authorization"]
        .to_str()
        .unwrap()
        .to_owned()
}

/// Chats through `node` until the upstream receives `expected`, for at most a second.
async fn serves_within_a_second(node: &TestGateway, upstream: &TestUpstream, expected: &str) {
    let started = Instant::now();
    loop {
        assert_eq!(chat(node, common::CLIENT_KEY, "gpt-4o-mini").await.0, 200);
        if authorization(upstream) == expected {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "{} still sends {} instead of {expected}",
            node.url,
            authorization(upstream)
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_provider_key_set_through_one_node_serves_on_every_node_within_a_second() {
    let upstream = TestUpstream::openai().await;
    let services = Services::start();
    let nodes = three_nodes(&services, &upstream.base_url());
    let path = "/admin/v1/provider-keys/test-openai";
    let (status, info) = admin(
        &nodes[0],
        Method::PUT,
        path,
        Some(json!({"key": "sk-cluster-one"})),
    )
    .await;
    assert_eq!(status, 200, "{info}");
    for node in &nodes {
        serves_within_a_second(node, &upstream, "Bearer sk-cluster-one").await;
    }
    // Rotated through node b: every node sends the new key.
    let (status, info) = admin(
        &nodes[1],
        Method::PUT,
        path,
        Some(json!({"key": "sk-cluster-two"})),
    )
    .await;
    assert_eq!((status, info["version"].as_u64()), (200, Some(2)), "{info}");
    for node in &nodes {
        serves_within_a_second(node, &upstream, "Bearer sk-cluster-two").await;
    }
    // PostgreSQL holds neither value in clear.
    let (_, rows) = services.pg.psql(
        "SELECT encode(record, 'escape') || encode(wrapped, 'escape') FROM ledgergate_provider_keys",
    );
    assert!(!rows.contains("sk-cluster"), "{rows}");
    // Removed through node c: every node falls back to the environment's key.
    let (status, _) = admin(&nodes[2], Method::DELETE, path, None).await;
    assert_eq!(status, 200);
    for node in &nodes {
        serves_within_a_second(node, &upstream, &format!("Bearer {}", common::PROVIDER_KEY)).await;
    }
    // An edited row is refused, never sent upstream.
    admin(
        &nodes[0],
        Method::PUT,
        path,
        Some(json!({"key": "sk-cluster-three"})),
    )
    .await;
    serves_within_a_second(&nodes[1], &upstream, "Bearer sk-cluster-three").await;
    let (ok, out) = services.pg.psql(
        "UPDATE ledgergate_provider_keys SET record = overlay(record placing '\\x00'::bytea from 60 for 1)",
    );
    assert!(ok, "{out}");
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (status, _) = chat(&nodes[1], common::CLIENT_KEY, "gpt-4o-mini").await;
    assert_ne!(status, 200, "an edited provider-key row is refused");
}
