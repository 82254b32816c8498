//! The circuit breaker of one deployment. Closed: traffic flows and outcomes are
//! counted; it opens after `consecutive_failures` failures in a row, or when the error
//! rate within the window reaches `error_rate` over at least `min_requests` outcomes.
//! Open: traffic is refused until the cool-down ends. Half-open: at most
//! `half_open_probes` requests go through at once; a probe's success closes the breaker,
//! its failure opens it for another cool-down. Time is handed in, never read here, so
//! the state machine is tested with an injected clock.

use std::collections::VecDeque;
use std::time::Instant;

use crate::config::BreakerConfig;

/// Outcomes kept for the error rate, at most; older ones are dropped first.
const MAX_WINDOW: usize = 4096;

/// What a deployment's breaker says, as exported in `/metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Closed = 0,
    HalfOpen = 1,
    Open = 2,
}

/// The answer to "may a request go to this deployment now?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Pass,
    /// A half-open probe: its outcome decides the breaker; release it if it ends
    /// without one.
    Probe,
    Refused {
        until: Instant,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Closed,
    Open { until: Instant },
    HalfOpen { in_flight: u32 },
}

#[derive(Debug)]
pub struct Breaker {
    config: BreakerConfig,
    phase: Phase,
    consecutive: u32,
    /// (when, failed) of recent outcomes while closed.
    window: VecDeque<(Instant, bool)>,
    /// How many outcomes in `window` failed, kept as it changes (a count per request
    /// over a 4,096-outcome window showed in profiles).
    failures: usize,
}

impl Breaker {
    pub fn new(config: BreakerConfig) -> Breaker {
        Breaker {
            config,
            phase: Phase::Closed,
            consecutive: 0,
            window: VecDeque::new(),
            failures: 0,
        }
    }

    /// The state at `now`: an open breaker whose cool-down has ended is half-open.
    pub fn state(&self, now: Instant) -> State {
        match self.phase {
            Phase::Closed => State::Closed,
            Phase::Open { until } if now >= until => State::HalfOpen,
            Phase::Open { .. } => State::Open,
            Phase::HalfOpen { .. } => State::HalfOpen,
        }
    }

    pub fn admit(&mut self, now: Instant) -> Admission {
        if !self.config.enabled {
            return Admission::Pass;
        }
        if let Phase::Open { until } = self.phase {
            if now < until {
                return Admission::Refused { until };
            }
            self.phase = Phase::HalfOpen { in_flight: 0 };
        }
        match &mut self.phase {
            Phase::Closed => Admission::Pass,
            Phase::HalfOpen { in_flight } if *in_flight < self.config.half_open_probes => {
                *in_flight += 1;
                Admission::Probe
            }
            // Probes are out; the next chance comes when one of them reports.
            Phase::HalfOpen { .. } | Phase::Open { .. } => Admission::Refused { until: now },
        }
    }

    /// The outcome of a request this breaker admitted (`probe` as admitted).
    pub fn record(&mut self, now: Instant, failed: bool, probe: bool) {
        if !self.config.enabled {
            return;
        }
        if probe {
            self.release_probe();
            if let Phase::HalfOpen { .. } = self.phase {
                if failed {
                    self.open(now);
                } else {
                    self.close();
                }
            }
            return;
        }
        // A request admitted while closed that ends after the breaker opened says
        // nothing about the deployment's state now.
        if self.phase != Phase::Closed {
            return;
        }
        self.consecutive = if failed { self.consecutive + 1 } else { 0 };
        self.window.push_back((now, failed));
        self.failures += usize::from(failed);
        while self.window.len() > MAX_WINDOW
            || self
                .window
                .front()
                .is_some_and(|(at, _)| now.saturating_duration_since(*at) > self.config.window)
        {
            if let Some((_, true)) = self.window.pop_front() {
                self.failures -= 1;
            }
        }
        let failures = self.failures;
        let rate_tripped = self.window.len() >= self.config.min_requests as usize
            && failures as f64 >= self.config.error_rate * self.window.len() as f64;
        if failed && (self.consecutive >= self.config.consecutive_failures || rate_tripped) {
            self.open(now);
        }
    }

    /// A probe ended without an outcome (the client went away, or the attempt never
    /// reached the deployment): its slot is free again.
    pub fn release_probe(&mut self) {
        if let Phase::HalfOpen { in_flight } = &mut self.phase {
            *in_flight = in_flight.saturating_sub(1);
        }
    }

    fn open(&mut self, now: Instant) {
        self.phase = Phase::Open {
            until: now + self.config.cooldown,
        };
        self.consecutive = 0;
        self.window.clear();
        self.failures = 0;
    }

    fn close(&mut self) {
        self.phase = Phase::Closed;
        self.consecutive = 0;
        self.window.clear();
        self.failures = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn config() -> BreakerConfig {
        BreakerConfig {
            enabled: true,
            consecutive_failures: 3,
            error_rate: 0.5,
            min_requests: 6,
            window: Duration::from_secs(10),
            cooldown: Duration::from_secs(5),
            half_open_probes: 1,
        }
    }

    fn secs(t0: Instant, s: u64) -> Instant {
        t0 + Duration::from_secs(s)
    }

    #[test]
    fn the_failure_count_follows_the_window_through_expiry_and_the_size_cap() {
        // A rate that never trips, so the window only moves by time and by its cap.
        let mut b = Breaker::new(BreakerConfig {
            error_rate: 2.0,
            consecutive_failures: u32::MAX,
            ..config()
        });
        let t0 = Instant::now();
        let mut state = 0x2545_f491_u32;
        for i in 0..20_000u64 {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let failed = state % 3 == 0;
            // Bursts within a second (the cap) and gaps past the window (expiry).
            let at = t0 + Duration::from_millis(i / 5_000 * 11_000 + i % 5_000 / 10);
            b.record(at, failed, false);
            let recount = b.window.iter().filter(|(_, f)| *f).count();
            assert_eq!(b.failures, recount, "after outcome {i}");
        }
    }

    #[test]
    fn opens_after_consecutive_failures_and_a_success_resets_the_count() {
        let t0 = Instant::now();
        let mut b = Breaker::new(config());
        for failed in [true, true, false, true, true] {
            assert_eq!(b.admit(t0), Admission::Pass);
            b.record(t0, failed, false);
        }
        assert_eq!(b.state(t0), State::Closed, "the success broke the run");
        assert_eq!(b.admit(t0), Admission::Pass);
        b.record(t0, true, false);
        assert_eq!(b.state(t0), State::Open);
        assert_eq!(
            b.admit(secs(t0, 4)),
            Admission::Refused { until: secs(t0, 5) }
        );
    }

    #[test]
    fn opens_on_the_error_rate_only_with_enough_outcomes_in_the_window() {
        let t0 = Instant::now();
        let mut b = Breaker::new(config());
        // fail, ok, fail, ok, fail: 3 of 5 failed but the window needs 6 outcomes.
        for (i, failed) in [true, false, true, false, true].into_iter().enumerate() {
            b.admit(secs(t0, i as u64));
            b.record(secs(t0, i as u64), failed, false);
        }
        assert_eq!(b.state(secs(t0, 5)), State::Closed);
        // A sixth outcome, a success: 3 of 6 is the 50 % threshold, but only a
        // failure trips the breaker.
        b.record(secs(t0, 5), false, false);
        assert_eq!(b.state(secs(t0, 5)), State::Closed);
        b.record(secs(t0, 6), true, false);
        assert_eq!(b.state(secs(t0, 6)), State::Open, "4 of 7 failed");
    }

    #[test]
    fn outcomes_older_than_the_window_no_longer_count() {
        let t0 = Instant::now();
        let mut b = Breaker::new(config());
        for (t, failed) in [
            (0, true),
            (0, true),
            (1, false),
            (1, true),
            (1, true),
            (2, false),
        ] {
            b.record(secs(t0, t), failed, false);
        }
        assert_eq!(b.state(secs(t0, 2)), State::Closed);
        // At t=30 the old failures have left the window: 1 of 1 outcomes is below
        // min_requests.
        b.record(secs(t0, 30), true, false);
        assert_eq!(b.state(secs(t0, 30)), State::Closed);
    }

    #[test]
    fn half_open_lets_a_limited_number_of_probes_through_and_a_success_closes_it() {
        let t0 = Instant::now();
        let mut b = Breaker::new(BreakerConfig {
            consecutive_failures: 1,
            half_open_probes: 2,
            ..config()
        });
        b.record(t0, true, false);
        assert_eq!(b.state(secs(t0, 4)), State::Open);
        assert_eq!(b.state(secs(t0, 5)), State::HalfOpen);
        assert_eq!(b.admit(secs(t0, 5)), Admission::Probe);
        assert_eq!(b.admit(secs(t0, 5)), Admission::Probe);
        assert!(matches!(b.admit(secs(t0, 5)), Admission::Refused { .. }));
        // One probe goes away without an outcome: its slot opens again.
        b.release_probe();
        assert_eq!(b.admit(secs(t0, 6)), Admission::Probe);
        b.record(secs(t0, 6), false, true);
        assert_eq!(b.state(secs(t0, 6)), State::Closed);
        assert_eq!(b.admit(secs(t0, 6)), Admission::Pass);
    }

    #[test]
    fn a_failed_probe_opens_the_breaker_for_another_cooldown() {
        let t0 = Instant::now();
        let mut b = Breaker::new(BreakerConfig {
            consecutive_failures: 1,
            ..config()
        });
        b.record(t0, true, false);
        assert_eq!(b.admit(secs(t0, 5)), Admission::Probe);
        b.record(secs(t0, 6), true, true);
        assert_eq!(
            b.admit(secs(t0, 10)),
            Admission::Refused {
                until: secs(t0, 11)
            }
        );
        assert_eq!(b.admit(secs(t0, 11)), Admission::Probe);
    }

    #[test]
    fn a_disabled_breaker_always_passes() {
        let t0 = Instant::now();
        let mut b = Breaker::new(BreakerConfig {
            enabled: false,
            consecutive_failures: 1,
            ..config()
        });
        for _ in 0..10 {
            assert_eq!(b.admit(t0), Admission::Pass);
            b.record(t0, true, false);
        }
        assert_eq!(b.state(t0), State::Closed);
    }
}
