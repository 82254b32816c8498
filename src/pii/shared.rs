//! Compiled scanners shared between engines that detect the same things.
//!
//! A scanner (the cue automaton, the recognizers' regexes, their gates) takes several
//! MiB and depends only on what is detected, not on what is done with a finding: the
//! shipped policies differ in their actions and so share one. An engine built while an
//! equal scanner is alive gets that one; a reload that changes only actions or the
//! allow list compiles nothing. The list holds weak references: a scanner no policy uses is freed.

use std::sync::{Arc, Mutex, PoisonError, Weak};

use super::rules::{CustomRecognizer, DenyList, PiiRules};
use super::scanner::Scanner;
use super::PiiError;

/// The part of the rules `Scanner::new` reads, so what two engines must agree on to
/// share a scanner. A rule the scanner starts to read must be added here (the tests
/// below compare a shared scanner's findings with a freshly compiled one's).
#[derive(PartialEq)]
struct Detection {
    deny: Vec<DenyList>,
    custom: Vec<CustomRecognizer>,
    min_confidence: f32,
}

impl Detection {
    fn of(rules: &PiiRules) -> Detection {
        Detection {
            deny: rules.deny.clone(),
            custom: rules.custom.clone(),
            min_confidence: rules.min_confidence,
        }
    }
}

static SCANNERS: Mutex<Vec<(Detection, Weak<Scanner>)>> = Mutex::new(Vec::new());

/// The live scanner compiled from rules that detect what `rules` do, or a new one.
pub(super) fn scanner(rules: &PiiRules) -> Result<Arc<Scanner>, PiiError> {
    let detection = Detection::of(rules);
    // Held while compiling: policies load at start and on reload, rarely at once, and
    // two equal policies loading together then compile one scanner, not two. A panic
    // elsewhere while holding it leaves the list itself whole.
    let mut scanners = SCANNERS.lock().unwrap_or_else(PoisonError::into_inner);
    scanners.retain(|(_, scanner)| scanner.strong_count() > 0);
    if let Some(scanner) = scanners
        .iter()
        .filter(|(d, _)| *d == detection)
        .find_map(|(_, scanner)| scanner.upgrade())
    {
        return Ok(scanner);
    }
    let scanner = Arc::new(Scanner::new(rules)?);
    scanners.push((detection, Arc::downgrade(&scanner)));
    Ok(scanner)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::pii::{Action, Engine, Entity};

    const TEXT: &str = "Call Maria Schneider on +49 30 901820 or mail maria@example.org; \
                        card 4111 1111 1111 1111, born 12.05.1978, Lindenstraße 12, Berlin.";

    fn rules(actions: &[(Entity, Action)], allow: &[&str]) -> PiiRules {
        PiiRules {
            actions: actions.iter().cloned().collect(),
            allow: allow.iter().map(|s| s.to_string()).collect(),
            ..PiiRules::default()
        }
    }

    fn findings(found: Vec<crate::pii::Finding>) -> Vec<(Entity, usize, usize)> {
        found
            .into_iter()
            .map(|f| (f.entity, f.start, f.end))
            .collect()
    }

    #[test]
    fn engines_that_differ_only_in_actions_or_allow_share_one_scanner_and_find_the_same() {
        let tokenize = rules(&[(Entity::Person, Action::Tokenize)], &[]);
        let allow_person = rules(&[(Entity::Person, Action::Allow)], &[]);
        let allowing = rules(&[], &["Maria@Example.org"]);
        let a = Engine::new(&allow_person).unwrap();
        let b = Engine::new(&tokenize).unwrap();
        let c = Engine::new(&allowing).unwrap();
        assert!(Arc::ptr_eq(&a.scanner, &b.scanner));
        assert!(Arc::ptr_eq(&a.scanner, &c.scanner));
        // Shared, b finds what a scanner compiled for its own rules finds: the scanner
        // does not depend on a's actions (PERSON allowed there).
        let fresh = Scanner::new(&tokenize).unwrap();
        let found = findings(b.scan(TEXT));
        assert_eq!(found, findings(fresh.scan(TEXT, &HashSet::new())));
        assert!(
            found.iter().any(|(e, _, _)| *e == Entity::Person),
            "{found:?}"
        );
        // Each engine keeps its own allow list: c drops the allowed address, b does not.
        let email =
            |f: &Vec<(Entity, usize, usize)>| f.iter().any(|(e, _, _)| *e == Entity::EmailAddress);
        assert!(email(&found), "{found:?}");
        let allowed = findings(c.scan(TEXT));
        assert!(!email(&allowed), "{allowed:?}");
        assert_eq!(allowed.len(), found.len() - 1);
    }

    #[test]
    fn engines_that_detect_differently_do_not_share() {
        // min_confidence values of their own keep these scanners apart from other tests'.
        let plain = PiiRules {
            min_confidence: 0.52,
            ..rules(&[], &[])
        };
        let stricter = PiiRules {
            min_confidence: 0.9,
            ..rules(&[], &[])
        };
        let denying = PiiRules {
            min_confidence: 0.52,
            deny: vec![crate::pii::rules::DenyList {
                entity: Entity::Person,
                values: vec!["Berlin".into()],
            }],
            ..rules(&[], &[])
        };
        let a = Engine::new(&plain).unwrap();
        let b = Engine::new(&stricter).unwrap();
        let c = Engine::new(&denying).unwrap();
        assert!(!Arc::ptr_eq(&a.scanner, &b.scanner));
        assert!(!Arc::ptr_eq(&a.scanner, &c.scanner));
        assert_ne!(findings(a.scan(TEXT)), findings(b.scan(TEXT)));
        assert_ne!(findings(a.scan(TEXT)), findings(c.scan(TEXT)));
    }

    #[test]
    fn a_scanner_no_engine_holds_is_freed() {
        let only = PiiRules {
            min_confidence: 0.53,
            ..rules(&[], &[])
        };
        let weak = Arc::downgrade(&Engine::new(&only).unwrap().scanner);
        assert!(weak.upgrade().is_none());
    }
}
