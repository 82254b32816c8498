//! Time to first byte per deployment as an exponentially weighted moving average, for
//! the `latency` strategy. Only answered attempts are measured: a deployment that fails
//! fast must not look fast (the circuit breaker deals with failures).

use std::collections::HashMap;
use std::time::Duration;

#[derive(Debug)]
pub struct Ewma {
    /// Weight of the newest sample, in (0, 1].
    alpha: f64,
    seconds: HashMap<String, f64>,
}

impl Ewma {
    pub fn new(alpha: f64) -> Ewma {
        Ewma {
            alpha,
            seconds: HashMap::new(),
        }
    }

    pub fn record(&mut self, provider: &str, took: Duration) {
        let sample = took.as_secs_f64();
        match self.seconds.get_mut(provider) {
            Some(mean) => *mean += self.alpha * (sample - *mean),
            None => {
                self.seconds.insert(provider.to_owned(), sample);
            }
        }
    }

    /// The moving average in seconds; `None` until the deployment answered once.
    pub fn get(&self, provider: &str) -> Option<f64> {
        self.seconds.get(provider).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_sample_is_the_mean_and_later_ones_move_it_by_alpha() {
        let mut e = Ewma::new(0.5);
        assert_eq!(e.get("a"), None);
        e.record("a", Duration::from_millis(100));
        assert_eq!(e.get("a"), Some(0.1));
        e.record("a", Duration::from_millis(300));
        assert!((e.get("a").unwrap() - 0.2).abs() < 1e-9);
        assert_eq!(e.get("b"), None);
    }
}
