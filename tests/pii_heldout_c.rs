//! Held-out corpus C (`tests/heldout_c/`, issue 12 point 5): 2,160 prompts in six
//! languages whose values come from mimesis and hand-written real-world-shaped lists,
//! in text types written before any tuning (e-mail threads with signatures, chat
//! transcripts, clinical handovers, CRM JSON with local keys, CSV rows, forms, prose),
//! plus 420 hard harmless texts and 420 look-alike decoys. Scored like corpus B
//! (`pii_support::bulk`): the built binary, `redact --format jsonl` with the shipped
//! default policy. Fails below the thresholds (the figures after the issue 12 quality
//! work less 0.02); `--nocapture` prints the table, recall per language and the misses.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod pii_support;

use pii_support::bulk::score_corpus;
use pii_support::score::Threshold;

/// (entity, min hidden, min precision, min recall): the figures after the issue 12
/// quality work on branch pii-quality (corpora C then D), less 0.02, rounded down. Raise them as the engine
/// improves.
const THRESHOLDS: &[Threshold] = &[
    ("PERSON", 0.83, 0.97, 0.86),
    ("LOCATION", 0.89, 0.97, 0.91),
    ("PHONE_NUMBER", 0.97, 0.98, 0.97),
    ("CREDIT_CARD", 0.98, 0.98, 0.98),
    ("DATE_OF_BIRTH", 0.96, 0.98, 0.95),
    ("MEDICAL_RECORD_NUMBER", 0.98, 0.97, 0.98),
    ("EMAIL_ADDRESS", 0.98, 0.98, 0.98),
    ("IBAN_CODE", 0.98, 0.98, 0.98),
    ("IP_ADDRESS", 0.98, 0.98, 0.98),
];
/// Most harmless texts altered: issue 12's goal, 1 % (today 0.2 %, 1 of 420, after the
/// product-name class `Orion Board` was fixed on branch pii-quality). Most decoys touched:
/// the goal, 5 % (today 2.9 %).
const MAX_HARMLESS_ALTERED: f64 = 0.01;
const MAX_DECOYS_TOUCHED: f64 = 0.05;

const CORPUS: &str = include_str!("heldout_c/corpus.jsonl");

#[test]
fn held_out_corpus_c_through_the_binary_meets_the_thresholds() {
    let report = score_corpus(CORPUS, "heldout_c/corpus.jsonl", THRESHOLDS);
    report.print("corpus C");
    let failures = report.failures(THRESHOLDS, MAX_HARMLESS_ALTERED, MAX_DECOYS_TOUCHED);
    assert!(failures.is_empty(), "{failures:#?}");
}
