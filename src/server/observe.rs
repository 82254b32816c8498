//! Per-request observation: a request id (UUID v7) on every response and in every log
//! line of the request, the in-flight gauge, and the request metrics by route, status
//! and provider. Handlers report which provider served them through [`Served`].

use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use super::Gateway;
use crate::telemetry::{RequestLabels, RouteLabels};

pub const REQUEST_ID_HEADER: &str = "x-ledgergate-request-id";

/// The id of one request, in its extensions and its `x-ledgergate-request-id` header.
#[derive(Debug, Clone, Copy)]
pub struct RequestId(pub uuid::Uuid);

/// Set by a handler on its response: which provider answered and how long it took.
#[derive(Debug, Clone)]
pub struct Served {
    pub provider: String,
    pub upstream: Duration,
}

pub async fn observe(State(gw): State<Gateway>, mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = RequestId(uuid::Uuid::now_v7());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    request.extensions_mut().insert(id);
    let span = tracing::info_span!("request", request_id = %id.0, method = %request.method(), route = %route);

    gw.metrics.in_flight_requests.inc();
    let mut response = next.run(request).instrument(span.clone()).await;
    gw.metrics.in_flight_requests.dec();

    let took = started.elapsed();
    let served = response.extensions().get::<Served>().cloned();
    let status = response.status().as_u16();
    gw.metrics
        .requests
        .get_or_create(&RequestLabels {
            route: route.clone(),
            status,
            provider: served
                .as_ref()
                .map_or_else(String::new, |s| s.provider.clone()),
        })
        .inc();
    let labels = RouteLabels { route };
    gw.metrics
        .request_duration
        .get_or_create(&labels)
        .observe(took.as_secs_f64());
    if let Some(served) = &served {
        gw.metrics
            .gateway_overhead
            .get_or_create(&labels)
            .observe(took.saturating_sub(served.upstream).as_secs_f64());
    }
    span.in_scope(|| {
        tracing::info!(
            status,
            latency_ms = took.as_secs_f64() * 1000.0,
            provider = served.as_ref().map(|s| s.provider.as_str()),
            "request answered"
        )
    });
    if let Ok(value) = HeaderValue::from_str(&id.0.to_string()) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    response
}
