//! The router: puts the providers the policy allowed in the order of the model's
//! strategy, then makes bounded attempts among them. A failure before the first byte
//! (connection error, first-byte timeout, 429, 5xx, an unreadable vaulted key) moves on:
//! to the next provider not tried yet at once, else back to the one whose backoff or
//! `Retry-After` ends first. It never adds a provider to the set it is handed, never
//! retries after an answer started (a stream that breaks later ends with an error
//! event, see `server/stream.rs`), and never waits past the upstream total timeout.
//!
//! Each deployment has a circuit breaker (`breaker.rs`): open ones are skipped; when
//! every allowed one is open the request fails at once with
//! [`ProviderError::Unavailable`] (503) rather than hitting a deployment that is known
//! to be failing. Breaker states are exported as the gauge
//! `ledgergate_circuit_breaker_state` (0 closed, 1 half-open, 2 open).

mod backoff;
mod breaker;
mod latency;
mod strategy;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use futures::future::BoxFuture;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use rand::rngs::StdRng;
use rand::SeedableRng;
use tokio::time::Instant;

pub use backoff::full_jitter;
pub use breaker::{Admission, Breaker, State};
pub use strategy::{order, Facts};

use super::pricing::Pricing;
use super::{Phase, Provider, ProviderError};
use crate::config::RoutingConfig;
use crate::telemetry::ProviderLabels;

/// What the caller wants to know as attempts happen (the audit trail).
pub trait Observer {
    /// An attempt is about to go to `provider`.
    fn attempting(&mut self, provider: &Arc<dyn Provider>);
    /// The attempt just made failed before the first byte and another one follows
    /// after `wait` (zero when it goes to another provider at once).
    fn failed(&mut self, error: &ProviderError, took: Duration, wait: Duration);
}

/// Routing state shared by all requests: breakers, latency averages, the random source.
pub struct Router {
    config: RoutingConfig,
    total_timeout: Duration,
    breakers: Mutex<HashMap<String, Breaker>>,
    latency: Mutex<latency::Ewma>,
    rng: Mutex<StdRng>,
    gauge: Family<ProviderLabels, Gauge>,
}

/// Locks a mutex even if a panicking thread poisoned it: every critical section here
/// leaves the state consistent (plain counters and maps), so the data stays usable.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Whether a failure before the first byte is worth another attempt.
fn retryable(error: &ProviderError) -> bool {
    match error {
        ProviderError::Connect { .. } => true,
        ProviderError::Timeout { phase, .. } => *phase == Phase::FirstByte,
        ProviderError::Upstream { status, .. } => *status == 429 || *status >= 500,
        // Another provider has its own key.
        ProviderError::KeyUnavailable { .. } | ProviderError::Rejected { .. } => true,
        ProviderError::Protocol { .. }
        | ProviderError::Unavailable { .. }
        | ProviderError::Refused { .. } => false,
    }
}

/// What an attempt's result says about the deployment's health: `Some(true)` failed,
/// `Some(false)` healthy (a 4xx is the request's fault, not the deployment's), `None`
/// nothing (the request never reached it).
fn health(result: &Result<impl Sized, ProviderError>) -> Option<bool> {
    match result {
        Ok(_) => Some(false),
        Err(e) if !e.tried() => None,
        Err(ProviderError::Upstream { status, .. }) => Some(*status == 429 || *status >= 500),
        Err(_) => Some(true),
    }
}

/// One allowed deployment during one request.
struct Slot<'r> {
    provider: &'r Arc<dyn Provider>,
    /// When it may be tried (again); the start of the request for untried ones.
    ready_at: Instant,
    failures: u32,
    /// Not tried again in this request (Retry-After beyond the cap, key missing,
    /// breaker open).
    out: bool,
}

/// A breaker admission that must be settled: dropping it unsettled (the request was
/// cancelled mid-attempt) frees a half-open probe slot instead of leaking it.
struct Permit<'a> {
    router: &'a Router,
    provider: &'a str,
    probe: bool,
    settled: bool,
}

impl Permit<'_> {
    fn settle(mut self, failed: Option<bool>) {
        self.settled = true;
        let mut breakers = lock(&self.router.breakers);
        if let Some(b) = breakers.get_mut(self.provider) {
            match failed {
                Some(failed) => b.record(Instant::now().into_std(), failed, self.probe),
                None if self.probe => b.release_probe(),
                None => {}
            }
            self.router.publish(self.provider, b);
        }
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        if !self.settled && self.probe {
            let mut breakers = lock(&self.router.breakers);
            if let Some(b) = breakers.get_mut(self.provider) {
                b.release_probe();
                self.router.publish(self.provider, b);
            }
        }
    }
}

impl Router {
    /// `providers`: every configured deployment's name (their gauges start at closed).
    pub fn new<'a>(
        config: RoutingConfig,
        total_timeout: Duration,
        providers: impl IntoIterator<Item = &'a str>,
        gauge: Family<ProviderLabels, Gauge>,
    ) -> Router {
        Router::seeded(
            config,
            total_timeout,
            providers,
            gauge,
            StdRng::from_entropy(),
        )
    }

    /// As [`Router::new`] with a given random source (tests).
    pub fn seeded<'a>(
        config: RoutingConfig,
        total_timeout: Duration,
        providers: impl IntoIterator<Item = &'a str>,
        gauge: Family<ProviderLabels, Gauge>,
        rng: StdRng,
    ) -> Router {
        let router = Router {
            breakers: Mutex::new(
                providers
                    .into_iter()
                    .map(|name| (name.to_owned(), Breaker::new(config.breaker)))
                    .collect(),
            ),
            latency: Mutex::new(latency::Ewma::new(
                config.latency_alpha,
                config.latency_stale_after,
            )),
            rng: Mutex::new(rng),
            config,
            total_timeout,
            gauge,
        };
        router.refresh_gauges();
        router
    }

    fn publish(&self, provider: &str, breaker: &Breaker) {
        self.gauge
            .get_or_create(&ProviderLabels {
                provider: provider.to_owned(),
            })
            .set(breaker.state(Instant::now().into_std()) as i64);
    }

    /// Brings every breaker gauge up to date (an open breaker whose cool-down ended is
    /// half-open even before a request asks). Called before `/metrics` is encoded.
    pub fn refresh_gauges(&self) {
        let breakers = lock(&self.breakers);
        for (name, breaker) in breakers.iter() {
            self.publish(name, breaker);
        }
    }

    /// The breaker state of a deployment now (`None`: not configured).
    pub fn breaker_state(&self, provider: &str) -> Option<State> {
        lock(&self.breakers)
            .get(provider)
            .map(|b| b.state(Instant::now().into_std()))
    }

    fn admit<'a>(&'a self, provider: &'a str) -> Result<Permit<'a>, Instant> {
        let mut breakers = lock(&self.breakers);
        let breaker = breakers
            .entry(provider.to_owned())
            .or_insert_with(|| Breaker::new(self.config.breaker));
        let admission = breaker.admit(Instant::now().into_std());
        self.publish(provider, breaker);
        match admission {
            Admission::Pass => Ok(Permit {
                router: self,
                provider,
                probe: false,
                settled: false,
            }),
            Admission::Probe => Ok(Permit {
                router: self,
                provider,
                probe: true,
                settled: false,
            }),
            Admission::Refused { until } => Err(Instant::from_std(until)),
        }
    }

    /// The allowed deployments in the order the model's strategy prefers (a
    /// permutation of `candidates`: nothing added, nothing dropped).
    pub fn order(
        &self,
        model: &str,
        pricing: &Pricing,
        candidates: &[Arc<dyn Provider>],
    ) -> Vec<Arc<dyn Provider>> {
        let facts: Vec<Facts> = {
            let latency = lock(&self.latency);
            let now = Instant::now().into_std();
            candidates
                .iter()
                .map(|p| {
                    let config = p.config();
                    Facts {
                        weight: config.weight,
                        latency: latency.get(&config.name, now),
                        price: pricing.list_price(&config.name, model),
                    }
                })
                .collect()
        };
        let strategy = self.config.strategy_for(model);
        let order = order(strategy, &facts, &mut *lock(&self.rng));
        order.into_iter().map(|i| candidates[i].clone()).collect()
    }

    /// How long to leave a deployment alone after its `failures`-th failure; `None`:
    /// not again in this request.
    fn pause(&self, error: &ProviderError, failures: u32) -> Option<Duration> {
        match error {
            // The same key would be refused again.
            ProviderError::KeyUnavailable { .. } | ProviderError::Rejected { .. } => None,
            ProviderError::Upstream {
                retry_after: Some(asked),
                ..
            } => (*asked <= self.config.max_retry_after).then_some(*asked),
            _ => Some(full_jitter(
                self.config.backoff_base,
                self.config.backoff_max,
                failures.saturating_sub(1),
                &mut *lock(&self.rng),
            )),
        }
    }

    /// Calls `call` on the allowed deployments, `candidates` in order of preference (as
    /// [`Router::order`] put them), until one answers or the attempts, the deployments
    /// or the time run out. Returns the answer or the last error, with the time the
    /// last attempt took.
    pub async fn run<'r, T>(
        &self,
        model: &str,
        candidates: &'r [Arc<dyn Provider>],
        call: impl Fn(&'r Arc<dyn Provider>) -> BoxFuture<'r, Result<T, ProviderError>>,
        observer: &mut impl Observer,
    ) -> (Result<T, ProviderError>, Duration) {
        let started = Instant::now();
        let deadline = started + self.total_timeout;
        let max_attempts = self.config.max_attempts_for(model);
        let mut slots: Vec<Slot<'r>> = candidates
            .iter()
            .map(|provider| Slot {
                provider,
                ready_at: started,
                failures: 0,
                out: false,
            })
            .collect();
        let mut attempts = 0;
        // The last failure, reported to the observer once we know another attempt follows.
        let mut last: Option<(ProviderError, Duration)> = None;
        let mut refused: Vec<(String, Instant)> = Vec::new();
        while attempts < max_attempts {
            let next = slots
                .iter()
                .enumerate()
                .filter(|(_, s)| !s.out)
                .min_by_key(|(i, s)| (s.ready_at, *i))
                .map(|(i, _)| i);
            let Some(i) = next else { break };
            let slot = &mut slots[i];
            if slot.ready_at >= deadline {
                break;
            }
            let name = slot.provider.config().name.as_str();
            let permit = match self.admit(name) {
                Ok(permit) => permit,
                Err(until) => {
                    slot.out = true;
                    refused.push((name.to_owned(), until));
                    continue;
                }
            };
            let wait = slot.ready_at.saturating_duration_since(Instant::now());
            if let Some((error, took)) = &last {
                observer.failed(error, *took, wait);
            }
            // Tokio rounds a timer up to its next millisecond tick, even one already due:
            // sleeping on a first attempt (wait zero) would add up to 1 ms to every request.
            if !wait.is_zero() {
                tokio::time::sleep_until(slot.ready_at).await;
            }

            let provider = slot.provider;
            observer.attempting(provider);
            let begun = Instant::now();
            let result = match tokio::time::timeout_at(deadline, call(provider)).await {
                Ok(result) => result,
                Err(_) => Err(ProviderError::Timeout {
                    provider: name.to_owned(),
                    phase: Phase::Total,
                    limit: self.total_timeout,
                }),
            };
            let took = begun.elapsed();
            attempts += 1;
            permit.settle(health(&result));
            let error = match result {
                Ok(answer) => {
                    lock(&self.latency).record(name, took, Instant::now().into_std());
                    return (Ok(answer), took);
                }
                Err(e) if !retryable(&e) => return (Err(e), took),
                Err(e) => e,
            };
            tracing::warn!(provider = %name, error = %error, attempt = attempts, "attempt failed before the first byte");
            slot.failures += 1;
            match self.pause(&error, slot.failures) {
                Some(pause) => slot.ready_at = Instant::now() + pause,
                None => slot.out = true,
            }
            last = Some((error, took));
        }
        match last {
            Some((error, took)) => (Err(error), took),
            None => {
                let now = Instant::now();
                let retry_in = refused
                    .iter()
                    .map(|(_, until)| until.saturating_duration_since(now))
                    .min()
                    .unwrap_or_default();
                let providers = refused.into_iter().map(|(name, _)| name).collect();
                (
                    Err(ProviderError::Unavailable {
                        providers,
                        retry_in,
                    }),
                    Duration::ZERO,
                )
            }
        }
    }
}

#[cfg(test)]
mod tests;
