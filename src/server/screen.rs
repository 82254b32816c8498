//! Screening off the async workers. A large request is screened on a worker that hands
//! its other tasks to the rest of the runtime first (`block_in_place`), at most one per
//! core at a time (a semaphore; more wait without holding a thread), so `/healthz`,
//! `/readyz` and open streams keep answering while a 10 MiB body is scanned. Small
//! requests, the common case, are screened in place: handing off costs more than
//! their few microseconds of scanning. Every request has a time budget, and the
//! policy's engine caps its findings; past either, the request is refused whole.

use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

use crate::config::ServerConfig;
use crate::openai::TextFields;
use crate::policy::{Policy, Refusal, ScreenBudget, Screened};

/// Bodies below this many bytes are screened in place.
const IN_PLACE_BELOW: usize = 64 * 1024;

/// The bounded set of workers that screen large requests, and each request's budget.
pub struct Screening {
    large: Semaphore,
    budget: Duration,
}

impl Screening {
    pub fn new(config: &ServerConfig) -> Screening {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Screening {
            large: Semaphore::new(cores),
            budget: config.screening_budget,
        }
    }

    /// Screens `request` (of `size` body bytes) under `policy`.
    pub async fn screen<R: TextFields>(
        &self,
        policy: &Policy,
        request: &mut R,
        hash_key: &[u8],
        size: usize,
    ) -> Result<Screened, Refusal> {
        let multi_thread = tokio::runtime::Handle::try_current()
            .is_ok_and(|h| h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread);
        if size < IN_PLACE_BELOW || !multi_thread {
            return policy.screen(request, hash_key, self.budget());
        }
        // The semaphore is never closed, so acquiring only waits.
        let _permit = self.large.acquire().await;
        let budget = self.budget();
        tokio::task::block_in_place(|| policy.screen(request, hash_key, budget))
    }

    fn budget(&self) -> ScreenBudget {
        ScreenBudget {
            deadline: Instant::now() + self.budget,
        }
    }
}
