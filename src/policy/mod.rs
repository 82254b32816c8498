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

pub use classes::DataClass;
pub use file::{
    parse as parse_file, region_matches, CaptureMode, DataRule, Policy, ResidencyRules,
};
pub use residency::{evaluate, parse_narrowing, Exclusion, Verdict};
pub use set::PolicySet;
pub use store::Policies;

use crate::openai::TextFields;
use crate::pii::{Entity, FindingCount, RedactError, Redactor, Restorer};

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

impl Policy {
    /// Detects PII in every text-bearing field of `request` and rewrites it in place per
    /// the policy's actions. `hash_key` is the tenant's pseudonym key. A blocked entity,
    /// or more findings than the policy's `max_findings`, refuses the whole request (the
    /// caller forwards nothing).
    pub fn screen(
        &self,
        request: &mut impl TextFields,
        hash_key: &[u8],
    ) -> Result<Screened, RedactError> {
        let mut redactor = Redactor::new(&self.engine, hash_key);
        request.for_each_text_mut::<RedactError>(&mut |text: &mut String| {
            let redacted = redactor.redact(text)?;
            if redacted != *text {
                *text = redacted;
            }
            Ok(())
        })?;
        Ok(Screened {
            findings: redactor.findings(),
            restorer: redactor.restorer(),
        })
    }
}
