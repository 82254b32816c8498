//! The `[routing]` section: which strategy orders the allowed providers, how often and
//! how patiently a request is retried, and when a deployment's circuit breaker opens.
//! Read into raw serde structs (unknown keys rejected), validated once into
//! [`RoutingConfig`]; every error carries the span of the value at fault. An absent
//! section gives the defaults, so configs written before routing existed keep working.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use super::Invalid;

/// How the allowed providers of a request are put in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// Config order; the next one is the fallback.
    Priority,
    /// A random order drawn by each provider's `weight`.
    Weighted,
    /// Lowest moving average of time to first byte first; unmeasured ones first of all.
    Latency,
    /// Lowest price for the model first (pricing table); unpriced ones last.
    Cost,
}

impl Strategy {
    pub fn name(self) -> &'static str {
        match self {
            Strategy::Priority => "priority",
            Strategy::Weighted => "weighted",
            Strategy::Latency => "latency",
            Strategy::Cost => "cost",
        }
    }
}

/// When a deployment's breaker opens, and how it recovers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BreakerConfig {
    pub enabled: bool,
    /// Opens after this many failures in a row.
    pub consecutive_failures: u32,
    /// Opens when at least this share of the outcomes within `window` failed...
    pub error_rate: f64,
    /// ...and the window holds at least `min_requests` outcomes.
    pub min_requests: u32,
    pub window: Duration,
    /// How long an open breaker refuses traffic before it lets probes through.
    pub cooldown: Duration,
    /// How many probe requests a half-open breaker lets through at once.
    pub half_open_probes: u32,
}

/// Overrides for one served model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModelRouting {
    pub strategy: Option<Strategy>,
    pub max_attempts: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RoutingConfig {
    pub strategy: Strategy,
    /// Upstream attempts per request, first one included (retries and failovers).
    pub max_attempts: u32,
    /// Backoff before retrying a provider: a random wait in `[0, min(max, base * 2^n)]`.
    pub backoff_base: Duration,
    pub backoff_max: Duration,
    /// Longest `Retry-After` the gateway waits out; a longer one moves on to the next
    /// provider instead.
    pub max_retry_after: Duration,
    /// Weight of the newest sample in the latency moving average (0 < alpha <= 1).
    pub latency_alpha: f64,
    /// A latency average not refreshed for this long is measured again.
    pub latency_stale_after: Duration,
    pub breaker: BreakerConfig,
    /// Per served model (aliases resolved).
    pub models: BTreeMap<String, ModelRouting>,
}

impl RoutingConfig {
    pub fn strategy_for(&self, model: &str) -> Strategy {
        self.models
            .get(model)
            .and_then(|m| m.strategy)
            .unwrap_or(self.strategy)
    }

    pub fn max_attempts_for(&self, model: &str) -> u32 {
        self.models
            .get(model)
            .and_then(|m| m.max_attempts)
            .unwrap_or(self.max_attempts)
    }
}

impl Default for RoutingConfig {
    fn default() -> Self {
        RoutingConfig {
            strategy: Strategy::Priority,
            max_attempts: 3,
            backoff_base: Duration::from_millis(100),
            backoff_max: Duration::from_millis(5_000),
            max_retry_after: Duration::from_millis(10_000),
            latency_alpha: 0.3,
            latency_stale_after: Duration::from_secs(60),
            breaker: BreakerConfig {
                enabled: true,
                consecutive_failures: 5,
                error_rate: 0.5,
                min_requests: 20,
                window: Duration::from_secs(60),
                cooldown: Duration::from_secs(30),
                half_open_probes: 1,
            },
            models: BTreeMap::new(),
        }
    }
}

/// Most attempts a request may make: bounded so that one request cannot hammer an
/// upstream.
const MAX_ATTEMPTS: u32 = 10;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRouting {
    strategy: Option<Spanned<String>>,
    max_attempts: Option<Spanned<u32>>,
    backoff_base_ms: Option<Spanned<u64>>,
    backoff_max_ms: Option<Spanned<u64>>,
    max_retry_after_ms: Option<Spanned<u64>>,
    latency_alpha: Option<Spanned<f64>>,
    latency_stale_secs: Option<Spanned<u64>>,
    #[serde(default)]
    breaker: RawBreaker,
    #[serde(default)]
    models: BTreeMap<Spanned<String>, RawModelRouting>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawBreaker {
    enabled: Option<bool>,
    consecutive_failures: Option<Spanned<u32>>,
    error_rate: Option<Spanned<f64>>,
    min_requests: Option<Spanned<u32>>,
    window_secs: Option<Spanned<u64>>,
    cooldown_ms: Option<Spanned<u64>>,
    half_open_probes: Option<Spanned<u32>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModelRouting {
    strategy: Option<Spanned<String>>,
    max_attempts: Option<Spanned<u32>>,
}

fn strategy(value: &Spanned<String>, what: &str) -> Result<Strategy, Invalid> {
    match value.get_ref().as_str() {
        "priority" => Ok(Strategy::Priority),
        "weighted" => Ok(Strategy::Weighted),
        "latency" => Ok(Strategy::Latency),
        "cost" => Ok(Strategy::Cost),
        other => Err((
            value.span(),
            format!("{what} \"{other}\" must be one of priority, weighted, latency, cost"),
        )),
    }
}

fn attempts(value: &Spanned<u32>, what: &str) -> Result<u32, Invalid> {
    match *value.get_ref() {
        n @ 1..=MAX_ATTEMPTS => Ok(n),
        n => Err((
            value.span(),
            format!("{what} = {n} must be between 1 and {MAX_ATTEMPTS}"),
        )),
    }
}

fn at_least_one<T: Copy + Into<u64>>(
    value: Option<&Spanned<T>>,
    what: &str,
    default: T,
) -> Result<T, Invalid> {
    match value {
        Some(v) if (*v.get_ref()).into() == 0 => {
            Err((v.span(), format!("{what} must be greater than 0")))
        }
        Some(v) => Ok(*v.get_ref()),
        None => Ok(default),
    }
}

/// A fraction in `(0, 1]`.
fn fraction(value: Option<&Spanned<f64>>, what: &str, default: f64) -> Result<f64, Invalid> {
    match value {
        Some(v) => {
            let x = *v.get_ref();
            if x.is_finite() && x > 0.0 && x <= 1.0 {
                Ok(x)
            } else {
                Err((
                    v.span(),
                    format!("{what} = {x} must be greater than 0 and at most 1"),
                ))
            }
        }
        None => Ok(default),
    }
}

impl RawRouting {
    /// `served` says whether some provider serves a model, for the per-model overrides.
    pub(super) fn validate(self, served: impl Fn(&str) -> bool) -> Result<RoutingConfig, Invalid> {
        let defaults = RoutingConfig::default();
        let ms = |v: Option<&Spanned<u64>>, what: &str, default: Duration| {
            at_least_one(
                v,
                what,
                u64::try_from(default.as_millis()).unwrap_or(u64::MAX),
            )
            .map(Duration::from_millis)
        };
        let backoff_base = ms(
            self.backoff_base_ms.as_ref(),
            "routing.backoff_base_ms",
            defaults.backoff_base,
        )?;
        let backoff_max = ms(
            self.backoff_max_ms.as_ref(),
            "routing.backoff_max_ms",
            defaults.backoff_max,
        )?;
        if backoff_max < backoff_base {
            let span = self
                .backoff_max_ms
                .as_ref()
                .or(self.backoff_base_ms.as_ref())
                .map_or(0..0, Spanned::span);
            return Err((
                span,
                format!(
                    "routing.backoff_max_ms ({} ms) must not be less than routing.backoff_base_ms ({} ms)",
                    backoff_max.as_millis(),
                    backoff_base.as_millis()
                ),
            ));
        }
        let mut models = BTreeMap::new();
        for (model, raw) in self.models {
            if !served(model.get_ref()) {
                return Err((
                    model.span(),
                    format!(
                        "routing.models names model \"{}\", which no provider serves",
                        model.get_ref()
                    ),
                ));
            }
            let overrides = ModelRouting {
                strategy: raw
                    .strategy
                    .as_ref()
                    .map(|s| strategy(s, "routing.models strategy"))
                    .transpose()?,
                max_attempts: raw
                    .max_attempts
                    .as_ref()
                    .map(|n| attempts(n, "routing.models max_attempts"))
                    .transpose()?,
            };
            models.insert(model.into_inner(), overrides);
        }
        Ok(RoutingConfig {
            strategy: match &self.strategy {
                Some(s) => strategy(s, "routing.strategy")?,
                None => defaults.strategy,
            },
            max_attempts: match &self.max_attempts {
                Some(n) => attempts(n, "routing.max_attempts")?,
                None => defaults.max_attempts,
            },
            backoff_base,
            backoff_max,
            max_retry_after: match &self.max_retry_after_ms {
                // 0 is meaningful: never wait out a Retry-After, always move on.
                Some(v) => Duration::from_millis(*v.get_ref()),
                None => defaults.max_retry_after,
            },
            latency_alpha: fraction(
                self.latency_alpha.as_ref(),
                "routing.latency_alpha",
                defaults.latency_alpha,
            )?,
            latency_stale_after: Duration::from_secs(at_least_one(
                self.latency_stale_secs.as_ref(),
                "routing.latency_stale_secs",
                defaults.latency_stale_after.as_secs(),
            )?),
            breaker: self.breaker.validate(defaults.breaker)?,
            models,
        })
    }
}

impl RawBreaker {
    fn validate(self, defaults: BreakerConfig) -> Result<BreakerConfig, Invalid> {
        Ok(BreakerConfig {
            enabled: self.enabled.unwrap_or(defaults.enabled),
            consecutive_failures: at_least_one(
                self.consecutive_failures.as_ref(),
                "routing.breaker.consecutive_failures",
                defaults.consecutive_failures,
            )?,
            error_rate: fraction(
                self.error_rate.as_ref(),
                "routing.breaker.error_rate",
                defaults.error_rate,
            )?,
            min_requests: at_least_one(
                self.min_requests.as_ref(),
                "routing.breaker.min_requests",
                defaults.min_requests,
            )?,
            window: Duration::from_secs(at_least_one(
                self.window_secs.as_ref(),
                "routing.breaker.window_secs",
                defaults.window.as_secs(),
            )?),
            cooldown: Duration::from_millis(at_least_one(
                self.cooldown_ms.as_ref(),
                "routing.breaker.cooldown_ms",
                u64::try_from(defaults.cooldown.as_millis()).unwrap_or(u64::MAX),
            )?),
            half_open_probes: at_least_one(
                self.half_open_probes.as_ref(),
                "routing.breaker.half_open_probes",
                defaults.half_open_probes,
            )?,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;

    use super::*;

    const PROVIDER: &str = "[[providers]]\nname = \"p\"\nkind = \"openai\"\nbase_url = \"https://x\"\nmodels = [\"m\"]\n";

    fn error(text: &str) -> String {
        match Config::parse(text, "ledgergate.toml") {
            Ok(_) => panic!("expected an error for {text:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn an_absent_section_gives_the_defaults() {
        let c = Config::parse(PROVIDER, "x.toml").unwrap();
        assert_eq!(c.routing, RoutingConfig::default());
        assert_eq!(c.providers[0].weight, 1);
    }

    #[test]
    fn every_field_is_read_and_models_override() {
        let text = format!(
            "{PROVIDER}weight = 7\n[routing]\nstrategy = \"latency\"\nmax_attempts = 4\nbackoff_base_ms = 50\nbackoff_max_ms = 800\nmax_retry_after_ms = 0\nlatency_alpha = 0.5\nlatency_stale_secs = 5\n[routing.breaker]\nenabled = false\nconsecutive_failures = 2\nerror_rate = 0.25\nmin_requests = 4\nwindow_secs = 9\ncooldown_ms = 1500\nhalf_open_probes = 3\n[routing.models.m]\nstrategy = \"cost\"\nmax_attempts = 1\n"
        );
        let c = Config::parse(&text, "x.toml").unwrap();
        let r = &c.routing;
        assert_eq!(c.providers[0].weight, 7);
        assert_eq!(r.strategy, Strategy::Latency);
        assert_eq!(r.strategy_for("m"), Strategy::Cost);
        assert_eq!(r.strategy_for("other"), Strategy::Latency);
        assert_eq!((r.max_attempts_for("m"), r.max_attempts_for("x")), (1, 4));
        assert_eq!(r.backoff_base, Duration::from_millis(50));
        assert_eq!(r.backoff_max, Duration::from_millis(800));
        assert_eq!(r.max_retry_after, Duration::ZERO);
        assert_eq!(r.latency_alpha, 0.5);
        assert_eq!(r.latency_stale_after, Duration::from_secs(5));
        let b = r.breaker;
        assert!(!b.enabled);
        assert_eq!(
            (b.consecutive_failures, b.min_requests, b.half_open_probes),
            (2, 4, 3)
        );
        assert_eq!(b.error_rate, 0.25);
        assert_eq!(b.window, Duration::from_secs(9));
        assert_eq!(b.cooldown, Duration::from_millis(1500));
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = error(&format!("{PROVIDER}[routing]\nstrategy = \"fastest\"\n"));
        assert!(
            e.starts_with("ledgergate.toml:7:12: routing.strategy \"fastest\" must be one of"),
            "{e}"
        );
        let e = error(&format!("{PROVIDER}[routing]\nmax_attempts = 0\n"));
        assert!(
            e.starts_with(
                "ledgergate.toml:7:16: routing.max_attempts = 0 must be between 1 and 10"
            ),
            "{e}"
        );
        let e = error(&format!(
            "{PROVIDER}[routing]\nbackoff_base_ms = 500\nbackoff_max_ms = 100\n"
        ));
        assert!(
            e.starts_with("ledgergate.toml:8:18: routing.backoff_max_ms"),
            "{e}"
        );
        let e = error(&format!("{PROVIDER}[routing.breaker]\nerror_rate = 1.5\n"));
        assert!(
            e.starts_with("ledgergate.toml:7:14: routing.breaker.error_rate = 1.5"),
            "{e}"
        );
        let e = error(&format!("{PROVIDER}[routing.breaker]\ncooldown_ms = 0\n"));
        assert!(
            e.starts_with(
                "ledgergate.toml:7:15: routing.breaker.cooldown_ms must be greater than 0"
            ),
            "{e}"
        );
        let e = error(&format!(
            "{PROVIDER}[routing.models.\"gpt-9\"]\nstrategy = \"cost\"\n"
        ));
        assert!(
            e.starts_with("ledgergate.toml:6:17: routing.models names model \"gpt-9\""),
            "{e}"
        );
        let e = error(&format!(
            "{PROVIDER}[routing.models.m]\nstrategy = \"cheap\"\n"
        ));
        assert!(
            e.starts_with("ledgergate.toml:7:12: routing.models strategy"),
            "{e}"
        );
        let e = error(&format!("{PROVIDER}[routing]\nretries = 3\n"));
        assert!(
            e.starts_with("ledgergate.toml:7:1: unknown field `retries`"),
            "{e}"
        );
        let e = error(&format!("{PROVIDER}weight = 0\n"));
        assert!(
            e.starts_with("ledgergate.toml:6:10: weight of provider \"p\" must be greater than 0"),
            "{e}"
        );
    }
}
