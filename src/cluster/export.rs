//! A cluster's audit bundle: one directory holding, per node, that node's own export
//! bundle (fetched through its admin API, signed with its own log key) and the
//! checkpoints the node anchored in PostgreSQL, plus `cluster.json` naming every node
//! the cluster's registry listed at export time. This module owns the bundle's layout,
//! the transfer form of a node's bundle (file name to base64), the reads of the node
//! registry and anchors it needs, and the offline verification of the whole.
//!
//! Guarantees: verification needs no secret and no database. Each node's sub-bundle is
//! verified as `audit verify-bundle` verifies one, against its own signed checkpoints
//! and against its anchored ones; a node named in `cluster.json` without its
//! directory, or a directory not named there, is a failure. `cluster.json` itself is
//! the exporter's statement, signed by no node, but every node signs the list of nodes
//! the export collected into its own manifest (`cluster_nodes`), and each list must
//! equal `cluster.json`'s: a node removed from both the list and the directory is
//! still named by every other node's signed part. What it does not prove: that the
//! exporter asked every node the cluster has (it asks the nodes its registry lists);
//! compare with `ledgergate cluster status` or the anchors table for that.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde::{Deserialize, Serialize};

use super::postgres::PgTarget;
use super::ClusterError;
use crate::audit::bundle::{verify_bundle_anchored, BundleError, BundleReport};
use crate::audit::export::FILE_MANIFEST;

/// `cluster.json`'s format tag.
pub const CLUSTER_FORMAT: &str = "ledgergate-cluster-bundle/1";
/// The cluster manifest at the top of a cluster bundle.
pub const FILE_CLUSTER: &str = "cluster.json";
/// Under it, `nodes/<node id>/` is that node's bundle.
pub const DIR_NODES: &str = "nodes";
/// In a node's directory: the checkpoints it anchored in PostgreSQL (signed notes).
pub const FILE_ANCHORS: &str = "anchors";
/// The most bytes one node's bundle may have when sent through its admin API.
pub const MAX_NODE_BUNDLE: u64 = 512 * 1024 * 1024;

/// `cluster.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterManifest {
    pub format: String,
    pub created: String,
    pub from: String,
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    pub nodes: Vec<ClusterNode>,
}

/// One node of `cluster.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterNode {
    pub node_id: String,
    pub log_id: String,
    /// Checkpoints it had anchored at export time, and the largest size among them.
    pub anchors: usize,
    pub anchored_size: u64,
}

/// A node as the registry knows it, for an export.
#[derive(Clone, Debug)]
pub struct RegisteredNode {
    pub node_id: String,
    pub admin_url: Option<String>,
    pub alive: bool,
    /// Its anchored checkpoint notes, in size order, with the log each belongs to.
    pub anchors: Vec<(String, String)>,
}

/// Every node in the registry with its anchors, ordered by id.
pub async fn registered_nodes(
    url: &str,
    variable: &str,
) -> Result<Vec<RegisteredNode>, ClusterError> {
    let nodes = super::status::nodes(url, variable).await?;
    let client = PgTarget::from_url(url, variable)?
        .connect_with(None)
        .await?;
    let mut out = Vec::new();
    for n in nodes {
        let rows = client
            .query(
                "SELECT log_id, checkpoint FROM ledgergate_audit_anchors WHERE node_id = $1 ORDER BY size",
                &[&n.node_id],
            )
            .await?;
        out.push(RegisteredNode {
            node_id: n.node_id,
            admin_url: n.admin_url,
            alive: n.alive,
            anchors: rows.iter().map(|r| (r.get(0), r.get(1))).collect(),
        });
    }
    Ok(out)
}

/// A bundle directory's files as name to base64 (the transfer form). Bundles are flat.
pub fn read_files(dir: &Path) -> std::io::Result<BTreeMap<String, String>> {
    let mut files = BTreeMap::new();
    let mut total = 0u64;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if !entry.file_type()?.is_file() {
            continue;
        }
        total += entry.metadata()?.len();
        if total > MAX_NODE_BUNDLE {
            return Err(std::io::Error::other(format!(
                "the bundle is larger than {MAX_NODE_BUNDLE} bytes; export a shorter range"
            )));
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        files.insert(name, B64.encode(std::fs::read(entry.path())?));
    }
    Ok(files)
}

/// Writes the transfer form into the fresh directory `dir`. A name that is not a
/// plain file name is refused (a node must not write outside its directory).
pub fn write_files(dir: &Path, files: &BTreeMap<String, String>) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (name, content) in files {
        let plain = Path::new(name)
            .file_name()
            .is_some_and(|f| f == name.as_str())
            && name != FILE_ANCHORS;
        if !plain || name.starts_with('.') {
            return Err(format!(
                "the bundle sent for {} names a file \"{name}\" that is not a plain bundle file name",
                dir.display()
            ));
        }
        let bytes = B64.decode(content).map_err(|e| {
            format!(
                "the bundle file {name} for {} is not base64: {e}",
                dir.display()
            )
        })?;
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if !dir.join(FILE_MANIFEST).exists() {
        return Err(format!(
            "the bundle sent for {} has no {FILE_MANIFEST}",
            dir.display()
        ));
    }
    Ok(())
}

/// Whether `dir` is a cluster bundle (rather than one node's).
pub fn is_cluster_bundle(dir: &Path) -> bool {
    dir.join(FILE_CLUSTER).is_file()
}

/// The verification of one node's part.
#[derive(Debug, Serialize)]
pub struct NodeReport {
    pub node_id: String,
    /// `None` when the node's directory is missing from the bundle.
    pub report: Option<BundleReport>,
}

/// The verification of a cluster bundle.
#[derive(Debug, Default, Serialize)]
pub struct ClusterReport {
    pub nodes: Vec<NodeReport>,
    /// Nodes `cluster.json` names whose directory is missing.
    pub missing: Vec<String>,
    /// Directories under `nodes/` that `cluster.json` does not name.
    pub unlisted: Vec<String>,
}

impl ClusterReport {
    pub fn ok(&self) -> bool {
        self.missing.is_empty()
            && self.unlisted.is_empty()
            && self
                .nodes
                .iter()
                .all(|n| n.report.as_ref().is_some_and(BundleReport::ok))
    }

    /// Frames, disclosed records and anchors checked, summed over the nodes.
    pub fn totals(&self) -> (u64, u64, usize) {
        self.nodes
            .iter()
            .filter_map(|n| n.report.as_ref())
            .fold((0, 0, 0), |(f, r, a), n| {
                (f + n.frames, r + n.records_checked, a + n.anchors_checked)
            })
    }
}

/// Why a cluster bundle could not be read at all (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum ClusterBundleError {
    #[error("{path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error("node \"{node}\": {source}")]
    Node { node: String, source: BundleError },
}

/// Verifies the cluster bundle in `dir`: every node's bundle, each against its own
/// signed checkpoints and its anchored ones; missing and unlisted nodes.
pub fn verify_cluster_bundle(dir: &Path) -> Result<ClusterReport, ClusterBundleError> {
    let path = dir.join(FILE_CLUSTER);
    let unreadable = |reason: String| ClusterBundleError::Unreadable {
        path: path.clone(),
        reason,
    };
    let bytes = std::fs::read(&path).map_err(|e| unreadable(e.to_string()))?;
    let manifest: ClusterManifest = serde_json::from_slice(&bytes)
        .map_err(|e| unreadable(format!("not a ledgergate cluster manifest: {e}")))?;
    if manifest.format != CLUSTER_FORMAT {
        return Err(unreadable(format!(
            "unknown format {} (this binary reads {CLUSTER_FORMAT})",
            manifest.format
        )));
    }
    let nodes_dir = dir.join(DIR_NODES);
    let mut report = ClusterReport::default();
    let listed: std::collections::BTreeSet<&str> =
        manifest.nodes.iter().map(|n| n.node_id.as_str()).collect();
    if let Ok(entries) = std::fs::read_dir(&nodes_dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !listed.contains(name.as_str()) {
                report.unlisted.push(name);
            }
        }
    }
    report.unlisted.sort();
    let any_signed = manifest.nodes.iter().any(|node| {
        std::fs::read(nodes_dir.join(&node.node_id).join(FILE_MANIFEST))
            .ok()
            .and_then(|b| serde_json::from_slice::<crate::audit::export::Manifest>(&b).ok())
            .is_some_and(|m| m.cluster_nodes.is_some())
    });
    for node in &manifest.nodes {
        let node_dir = nodes_dir.join(&node.node_id);
        if !node_dir.join(FILE_MANIFEST).is_file() {
            report.missing.push(node.node_id.clone());
            report.nodes.push(NodeReport {
                node_id: node.node_id.clone(),
                report: None,
            });
            continue;
        }
        let anchors = std::fs::read(node_dir.join(FILE_ANCHORS)).map_err(|e| {
            ClusterBundleError::Unreadable {
                path: node_dir.join(FILE_ANCHORS),
                reason: e.to_string(),
            }
        })?;
        let mut bundle = verify_bundle_anchored(&node_dir, None, Some((FILE_ANCHORS, &anchors)))
            .map_err(|source| ClusterBundleError::Node {
                node: node.node_id.clone(),
                source,
            })?;
        // The node's bundle must be of the log the cluster manifest names for it.
        let node_manifest = std::fs::read(node_dir.join(FILE_MANIFEST))
            .ok()
            .and_then(|b| serde_json::from_slice::<crate::audit::export::Manifest>(&b).ok());
        if let Some(failure) = membership_failure(&manifest, node_manifest.as_ref(), any_signed) {
            bundle.failures.push(failure);
        }
        let log_id = node_manifest.map(|m| m.log_id);
        if log_id.as_deref() != Some(node.log_id.as_str()) {
            bundle.failures.push(crate::audit::Failure {
                seq: 0,
                reason: crate::audit::Reason::ForeignSegment,
                location: FILE_MANIFEST.to_owned(),
                detail: format!(
                    "{FILE_CLUSTER} names log {} for this node, but its bundle is of log {}",
                    node.log_id,
                    log_id.as_deref().unwrap_or("(unreadable)")
                ),
            });
        }
        report.nodes.push(NodeReport {
            node_id: node.node_id.clone(),
            report: Some(bundle),
        });
    }
    Ok(report)
}

/// Whether the node list this node signed into its own manifest (`cluster_nodes`)
/// differs from `cluster.json`'s: `cluster.json` is signed by no node, but every
/// node's part names every node the export collected, so a node dropped from both
/// `cluster.json` and `nodes/` is still named by the others. Bundles of exporters
/// older than this check carry no list in any node's manifest and are read as before;
/// once one node's manifest has a list, every node's must, and all must agree.
fn membership_failure(
    cluster: &ClusterManifest,
    node: Option<&crate::audit::export::Manifest>,
    any_signed: bool,
) -> Option<crate::audit::Failure> {
    let listed: std::collections::BTreeSet<&str> =
        cluster.nodes.iter().map(|n| n.node_id.as_str()).collect();
    let signed = node.and_then(|m| m.cluster_nodes.as_ref());
    let detail = match signed {
        Some(signed) => {
            let signed: std::collections::BTreeSet<&str> =
                signed.iter().map(String::as_str).collect();
            if signed == listed {
                return None;
            }
            let join = |set: &std::collections::BTreeSet<&str>| {
                set.iter().copied().collect::<Vec<_>>().join(", ")
            };
            format!(
                "this node's signed manifest names the nodes {} but {FILE_CLUSTER} lists {}: a node was dropped from (or added to) the bundle",
                join(&signed),
                join(&listed)
            )
        }
        // Required only when another node's part carries a list.
        None if !any_signed => return None,
        None => "this node's manifest names no cluster nodes while other nodes' parts do: it was not collected by the same cluster export".to_owned(),
    };
    Some(crate::audit::Failure {
        seq: 0,
        reason: crate::audit::Reason::Gap,
        location: FILE_MANIFEST.to_owned(),
        detail,
    })
}
