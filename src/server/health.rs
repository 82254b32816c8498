//! `GET /healthz` (the process answers), `GET /readyz` (it should receive traffic:
//! not shutting down, audit writer healthy) and `GET /metrics` (Prometheus text).

use std::sync::atomic::Ordering;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde_json::json;

use super::Gateway;

pub async fn healthz() -> impl IntoResponse {
    Json(json!({"status": "ok"}))
}

pub async fn readyz(State(gw): State<Gateway>) -> impl IntoResponse {
    if gw.shutting_down.load(Ordering::Relaxed) {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"status": "shutting_down"})),
        );
    }
    if !gw.audit.healthy() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"status": "audit_unavailable"})),
        );
    }
    (StatusCode::OK, Json(json!({"status": "ready"})))
}

pub async fn metrics(State(gw): State<Gateway>) -> impl IntoResponse {
    gw.router.refresh_gauges();
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        gw.metrics.encode(),
    )
}
