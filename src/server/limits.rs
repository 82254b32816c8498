//! Per-virtual-key request rates: a vaulted key with `rate_limit_rpm` gets a GCRA
//! limiter (governor) allowing that many requests a minute, bursts included. Keys
//! without a limit are not tracked. Budgets are stored with the key but not enforced
//! here (they need the cost accounting of the audit log).

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};

/// The limiters of the keys seen so far, by key id.
#[derive(Default)]
pub struct KeyLimits {
    by_key: Mutex<HashMap<String, (u32, Arc<DefaultDirectRateLimiter>)>>,
}

impl KeyLimits {
    /// Takes one request from `key_id`'s allowance of `per_minute`; `false` when it is
    /// used up. A changed limit (a key re-created with the same id) starts afresh.
    pub fn allow(&self, key_id: &str, per_minute: u32) -> bool {
        let Some(rate) = NonZeroU32::new(per_minute) else {
            return false;
        };
        let limiter = {
            // A panic elsewhere while holding the lock leaves the map usable.
            let mut map = self.by_key.lock().unwrap_or_else(|e| e.into_inner());
            match map.get(key_id) {
                Some((limit, limiter)) if *limit == per_minute => limiter.clone(),
                _ => {
                    let limiter = Arc::new(RateLimiter::direct(Quota::per_minute(rate)));
                    map.insert(key_id.to_owned(), (per_minute, limiter.clone()));
                    limiter
                }
            }
        };
        limiter.check().is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_gets_its_allowance_per_minute_and_others_are_separate() {
        let limits = KeyLimits::default();
        assert!(limits.allow("a", 2));
        assert!(limits.allow("a", 2));
        assert!(!limits.allow("a", 2));
        assert!(limits.allow("b", 2), "each key has its own allowance");
        assert!(limits.allow("a", 3), "a changed limit starts afresh");
        assert!(!limits.allow("c", 0));
    }
}
