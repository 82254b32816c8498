//! Running several gateways as one cluster: PostgreSQL holds what must be durable and
//! shared (the virtual keys, the node registry, the audit anchors), Redis holds the
//! counters of rate limits and budgets. This module owns the `[cluster]` start-up: it
//! reads the URLs from the variables the config names, connects to both, migrates the
//! schema it owns, claims this node's id (one running process per id), and keeps the
//! node's heartbeat row fresh. Without `[cluster]` nothing here runs.
//!
//! Guarantees: a node that cannot reach PostgreSQL or Redis, finds a schema newer than
//! it knows, or finds its id held by a running node refuses to start and changes
//! nothing. URLs (which carry passwords) never appear in a message or a log.

pub mod anchors;
pub mod erasure;
pub mod export;
pub mod follow;
pub mod limits;
pub mod migrations;
pub mod postgres;
pub mod provider_keys;
pub mod redis;
pub mod status;
pub mod tls;
pub mod vault;

use std::sync::Arc;
use std::time::Duration;

use crate::config::ClusterConfig;
use postgres::{describe, Pg, PgTarget};

/// Why the cluster could not be joined. Each message names the variable or the
/// setting at fault, never a URL.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error("[cluster] needs the {what} URL in the environment variable {variable}, which is not set (cluster.{setting} names it)")]
    MissingUrl {
        variable: String,
        what: &'static str,
        setting: &'static str,
    },
    #[error("the {what} URL in {variable} is not valid: {reason}")]
    BadUrl {
        variable: String,
        what: &'static str,
        reason: String,
    },
    #[error("cannot reach PostgreSQL (the URL in {variable}): {reason}; a cluster node does not start without it")]
    PostgresUnreachable { variable: String, reason: String },
    #[error("cannot reach Redis (the URL in {variable}): {reason}; a cluster node does not start without it")]
    RedisUnreachable { variable: String, reason: String },
    #[error("PostgreSQL: migrating the cluster schema to version {version} failed: {reason}")]
    Migration { version: i32, reason: String },
    #[error("the cluster schema in PostgreSQL is version {found}, newer than this binary knows ({known}); upgrade ledgergate on this node")]
    SchemaNewer { found: i32, known: i32 },
    #[error("cluster.node_id \"{node_id}\" is in use by another running node; every node needs its own, stable id")]
    NodeIdInUse { node_id: String },
    #[error("PostgreSQL: {0}")]
    Postgres(String),
}

impl From<tokio_postgres::Error> for ClusterError {
    fn from(e: tokio_postgres::Error) -> ClusterError {
        ClusterError::Postgres(describe(&e))
    }
}

/// How often a node refreshes its row in `ledgergate_nodes`.
pub const HEARTBEAT: Duration = Duration::from_secs(2);

/// A node joined to its cluster.
pub struct Cluster {
    pub node_id: String,
    pub config: ClusterConfig,
    pub pg: Arc<Pg>,
    pub redis: redis::Redis,
    /// Holds the advisory lock on this node's id for as long as the process lives.
    _claim: tokio_postgres::Client,
}

impl std::fmt::Debug for Cluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cluster")
            .field("node_id", &self.node_id)
            .finish_non_exhaustive()
    }
}

/// Reads the URL held by `variable`; an empty or absent variable is refused.
fn url_from(
    variable: &str,
    what: &'static str,
    setting: &'static str,
) -> Result<String, ClusterError> {
    match std::env::var(variable) {
        Ok(url) if !url.trim().is_empty() => Ok(url),
        _ => Err(ClusterError::MissingUrl {
            variable: variable.to_owned(),
            what,
            setting,
        }),
    }
}

/// What the heartbeat reports besides the time.
pub struct NodeFacts {
    pub policy_hash: String,
    pub log_size: u64,
    pub admin_url: Option<String>,
}

impl Cluster {
    /// Joins the cluster: both URLs, both connections, the schema, this node's id.
    pub async fn join(config: &ClusterConfig) -> Result<Cluster, ClusterError> {
        // Redis's rustls client uses the process-wide provider; ring, like the rest.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let pg_url = url_from(&config.postgres_url_env, "PostgreSQL", "postgres_url_env")?;
        let redis_url = url_from(&config.redis_url_env, "Redis", "redis_url_env")?;
        let target = PgTarget::from_url(&pg_url, &config.postgres_url_env)?;
        let redis_target = redis::RedisTarget::from_url(
            &redis_url,
            &config.redis_url_env,
            config.redis_ca_file.as_deref(),
        )?;
        drop((pg_url, redis_url));

        let mut claim = target.connect_with(None).await?;
        let redis = redis::Redis::connect(redis_target).await?;
        migrations::migrate(&mut claim).await?;
        let claimed: bool = claim
            .query_one(
                "SELECT pg_try_advisory_lock(hashtext('ledgergate-node'), hashtext($1))",
                &[&config.node_id],
            )
            .await?
            .get(0);
        if !claimed {
            return Err(ClusterError::NodeIdInUse {
                node_id: config.node_id.clone(),
            });
        }
        claim
            .execute(
                "INSERT INTO ledgergate_nodes (node_id, started_at, heartbeat_at, version)
                 VALUES ($1, now(), now(), $2)
                 ON CONFLICT (node_id) DO UPDATE
                 SET started_at = now(), heartbeat_at = now(), version = $2",
                &[&config.node_id, &env!("CARGO_PKG_VERSION")],
            )
            .await?;
        let pg = Arc::new(Pg::connect(target).await?);
        tracing::info!(node_id = %config.node_id, schema = migrations::SCHEMA_VERSION, "cluster: joined");
        Ok(Cluster {
            node_id: config.node_id.clone(),
            config: config.clone(),
            pg,
            redis,
            _claim: claim,
        })
    }

    /// The shared virtual keys, mirrored and followed (see [`vault`]), for
    /// [`crate::vault::store::Vault::share_virtual_keys`].
    pub async fn virtual_key_rows(
        &self,
    ) -> Result<Arc<dyn crate::vault::store::VirtualKeyRows>, ClusterError> {
        let rows = vault::PgVirtualKeys::start(self.pg.clone(), &self.node_id).await?;
        Ok(rows)
    }

    /// The shared erasures of data subjects (see [`erasure`]): applies the ones this
    /// node missed, then follows new ones.
    pub async fn erasures(
        &self,
        master: &crate::vault::master_key::MasterKey,
        audit: crate::audit::AuditLog,
    ) -> Result<Arc<erasure::Erasures>, ClusterError> {
        erasure::Erasures::start(self.pg.clone(), &self.node_id, master, audit).await
    }

    /// The shared provider keys, mirrored and followed (see [`provider_keys`]), for
    /// [`crate::vault::store::Vault::share_provider_keys`].
    pub async fn provider_key_rows(
        &self,
    ) -> Result<Arc<dyn crate::vault::store::ProviderKeyRows>, ClusterError> {
        let rows = provider_keys::PgProviderKeys::start(self.pg.clone(), &self.node_id).await?;
        Ok(rows)
    }

    /// The cluster's limits in Redis; a switch to local limits (and back) is audited.
    pub fn limit_store(&self, audit: crate::audit::AuditLog) -> Arc<limits::RedisLimits> {
        let node_id = self.node_id.clone();
        let on_fallback = move |local: bool, reason: &str| {
            let mut detail = serde_json::Map::new();
            detail.insert("node_id".into(), node_id.clone().into());
            detail.insert("local".into(), local.into());
            if local {
                detail.insert("reason".into(), reason.into());
            }
            let record = crate::audit::record::Record::event(
                crate::audit::record::RecordKind::System,
                crate::audit::record::EventAction::LimitsFallback,
                detail,
            );
            let audit = audit.clone();
            tokio::spawn(async move {
                if let Err(e) = audit.append(record).await {
                    tracing::error!(error = %e, "the switch of limits to or from Redis could not be audited");
                }
            });
        };
        limits::RedisLimits::new(
            self.redis.clone(),
            &self.node_id,
            self.config.limits_on_redis_failure,
            Box::new(on_fallback),
        )
    }

    /// Writes this node's row now (before it announces itself), then every
    /// [`HEARTBEAT`], with what `facts` reports.
    pub async fn start_heartbeat(
        &self,
        facts: impl Fn() -> NodeFacts + Send + Sync + 'static,
    ) -> Result<(), ClusterError> {
        beat(&self.pg, &self.node_id, &facts()).await?;
        let pg = self.pg.clone();
        let node_id = self.node_id.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(HEARTBEAT);
            tick.tick().await;
            loop {
                tick.tick().await;
                if let Err(e) = beat(&pg, &node_id, &facts()).await {
                    tracing::warn!(error = %e, "cluster: heartbeat not written");
                }
            }
        });
        Ok(())
    }
}

async fn beat(pg: &Pg, node_id: &str, facts: &NodeFacts) -> Result<(), ClusterError> {
    let log_size = i64::try_from(facts.log_size).unwrap_or(i64::MAX);
    pg.client()
        .await?
        .execute(
            "UPDATE ledgergate_nodes SET heartbeat_at = now(), policy_hash = $2,
             log_size = $3, admin_url = $4 WHERE node_id = $1",
            &[&node_id, &facts.policy_hash, &log_size, &facts.admin_url],
        )
        .await?;
    Ok(())
}
