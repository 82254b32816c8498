//! TLS to PostgreSQL and Redis with a private CA, against real servers: a PostgreSQL
//! that accepts TLS connections only (`hostssl` alone in pg_hba.conf) and a
//! redis-server on a TLS port only, both with a certificate our own CA signed for
//! 127.0.0.1 and localhost. A node given the CA (`sslrootcert=` in the PostgreSQL URL,
//! `[cluster] redis_ca_file`) starts and serves a request whose key comes from
//! PostgreSQL and whose limit is charged in Redis; a node given no CA, the wrong CA, or
//! a host the certificate does not name refuses to start, naming the connection whose
//! TLS failed, and never prints a URL's password.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod cluster_support;
mod common;
mod vault_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::json;

use cluster_support::*;
use common::TestUpstream;
use vault_support::{chat, create_key};

const PG_PASSWORD: &str = "pg-Secret-Pass-7d1e";
const REDIS_PASSWORD: &str = "redis-Secret-Pass-93ab";

struct Tls {
    pg: Postgres,
    redis: Redis,
    certs: tempfile::TempDir,
}

impl Tls {
    fn ca(&self) -> PathBuf {
        self.certs.path().join("ca.pem")
    }

    fn wrong_ca(&self) -> PathBuf {
        self.certs.path().join("wrong-ca.pem")
    }

    /// `postgres://` with a password, `sslmode=verify-full` and `sslrootcert` = `ca`.
    fn pg_url(&self, host: &str, ca: Option<&Path>) -> String {
        let root = ca
            .map(|ca| format!("&sslrootcert={}", ca.display()))
            .unwrap_or_default();
        format!(
            "postgres://postgres:{PG_PASSWORD}@{host}:{}/postgres?sslmode=verify-full{root}",
            self.pg.port
        )
    }

    fn redis_url(&self) -> String {
        format!("rediss://:{REDIS_PASSWORD}@127.0.0.1:{}/", self.redis.port)
    }

    /// `redis-cli` over TLS, checking the server against our CA.
    fn redis_cli(&self, args: &[&str]) -> String {
        let out = Command::new("redis-cli")
            .args(["--tls", "--cacert"])
            .arg(self.ca())
            .args(["-h", "127.0.0.1", "-p", &self.redis.port.to_string()])
            .args(["--no-auth-warning", "-a", REDIS_PASSWORD])
            .args(args)
            .current_dir(self.certs.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }
}

fn config(upstream: &TestUpstream, node_id: &str, cluster_extra: &str) -> String {
    format!(
        "{}\n{}",
        node_config(&upstream.base_url(), node_id, cluster_extra),
        common::PRICING
    )
}

fn redis_ca(path: &Path) -> String {
    format!("redis_ca_file = \"{}\"", path.display())
}

fn assert_no_password(output: &str) {
    for secret in [PG_PASSWORD, REDIS_PASSWORD] {
        assert!(
            !output.contains(secret),
            "a URL's password was printed:\n{output}"
        );
    }
}

/// Starts a node that must be refused; returns its stderr after checking the exit
/// code, that it names `connection` and a failed TLS handshake, and prints no password.
fn refused(config: &str, pg_url: &str, redis_url: &str, connection: &str) -> String {
    let env = [
        ("LEDGERGATE_POSTGRES_URL", pg_url),
        ("LEDGERGATE_REDIS_URL", redis_url),
    ];
    let (code, stderr) = refused_start(config, &env);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(&format!("cannot reach {connection}")),
        "{stderr}"
    );
    assert!(stderr.contains("the TLS handshake failed"), "{stderr}");
    assert_no_password(&stderr);
    stderr
}

#[tokio::test]
async fn a_node_talks_tls_to_postgres_and_redis_with_a_private_ca_and_refuses_anything_else() {
    let cert = ServerCert::new();
    let certs = tempfile::tempdir().unwrap();
    std::fs::write(certs.path().join("ca.pem"), &cert.ca_pem).unwrap();
    std::fs::write(certs.path().join("wrong-ca.pem"), &ServerCert::new().ca_pem).unwrap();
    let tls = Tls {
        pg: Postgres::start_tls(&cert),
        redis: Redis::start_tls(&cert, REDIS_PASSWORD),
        certs,
    };
    let upstream = TestUpstream::openai().await;

    // Given the CA for both, a node starts and serves.
    let pg_url = tls.pg_url("127.0.0.1", Some(&tls.ca()));
    let redis_url = tls.redis_url();
    let env = [
        ("LEDGERGATE_POSTGRES_URL", pg_url.as_str()),
        ("LEDGERGATE_REDIS_URL", redis_url.as_str()),
    ];
    let node = vault_support::start(&config(&upstream, "tls-a", &redis_ca(&tls.ca())), &env);
    let secret = create_key(
        &node,
        json!({"tenant": "acme", "id": "over-tls", "rate_limit_rpm": 1}),
    )
    .await;
    assert_eq!(chat(&node, &secret, "gpt-4o-mini").await.0, 200);
    let (status, body) = chat(&node, &secret, "gpt-4o-mini").await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(body["error"]["code"], "rate_limit_exceeded", "{body}");
    // The key is PostgreSQL's row, the window Redis's key, and every connection the
    // node holds to PostgreSQL is encrypted.
    let (ok, rows) = tls
        .pg
        .psql("SELECT count(*) FROM ledgergate_virtual_keys WHERE id = 'over-tls'");
    assert!(ok, "{rows}");
    assert_eq!(rows.trim(), "1");
    let (ok, ssl) = tls.pg.psql(
        "SELECT bool_and(s.ssl), count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
         WHERE a.application_name = 'ledgergate'",
    );
    assert!(ok, "{ssl}");
    let (all_tls, connections) = ssl.trim().split_once('|').unwrap();
    assert_eq!(all_tls, "t", "{ssl}");
    assert!(connections.parse::<u32>().unwrap() >= 2, "{ssl}");
    let windows = tls.redis_cli(&["--scan", "--pattern", "ledgergate:limits:rpm:*"]);
    assert!(!windows.is_empty(), "no rate window in Redis");
    assert_no_password(&node.output());
    drop(node);

    let with_redis_ca = config(&upstream, "tls-b", &redis_ca(&tls.ca()));
    // PostgreSQL: no CA (the system's roots do not know ours), the wrong CA, and a host
    // the certificate does not name (verify-full: the right CA is not enough).
    let stderr = refused(
        &with_redis_ca,
        &tls.pg_url("127.0.0.1", None),
        &redis_url,
        "PostgreSQL",
    );
    assert!(stderr.contains("UnknownIssuer"), "{stderr}");
    let stderr = refused(
        &with_redis_ca,
        &tls.pg_url("127.0.0.1", Some(&tls.wrong_ca())),
        &redis_url,
        "PostgreSQL",
    );
    // Both CAs bear the same name: the signature is what fails.
    assert!(
        stderr.contains("invalid peer certificate: BadSignature"),
        "{stderr}"
    );
    let stderr = refused(
        &with_redis_ca,
        &tls.pg_url("127.0.0.2", Some(&tls.ca())),
        &redis_url,
        "PostgreSQL",
    );
    assert!(
        stderr.contains("certificate not valid for name \"127.0.0.2\""),
        "{stderr}"
    );

    // Redis: no CA, then the wrong one (PostgreSQL's side is right both times).
    let stderr = refused(
        &config(&upstream, "tls-c", ""),
        &pg_url,
        &redis_url,
        "Redis",
    );
    assert!(stderr.contains("UnknownIssuer"), "{stderr}");
    let stderr = refused(
        &config(&upstream, "tls-d", &redis_ca(&tls.wrong_ca())),
        &pg_url,
        &redis_url,
        "Redis",
    );
    assert!(
        stderr.contains("invalid peer certificate: BadSignature"),
        "{stderr}"
    );

    // A CA file that is not there is named, and a plain-text Redis URL with a CA file
    // is refused (the operator asked for TLS).
    let missing = tls.certs.path().join("absent.pem");
    let (code, stderr) = refused_start(
        &config(&upstream, "tls-e", &redis_ca(&missing)),
        &[
            ("LEDGERGATE_POSTGRES_URL", pg_url.as_str()),
            ("LEDGERGATE_REDIS_URL", redis_url.as_str()),
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(&format!("cannot read the CA file {}", missing.display())),
        "{stderr}"
    );
    let plain = redis_url.replace("rediss://", "redis://");
    let (code, stderr) = refused_start(
        &with_redis_ca,
        &[
            ("LEDGERGATE_POSTGRES_URL", pg_url.as_str()),
            ("LEDGERGATE_REDIS_URL", plain.as_str()),
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("must start with rediss://"), "{stderr}");
    assert_no_password(&stderr);
}
