//! Policies: which PII actions apply to a tenant's requests, which providers may see
//! them (region, jurisdiction, certifications, rules by data class), and what the audit
//! log captures. Policies are files (`policies/*.toml`), validated as a whole set and
//! hot-swapped: a request loads one set once and sees that version from start to end.

mod classes;
mod file;
mod residency;
mod set;
mod store;

use std::collections::BTreeSet;
use std::time::Instant;

pub use classes::DataClass;
pub use file::{
    parse as parse_file, region_matches, CaptureMode, DataRule, Policy, ResidencyRules,
};
pub use residency::{evaluate, parse_narrowing, Exclusion, Verdict};
pub use set::PolicySet;
pub use store::Policies;

use crate::openai::TextFields;
use crate::pii::{Blocked, Entity, FindingCount, RedactError, Redactor, Restorer, TooManyFindings};

#[derive(Debug, Clone, thiserror::Error)]
pub enum PolicyError {
    #[error("cannot read {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("{file}:{line}:{column}: {message}")]
    Invalid {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{0}")]
    Conflict(String),
}

/// What screening a request's text did: counts per entity and action (never values),
/// and the token map to restore the answer.
pub struct Screened {
    pub findings: Vec<FindingCount>,
    pub restorer: Restorer,
}

impl Screened {
    /// Every entity found, whatever its action (residency rules look at these).
    pub fn detected(&self) -> Vec<Entity> {
        let set: BTreeSet<Entity> = self.findings.iter().map(|f| f.entity.clone()).collect();
        set.into_iter().collect()
    }
}

/// The time the screening of one request may take: past it the request is refused
/// whole (never forwarded partly screened). The number of findings is bounded by the
/// policy's engine (`[pii] max_findings`).
#[derive(Clone, Copy, Debug)]
pub struct ScreenBudget {
    /// Screening still running at this instant stops, within a few milliseconds.
    pub deadline: Instant,
}

impl ScreenBudget {
    /// No bound (for the CLI, which screens what its own user gives it).
    pub fn unbounded() -> ScreenBudget {
        ScreenBudget {
            deadline: Instant::now() + std::time::Duration::from_secs(365 * 24 * 3600),
        }
    }
}

/// Why screening refused a request.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error(transparent)]
    Blocked(#[from] Blocked),
    #[error(transparent)]
    TooManyFindings(#[from] TooManyFindings),
    #[error("screening the request took longer than its budget")]
    OverBudget,
}

impl From<RedactError> for Refusal {
    fn from(e: RedactError) -> Refusal {
        match e {
            RedactError::Blocked(b) => Refusal::Blocked(b),
            RedactError::TooManyFindings(t) => Refusal::TooManyFindings(t),
            RedactError::PastDeadline => Refusal::OverBudget,
        }
    }
}

impl Policy {
    /// Detects PII in every text-bearing field of `request` and rewrites it in place per
    /// the policy's actions. `hash_key` is the tenant's pseudonym key. A blocked entity,
    /// or a request past its `budget`, is refused whole (the caller forwards nothing).
    pub fn screen(
        &self,
        request: &mut impl TextFields,
        hash_key: &[u8],
        budget: ScreenBudget,
    ) -> Result<Screened, Refusal> {
        // The deadline stops a field's scan too: one 10 MiB field cannot outlast it.
        let mut redactor = Redactor::new(&self.engine, hash_key).until(budget.deadline);
        request.for_each_text_mut::<Refusal>(&mut |text: &mut String| {
            let redacted = redactor.redact(text)?;
            if redacted != *text {
                *text = redacted;
            }
            if Instant::now() > budget.deadline {
                return Err(Refusal::OverBudget);
            }
            Ok(())
        })?;
        Ok(Screened {
            findings: redactor.findings(),
            restorer: redactor.restorer(),
        })
    }
}
