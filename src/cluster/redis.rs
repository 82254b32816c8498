//! The connection to Redis: the URL read from the variable the config names
//! (`rediss://` for TLS, with rustls, trusting `[cluster] redis_ca_file` when set, else
//! the system's roots; the chain and the host name are checked), a connection manager that reconnects on its own,
//! and bounded timeouts so a Redis that stops answering turns into an error quickly
//! (limits then fail closed) rather than a request that hangs. Never prints the URL.

use std::path::Path;
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};

use super::ClusterError;

/// How long one command or connection attempt may take.
pub const TIMEOUT: Duration = Duration::from_millis(500);

/// A parsed Redis URL; its Debug form hides it.
pub struct RedisTarget {
    client: redis::Client,
    variable: String,
}

impl std::fmt::Debug for RedisTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RedisTarget(${})", self.variable)
    }
}

impl RedisTarget {
    /// Parses the URL held by `variable`; `ca_file` (`[cluster] redis_ca_file`) is the
    /// CA to trust instead of the system's roots, and needs a `rediss://` URL.
    pub fn from_url(
        url: &str,
        variable: &str,
        ca_file: Option<&Path>,
    ) -> Result<RedisTarget, ClusterError> {
        let bad = |reason: String| ClusterError::BadUrl {
            variable: variable.to_owned(),
            what: "Redis",
            reason,
        };
        let client = match ca_file {
            None => redis::Client::open(url),
            Some(path) => {
                if !url.starts_with("rediss://") {
                    // The operator asked for a private CA: a plain-text URL would
                    // silently send the password and the counters unencrypted.
                    return Err(bad(
                        "cluster.redis_ca_file is set, so the URL must start with rediss:// (TLS)"
                            .to_owned(),
                    ));
                }
                let pem = super::tls::read_ca_pem(path, "cluster.redis_ca_file")
                    .map_err(|e| bad(e.to_string()))?;
                redis::Client::build_with_tls(
                    url,
                    redis::TlsCertificates {
                        client_tls: None,
                        root_cert: Some(pem),
                    },
                )
            }
        }
        .map_err(|e| bad(format!("{:?}", e.kind())))?;
        Ok(RedisTarget {
            client,
            variable: variable.to_owned(),
        })
    }
}

/// A shared, cheaply cloned handle on Redis.
#[derive(Clone)]
pub struct Redis {
    connection: ConnectionManager,
}

impl std::fmt::Debug for Redis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Redis(..)")
    }
}

impl Redis {
    /// Connects and checks that Redis answers a PING.
    pub async fn connect(target: RedisTarget) -> Result<Redis, ClusterError> {
        let unreachable = |reason: String| ClusterError::RedisUnreachable {
            variable: target.variable.clone(),
            reason,
        };
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(TIMEOUT))
            .set_response_timeout(Some(TIMEOUT))
            .set_number_of_retries(1)
            .set_max_delay(Duration::from_millis(200));
        let attempt = ConnectionManager::new_with_config(target.client.clone(), config);
        let mut connection = tokio::time::timeout(Duration::from_secs(5), attempt)
            .await
            .map_err(|_| unreachable("no answer within 5 seconds".into()))?
            .map_err(|e| unreachable(describe(&e)))?;
        let pong: String = redis::cmd("PING")
            .query_async(&mut connection)
            .await
            .map_err(|e| unreachable(describe(&e)))?;
        if pong != "PONG" {
            return Err(unreachable(format!("PING answered {pong:?}")));
        }
        Ok(Redis { connection })
    }

    /// A connection to run commands on (clones share one multiplexed connection).
    pub fn connection(&self) -> ConnectionManager {
        self.connection.clone()
    }
}

/// A Redis error as one sentence without the URL: its kind and, for I/O, the cause.
pub fn describe(e: &redis::RedisError) -> String {
    if let Some(cause) = super::tls::tls_cause(e) {
        return format!(
            "the TLS handshake failed: {cause} (the server's certificate must be signed by the CA in cluster.redis_ca_file, or by a system root, and name the URL's host)"
        );
    }
    if e.is_timeout() {
        return "it did not answer in time".to_owned();
    }
    if e.is_connection_refusal() {
        return "connection refused".to_owned();
    }
    if e.is_io_error() || e.is_connection_dropped() {
        return "the connection failed".to_owned();
    }
    match e.detail() {
        Some(detail) => format!("{:?}: {detail}", e.kind()),
        None => format!("{:?}", e.kind()),
    }
}
