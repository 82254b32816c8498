//! The `[cluster]` section: this node's id, the names of the environment variables that
//! hold the PostgreSQL and Redis URLs (never the URLs themselves: they carry passwords),
//! and what limits do when Redis cannot be reached. Read into a raw serde struct
//! (unknown keys rejected), validated once into [`ClusterConfig`]. An absent section
//! means a single node on the embedded stores: nothing of the cluster runs.

use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;

use super::{identifier, Invalid};

/// What rate limits and budgets do while Redis is unreachable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedisFailure {
    /// Refuse requests that have limits (503 with the reason): the default.
    Closed,
    /// Fall back to this node's own in-memory limits (audited when it happens).
    Local,
}

/// A validated `[cluster]` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterConfig {
    /// Unique and stable across restarts: it names this node's audit chain and rows.
    pub node_id: String,
    /// The variable holding `postgres://...` (TLS when it says `sslmode=require`).
    pub postgres_url_env: String,
    /// The variable holding `redis://...` or `rediss://...` (TLS).
    pub redis_url_env: String,
    pub limits_on_redis_failure: RedisFailure,
    /// The CA (PEM) that signed Redis's certificate, trusted instead of the system's
    /// roots; the URL must then be `rediss://`.
    pub redis_ca_file: Option<PathBuf>,
}

pub const DEFAULT_POSTGRES_URL_ENV: &str = "LEDGERGATE_POSTGRES_URL";
pub const DEFAULT_REDIS_URL_ENV: &str = "LEDGERGATE_REDIS_URL";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCluster {
    node_id: Spanned<String>,
    postgres_url_env: Option<Spanned<String>>,
    redis_url_env: Option<Spanned<String>>,
    limits_on_redis_failure: Option<Spanned<String>>,
    redis_ca_file: Option<PathBuf>,
}

fn env_name(value: Option<Spanned<String>>, what: &str, default: &str) -> Result<String, Invalid> {
    let Some(value) = value else {
        return Ok(default.to_owned());
    };
    let name = value.get_ref();
    let ok = !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !name.as_bytes()[0].is_ascii_digit();
    if ok {
        Ok(name.clone())
    } else {
        Err((
            value.span(),
            format!(
                "cluster.{what} \"{name}\" is not an environment variable name (letters, digits and '_'); it names the variable holding the URL, not the URL"
            ),
        ))
    }
}

impl RawCluster {
    pub(super) fn validate(self) -> Result<ClusterConfig, Invalid> {
        let node_id = identifier(&self.node_id, "cluster.node_id")?;
        let limits_on_redis_failure = match self.limits_on_redis_failure {
            None => RedisFailure::Closed,
            Some(v) => match v.get_ref().as_str() {
                "closed" => RedisFailure::Closed,
                "local" => RedisFailure::Local,
                other => {
                    return Err((
                        v.span(),
                        format!(
                            "cluster.limits_on_redis_failure \"{other}\" must be \"closed\" or \"local\""
                        ),
                    ))
                }
            },
        };
        Ok(ClusterConfig {
            node_id,
            postgres_url_env: env_name(
                self.postgres_url_env,
                "postgres_url_env",
                DEFAULT_POSTGRES_URL_ENV,
            )?,
            redis_url_env: env_name(self.redis_url_env, "redis_url_env", DEFAULT_REDIS_URL_ENV)?,
            limits_on_redis_failure,
            redis_ca_file: self.redis_ca_file,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{Config, RedisFailure};

    fn error(text: &str) -> String {
        Config::parse(text, "ledgergate.toml")
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn a_cluster_section_is_validated_once() {
        assert!(Config::parse("", "x").unwrap().cluster.is_none());
        let c = Config::parse("[cluster]\nnode_id = \"eu-1\"\n", "x")
            .unwrap()
            .cluster
            .unwrap();
        assert_eq!(c.node_id, "eu-1");
        assert_eq!(c.postgres_url_env, "LEDGERGATE_POSTGRES_URL");
        assert_eq!(c.redis_url_env, "LEDGERGATE_REDIS_URL");
        assert_eq!(c.limits_on_redis_failure, RedisFailure::Closed);
        let c = Config::parse(
            "[cluster]\nnode_id = \"a\"\npostgres_url_env = \"PG\"\nredis_url_env = \"RD\"\nlimits_on_redis_failure = \"local\"\n",
            "x",
        )
        .unwrap()
        .cluster
        .unwrap();
        assert_eq!(
            (c.postgres_url_env.as_str(), c.redis_url_env.as_str()),
            ("PG", "RD")
        );
        assert_eq!(c.limits_on_redis_failure, RedisFailure::Local);
    }

    #[test]
    fn the_deploy_configs_are_valid() {
        for (text, id) in [
            (include_str!("../../deploy/node-a.toml"), "node-a"),
            (include_str!("../../deploy/node-b.toml"), "node-b"),
            (include_str!("../../deploy/node-c.toml"), "node-c"),
        ] {
            let config = Config::parse(text, "deploy/node.toml").unwrap();
            assert_eq!(config.cluster.unwrap().node_id, id);
        }
    }

    #[test]
    fn bad_cluster_values_name_their_place() {
        let e = error("[cluster]\nnode_id = \"a b\"\n");
        assert!(
            e.starts_with("ledgergate.toml:2:11: cluster.node_id \"a b\""),
            "{e}"
        );
        let e = error("[cluster]\nnode_id = \"a\"\npostgres_url_env = \"postgres://u:p@h/db\"\n");
        assert!(
            e.starts_with("ledgergate.toml:3:20: cluster.postgres_url_env"),
            "{e}"
        );
        let e = error("[cluster]\nnode_id = \"a\"\nlimits_on_redis_failure = \"open\"\n");
        assert!(e.contains("must be \"closed\" or \"local\""), "{e}");
        let e = error("[cluster]\nnode_ids = \"a\"\n");
        assert!(e.contains("unknown field `node_ids`"), "{e}");
    }
}
