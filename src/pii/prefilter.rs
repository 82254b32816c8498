//! The prefilter's patterns: for each recognizer's regex, a looser one that matches
//! wherever it matches, cheaper for the sets' lazy DFAs to build on text never seen.
//!
//! A set of patterns runs as one lazy DFA whose states combine every pattern's position:
//! a bounded repetition (`[A-Za-z0-9._%+-]{0,63}`, `[0-9 ./-]{5,16}`) counts its way
//! through a run, and the counts of eighteen patterns multiply into new states on
//! almost every segment of unseen text. The sets only decide which recognizers run on a
//! segment, and each recognizer's own regex still decides what it matches, so any
//! pattern whose matches include the recognizer's serves: an upper bound dropped
//! (`{0,63}` becomes `*`) keeps every match and removes the counting.

use regex_syntax::hir::{Hir, HirKind, Repetition};

/// `pattern` with the upper bounds of its repetitions dropped; the pattern itself when
/// it does not parse here (it will fail to compile with its own error).
pub(super) fn loosened(pattern: &str) -> String {
    match regex_syntax::parse(pattern) {
        Ok(hir) => unbounded(hir).to_string(),
        Err(_) => pattern.to_string(),
    }
}

fn unbounded(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            min: r.min,
            max: None,
            greedy: r.greedy,
            sub: Box::new(unbounded(*r.sub)),
        }),
        HirKind::Capture(mut c) => {
            c.sub = Box::new(unbounded(*c.sub));
            Hir::capture(c)
        }
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(unbounded).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.into_iter().map(unbounded).collect()),
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(l) => Hir::literal(l.0),
        HirKind::Class(c) => Hir::class(c),
        HirKind::Look(l) => Hir::look(l),
    }
}

/// The states of `pattern`'s Thompson NFA, as the sets compile it: what its share of a
/// set's lazy DFA grows with. Zero when it does not compile here.
pub(super) fn states(pattern: &str) -> usize {
    regex_automata::nfa::thompson::NFA::new(pattern).map_or(0, |nfa| nfa.states().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loosened_patterns_match_wherever_theirs_do_without_counting() {
        let pattern = r"(?-u:\b)[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[a-z]{2,6}(?:\.[a-z]{2,3}){1,2}";
        let loose = loosened(pattern);
        assert!(!loose.contains(",63}") && !loose.contains(",6}"), "{loose}");
        let (theirs, ours) = (
            regex::Regex::new(pattern).unwrap(),
            regex::Regex::new(&loose).unwrap(),
        );
        let long_local = format!("{}@example.com", "a".repeat(80));
        for text in [
            "mail jane.doe@example.com now",
            "x@ab.cd.ef",
            "@example.com",
            "a@b",
        ] {
            assert!(!theirs.is_match(text) || ours.is_match(text), "{text}");
        }
        assert!(!theirs.is_match(&long_local) || ours.is_match(&long_local));
        assert!(ours.is_match("x@abcdefghij.com"), "an upper bound dropped");
        assert!(!ours.is_match("x@a.com"), "the lower bounds kept");
    }

    #[test]
    fn states_grow_with_the_pattern() {
        assert!(states("[0-9]{2}") < states("[0-9]{20}"));
        assert_eq!(states("("), 0);
    }
}
