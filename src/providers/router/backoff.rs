//! Backoff before retrying a deployment: exponential with full jitter (a uniformly
//! random wait between zero and the exponential ceiling), so that clients that failed
//! together do not retry together. Pure: the caller hands in the random source.

use std::time::Duration;

use rand::Rng;

/// The wait before retry number `retry` (0 for the first retry) of one deployment:
/// uniform in `[0, min(max, base * 2^retry)]`.
pub fn full_jitter(base: Duration, max: Duration, retry: u32, rng: &mut impl Rng) -> Duration {
    let ceiling = base
        .checked_mul(1u32.checked_shl(retry.min(31)).unwrap_or(u32::MAX))
        .unwrap_or(max)
        .min(max);
    let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
    Duration::from_nanos(rng.gen_range(0..=nanos))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    const BASE: Duration = Duration::from_millis(100);
    const MAX: Duration = Duration::from_millis(1_000);

    #[test]
    fn waits_stay_under_a_ceiling_that_doubles_until_the_cap() {
        let mut rng = StdRng::seed_from_u64(7);
        for (retry, ceiling_ms) in [
            (0, 100),
            (1, 200),
            (2, 400),
            (3, 800),
            (4, 1000),
            (40, 1000),
        ] {
            let waits: Vec<Duration> = (0..500)
                .map(|_| full_jitter(BASE, MAX, retry, &mut rng))
                .collect();
            let ceiling = Duration::from_millis(ceiling_ms);
            assert!(waits.iter().all(|w| *w <= ceiling), "retry {retry}");
            // Full jitter spreads over the whole range, not just near the ceiling.
            assert!(waits.iter().any(|w| *w < ceiling / 4), "retry {retry}");
            assert!(waits.iter().any(|w| *w > ceiling * 3 / 4), "retry {retry}");
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_waits() {
        let run = |seed| {
            let mut rng = StdRng::seed_from_u64(seed);
            (0..5)
                .map(|r| full_jitter(BASE, MAX, r, &mut rng))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(42), run(42));
        assert_ne!(run(42), run(43));
    }

    #[test]
    fn a_zero_base_never_waits() {
        let mut rng = StdRng::seed_from_u64(1);
        assert_eq!(
            full_jitter(Duration::ZERO, MAX, 5, &mut rng),
            Duration::ZERO
        );
    }
}
