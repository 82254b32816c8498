//! The console's HTTP routes: the embedded page at `/console` (with a strict CSP) and
//! the JSON it reads under `/admin/v1/console/` (filtering and paging on the server).
//! On the admin listener every JSON route takes a [`Viewer`] (an auditor token, or the
//! admin token with proof of the master key) and every session, record detail, proof
//! and export is itself an audit record; `audit view` serves the same routes read-only
//! over a bundle on loopback, where the bundle's holder is the viewer.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use bytes::Bytes;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::admin::{Admin, Viewer};
use super::error::ApiError;
use crate::audit::record::EventAction;
use crate::config::ContentGrant;
use crate::console::source::{Source, SourceError};
use crate::console::trail::{self, Filter};
use crate::console::{ASSETS, CSP};

/// Who may read: the admin API's tokens, or the holder of a bundle on loopback.
#[derive(Clone)]
enum Gate {
    Admin(Admin),
    Bundle,
}

#[derive(Clone)]
pub struct ConsoleState {
    source: Arc<Source>,
    gate: Gate,
}

impl FromRequestParts<ConsoleState> for Viewer {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &ConsoleState,
    ) -> Result<Viewer, ApiError> {
        match &state.gate {
            Gate::Admin(admin) => admin.viewer(parts),
            // The bundle's records are decrypted in its files already: whoever holds
            // them sees them; the listener is loopback only.
            Gate::Bundle => Ok(Viewer {
                who: "bundle".into(),
                content: ContentGrant::Full,
            }),
        }
    }
}

type Reply = Result<Response, ApiError>;

/// JSON that no cache keeps.
fn reply(value: Value) -> Reply {
    let mut response = Json(value).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

fn source_failed(e: SourceError) -> ApiError {
    match e {
        SourceError::NoRecord(_) => {
            ApiError::with_status(StatusCode::NOT_FOUND, "record_not_found", e.to_string())
        }
        e if e.is_callers() => {
            ApiError::with_status(StatusCode::CONFLICT, "not_available", e.to_string())
        }
        e => {
            tracing::error!(error = %e, "a console call failed");
            ApiError::unavailable(format!("The audit trail could not be read: {e}."))
        }
    }
}

/// Appends "who looked at what" on the live log; fails closed (no record, no data).
async fn audited(
    state: &ConsoleState,
    viewer: &Viewer,
    what: &str,
    detail: Value,
) -> Result<(), ApiError> {
    let Source::Live(live) = state.source.as_ref() else {
        return Ok(());
    };
    let mut map = Map::new();
    map.insert("auditor".into(), viewer.who.clone().into());
    map.insert("what".into(), what.into());
    if let Value::Object(extra) = detail {
        map.extend(extra);
    }
    super::admin::append_event(live.audit(), EventAction::AuditorAccess, map).await
}

fn filter_of(query: Result<Query<Filter>, QueryRejection>) -> Result<Filter, ApiError> {
    query.map(|Query(f)| f).map_err(|e| {
        ApiError::bad_body(format!(
            "The filters must be from, to, tenant, kind, route, model, provider, region, entity, action, residency, status, page and per_page: {e}."
        ))
    })
}

/// Every entry through `view` (a page or the summaries) under the query's filters.
async fn filtered(
    state: &ConsoleState,
    query: Result<Query<Filter>, QueryRejection>,
    view: fn(&[trail::Entry], &Filter) -> Result<Value, trail::BadFilter>,
) -> Reply {
    let filter = filter_of(query)?;
    let entries = state.source.entries().await.map_err(source_failed)?;
    reply(view(&entries, &filter).map_err(|e| ApiError::bad_body(e.to_string()))?)
}

/// `POST /admin/v1/console/session`: who is looking (audited), and what the page may show.
async fn session(State(state): State<ConsoleState>, viewer: Viewer) -> Reply {
    audited(&state, &viewer, "session", Value::Null).await?;
    reply(json!({
        "viewer": viewer.who,
        "content": viewer.content,
        "mode": state.source.mode(),
        "read_only": matches!(state.gate, Gate::Bundle),
    }))
}

/// `GET /admin/v1/console/records?FILTERS&page=N&per_page=M`: one page of the timeline.
async fn records(
    State(state): State<ConsoleState>,
    _: Viewer,
    query: Result<Query<Filter>, QueryRejection>,
) -> Reply {
    filtered(&state, query, trail::page).await
}

/// `GET /admin/v1/console/records/{seq}`: a record's detail (audited).
async fn record(State(state): State<ConsoleState>, viewer: Viewer, Path(seq): Path<u64>) -> Reply {
    let entries = state.source.entries().await.map_err(source_failed)?;
    let entry = entries
        .binary_search_by_key(&seq, |e| e.seq)
        .ok()
        .map(|i| &entries[i])
        .ok_or_else(|| source_failed(SourceError::NoRecord(seq)))?;
    audited(&state, &viewer, "record", json!({ "seq": seq })).await?;
    reply(trail::detail(entry, viewer.content))
}

/// `GET /admin/v1/console/summary?FILTERS`: what the charts draw.
async fn summary(
    State(state): State<ConsoleState>,
    _: Viewer,
    query: Result<Query<Filter>, QueryRejection>,
) -> Reply {
    filtered(&state, query, trail::summary).await
}

/// `GET /admin/v1/console/chain`: verified or not, where, the last checkpoint.
async fn chain(State(state): State<ConsoleState>, _: Viewer) -> Reply {
    reply(state.source.chain().await.map_err(source_failed)?)
}

/// `GET /admin/v1/console/proof/{seq}`: an inclusion proof (audited).
async fn proof(State(state): State<ConsoleState>, viewer: Viewer, Path(seq): Path<u64>) -> Reply {
    let proof = state.source.proof(seq).await.map_err(source_failed)?;
    audited(&state, &viewer, "proof", json!({ "seq": seq })).await?;
    reply(proof)
}

/// `GET /admin/v1/console/policies`: the policies in force.
async fn policies(State(state): State<ConsoleState>, _: Viewer) -> Reply {
    reply(state.source.policies().map_err(source_failed)?)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportBody {
    from: String,
    to: String,
    #[serde(default)]
    tenant: Option<String>,
}

/// `POST /admin/v1/console/export`: the bundle of `audit export`, written under the
/// gateway's `<data dir>/exports` (audited: the export itself and who asked).
async fn export(State(state): State<ConsoleState>, viewer: Viewer, body: Bytes) -> Reply {
    let body: ExportBody = serde_json::from_slice(&body).map_err(|e| {
        ApiError::bad_body(format!(
            "The export request must be JSON {{\"from\", \"to\", \"tenant\"}} with RFC 3339 times: {e}."
        ))
    })?;
    let tenant = body.tenant.filter(|t| !t.trim().is_empty());
    let report = state
        .source
        .export(&viewer.who, body.from, body.to, tenant)
        .await
        .map_err(source_failed)?;
    audited(
        &state,
        &viewer,
        "export",
        json!({ "out": report.out.display().to_string(), "manifest_sha256": report.manifest_sha256 }),
    )
    .await?;
    reply(serde_json::to_value(&report).unwrap_or(Value::Null))
}

/// The page's files: never cached, never framed, no inline script.
async fn asset(uri: axum::http::Uri) -> Response {
    let path = uri.path().trim_end_matches('/');
    let Some(asset) = ASSETS.iter().find(|a| a.path == path) else {
        return ApiError::route_not_found(uri.path()).into_response();
    };
    (
        [
            (header::CONTENT_TYPE, asset.content_type),
            (header::CONTENT_SECURITY_POLICY, CSP),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::REFERRER_POLICY, "no-referrer"),
            (header::CACHE_CONTROL, "no-store"),
            (header::X_FRAME_OPTIONS, "DENY"),
        ],
        asset.body,
    )
        .into_response()
}

fn routes(state: ConsoleState) -> Router {
    let mut router = Router::new();
    for a in &ASSETS {
        router = router.route(a.path, get(asset));
    }
    router
        .route("/console/", get(asset))
        .route("/admin/v1/console/session", post(session))
        .route("/admin/v1/console/records", get(records))
        .route("/admin/v1/console/records/{seq}", get(record))
        .route("/admin/v1/console/summary", get(summary))
        .route("/admin/v1/console/chain", get(chain))
        .route("/admin/v1/console/proof/{seq}", get(proof))
        .route("/admin/v1/console/policies", get(policies))
        .route("/admin/v1/console/export", post(export))
        .with_state(state)
}

/// The console on the admin listener, over the live log.
pub(super) fn admin_routes(admin: Admin, source: Arc<Source>) -> Router {
    routes(ConsoleState {
        source,
        gate: Gate::Admin(admin),
    })
}

/// `audit view`: serves the console read-only over `source` (a bundle) on `listener`
/// until `stopped` resolves.
pub async fn serve_bundle(
    listener: tokio::net::TcpListener,
    source: Source,
    stopped: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = routes(ConsoleState {
        source: Arc::new(source),
        gate: Gate::Bundle,
    })
    .fallback(|uri: axum::http::Uri| async move { ApiError::route_not_found(uri.path()) });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(stopped)
    .await
}
