//! Admin handlers for the audit log. While the server runs it holds the audit key store
//! (sled allows one process), so the CLI's decrypting commands (`audit show`, `tail`,
//! `export`, `erase`, `report cost`) come here instead of opening it. Every route takes
//! the admin token and proof of the master key ([`super::AuditAccess`]). Exports and
//! erasures audit themselves (`AuditLog::export`, `AuditLog::erase`); reading lines does
//! not append records, or a following `audit tail -f` would feed on its own reads.

use std::path::PathBuf;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use bytes::Bytes;
use serde::Deserialize;
use serde_json::{json, Value};

use super::keys::parse;
use super::{Admin, AuditAccess};
use crate::audit::export::ExportError;
use crate::audit::{AuditError, ExportRequest};
use crate::server::error::ApiError;

type Reply = Result<(StatusCode, Json<Value>), ApiError>;

/// Most lines one call returns; the CLI pages through longer ranges.
const MAX_LINES: usize = 1000;

#[derive(Deserialize)]
pub struct LinesQuery {
    from: u64,
    limit: Option<usize>,
}

fn audit_failed(e: AuditError) -> ApiError {
    match e {
        AuditError::Export(
            e @ (ExportError::BadTime(_)
            | ExportError::EmptyRange
            | ExportError::NoRecords { .. }
            | ExportError::OutExists(_)),
        ) => ApiError::bad_body(e.to_string()),
        other => {
            tracing::error!(error = %other, "an audit-log admin call failed");
            ApiError::unavailable(format!("The audit log could not do it: {other}."))
        }
    }
}

/// `GET /admin/v1/audit/lines?from=SEQ&limit=N`: frames from `from` on, decrypted.
pub async fn lines(
    State(admin): State<Admin>,
    _: AuditAccess,
    query: Result<Query<LinesQuery>, QueryRejection>,
) -> Reply {
    let Query(query) = query.map_err(|e| {
        ApiError::bad_body(format!(
            "The query must be ?from=SEQ[&limit=N] with whole numbers: {e}."
        ))
    })?;
    let limit = query.limit.unwrap_or(256).clamp(1, MAX_LINES);
    let lines = admin
        .0
        .audit
        .lines(query.from, limit)
        .await
        .map_err(audit_failed)?;
    // The log id lets the CLI check that the frames it reads are this server's.
    let log_id = admin.0.audit.public_key().log_id().map(|id| id.to_string());
    Ok((
        StatusCode::OK,
        Json(json!({ "log_id": log_id, "lines": lines })),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportBody {
    from: String,
    to: String,
    tenant: Option<String>,
    /// Where the server writes the bundle: an absolute path on the server's host.
    out: PathBuf,
}

/// `POST /admin/v1/audit/export`: writes a bundle where the body says.
pub async fn export(State(admin): State<Admin>, _: AuditAccess, body: Bytes) -> Reply {
    let body: ExportBody = parse(&body, "export request")?;
    if !body.out.is_absolute() {
        return Err(ApiError::bad_body(format!(
            "The bundle directory must be an absolute path; {} is relative to nothing the server knows.",
            body.out.display()
        )));
    }
    let report = admin
        .0
        .audit
        .export(ExportRequest {
            from: body.from,
            to: body.to,
            tenant: body.tenant,
            out: body.out,
            cluster_nodes: None,
        })
        .await
        .map_err(audit_failed)?;
    let report = serde_json::to_value(&report).unwrap_or(Value::Null);
    Ok((StatusCode::OK, Json(report)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EraseBody {
    subject: String,
    #[serde(default)]
    tenant: Option<String>,
}

/// `POST /admin/v1/audit/erase`: crypto-shreds one subject's data keys.
pub async fn erase(State(admin): State<Admin>, _: AuditAccess, body: Bytes) -> Reply {
    let body: EraseBody = parse(&body, "erasure request")?;
    if body.subject.trim().is_empty() {
        return Err(ApiError::bad_body("The subject to erase is empty."));
    }
    if body.tenant.as_deref().is_some_and(|t| t.trim().is_empty()) {
        return Err(ApiError::bad_body(
            "The tenant of the subject to erase is empty.",
        ));
    }
    if let Some(erasures) = &admin.0.erasures {
        // A cluster node: every node destroys the subject's keys in its own store.
        let done = erasures
            .erase(&body.subject, body.tenant.as_deref())
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "a cluster erasure failed");
                ApiError::unavailable(format!("The erasure could not be made: {e}."))
            })?;
        return Ok((StatusCode::OK, Json(json!(done))));
    }
    let destroyed = admin
        .0
        .audit
        .erase_in(&body.subject, body.tenant.as_deref())
        .await
        .map_err(audit_failed)?;
    Ok((StatusCode::OK, Json(json!({ "keys_destroyed": destroyed }))))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportFilesBody {
    from: String,
    to: String,
    tenant: Option<String>,
    /// Every node of the cluster export, signed into this node's manifest.
    cluster_nodes: Option<Vec<String>>,
}

/// `POST /admin/v1/audit/export-files`: the bundle of `export`, sent back as its files
/// (name to base64) instead of written where the caller says: how a cluster export
/// collects every node's bundle (`crate::cluster::export`). Written first to a fresh
/// directory in the node's data dir (never a shared temp dir: it holds decrypted
/// records), read, and removed.
pub async fn export_files(State(admin): State<Admin>, _: AuditAccess, body: Bytes) -> Reply {
    let body: ExportFilesBody = parse(&body, "export request")?;
    let data_dir = admin.0.audit.dir().parent().map(PathBuf::from);
    let Some(data_dir) = data_dir else {
        return Err(ApiError::unavailable(
            "The audit log has no data directory to export in.",
        ));
    };
    let scratch = data_dir.join(format!(".export-{}", uuid::Uuid::now_v7()));
    let result = admin
        .0
        .audit
        .export(ExportRequest {
            from: body.from,
            to: body.to,
            tenant: body.tenant,
            out: scratch.clone(),
            cluster_nodes: body.cluster_nodes,
        })
        .await
        .map_err(audit_failed);
    // Reading the bundle back and removing it is file I/O: off the runtime.
    let read_back = scratch.clone();
    let files = tokio::task::spawn_blocking(move || {
        let files = crate::cluster::export::read_files(&read_back);
        if let Err(e) = std::fs::remove_dir_all(&read_back) {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(error = %e, dir = %read_back.display(), "an export's scratch directory could not be removed");
            }
        }
        files
    })
    .await
    .map_err(|e| ApiError::unavailable(format!("The bundle could not be read back: {e}.")))?;
    let report = result?;
    let files = files
        .map_err(|e| ApiError::unavailable(format!("The bundle could not be read back: {e}.")))?;
    let files = json!({ "report": report, "files": files });
    Ok((StatusCode::OK, Json(files)))
}
