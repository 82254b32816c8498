//! `deploy/` kept from rotting without a docker daemon: the compose file, the
//! Dockerfile, nginx's config and the three node configs are checked against each
//! other (every config is mounted where the image reads it, every variable a config
//! names is set by the compose file, nginx balances over the node services on the port
//! they listen on), and a gateway started on `deploy/node-a.toml` itself, against a
//! real PostgreSQL and Redis and with the variables the compose file sets, joins the
//! cluster and serves.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod cluster_support;
mod common;
mod vault_support;

use cluster_support::*;
use common::{TestGateway, TestUpstream};

const COMPOSE: &str = include_str!("../deploy/compose.yaml");
const DOCKERFILE: &str = include_str!("../deploy/Dockerfile");
const NGINX: &str = include_str!("../deploy/nginx.conf");
const UNIT: &str = include_str!("../deploy/ledgergate.service");
const NODES: [(&str, &str); 3] = [
    ("node-a", include_str!("../deploy/node-a.toml")),
    ("node-b", include_str!("../deploy/node-b.toml")),
    ("node-c", include_str!("../deploy/node-c.toml")),
];

/// Every `*_env` value of a config: the variables it reads.
fn variables(value: &toml::Value, out: &mut Vec<String>) {
    match value {
        toml::Value::Table(table) => {
            for (key, v) in table {
                match v {
                    toml::Value::String(s) if key.ends_with("_env") => out.push(s.clone()),
                    _ => variables(v, out),
                }
            }
        }
        toml::Value::Array(items) => items.iter().for_each(|v| variables(v, out)),
        _ => {}
    }
}

#[test]
fn the_deploy_files_agree_with_each_other() {
    // The image reads its config here and keeps its data and policies here.
    assert!(DOCKERFILE.contains(r#"CMD ["serve", "--config", "/etc/ledgergate/ledgergate.toml"]"#));
    assert!(DOCKERFILE.contains("COPY --from=build /out/policies /policies"));
    assert!(DOCKERFILE.contains("--chown=65532:65532 /out/data /data"));
    assert!(DOCKERFILE.contains("USER 65532:65532"));
    let upstreams: Vec<&str> = NGINX
        .lines()
        .filter_map(|l| l.trim().strip_prefix("server "))
        .filter(|l| l.ends_with(';'))
        .collect();
    assert_eq!(upstreams.len(), 3, "{NGINX}");
    for (service, text) in NODES {
        let config: toml::Value = toml::from_str(text).unwrap();
        assert_eq!(config["cluster"]["node_id"].as_str(), Some(service));
        assert_eq!(config["data"]["dir"].as_str(), Some("/data"));
        assert_eq!(config["policy"]["dir"].as_str(), Some("/policies"));
        // Each node service mounts its own config where the image reads it.
        assert!(
            COMPOSE.contains(&format!("  {service}:\n    <<: *node\n")),
            "{service} is not a node service"
        );
        assert!(
            COMPOSE.contains(&format!(
                "./{service}.toml:/etc/ledgergate/ledgergate.toml:ro"
            )),
            "{service}'s config is not mounted"
        );
        // Every variable the config reads is set for the node containers.
        let mut names = Vec::new();
        variables(&config, &mut names);
        assert!(names.len() >= 5, "{names:?}");
        for name in names {
            assert!(
                COMPOSE.contains(&format!("\n    {name}: ")),
                "{service} reads {name}, which compose.yaml does not set"
            );
        }
        // nginx balances over it, on the port it listens on.
        let port = config["server"]["listen"]
            .as_str()
            .unwrap()
            .rsplit(':')
            .next()
            .unwrap();
        assert!(
            upstreams
                .iter()
                .any(|u| u.starts_with(&format!("{service}:{port} "))),
            "nginx does not reach {service}:{port}: {upstreams:?}"
        );
    }
    // The systemd unit reads its secrets from a file and starts the same command.
    assert!(UNIT.contains("EnvironmentFile="), "{UNIT}");
    assert!(UNIT.contains("serve --config"), "{UNIT}");
}

#[tokio::test]
async fn a_gateway_on_the_deploy_config_joins_the_cluster_and_serves() {
    let upstream = TestUpstream::openai().await;
    let services = Services::start();
    let dir = tempfile::tempdir().unwrap();
    // Only what the container provides changes: the provider is a local stand-in and
    // the admin API's fixed port a free one; listen address, data and policy
    // directories are given on the command line as an operator would.
    let text = NODES[0]
        .1
        .replace("https://api.openai.com/v1", &upstream.base_url())
        .replace("127.0.0.1:8081", "127.0.0.1:0");
    let config = dir.path().join("ledgergate.toml");
    std::fs::write(&config, text).unwrap();
    let data = dir.path().join("data");
    let args = [
        "serve",
        "--config",
        config.to_str().unwrap(),
        "--listen",
        "127.0.0.1:0",
        "--data-dir",
        data.to_str().unwrap(),
        "--policies",
        common::shipped_policies(),
    ];
    let env = services.env();
    let mut env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    env.push(("LEDGERGATE_ADMIN_TOKEN", vault_support::ADMIN_TOKEN));
    env.push(("OPENAI_API_KEY", common::PROVIDER_KEY));
    let node = TestGateway::spawn(&args, dir, &env);
    let (_, registered) = services.pg.psql("SELECT node_id FROM ledgergate_nodes");
    assert_eq!(registered.trim(), "node-a");
    let health = common::http()
        .get(format!("{}/healthz", node.url))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    // A key made through its admin API serves through it.
    let secret = vault_support::create_key(&node, serde_json::json!({"tenant": "acme"})).await;
    let (status, body) = vault_support::chat(&node, &secret, "gpt-4o-mini").await;
    assert_eq!(status, 200, "{body}");
    assert!(!node.output().contains(common::PROVIDER_KEY));
}
