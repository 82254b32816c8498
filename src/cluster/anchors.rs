//! Audit anchors: every signed checkpoint of every node, kept in PostgreSQL's
//! append-only `ledgergate_audit_anchors` (a trigger refuses UPDATE, DELETE and
//! TRUNCATE), off the node's host. A background task copies each new checkpoint note
//! from the node's checkpoints file; at start, before the log is opened, the node's
//! records are checked against every checkpoint anchored for its id, and a log that
//! is shorter than, or does not extend, one of them refuses to start (exit 1). The
//! anchors are what `verify` cannot get from the node itself: proof of how long each
//! log once was.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crate::audit::chain::{leaf_hash, Hash};
use crate::audit::checkpoint::{parse_notes, SignedCheckpoint, Verifier};
use crate::audit::reader::for_each_frame_at;
use crate::audit::segment::{checkpoints_path, public_key_path};
use crate::audit::trust::check_trusted;
use crate::audit::verify::read_verifier;

use super::postgres::Pg;
use super::ClusterError;

/// How often the checkpoints file is looked at for new notes.
const POLL: Duration = Duration::from_secs(1);

/// Why a node may not start on its log.
#[derive(Debug, thiserror::Error)]
pub enum AnchorRefusal {
    /// The log is shorter than, or does not extend, an anchored checkpoint (exit 1).
    #[error("{0}")]
    Check(String),
    /// The anchors could not be read (exit 2).
    #[error(transparent)]
    Unreachable(#[from] ClusterError),
}

/// The checkpoint notes anchored for `node_id`, in size order.
async fn anchored(pg: &Pg, node_id: &str) -> Result<Vec<(String, String)>, ClusterError> {
    let rows = pg
        .client()
        .await?
        .query(
            "SELECT log_id, checkpoint FROM ledgergate_audit_anchors WHERE node_id = $1 ORDER BY size",
            &[&node_id],
        )
        .await?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}

/// The leaf hashes of every record in the log at `dir`.
fn leaves_of(dir: &Path) -> Result<Vec<Hash>, String> {
    let mut leaves = Vec::new();
    for_each_frame_at(dir, 0, None, |frame, _| {
        if frame.header.seq.0 != leaves.len() as u64 {
            return Ok(false);
        }
        leaves.push(leaf_hash(&frame.stored_hash));
        Ok(true)
    })
    .map_err(|e| e.to_string())?;
    Ok(leaves)
}

/// The start-up check, before the audit log is opened (nothing is written when it
/// refuses).
pub async fn check_at_start(pg: &Pg, node_id: &str, audit_dir: &Path) -> Result<(), AnchorRefusal> {
    let notes = anchored(pg, node_id).await?;
    let Some((last_log, last_note)) = notes.last() else {
        return Ok(());
    };
    let source = "PostgreSQL ledgergate_audit_anchors";
    let last = parse_notes(last_note.as_bytes())
        .notes
        .pop()
        .map_or(0, |n| n.checkpoint.size);
    if !public_key_path(audit_dir).exists() {
        return Err(AnchorRefusal::Check(format!(
            "node \"{node_id}\" has anchored checkpoints up to {last} records of log {last_log} in {source}, but its audit log in {} is gone; refusing to start (restore the log, or give a new node a new node_id)",
            audit_dir.display()
        )));
    }
    let verifier = read_verifier(audit_dir).map_err(|e| AnchorRefusal::Check(e.to_string()))?;
    let log_id = verifier
        .log_id()
        .map(|id| id.to_string())
        .unwrap_or_default();
    let mut trusted: Vec<SignedCheckpoint> = Vec::new();
    for (log, text) in &notes {
        if *log != log_id {
            return Err(AnchorRefusal::Check(format!(
                "node \"{node_id}\" anchored checkpoints of log {log} in {source}, but its audit log in {} is log {log_id}: the log was replaced; refusing to start",
                audit_dir.display()
            )));
        }
        trusted.extend(
            parse_notes(text.as_bytes())
                .notes
                .into_iter()
                .filter(|n| n.verify(&verifier)),
        );
    }
    let dir = audit_dir.to_path_buf();
    let leaves = tokio::task::spawn_blocking(move || leaves_of(&dir))
        .await
        .map_err(|e| AnchorRefusal::Check(e.to_string()))?
        .map_err(AnchorRefusal::Check)?;
    if let Some(f) = check_trusted(&leaves, &trusted, source).first() {
        return Err(AnchorRefusal::Check(format!(
            "the audit log in {} does not extend a checkpoint node \"{node_id}\" anchored ({}: {}); refusing to start",
            audit_dir.display(),
            f.reason,
            f.detail
        )));
    }
    Ok(())
}

/// Copies every new checkpoint note of the log at `audit_dir` into the anchors table.
pub fn spawn(pg: Arc<Pg>, node_id: String, audit_dir: PathBuf, verifier: Verifier) {
    tokio::spawn(async move {
        let path = checkpoints_path(&audit_dir);
        let log_id = verifier
            .log_id()
            .map(|id| id.to_string())
            .unwrap_or_default();
        let mut anchored_up_to = 0u64;
        let mut tick = tokio::time::interval(POLL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let Ok(bytes) = tokio::fs::read(&path).await else {
                continue;
            };
            for note in parse_notes(&bytes).notes {
                let cp = &note.checkpoint;
                if cp.size <= anchored_up_to || !note.verify(&verifier) {
                    continue;
                }
                let size = i64::try_from(cp.size).unwrap_or(i64::MAX);
                let result = match pg.client().await {
                    Ok(client) => client
                        .execute(
                            "INSERT INTO ledgergate_audit_anchors (node_id, log_id, size, root, checkpoint)
                             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                            &[&node_id, &log_id, &size, &hex::encode(cp.root), &note.text],
                        )
                        .await
                        .map_err(ClusterError::from),
                    Err(e) => Err(e),
                };
                match result {
                    Ok(_) => anchored_up_to = cp.size,
                    Err(e) => {
                        tracing::warn!(error = %e, size = cp.size, "cluster: a checkpoint could not be anchored; retrying");
                        break;
                    }
                }
            }
        }
    });
}
