//! What `ledgergate cluster status` shows: every node that ever joined, its last
//! heartbeat (and so whether it looks alive), the version hash of the policy set it
//! runs (an operator sees whether a policy change reached every node), its audit log's
//! size, and its last anchored checkpoint. Read-only; needs no master key.

use serde::Serialize;
use time::OffsetDateTime;

use super::postgres::PgTarget;
use super::{ClusterError, HEARTBEAT};

/// A node is reported down after this many heartbeats were missed.
const MISSED_HEARTBEATS: i64 = 5;

#[derive(Debug, Clone, Serialize)]
pub struct NodeStatus {
    pub node_id: String,
    #[serde(with = "time::serde::rfc3339")]
    pub started_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub heartbeat_at: OffsetDateTime,
    /// Whether its heartbeat is recent (by PostgreSQL's clock, not this host's).
    pub alive: bool,
    pub policy_hash: String,
    pub log_size: i64,
    /// Size of the last anchored checkpoint, when the node anchored one.
    pub anchored_size: Option<i64>,
    pub admin_url: Option<String>,
    pub version: String,
}

/// Every node, ordered by id.
pub async fn nodes(url: &str, variable: &str) -> Result<Vec<NodeStatus>, ClusterError> {
    let target = PgTarget::from_url(url, variable)?;
    let client = target.connect_with(None).await?;
    let exists: bool = client
        .query_one("SELECT to_regclass('ledgergate_nodes') IS NOT NULL", &[])
        .await?
        .get(0);
    if !exists {
        return Ok(Vec::new());
    }
    let alive_within = HEARTBEAT.as_secs_f64() * MISSED_HEARTBEATS as f64;
    let rows = client
        .query(
            "SELECT n.node_id, n.started_at, n.heartbeat_at,
                    n.heartbeat_at > now() - make_interval(secs => $1) AS alive,
                    n.policy_hash, n.log_size, n.admin_url, n.version,
                    (SELECT max(a.size) FROM ledgergate_audit_anchors a WHERE a.node_id = n.node_id)
             FROM ledgergate_nodes n ORDER BY n.node_id",
            &[&alive_within],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|r| NodeStatus {
            node_id: r.get(0),
            started_at: to_time(r.get(1)),
            heartbeat_at: to_time(r.get(2)),
            alive: r.get(3),
            policy_hash: r.get(4),
            log_size: r.get(5),
            admin_url: r.get(6),
            version: r.get(7),
            anchored_size: r.get(8),
        })
        .collect())
}

fn to_time(t: std::time::SystemTime) -> OffsetDateTime {
    OffsetDateTime::from(t)
}
