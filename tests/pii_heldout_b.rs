//! Held-out corpus B (`tests/heldout_b/`, issue 12 point 5): 3,000 prompts in six
//! languages whose values come from Faker and whose templates were written blind to
//! the recognizers, plus 500 harmless texts and 500 look-alike decoys. Every text goes
//! through the built binary as a user runs it, `ledgergate redact --format jsonl` with
//! the shipped default policy, and the findings it prints are scored per entity:
//! "hidden" (every byte of the value inside a finding whose action alters the text),
//! precision and recall (a finding of the same entity overlapping the value); and the
//! share of harmless texts altered and of decoys touched. Fails below the thresholds,
//! which are today's figures less 0.02 (a regression bar). `--nocapture` prints the
//! table, recall per language and the first misses. The scorer is shared with
//! corpus A (`pii_support::score`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod pii_support;

use pii_support::bulk::score_corpus;
use pii_support::score::Threshold;

/// (entity, min hidden, min precision, min recall): measured on branch pii-recall after
/// the issue 12 precision and recall work, raised on branch pii-quality (the classes
/// corpus C showed), less 0.02, rounded down. Raise them as the engine improves.
const THRESHOLDS: &[Threshold] = &[
    ("PERSON", 0.90, 0.94, 0.92),
    ("LOCATION", 0.87, 0.96, 0.86),
    ("PHONE_NUMBER", 0.95, 0.96, 0.94),
    ("CREDIT_CARD", 0.98, 0.98, 0.97),
    ("DATE_OF_BIRTH", 0.98, 0.97, 0.98),
    ("MEDICAL_RECORD_NUMBER", 0.98, 0.91, 0.95),
    ("EMAIL_ADDRESS", 0.98, 0.98, 0.98),
    ("IBAN_CODE", 0.98, 0.98, 0.98),
    ("US_SSN", 0.98, 0.98, 0.98),
    ("IP_ADDRESS", 0.98, 0.98, 0.98),
    ("URL", 0.98, 0.98, 0.98),
];
/// Most harmless texts altered, most decoys touched: issue 12's goals (today 0.8 % and
/// 2.4 %).
const MAX_HARMLESS_ALTERED: f64 = 0.01;
const MAX_DECOYS_TOUCHED: f64 = 0.05;

const CORPUS: &str = include_str!("heldout_b/corpus.jsonl");

#[test]
fn held_out_corpus_b_through_the_binary_meets_the_thresholds() {
    let report = score_corpus(CORPUS, "heldout_b/corpus.jsonl", THRESHOLDS);
    report.print("corpus B");
    let failures = report.failures(THRESHOLDS, MAX_HARMLESS_ALTERED, MAX_DECOYS_TOUCHED);
    assert!(failures.is_empty(), "{failures:#?}");
}
