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

pub(super) fn export(loc: &Location, request: ExportRequest) -> ExitCode {
    // The server writes the bundle, so it needs a path that does not depend on our
    // working directory.
    let out = match std::path::absolute(&request.out) {
        Ok(out) => out,
        Err(e) => return fail(format!("{}: {e}", request.out.display())),
    };
    // Refused before the log is touched (the writer checks again when it makes the
    // directory, atomically): a bundle goes into a fresh directory only.
    if std::fs::symlink_metadata(&out).is_ok() {
        return fail(ExportError::OutExists(out).to_string());
    }
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
    let remote = |api: &AdminApi| {
        let body = json!({"subject": subject, "tenant": tenant});
        let answer = admin_post(api, "/admin/v1/audit/erase", &body)?;
        answer["keys_destroyed"]
            .as_u64()
            .ok_or_else(|| "the admin API's answer names no keys_destroyed count".to_owned())
    };
    let local = |log: &AuditLog, rt: &tokio::runtime::Runtime| {
        rt.block_on(log.erase_in(subject, tenant))
            .map(|n| n as u64)
            .map_err(|e| e.to_string())
    };
    match through_server_or_log(loc, remote, local) {
        Ok(n) => {
            let scope = tenant.map_or_else(String::new, |t| format!(" of tenant {t}"));
            println!(
                "erased subject {subject}{scope}: {n} data keys destroyed; its records no longer decrypt and the erasure is in the audit log"
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}
