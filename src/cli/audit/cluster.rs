//! `audit export --cluster` and the cluster half of `audit verify-bundle`: every node
//! the cluster's PostgreSQL registry lists exports its own bundle through its admin API
//! (the URL it registered; the config's admin token and proof of the master key), and
//! its anchored checkpoints are read from the anchors table; the layout and the
//! offline check live in `ledgergate::cluster::export`. A node that cannot be reached
//! fails the export (exit 2) naming it, and nothing is left behind: an auditor's
//! bundle is complete or not written.

use std::path::Path;
use std::process::ExitCode;

use serde_json::json;

use ledgergate::audit::{ExportReport, ExportRequest};
use ledgergate::cluster::export::{
    registered_nodes, verify_cluster_bundle, write_files, ClusterManifest, ClusterNode,
    CLUSTER_FORMAT, DIR_NODES, FILE_ANCHORS, FILE_CLUSTER,
};
use ledgergate::server::AUDIT_PROOF_HEADER;

use super::access::{resolve, Location};
use crate::cli::admin_api::{AdminApi, Unreachable};
use crate::cli::fail;

/// Failures printed per node in the text report (`--json` counts them all).
const MAX_FAILURES_SHOWN: usize = 10;

pub(super) fn export(loc: &Location, request: ExportRequest) -> ExitCode {
    let out = match super::manage::fresh_out(&request.out) {
        Ok(out) => out,
        Err(e) => return fail(e),
    };
    match collect(loc, &request, &out) {
        Ok(nodes) => {
            for (node, report) in &nodes {
                println!(
                    "node {node}: {} records disclosed, {} erased, frames {}..{}",
                    report.records_disclosed,
                    report.records_erased,
                    report.first_seq,
                    report.end_size
                );
            }
            println!(
                "wrote {}: a cluster bundle of {} nodes",
                out.display(),
                nodes.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            // Only what this command created is removed (the directory did not exist).
            let _ = std::fs::remove_dir_all(&out);
            fail(e)
        }
    }
}

fn collect(
    loc: &Location,
    request: &ExportRequest,
    out: &Path,
) -> Result<Vec<(String, ExportReport)>, String> {
    let r = resolve(loc)?;
    let Some(config) = r.config.as_ref() else {
        return Err("audit export --cluster needs --config FILE with a [cluster] section".into());
    };
    let Some(cluster) = config.cluster.as_ref() else {
        return Err(
            "the config has no [cluster] section: audit export --cluster exports a cluster's nodes"
                .into(),
        );
    };
    let url = std::env::var(&cluster.postgres_url_env).map_err(|_| {
        format!(
            "the PostgreSQL URL is read from the environment variable {}, which is not set",
            cluster.postgres_url_env
        )
    })?;
    let proof =
        ledgergate::audit::crypto::access_proof(&r.master_key()?).map_err(|e| e.to_string())?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    let nodes = runtime
        .block_on(registered_nodes(&url, &cluster.postgres_url_env))
        .map_err(|e| e.to_string())?;
    drop(runtime);
    if nodes.is_empty() {
        return Err("the cluster's registry lists no node; nothing to export".into());
    }
    std::fs::create_dir(out).map_err(|e| format!("{}: {e}", out.display()))?;
    // Each node signs the whole list into its manifest: a node later removed from
    // cluster.json and from the bundle is still named by every other node's part.
    let ids: Vec<&str> = nodes.iter().map(|n| n.node_id.as_str()).collect();
    let body = json!({"from": request.from, "to": request.to, "tenant": request.tenant, "cluster_nodes": ids});
    let mut manifest = ClusterManifest {
        format: CLUSTER_FORMAT.into(),
        created: time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        from: request.from.clone(),
        to: request.to.clone(),
        tenant: request.tenant.clone(),
        nodes: Vec::new(),
    };
    let mut reports = Vec::new();
    for node in &nodes {
        let id = &node.node_id;
        let Some(admin_url) = &node.admin_url else {
            return Err(format!(
                "node \"{id}\" registered no admin API URL (its [admin] section is off), so its records cannot be collected; nothing was written"
            ));
        };
        let located = AdminApi::locate(Some(admin_url), Some(config))?;
        let Some(api) = located.api else {
            return Err(format!(
                "the admin token variable {} is not set; it is needed to collect node \"{id}\"'s records",
                located.missing_token.unwrap_or_default()
            ));
        };
        let api = api.with_header(AUDIT_PROOF_HEADER, proof.clone());
        let answer = match api.call(
            reqwest::Method::POST,
            "/admin/v1/audit/export-files",
            Some(&body),
        ) {
            Ok(Ok(answer)) => answer,
            Ok(Err(e)) => return Err(format!("node \"{id}\" refused the export: {e}")),
            Err(Unreachable(reason)) => {
                let state = if node.alive {
                    "up"
                } else {
                    "down by its heartbeat"
                };
                return Err(format!(
                    "node \"{id}\" ({state}) did not answer at its admin API {admin_url}: {reason}; a cluster bundle needs every node, nothing was written"
                ));
            }
        };
        let files = serde_json::from_value(answer["files"].clone())
            .map_err(|e| format!("node \"{id}\" sent an unreadable bundle: {e}"))?;
        let report: ExportReport = serde_json::from_value(answer["report"].clone())
            .map_err(|e| format!("node \"{id}\" sent an unreadable export report: {e}"))?;
        let dir = out.join(DIR_NODES).join(id);
        write_files(&dir, &files)?;
        let anchors: String = node.anchors.iter().map(|(_, note)| note.as_str()).collect();
        std::fs::write(dir.join(FILE_ANCHORS), anchors.as_bytes())
            .map_err(|e| format!("{}: {e}", dir.join(FILE_ANCHORS).display()))?;
        let log_id = std::fs::read(dir.join(ledgergate::audit::export::FILE_MANIFEST))
            .ok()
            .and_then(|b| serde_json::from_slice::<ledgergate::audit::export::Manifest>(&b).ok())
            .map(|m| m.log_id)
            .unwrap_or_default();
        manifest.nodes.push(ClusterNode {
            node_id: id.clone(),
            log_id,
            anchors: node.anchors.len(),
            anchored_size: node
                .anchors
                .last()
                .and_then(|(_, note)| {
                    ledgergate::audit::checkpoint::parse_notes(note.as_bytes())
                        .notes
                        .pop()
                })
                .map_or(0, |n| n.checkpoint.size),
        });
        reports.push((id.clone(), report));
    }
    let text = serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?;
    std::fs::write(out.join(FILE_CLUSTER), text)
        .map_err(|e| format!("{}: {e}", out.join(FILE_CLUSTER).display()))?;
    Ok(reports)
}

/// `audit verify-bundle DIR` on a cluster bundle: per node and in total; exit 1 on a
/// failed check naming the node, 2 when the bundle cannot be read.
pub(super) fn verify(dir: &Path, json: bool) -> ExitCode {
    let report = match verify_cluster_bundle(dir) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let (frames, records, anchors) = report.totals();
    if json {
        let nodes: Vec<_> = report
            .nodes
            .iter()
            .map(|n| match &n.report {
                Some(r) => json!({
                    "node_id": n.node_id,
                    "ok": r.ok(),
                    "frames": r.frames,
                    "checkpoints_valid": r.checkpoints_valid,
                    "anchors_checked": r.anchors_checked,
                    "records_checked": r.records_checked,
                    "records_erased": r.records_erased,
                    "failures": r.failures.len(),
                    "first_failure": r.first_failure(),
                }),
                None => json!({"node_id": n.node_id, "ok": false, "missing": true}),
            })
            .collect();
        println!(
            "{}",
            json!({
                "ok": report.ok(),
                "cluster": true,
                "nodes": nodes,
                "missing": report.missing,
                "unlisted": report.unlisted,
                "frames": frames,
                "records_checked": records,
                "anchors_checked": anchors,
            })
        );
    } else {
        for n in &report.nodes {
            match &n.report {
                Some(r) => {
                    println!(
                        "node {}: {} frames, {} checkpoints valid, {} anchored checkpoints matched, {} disclosed records decrypted and matched, {} erased",
                        n.node_id, r.frames, r.checkpoints_valid, r.anchors_checked, r.records_checked, r.records_erased
                    );
                    // Every failure (bounded): a file digest failing says which file,
                    // the frame check after it says which record.
                    for f in r.failures.iter().take(MAX_FAILURES_SHOWN) {
                        println!(
                            "FAILED: node {}: seq {}: {} at {}: {}",
                            n.node_id, f.seq, f.reason, f.location, f.detail
                        );
                    }
                    if r.failures.len() > MAX_FAILURES_SHOWN {
                        println!(
                            "FAILED: node {}: {} failures in all",
                            n.node_id,
                            r.failures.len()
                        );
                    }
                }
                None => println!(
                    "FAILED: node {}: named in {FILE_CLUSTER} but missing from the bundle",
                    n.node_id
                ),
            }
        }
        for u in &report.unlisted {
            println!("FAILED: node {u}: in the bundle but not named in {FILE_CLUSTER}");
        }
        println!(
            "cluster: {} nodes, {frames} frames, {records} disclosed records, {anchors} anchored checkpoints matched",
            report.nodes.len()
        );
        if report.ok() {
            println!("OK: cluster bundle {} verifies", dir.display());
        }
    }
    if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
