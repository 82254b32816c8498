//! `audit export` and `audit erase`: through the running server's admin API when one
//! runs (it holds the key store and appends the export or erasure record to its own
//! chain), else by opening the log here; either way the action is audited.

use std::process::ExitCode;

use serde_json::{json, Value};

use ledgergate::audit::export::ExportError;
use ledgergate::audit::{AuditLog, ExportReport, ExportRequest};

use super::access::{resolve, Location};
use crate::cli::admin_api::{AdminApi, Unreachable};
use crate::cli::fail;

/// Runs `local` on the log opened here, or `remote` through the server's admin API.
fn through_server_or_log<T>(
    loc: &Location,
    remote: impl FnOnce(&AdminApi) -> Result<T, String>,
    local: impl FnOnce(&AuditLog, &tokio::runtime::Runtime) -> Result<T, String>,
) -> Result<T, String> {
    let r = resolve(loc)?;
    r.need_log()?;
    if let Some(api) = r.server()? {
        return remote(&api);
    }
    let master = r.master_key()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    // The log is opened for writing: the CLI's own start/stop records and the action
    // go into the chain. A server holding the key store makes this fail with a hint.
    let (log, _) = AuditLog::open(r.options(), &master).map_err(|e| match e {
        ledgergate::audit::AuditError::Keys(_) => match r.open_keys() {
            Err(hint) => hint,
            Ok(_) => e.to_string(),
        },
        other => other.to_string(),
    })?;
    let result = local(&log, &runtime);
    let closed = runtime.block_on(log.close()).map_err(|e| e.to_string());
    let value = result?;
    closed?;
    Ok(value)
}

fn admin_post(api: &AdminApi, path: &str, body: &Value) -> Result<Value, String> {
    api.call(reqwest::Method::POST, path, Some(body))
        .map_err(|Unreachable(reason)| reason)?
}

/// The bundle directory as an absolute path (the server writes it, so it must not
/// depend on our working directory), refused when it exists, before the log is
/// touched (the writer checks again when it makes the directory, atomically).
pub(super) fn fresh_out(out: &std::path::Path) -> Result<std::path::PathBuf, String> {
    let out = std::path::absolute(out).map_err(|e| format!("{}: {e}", out.display()))?;
    if std::fs::symlink_metadata(&out).is_ok() {
        return Err(ExportError::OutExists(out).to_string());
    }
    Ok(out)
}

pub(super) fn export(loc: &Location, request: ExportRequest) -> ExitCode {
    let out = match fresh_out(&request.out) {
        Ok(out) => out,
        Err(e) => return fail(e),
    };
    let request = ExportRequest {
        out: out.clone(),
        ..request
    };
    let remote = |api: &AdminApi| {
        let body =
            json!({"from": request.from, "to": request.to, "tenant": request.tenant, "out": out});
        let report = admin_post(api, "/admin/v1/audit/export", &body)?;
        serde_json::from_value::<ExportReport>(report)
            .map_err(|e| format!("the admin API's export report is not readable: {e}"))
    };
    let local = |log: &AuditLog, rt: &tokio::runtime::Runtime| {
        rt.block_on(log.export(request.clone()))
            .map_err(|e| e.to_string())
    };
    match through_server_or_log(loc, remote, local) {
        Ok(report) => {
            println!(
                "wrote {}: {} records disclosed, {} erased, frames {}..{} (manifest sha256 {})",
                out.display(),
                report.records_disclosed,
                report.records_erased,
                report.first_seq,
                report.end_size,
                report.manifest_sha256
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

pub(super) fn erase(loc: &Location, subject: &str, tenant: Option<&str>) -> ExitCode {
    // A cluster node's answer also says which nodes confirmed (`nodes_confirmed`).
    let remote = |api: &AdminApi| {
        let body = json!({"subject": subject, "tenant": tenant});
        let answer = admin_post(api, "/admin/v1/audit/erase", &body)?;
        let n = answer["keys_destroyed"]
            .as_u64()
            .ok_or_else(|| "the admin API's answer names no keys_destroyed count".to_owned())?;
        Ok((n, cluster_summary(&answer)))
    };
    let local = |log: &AuditLog, rt: &tokio::runtime::Runtime| {
        rt.block_on(log.erase_in(subject, tenant))
            .map(|n| (n as u64, None))
            .map_err(|e| e.to_string())
    };
    if let Ok(r) = resolve(loc) {
        if r.config.as_ref().is_some_and(|c| c.cluster.is_some())
            && r.server().ok().flatten().is_none()
        {
            return fail(
                "this node belongs to a cluster: an erasure goes through a running node's admin API (pass --config of a running node, or --admin-url), so that it reaches every node's key store; nothing was changed",
            );
        }
    }
    match through_server_or_log(loc, remote, local) {
        Ok((n, cluster)) => {
            let scope = tenant.map_or_else(String::new, |t| format!(" of tenant {t}"));
            println!(
                "erased subject {subject}{scope}: {n} data keys destroyed; its records no longer decrypt and the erasure is in the audit log"
            );
            if let Some(summary) = cluster {
                println!("{summary}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// "cluster: confirmed by a (2 keys), b (1 keys); pending: c" from a cluster node's
/// erasure answer; `None` for a single node's.
fn cluster_summary(answer: &Value) -> Option<String> {
    let confirmed = answer["nodes_confirmed"].as_array()?;
    let confirmed: Vec<String> = confirmed
        .iter()
        .map(|n| {
            format!(
                "{} ({} keys)",
                n["node_id"].as_str().unwrap_or("?"),
                n["keys_destroyed"].as_i64().unwrap_or(0)
            )
        })
        .collect();
    let pending: Vec<&str> = answer["nodes_pending"]
        .as_array()
        .map(|p| p.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut line = format!("cluster: confirmed by {}", confirmed.join(", "));
    if !pending.is_empty() {
        line.push_str(&format!(
            "; not yet confirmed by {} (a live node applies it on its next notification or poll, a node down at its next start)",
            pending.join(", ")
        ));
    }
    Some(line)
}
