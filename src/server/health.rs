//! `GET /healthz` (the process answers), `GET /readyz` (it should receive traffic:
//! not shutting down, audit writer healthy) and `GET /metrics` (Prometheus text, with
//! the audit writer's durable-wait histogram).

use std::sync::atomic::Ordering;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde_json::json;

use super::Gateway;
use crate::audit::WaitHistogram;

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
    let mut text = gw.metrics.encode();
    // The audit writer's own histogram goes before the closing `# EOF`.
    let end = text.rfind("# EOF").unwrap_or(text.len());
    let eof = text.split_off(end);
    durable_wait(&mut text, &gw.audit.stats().durable_wait);
    text.push_str(if eof.is_empty() { "# EOF\n" } else { &eof });
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        text,
    )
}

/// `ledgergate_audit_durable_wait_seconds`: how long requests waited for their audit
/// record to be durable (hand-off to acknowledgement: queue, batch, write, fdatasync).
fn durable_wait(out: &mut String, histogram: &WaitHistogram) {
    use std::fmt::Write;
    const NAME: &str = "ledgergate_audit_durable_wait_seconds";
    let _ = writeln!(out, "# HELP {NAME} Request records: wait from hand-off to the audit writer to acknowledgement (with durability fsync, after their fdatasync).");
    let _ = writeln!(out, "# TYPE {NAME} histogram");
    let mut cumulative = 0u64;
    for (i, n) in histogram.counts().into_iter().enumerate() {
        cumulative += n;
        let bound = WaitHistogram::bound_seconds(i);
        if bound.is_finite() {
            let _ = writeln!(out, "{NAME}_bucket{{le=\"{bound:.9}\"}} {cumulative}");
        } else {
            let _ = writeln!(out, "{NAME}_bucket{{le=\"+Inf\"}} {cumulative}");
        }
    }
    let _ = writeln!(out, "{NAME}_sum {}", histogram.sum_seconds());
    let _ = writeln!(out, "{NAME}_count {cumulative}");
}
