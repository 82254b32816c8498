//! The PII engine: text in, findings and rewritten text out. A pure engine: it knows
//! no provider, no request and no file. `Engine` is compiled once from `PiiRules` and
//! shared (Send + Sync); a `Redactor` per request applies the actions and keeps the
//! token map; its `Restorer` puts originals back in responses and streams.

pub mod checksum;
mod chunks;
mod cues;
pub mod entity;
mod labels;
mod lexer;
pub mod output;
pub mod recognizers;
pub mod redact;
pub mod restore;
pub mod rules;
pub mod scanner;
mod shared;
mod wordset;

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

pub use entity::Entity;
pub use output::{OutputStream, OUTPUT_HOLD, OUTPUT_MAX_HOLD};
pub use redact::{
    Action, Applied, Blocked, FindingCount, RedactError, Redaction, Redactor, TooManyFindings,
};
pub use restore::{Restorer, StreamRestorer};
pub use rules::{BinaryParts, PiiRules, PiiTable};
pub use scanner::Finding;

/// Everything that can go wrong building the engine from policy rules.
#[derive(Debug, thiserror::Error)]
pub enum PiiError {
    #[error("unknown entity \"{name}\"{hint}")]
    UnknownEntity { name: String, hint: String },
    #[error(
        "custom entity name \"{0}\" must be UPPER_SNAKE_CASE (A-Z, 0-9, _), at most 48 characters"
    )]
    BadCustomEntity(String),
    #[error("recognizer \"{name}\" has an invalid regex: {message}")]
    BadRegex { name: String, message: String },
    #[error("{0}")]
    Invalid(String),
    #[error("{origin}:{line}:{col}: {message}")]
    Policy {
        origin: String,
        line: usize,
        col: usize,
        message: String,
    },
}

/// Compiled recognizers plus the action table.
pub struct Engine {
    /// Shared with every engine that detects the same things (`shared`).
    scanner: Arc<scanner::Scanner>,
    /// `[pii] allow`, lower case: values never reported.
    allow: HashSet<String>,
    actions: BTreeMap<Entity, Action>,
    default_action: Action,
    max_findings: usize,
}

impl Engine {
    /// Built-in recognizers plus the custom ones of `rules`.
    pub fn new(rules: &PiiRules) -> Result<Engine, PiiError> {
        Ok(Engine {
            scanner: shared::scanner(rules)?,
            allow: rules.allow.iter().map(|s| s.to_lowercase()).collect(),
            actions: rules.actions.clone(),
            default_action: rules.default_action,
            max_findings: rules.max_findings,
        })
    }

    /// All built-in recognizers with the `mask` action.
    pub fn builtin() -> Engine {
        // Start-up only: the built-in patterns are fixed and covered by tests.
        #[allow(clippy::expect_used)]
        Engine::new(&PiiRules::default()).expect("built-in recognizers compile")
    }

    /// Findings sorted by start, non-overlapping.
    pub fn scan(&self, text: &str) -> Vec<Finding> {
        self.scanner.scan(text, &self.allow)
    }

    /// As [`Engine::scan`], or `None` once `deadline` has passed (the scan stops within
    /// a few milliseconds of it, whatever the text).
    pub fn scan_until(&self, text: &str, deadline: Option<Instant>) -> Option<Vec<Finding>> {
        self.scanner.scan_until(text, &self.allow, deadline)
    }

    /// Most findings one request may hold before screening refuses it
    /// ([`TooManyFindings`]); `PiiRules::max_findings`.
    pub fn max_findings(&self) -> usize {
        self.max_findings
    }

    /// The policy's action for `entity`. DATE_TIME is the one entity `default_action`
    /// does not reach: an ordinary date is not personal on its own, so it is reported
    /// with `allow` and left in the text unless a policy names DATE_TIME explicitly.
    pub fn action_for(&self, entity: &Entity) -> Action {
        match self.actions.get(entity) {
            Some(action) => *action,
            None if *entity == Entity::DateTime => Action::Allow,
            None => self.default_action,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn engine_is_shareable() {
        assert_send_sync::<Engine>();
    }

    #[test]
    fn a_scan_past_its_deadline_stops_inside_one_text() {
        let engine = Engine::builtin();
        // One text of many segments and several chunks: the deadline is read inside it.
        let text = "Write to Morag MacLeod at morag@example.org today.\n".repeat(4000);
        let passed = Instant::now();
        std::thread::sleep(std::time::Duration::from_millis(2));
        assert_eq!(engine.scan_until(&text, Some(passed)), None);
        let later = Instant::now() + std::time::Duration::from_secs(3600);
        let whole = engine.scan_until(&text, Some(later)).unwrap_or_default();
        assert_eq!(whole, engine.scan(&text));
        assert_eq!(whole.len(), 8000, "a name and an address a line");
        // A redactor given the deadline says why it stopped.
        let mut redactor = redact::Redactor::new(&engine, b"k").until(passed);
        assert!(matches!(
            redactor.redact(&text),
            Err(redact::RedactError::PastDeadline)
        ));
    }
}
