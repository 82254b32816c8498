//! Logs and metrics. Logs are structured (`tracing`; JSON when configured) and carry the
//! request id; they never carry keys or bodies, because nothing here is handed either.
//! Metrics are Prometheus text, with units in their names.

use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

use crate::config::{LogConfig, LogFormat};

/// Installs the global subscriber: to stderr, text or JSON, filtered by `level`
/// (overridable with `RUST_LOG`). Safe to call once per process.
pub fn init_logging(config: &LogConfig) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .or_else(|_| tracing_subscriber::EnvFilter::try_new(&config.level))
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false);
    let _ = match config.format {
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    pub route: String,
    pub status: u16,
    pub provider: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    pub route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ProviderLabels {
    pub provider: String,
}

type Histograms<L> = Family<L, Histogram, fn() -> Histogram>;

fn latency_histogram() -> Histogram {
    // 100 µs to about 100 s.
    Histogram::new(exponential_buckets(0.0001, 2.0, 21))
}

/// Every metric the gateway exports.
pub struct Metrics {
    registry: Registry,
    pub requests: Family<RequestLabels, Counter>,
    pub request_duration: Histograms<RouteLabels>,
    pub upstream_latency: Histograms<ProviderLabels>,
    pub gateway_overhead: Histograms<RouteLabels>,
    pub in_flight_requests: Gauge,
    pub in_flight_streams: Gauge,
    /// Circuit breaker per provider: 0 closed, 1 half-open, 2 open.
    pub breaker_state: Family<ProviderLabels, Gauge>,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("ledgergate");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "requests",
            "Requests answered, by route, status and provider",
            requests.clone(),
        );
        let request_duration: Histograms<RouteLabels> =
            Family::new_with_constructor(latency_histogram);
        registry.register(
            "request_duration_seconds",
            "Time from request to response headers (streams: to the first byte)",
            request_duration.clone(),
        );
        let upstream_latency: Histograms<ProviderLabels> =
            Family::new_with_constructor(latency_histogram);
        registry.register(
            "upstream_latency_seconds",
            "Time the upstream took to answer (streams: to its response headers)",
            upstream_latency.clone(),
        );
        let gateway_overhead: Histograms<RouteLabels> =
            Family::new_with_constructor(latency_histogram);
        registry.register(
            "gateway_overhead_seconds",
            "Request duration minus upstream latency: what the gateway itself added",
            gateway_overhead.clone(),
        );
        let in_flight_requests = Gauge::default();
        registry.register(
            "in_flight_requests",
            "Requests being handled",
            in_flight_requests.clone(),
        );
        let in_flight_streams = Gauge::default();
        registry.register(
            "in_flight_streams",
            "Response streams open to clients",
            in_flight_streams.clone(),
        );
        let breaker_state = Family::<ProviderLabels, Gauge>::default();
        registry.register(
            "circuit_breaker_state",
            "Circuit breaker of each provider: 0 closed, 1 half-open, 2 open",
            breaker_state.clone(),
        );
        Metrics {
            breaker_state,
            registry,
            requests,
            request_duration,
            upstream_latency,
            gateway_overhead,
            in_flight_requests,
            in_flight_streams,
        }
    }
}

impl Metrics {
    /// The Prometheus text exposition of every metric.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }

    pub fn observe_upstream(&self, provider: &str, took: Duration) {
        self.upstream_latency
            .get_or_create(&ProviderLabels {
                provider: provider.to_owned(),
            })
            .observe(took.as_secs_f64());
    }
}
