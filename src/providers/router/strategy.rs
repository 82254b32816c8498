//! The four orders a routing strategy can put the allowed deployments in. Pure
//! functions over what the router knows of each deployment (weight, measured latency,
//! price): they only permute the set they are handed, never add to or drop from it.

use std::cmp::Ordering;

use rand::Rng;

use crate::config::Strategy;

/// What a strategy may look at for one deployment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Facts {
    pub weight: u32,
    /// Moving average of time to first byte, seconds; `None`: never measured.
    pub latency: Option<f64>,
    /// Input plus output price per million tokens for the model; `None`: unpriced.
    pub price: Option<f64>,
}

/// A permutation of `0..facts.len()`: the order in which to try the deployments.
/// Ties keep config order (the sorts are stable).
pub fn order(strategy: Strategy, facts: &[Facts], rng: &mut impl Rng) -> Vec<usize> {
    let mut order: Vec<usize> = (0..facts.len()).collect();
    match strategy {
        Strategy::Priority => {}
        Strategy::Weighted => {
            // Efraimidis-Spirakis: sort by an exponential key of rate `weight`. The
            // first place goes to deployment i with probability weight_i / sum, and
            // the rest of the order is again a weighted draw of what is left.
            let keys: Vec<f64> = facts
                .iter()
                .map(|f| -(1.0 - rng.gen::<f64>()).ln() / f64::from(f.weight.max(1)))
                .collect();
            order.sort_by(|&a, &b| keys[a].total_cmp(&keys[b]));
        }
        Strategy::Latency => {
            // Unmeasured deployments first, so each is measured once; then fastest first.
            order.sort_by(|&a, &b| match (facts[a].latency, facts[b].latency) {
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Less,
                (Some(_), None) => Ordering::Greater,
                (Some(x), Some(y)) => x.total_cmp(&y),
            });
        }
        Strategy::Cost => {
            order.sort_by(|&a, &b| match (facts[a].price, facts[b].price) {
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Greater,
                (Some(_), None) => Ordering::Less,
                (Some(x), Some(y)) => x.total_cmp(&y),
            });
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    fn facts(weight: u32, latency: Option<f64>, price: Option<f64>) -> Facts {
        Facts {
            weight,
            latency,
            price,
        }
    }

    #[test]
    fn priority_keeps_config_order() {
        let f = [
            facts(1, Some(3.0), Some(9.0)),
            facts(1, Some(1.0), Some(1.0)),
        ];
        let mut rng = StdRng::seed_from_u64(0);
        assert_eq!(order(Strategy::Priority, &f, &mut rng), vec![0, 1]);
    }

    #[test]
    fn latency_explores_unmeasured_first_then_prefers_the_fastest() {
        let f = [
            facts(1, Some(0.5), None),
            facts(1, None, None),
            facts(1, Some(0.1), None),
            facts(1, Some(0.3), None),
        ];
        let mut rng = StdRng::seed_from_u64(0);
        assert_eq!(order(Strategy::Latency, &f, &mut rng), vec![1, 2, 3, 0]);
    }

    #[test]
    fn cost_prefers_the_cheapest_and_puts_unpriced_last() {
        let f = [
            facts(1, None, None),
            facts(1, None, Some(2.0)),
            facts(1, None, Some(0.5)),
            facts(1, None, Some(2.0)),
        ];
        let mut rng = StdRng::seed_from_u64(0);
        assert_eq!(order(Strategy::Cost, &f, &mut rng), vec![2, 1, 3, 0]);
    }

    #[test]
    fn weighted_first_choices_follow_the_weights() {
        let f = [
            facts(3, None, None),
            facts(1, None, None),
            facts(0, None, None),
        ];
        let mut rng = StdRng::seed_from_u64(11);
        let mut first = [0usize; 3];
        for _ in 0..10_000 {
            let o = order(Strategy::Weighted, &f, &mut rng);
            let mut sorted = o.clone();
            sorted.sort_unstable();
            assert_eq!(
                sorted,
                vec![0, 1, 2],
                "a permutation, nothing added or lost"
            );
            first[o[0]] += 1;
        }
        // Expected 3/5, 1/5, 1/5 (a weight of 0 counts as 1).
        assert!((5_500..6_500).contains(&first[0]), "{first:?}");
        assert!((1_500..2_500).contains(&first[1]), "{first:?}");
        assert!((1_500..2_500).contains(&first[2]), "{first:?}");
    }
}
