//! Erasure of a data subject across the cluster. Each node keeps its own audit key
//! store, so an erasure made through one node must reach every node's: the initiating
//! node writes the request to `ledgergate_erasures` (the subject sealed under a key
//! derived from the master key, the tenant bound to it), a trigger NOTIFYs every node,
//! and each node destroys the subject's keys in its own store (which its own log
//! audits, as any erasure) and acknowledges in `ledgergate_erasure_acks`. The
//! initiating node waits a bounded time for the acknowledgements and reports which
//! nodes confirmed. A node that was down applies every erasure it has not
//! acknowledged at start, before it serves; a node that lost its LISTEN connection
//! catches up on its next poll.
//!
//! Guarantees: PostgreSQL never holds a subject in clear; a row not sealed under this
//! cluster's master key is refused (logged, never applied, never acknowledged). An
//! erasure is applied at most once per node at a time (one applier), and applying one
//! twice only destroys nothing the second time.

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use tokio::sync::{mpsc, Mutex};

use super::postgres::Pg;
use super::ClusterError;
use crate::audit::crypto::{unwrap_with, wrap_with, wrapping_purpose_key, SecretKey};
use crate::audit::AuditLog;
use crate::vault::master_key::MasterKey;

const CHANNEL: &str = "ledgergate_erasures";
/// The master-key purpose of the subject-sealing key.
const PURPOSE: &str = "cluster-erasure-subject";
/// How long the initiating node waits for the other live nodes to confirm.
pub const CONFIRM_WAIT: Duration = Duration::from_secs(5);
/// How often a node looks for erasures it missed (a lost notification).
const POLL: Duration = Duration::from_secs(5);
/// A node whose heartbeat is older than this is not waited for.
const ALIVE_WITHIN_SECS: f64 = 10.0;

/// What an erasure through this node achieved across the cluster.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterErasure {
    /// Keys destroyed in this node's own store.
    pub keys_destroyed: usize,
    /// Nodes that applied it (this one included), with the keys each destroyed.
    pub nodes_confirmed: Vec<NodeAck>,
    /// Live nodes that had not confirmed within [`CONFIRM_WAIT`] (they apply it when
    /// their notification or poll comes; a node down applies it at its next start).
    pub nodes_pending: Vec<String>,
}

/// One node's acknowledgement of an erasure.
#[derive(Debug, Clone, Serialize)]
pub struct NodeAck {
    pub node_id: String,
    pub keys_destroyed: i64,
}

/// This node's side of the shared erasures.
pub struct Erasures {
    pg: Arc<Pg>,
    node_id: String,
    key: SecretKey,
    audit: AuditLog,
    /// One applier at a time: the follower and an erasure made here never race.
    applying: Mutex<()>,
}

fn aad(tenant: Option<&str>) -> Vec<u8> {
    [
        b"ledgergate/cluster-erasure/v1\0".as_slice(),
        tenant.unwrap_or("").as_bytes(),
    ]
    .concat()
}

fn failed(e: impl std::fmt::Display) -> ClusterError {
    ClusterError::Postgres(format!("an erasure could not be applied: {e}"))
}

impl Erasures {
    /// Applies every erasure this node has not acknowledged (before the node serves),
    /// then follows new ones.
    pub async fn start(
        pg: Arc<Pg>,
        node_id: &str,
        master: &MasterKey,
        audit: AuditLog,
    ) -> Result<Arc<Erasures>, ClusterError> {
        let key = wrapping_purpose_key(master, PURPOSE).map_err(failed)?;
        let erasures = Arc::new(Erasures {
            pg,
            node_id: node_id.to_owned(),
            key,
            audit,
            applying: Mutex::new(()),
        });
        // LISTEN before the catch-up: an erasure added in between is not missed.
        let listener = erasures.listen().await?;
        let applied = erasures.apply_pending().await?;
        if applied > 0 {
            tracing::info!(
                applied,
                "cluster: applied erasures made while this node was down"
            );
        }
        tokio::spawn(erasures.clone().follow(listener));
        Ok(erasures)
    }

    async fn listen(
        &self,
    ) -> Result<
        (
            tokio_postgres::Client,
            mpsc::Receiver<tokio_postgres::Notification>,
        ),
        ClusterError,
    > {
        let (tx, rx) = mpsc::channel(256);
        let client = self.pg.target().connect_with(Some(tx)).await?;
        client.batch_execute(&format!("LISTEN {CHANNEL}")).await?;
        Ok((client, rx))
    }

    /// Applies, in order, every erasure this node has not acknowledged; returns how
    /// many it applied.
    async fn apply_pending(&self) -> Result<usize, ClusterError> {
        let _one = self.applying.lock().await;
        let client = self.pg.client().await?;
        let rows = client
            .query(
                "SELECT e.id, e.subject, e.tenant FROM ledgergate_erasures e
                 WHERE NOT EXISTS (SELECT 1 FROM ledgergate_erasure_acks a
                                   WHERE a.erasure_id = e.id AND a.node_id = $1)
                 ORDER BY e.id",
                &[&self.node_id],
            )
            .await?;
        let mut applied = 0;
        for row in rows {
            let id: i64 = row.get(0);
            let sealed: Vec<u8> = row.get(1);
            let tenant: Option<String> = row.get(2);
            let Ok(subject) = unwrap_with(&self.key, &aad(tenant.as_deref()), &sealed) else {
                tracing::error!(erasure_id = id, "cluster: an erasure row is not sealed under this cluster's master key; refused");
                continue;
            };
            let Ok(subject) = std::str::from_utf8(&subject) else {
                tracing::error!(
                    erasure_id = id,
                    "cluster: an erasure row's subject is not UTF-8; refused"
                );
                continue;
            };
            // The node's own log audits the erasure (with the keys it destroyed).
            let destroyed = self
                .audit
                .erase_in(subject, tenant.as_deref())
                .await
                .map_err(failed)?;
            let destroyed = i64::try_from(destroyed).unwrap_or(i64::MAX);
            client
                .execute(
                    "INSERT INTO ledgergate_erasure_acks (erasure_id, node_id, keys_destroyed)
                     VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    &[&id, &self.node_id, &destroyed],
                )
                .await?;
            applied += 1;
        }
        Ok(applied)
    }

    async fn follow(
        self: Arc<Self>,
        listener: (
            tokio_postgres::Client,
            mpsc::Receiver<tokio_postgres::Notification>,
        ),
    ) {
        let (mut _client, mut notifications) = listener;
        let mut poll = tokio::time::interval(POLL);
        poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            let woken = tokio::select! {
                n = notifications.recv() => n.is_some(),
                _ = poll.tick() => true,
            };
            if !woken {
                // The LISTEN connection ended: polls go on while it is re-made.
                if let Ok((client, rx)) = self.listen().await {
                    (_client, notifications) = (client, rx);
                } else {
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
            }
            if let Err(e) = self.apply_pending().await {
                tracing::warn!(error = %e, "cluster: erasures not applied yet; retrying");
            }
        }
    }

    /// Erases `subject` (in `tenant`, or everywhere) on every node: records the
    /// request, applies it here, and waits up to [`CONFIRM_WAIT`] for the live nodes.
    pub async fn erase(
        &self,
        subject: &str,
        tenant: Option<&str>,
    ) -> Result<ClusterErasure, ClusterError> {
        let sealed = wrap_with(&self.key, &aad(tenant), subject.as_bytes()).map_err(failed)?;
        let id: i64 = self
            .pg
            .client()
            .await?
            .query_one(
                "INSERT INTO ledgergate_erasures (subject, tenant, requested_by)
                 VALUES ($1, $2, $3) RETURNING id",
                &[&sealed, &tenant, &self.node_id],
            )
            .await?
            .get(0);
        self.apply_pending().await?;
        let deadline = tokio::time::Instant::now() + CONFIRM_WAIT;
        loop {
            let client = self.pg.client().await?;
            let confirmed: Vec<NodeAck> = client
                .query(
                    "SELECT node_id, keys_destroyed FROM ledgergate_erasure_acks
                     WHERE erasure_id = $1 ORDER BY node_id",
                    &[&id],
                )
                .await?
                .iter()
                .map(|r| NodeAck {
                    node_id: r.get(0),
                    keys_destroyed: r.get(1),
                })
                .collect();
            let pending: Vec<String> = client
                .query(
                    "SELECT node_id FROM ledgergate_nodes n
                     WHERE heartbeat_at > now() - make_interval(secs => $2)
                       AND NOT EXISTS (SELECT 1 FROM ledgergate_erasure_acks a
                                       WHERE a.erasure_id = $1 AND a.node_id = n.node_id)
                     ORDER BY node_id",
                    &[&id, &ALIVE_WITHIN_SECS],
                )
                .await?
                .iter()
                .map(|r| r.get(0))
                .collect();
            if pending.is_empty() || tokio::time::Instant::now() >= deadline {
                let here = confirmed
                    .iter()
                    .find(|a| a.node_id == self.node_id)
                    .map_or(0, |a| usize::try_from(a.keys_destroyed).unwrap_or(0));
                return Ok(ClusterErasure {
                    keys_destroyed: here,
                    nodes_confirmed: confirmed,
                    nodes_pending: pending,
                });
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}
