//! Time to first byte per deployment as an exponentially weighted moving average, for
//! the `latency` strategy. Only answered attempts are measured: a deployment that fails
//! fast must not look fast (the circuit breaker deals with failures). An average not
//! refreshed for `stale_after` counts as unknown again, so a deployment that was slow
//! once is measured again instead of being shunned for good. Time is handed in.

use std::collections::HashMap;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct Ewma {
    /// Weight of the newest sample, in (0, 1].
    alpha: f64,
    stale_after: Duration,
    /// Mean in seconds and when it was last updated.
    seconds: HashMap<String, (f64, Instant)>,
}

impl Ewma {
    pub fn new(alpha: f64, stale_after: Duration) -> Ewma {
        Ewma {
            alpha,
            stale_after,
            seconds: HashMap::new(),
        }
    }

    pub fn record(&mut self, provider: &str, took: Duration, now: Instant) {
        let sample = took.as_secs_f64();
        let stale_after = self.stale_after;
        match self.seconds.get_mut(provider) {
            Some((mean, at)) if now.saturating_duration_since(*at) <= stale_after => {
                *mean += self.alpha * (sample - *mean);
                *at = now;
            }
            _ => {
                self.seconds.insert(provider.to_owned(), (sample, now));
            }
        }
    }

    /// The moving average in seconds; `None` until the deployment answered once, or
    /// when its last answer is older than `stale_after`.
    pub fn get(&self, provider: &str, now: Instant) -> Option<f64> {
        self.seconds
            .get(provider)
            .filter(|(_, at)| now.saturating_duration_since(*at) <= self.stale_after)
            .map(|(mean, _)| *mean)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_sample_is_the_mean_and_later_ones_move_it_by_alpha() {
        let t0 = Instant::now();
        let mut e = Ewma::new(0.5, Duration::from_secs(60));
        assert_eq!(e.get("a", t0), None);
        e.record("a", Duration::from_millis(100), t0);
        assert_eq!(e.get("a", t0), Some(0.1));
        e.record("a", Duration::from_millis(300), t0);
        assert!((e.get("a", t0).unwrap() - 0.2).abs() < 1e-9);
        assert_eq!(e.get("b", t0), None);
    }

    #[test]
    fn a_stale_average_is_unknown_and_the_next_sample_starts_afresh() {
        let t0 = Instant::now();
        let later = t0 + Duration::from_secs(61);
        let mut e = Ewma::new(0.5, Duration::from_secs(60));
        e.record("a", Duration::from_secs(4), t0);
        assert_eq!(e.get("a", t0 + Duration::from_secs(60)), Some(4.0));
        assert_eq!(e.get("a", later), None);
        e.record("a", Duration::from_secs(1), later);
        assert_eq!(
            e.get("a", later),
            Some(1.0),
            "not averaged with the stale 4 s"
        );
    }
}
