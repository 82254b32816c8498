//! Actions and the per-request `Redactor`. `mask` writes `<ENTITY>`, `tokenize`
//! `<ENTITY_N>` (the same value gets the same token within one request), `hash` a keyed
//! HMAC-SHA-256 pseudonym `<ENTITY_h0123456789ab>` stable per tenant key, `block` refuses
//! the text naming only the entity, `allow` leaves it. Originals live only in this
//! request's memory and are zeroized when the redactor and its restorers are dropped.
//!
//! Cost is linear in the text: one scan, one pass to rewrite, and token numbers are
//! checked against the text's own token-like words collected once per text, never by
//! searching the text again per value. A request holding more than the engine's
//! `max_findings` is refused whole ([`TooManyFindings`]), never partly screened.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::sync::Arc;
use std::time::Instant;

use ring::hmac;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use super::entity::Entity;
use super::restore::Restorer;
use super::Engine;

/// What happens to a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Allow,
    Mask,
    Tokenize,
    Hash,
    Block,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Allow => "allow",
            Action::Mask => "mask",
            Action::Tokenize => "tokenize",
            Action::Hash => "hash",
            Action::Block => "block",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text contained an entity the policy blocks. Names the entity, never the value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the policy blocks {entity} in requests")]
pub struct Blocked {
    pub entity: Entity,
}

/// The request holds more findings than the engine's cap: screening refuses it whole.
/// Names the limit, never a value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the request holds more than {limit} personal-data findings; send it in smaller parts")]
pub struct TooManyFindings {
    pub limit: usize,
}

/// Why a text could not be screened: nothing of it may be forwarded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RedactError {
    #[error(transparent)]
    Blocked(#[from] Blocked),
    #[error(transparent)]
    TooManyFindings(#[from] TooManyFindings),
    /// The deadline given with [`Redactor::until`] passed while a text was scanned.
    #[error("screening took longer than its budget")]
    PastDeadline,
}

/// One finding and what was done with it (offsets into the input text).
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    pub entity: Entity,
    pub start: usize,
    pub end: usize,
    pub action: Action,
}

/// Rewritten text plus the findings applied to it.
#[derive(Clone, Debug)]
pub struct Redaction {
    pub text: String,
    pub applied: Vec<Applied>,
}

/// Counts for the audit record: never values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingCount {
    pub entity: Entity,
    pub action: Action,
    pub count: u64,
}

/// One per request.
pub struct Redactor<'e> {
    engine: &'e Engine,
    key: hmac::Key,
    /// (hashed?, entity, value) -> replacement word (without brackets). Keys are
    /// zeroized in `Drop`.
    assigned: HashMap<(bool, Entity, String), String>,
    /// lower-case replacement word -> original value; shared with restorers.
    originals: Arc<BTreeMap<String, Zeroizing<String>>>,
    next: HashMap<Entity, u64>,
    counts: BTreeMap<(Entity, Action), u64>,
    /// Findings in all texts so far, against the engine's cap.
    total: usize,
    /// A scan still running at this instant stops (`RedactError::PastDeadline`).
    deadline: Option<Instant>,
}

impl<'e> Redactor<'e> {
    /// `hash_key` is the tenant's pseudonym key: `hash` output is stable for one key.
    pub fn new(engine: &'e Engine, hash_key: &[u8]) -> Redactor<'e> {
        Redactor {
            engine,
            key: hmac::Key::new(hmac::HMAC_SHA256, hash_key),
            assigned: HashMap::new(),
            originals: Arc::new(BTreeMap::new()),
            next: HashMap::new(),
            counts: BTreeMap::new(),
            total: 0,
            deadline: None,
        }
    }

    /// The same redactor, giving up on a text whose scan is still running at `deadline`.
    pub fn until(mut self, deadline: Instant) -> Redactor<'e> {
        self.deadline = Some(deadline);
        self
    }

    /// Rewrites `text` per the engine's actions; `Err` when an entity is blocked or the
    /// request's findings pass the engine's cap.
    pub fn redact(&mut self, text: &str) -> Result<String, RedactError> {
        self.redact_detailed(text).map(|r| r.text)
    }

    /// As [`Redactor::redact`], also returning each finding and its action.
    pub fn redact_detailed(&mut self, text: &str) -> Result<Redaction, RedactError> {
        let findings = self
            .engine
            .scan_until(text, self.deadline)
            .ok_or(RedactError::PastDeadline)?;
        let limit = self.engine.max_findings();
        if findings.len() > limit.saturating_sub(self.total) {
            self.total = self.total.saturating_add(findings.len());
            return Err(TooManyFindings { limit }.into());
        }
        self.total += findings.len();
        if let Some(f) = findings
            .iter()
            .find(|f| self.engine.action_for(&f.entity) == Action::Block)
        {
            *self
                .counts
                .entry((f.entity.clone(), Action::Block))
                .or_insert(0) += 1;
            return Err(Blocked {
                entity: f.entity.clone(),
            }
            .into());
        }
        let mut out = String::with_capacity(text.len() + 16 * findings.len());
        let mut applied = Vec::with_capacity(findings.len());
        let mut literals: Option<HashSet<String>> = None;
        let mut last = 0;
        for f in findings {
            let action = self.engine.action_for(&f.entity);
            *self.counts.entry((f.entity.clone(), action)).or_insert(0) += 1;
            out.push_str(&text[last..f.start]);
            let value = &text[f.start..f.end];
            match action {
                Action::Allow => out.push_str(value),
                Action::Mask => {
                    out.push('<');
                    out.push_str(f.entity.name());
                    out.push('>');
                }
                Action::Tokenize | Action::Hash => {
                    let word = self.replacement(&f.entity, value, action, text, &mut literals);
                    out.push('<');
                    out.push_str(&word);
                    out.push('>');
                }
                Action::Block => unreachable_block(),
            }
            applied.push(Applied {
                entity: f.entity,
                start: f.start,
                end: f.end,
                action,
            });
            last = f.end;
        }
        out.push_str(&text[last..]);
        Ok(Redaction { text: out, applied })
    }

    fn replacement(
        &mut self,
        entity: &Entity,
        value: &str,
        action: Action,
        text: &str,
        literals: &mut Option<HashSet<String>>,
    ) -> String {
        let hashed = action == Action::Hash;
        let slot = (hashed, entity.clone(), value.to_string());
        if let Some(word) = self.assigned.get(&slot) {
            let mut slot = slot;
            slot.2.zeroize();
            return word.clone();
        }
        let word = if hashed {
            let mut ctx = hmac::Context::with_key(&self.key);
            ctx.update(entity.name().as_bytes());
            ctx.update(&[0]);
            ctx.update(value.as_bytes());
            format!(
                "{}_h{}",
                entity.name(),
                hex::encode(&ctx.sign().as_ref()[..6])
            )
        } else {
            // Skip numbers whose token already appears in the text as a word (any case):
            // restoring would otherwise turn the user's literal into someone else's value.
            // The restorer only replaces whole words, so whole words are what to avoid.
            let literals = literals.get_or_insert_with(|| token_like_words(text));
            let counter = self.next.entry(entity.clone()).or_insert(0);
            loop {
                *counter += 1;
                let candidate = format!("{}_{}", entity.name(), counter);
                if !literals.contains(&candidate.to_ascii_lowercase()) {
                    break candidate;
                }
            }
        };
        self.assigned.insert(slot, word.clone());
        Arc::make_mut(&mut self.originals)
            .insert(word.to_ascii_lowercase(), Zeroizing::new(value.to_string()));
        word
    }

    /// Counts per entity and action so far, for the audit record.
    pub fn findings(&self) -> Vec<FindingCount> {
        self.counts
            .iter()
            .map(|((entity, action), count)| FindingCount {
                entity: entity.clone(),
                action: *action,
                count: *count,
            })
            .collect()
    }

    /// Maps this request's tokens and pseudonyms back to the originals.
    pub fn restorer(&self) -> Restorer {
        Restorer::new(Arc::clone(&self.originals))
    }
}

impl Drop for Redactor<'_> {
    fn drop(&mut self) {
        for ((_, _, mut value), _) in self.assigned.drain() {
            value.zeroize();
        }
    }
}

/// Lower-cased words of `[A-Za-z0-9_]` in `text` shaped like a token (`..._<digits>`):
/// the only words the restorer could ever replace. One pass over the text.
fn token_like_words(text: &str) -> HashSet<String> {
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let b = text.as_bytes();
    let mut out = HashSet::new();
    for u in memchr::memchr_iter(b'_', b) {
        // Only the last underscore of a word can start the `_<digits>` tail.
        if u + 1 >= b.len() || !b[u + 1].is_ascii_digit() {
            continue;
        }
        let mut end = u + 1;
        while end < b.len() && b[end].is_ascii_digit() {
            end += 1;
        }
        if end < b.len() && is_word(b[end]) {
            continue;
        }
        let mut start = u;
        while start > 0 && is_word(b[start - 1]) {
            start -= 1;
        }
        out.insert(text[start..end].to_ascii_lowercase());
    }
    out
}

/// Blocked findings return early in `redact_detailed` before any rewriting.
#[cold]
fn unreachable_block() {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pii::rules::PiiRules;

    fn engine(actions: &[(Entity, Action)]) -> Engine {
        let mut rules = PiiRules::default();
        for (e, a) in actions {
            rules.actions.insert(e.clone(), *a);
        }
        Engine::new(&rules).unwrap()
    }

    #[test]
    fn tokenize_is_stable_within_a_request_and_restores() {
        let e = engine(&[(Entity::EmailAddress, Action::Tokenize)]);
        let mut r = Redactor::new(&e, b"k");
        let out = r
            .redact("mail jane@example.com and jane@example.com, not bob@example.org")
            .unwrap();
        assert_eq!(
            out,
            "mail <EMAIL_ADDRESS_1> and <EMAIL_ADDRESS_1>, not <EMAIL_ADDRESS_2>"
        );
        assert_eq!(
            r.restorer()
                .restore("Hi email_address_2 and <EMAIL_ADDRESS_1"),
            "Hi bob@example.org and jane@example.com"
        );
        assert_eq!(
            r.findings(),
            vec![FindingCount {
                entity: Entity::EmailAddress,
                action: Action::Tokenize,
                count: 3
            }]
        );
    }

    #[test]
    fn hash_is_keyed_and_stable() {
        let e = engine(&[(Entity::EmailAddress, Action::Hash)]);
        let a = Redactor::new(&e, b"tenant-a")
            .redact("jane@example.com")
            .unwrap();
        let a2 = Redactor::new(&e, b"tenant-a")
            .redact("jane@example.com")
            .unwrap();
        let b = Redactor::new(&e, b"tenant-b")
            .redact("jane@example.com")
            .unwrap();
        assert_eq!(a, a2);
        assert_ne!(a, b);
        assert!(a.starts_with("<EMAIL_ADDRESS_h") && !a.contains("jane"));
    }

    #[test]
    fn block_names_the_entity_not_the_value() {
        let e = engine(&[(Entity::Secret, Action::Block)]);
        let err = Redactor::new(&e, b"k")
            .redact("key AKIAIOSFODNN7EXAMPLE here")
            .unwrap_err();
        assert_eq!(err.to_string(), "the policy blocks SECRET in requests");
    }

    #[test]
    fn findings_past_the_cap_refuse_the_request_across_texts() {
        let e = Engine::new(&PiiRules {
            max_findings: 3,
            ..PiiRules::default()
        })
        .unwrap();
        let mut r = Redactor::new(&e, b"k");
        assert!(r.redact("a@example.com b@example.com").is_ok());
        let err = r.redact("c@example.com d@example.com").unwrap_err();
        assert_eq!(
            err,
            RedactError::TooManyFindings(TooManyFindings { limit: 3 })
        );
        assert!(!err.to_string().contains("example"), "{err}");
        // Exactly at the cap is fine.
        let mut r = Redactor::new(&e, b"k");
        assert!(r
            .redact("a@example.com b@example.com c@example.com")
            .is_ok());
    }

    #[test]
    fn user_literal_tokens_are_not_reused() {
        let e = engine(&[(Entity::EmailAddress, Action::Tokenize)]);
        let mut r = Redactor::new(&e, b"k");
        let text = "<EMAIL_ADDRESS_1> is a placeholder, jane@example.com is real";
        let out = r.redact(text).unwrap();
        assert!(out.contains("<EMAIL_ADDRESS_2>"), "{out}");
        assert_eq!(r.restorer().restore(&out), text);
    }
}
