//! Joining a cluster at start-up: a node reads its PostgreSQL and Redis URLs from the
//! variables `[cluster]` names, migrates the schema it owns, and refuses to start, with
//! one clear sentence, exit 2 and nothing created, when either server is missing or
//! unreachable, when the schema is newer than it knows, or when its id is taken. URLs
//! carry passwords: no message shows one.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod cluster_support;
mod common;
mod vault_support;

use cluster_support::*;
use common::TestUpstream;

const SECRET_PASSWORD: &str = "pg-secret-password-4242";

#[tokio::test]
async fn a_node_refuses_to_start_without_its_postgres_url_variable() {
    let upstream = TestUpstream::openai().await;
    let config = node_config(&upstream.base_url(), "a", "");
    let (code, stderr) = refused_start(&config, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("[cluster] needs the PostgreSQL URL in the environment variable LEDGERGATE_POSTGRES_URL, which is not set"),
        "{stderr}"
    );
}

#[tokio::test]
async fn a_node_refuses_to_start_when_postgres_is_unreachable_and_never_shows_the_url() {
    let upstream = TestUpstream::openai().await;
    let redis = Redis::start();
    let config = node_config(
        &upstream.base_url(),
        "a",
        "postgres_url_env = \"PG_URL\"\nredis_url_env = \"RD_URL\"",
    );
    let dead = format!(
        "postgres://ledgergate:{SECRET_PASSWORD}@127.0.0.1:{}/db",
        free_port()
    );
    let (code, stderr) = refused_start(&config, &[("PG_URL", &dead), ("RD_URL", &redis.url())]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("cannot reach PostgreSQL (the URL in PG_URL)")
            && stderr.contains("a cluster node does not start without it"),
        "{stderr}"
    );
    assert!(!stderr.contains(SECRET_PASSWORD), "{stderr}");
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.starts_with("ledgergate:"))
            .count(),
        1,
        "one sentence: {stderr}"
    );
    assert!(
        stderr.contains("Connection refused"),
        "the cause is named: {stderr}"
    );
}

#[tokio::test]
async fn a_node_refuses_to_start_when_redis_is_unreachable() {
    let upstream = TestUpstream::openai().await;
    let pg = Postgres::start();
    let config = node_config(&upstream.base_url(), "a", "");
    let dead = format!("redis://:{SECRET_PASSWORD}@127.0.0.1:{}/", free_port());
    let (code, stderr) = refused_start(
        &config,
        &[
            ("LEDGERGATE_POSTGRES_URL", &pg.url()),
            ("LEDGERGATE_REDIS_URL", &dead),
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("cannot reach Redis (the URL in LEDGERGATE_REDIS_URL)"),
        "{stderr}"
    );
    assert!(!stderr.contains(SECRET_PASSWORD), "{stderr}");
    // Nothing was migrated either: the Redis check comes before the schema.
    let (_, tables) = pg.psql("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'ledgergate%'");
    assert_eq!(tables.trim(), "0", "{tables}");
}

#[tokio::test]
async fn a_node_migrates_the_schema_once_and_refuses_a_newer_one() {
    let upstream = TestUpstream::openai().await;
    let services = Services::start();
    let config = node_config(&upstream.base_url(), "a", "");
    let node = start_node(&services, &config);
    let (ok, versions) = services
        .pg
        .psql("SELECT string_agg(version || ':' || name, ',') FROM ledgergate_schema_migrations");
    assert!(ok, "{versions}");
    assert_eq!(
        versions.trim(),
        "1:0001_cluster,2:0002_erasures,3:0003_provider_keys,4:0004_revoked_virtual_keys"
    );
    let (_, nodes) = services.pg.psql("SELECT node_id FROM ledgergate_nodes");
    assert_eq!(nodes.trim(), "a");
    // A second node migrates nothing again.
    let second = start_node(&services, &node_config(&upstream.base_url(), "b", ""));
    let (_, count) = services
        .pg
        .psql("SELECT count(*) FROM ledgergate_schema_migrations");
    assert_eq!(count.trim(), "4");
    vault_support::stop(node).await;
    vault_support::stop(second).await;

    // A schema written by a newer ledgergate is refused, and left as it is.
    let (ok, out) = services
        .pg
        .psql("INSERT INTO ledgergate_schema_migrations (version, name) VALUES (99, 'future')");
    assert!(ok, "{out}");
    let env = services.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (code, stderr) = refused_start(&config, &env);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("the cluster schema in PostgreSQL is version 99, newer than this binary knows (4); upgrade ledgergate on this node"),
        "{stderr}"
    );
}

#[tokio::test]
async fn two_running_nodes_cannot_share_an_id() {
    let upstream = TestUpstream::openai().await;
    let services = Services::start();
    let config = node_config(&upstream.base_url(), "eu-1", "");
    let _node = start_node(&services, &config);
    let env = services.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (code, stderr) = refused_start(&config, &env);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("cluster.node_id \"eu-1\" is in use by another running node"),
        "{stderr}"
    );
}

#[tokio::test]
async fn the_anchor_table_refuses_update_and_delete() {
    let upstream = TestUpstream::openai().await;
    let services = Services::start();
    let _node = start_node(&services, &node_config(&upstream.base_url(), "a", ""));
    let (ok, out) = services.pg.psql(
        "INSERT INTO ledgergate_audit_anchors (node_id, log_id, size, root, checkpoint) VALUES ('x', 'l', 1, 'r', 'c')",
    );
    assert!(ok, "{out}");
    for sql in [
        "UPDATE ledgergate_audit_anchors SET size = 0",
        "DELETE FROM ledgergate_audit_anchors",
        "TRUNCATE ledgergate_audit_anchors",
    ] {
        let (ok, out) = services.pg.psql(sql);
        assert!(!ok, "{sql} was allowed");
        assert!(
            out.contains("ledgergate_audit_anchors is append-only"),
            "{out}"
        );
    }
    let (_, count) = services
        .pg
        .psql("SELECT count(*) FROM ledgergate_audit_anchors WHERE node_id = 'x'");
    assert_eq!(count.trim(), "1");
}

#[tokio::test]
async fn cluster_status_lists_every_node_with_its_heartbeat_and_policy_version() {
    let upstream = TestUpstream::openai().await;
    let services = Services::start();
    let a = start_node(&services, &node_config(&upstream.base_url(), "a", ""));
    let b = start_node(&services, &node_config(&upstream.base_url(), "b", ""));
    let config = a.path().join("ledgergate.toml");
    let status = |json: bool| {
        let mut command = common::ledgergate_command();
        command
            .args(["cluster", "status", "--config", config.to_str().unwrap()])
            .current_dir(a.path())
            .env("LEDGERGATE_POSTGRES_URL", services.pg.url());
        if json {
            command.arg("--json");
        }
        let out = command.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let listed: serde_json::Value = serde_json::from_str(&status(true)).unwrap();
    let nodes = listed["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 2, "{listed}");
    assert_eq!(nodes[0]["node_id"], "a");
    assert_eq!(nodes[1]["node_id"], "b");
    for node in nodes {
        assert_eq!(node["alive"], true, "{node}");
        assert!(node["log_size"].as_i64().unwrap() >= 1, "{node}");
    }
    assert_eq!(nodes[0]["policy_hash"], nodes[1]["policy_hash"]);
    assert_eq!(nodes[0]["policy_hash"].as_str().unwrap().len(), 64);
    let table = status(false);
    assert!(table.starts_with("NODE\tSTATE\tHEARTBEAT"), "{table}");
    assert!(table.contains("2 nodes; policy: converged"), "{table}");
    drop((a, b));

    // Without [cluster], or without its variable: one sentence, exit 2.
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.toml");
    std::fs::write(&plain, "").unwrap();
    let (code, _, err) = common::cli(&["cluster", "status", "--config", plain.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("has no [cluster] section"), "{err}");
}

#[tokio::test]
async fn checkpoints_are_anchored_and_a_node_whose_log_is_gone_refuses_to_start() {
    let upstream = TestUpstream::openai().await;
    let services = Services::start();
    let config = format!(
        "{}\n[audit]\ncheckpoint_every = 1\n",
        node_config(&upstream.base_url(), "a", "")
    );
    let node = start_node(&services, &config);
    for _ in 0..3 {
        assert_eq!(
            vault_support::chat(&node, common::CLIENT_KEY, "gpt-4o-mini")
                .await
                .0,
            200
        );
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let (_, count) = services
            .pg
            .psql("SELECT count(*) FROM ledgergate_audit_anchors WHERE node_id = 'a'");
        if count.trim().parse::<u32>().unwrap_or(0) >= 2 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no checkpoint was anchored"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let (_, note) = services
        .pg
        .psql("SELECT checkpoint FROM ledgergate_audit_anchors ORDER BY size DESC LIMIT 1");
    assert!(
        note.starts_with("ledgergate.audit/"),
        "a signed note: {note}"
    );
    let dir = vault_support::stop(node).await;

    // The same node restarts on its log: it extends every anchor.
    let node = start_node_in(&services, dir, &config);
    let dir = vault_support::stop(node).await;

    // Its log removed (a host restored from an old image): refused, exit 1.
    std::fs::remove_dir_all(dir.path().join("data").join("audit")).unwrap();
    let env = services.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut env = env;
    env.push(("TEST_ADMIN_TOKEN", vault_support::ADMIN_TOKEN));
    let args = vault_support::serve_args(dir.path());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = common::gateway_command(&args, dir.path(), &env)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("node \"a\" has anchored checkpoints up to")
            && stderr.contains("but its audit log in")
            && stderr.contains("is gone; refusing to start"),
        "{stderr}"
    );
    assert!(
        !dir.path().join("data").join("audit").exists(),
        "nothing was created"
    );
}

#[tokio::test]
async fn the_master_key_of_a_cluster_node_is_not_rotated_in_place() {
    let upstream = TestUpstream::openai().await;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("ledgergate.toml");
    std::fs::write(&config, node_config(&upstream.base_url(), "a", "")).unwrap();
    std::fs::create_dir_all(dir.path().join("data").join("vault")).unwrap();
    let new_master = "22".repeat(32);
    let (code, out, err) = vault_support::keys(
        &[
            "--config",
            config.to_str().unwrap(),
            "--data-dir",
            dir.path().join("data").to_str().unwrap(),
            "rotate",
            "--master",
        ],
        &[("LEDGERGATE_NEW_MASTER_KEY", new_master.as_str())],
        "",
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("not the rows cluster node \"a\" shares in PostgreSQL"),
        "{err}"
    );
    assert!(!out.contains(&new_master) && !err.contains(&new_master));
    assert_eq!(
        std::fs::read_dir(dir.path().join("data").join("vault"))
            .unwrap()
            .count(),
        0,
        "nothing was written"
    );
}
