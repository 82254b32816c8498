//! Held-out corpus D (`tests/heldout_d/`, issue 12 point 5): 2,040 prompts in six
//! languages whose values come from hand-written real-world-shaped lists (given names and
//! surnames of the six countries and of immigrant families as EU registers spell them,
//! small towns and hamlets, each country's street format) and `phonenumbers`-valid
//! numbers, in text types neither B nor C has (appointment SMS, insurance claims, police
//! reports, school and HR letters, issue-tracker tickets, support chats as nested JSON,
//! voice transcripts without punctuation or capitals, shipping labels on one or several
//! lines, Markdown tables), plus 540 harmless texts naming 150+ distinct capitalised
//! things and 420 look-alike decoys. Scored like corpora B and C (`pii_support::bulk`):
//! the built binary, `redact --format jsonl` with the shipped default policy. Fails below
//! the thresholds (the figures after the issue 12 quality work less 0.02; harmless texts:
//! a regression bar, not the goal); `--nocapture` prints the table, recall per language
//! and the misses.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod pii_support;

use pii_support::bulk::score_corpus;
use pii_support::score::Threshold;

/// (entity, min hidden, min precision, min recall): the figures after the issue 12
/// quality work on branch pii-quality (first run -> after in docs/pii-evaluation-history.md), less 0.02,
/// rounded down; LOCATION and PHONE_NUMBER raised after the corpus E work, PERSON and
/// PHONE_NUMBER after the corpus G work. Raise them as the engine improves.
const THRESHOLDS: &[Threshold] = &[
    ("PERSON", 0.90, 0.96, 0.91),
    ("LOCATION", 0.89, 0.96, 0.89),
    ("PHONE_NUMBER", 0.95, 0.98, 0.96),
    ("CREDIT_CARD", 0.98, 0.98, 0.98),
    ("DATE_OF_BIRTH", 0.97, 0.98, 0.97),
    ("MEDICAL_RECORD_NUMBER", 0.98, 0.98, 0.98),
    ("EMAIL_ADDRESS", 0.98, 0.98, 0.98),
    ("IBAN_CODE", 0.98, 0.98, 0.98),
    ("IP_ADDRESS", 0.98, 0.98, 0.98),
];
/// Most harmless texts altered: a regression bar at today's 3.1 % plus 0.02 (6.3 % before
/// the corpus I work, 10.2 % before the second round, 12.0 % before the corpus H work), NOT issue 12's goal of 1 % (ships,
/// brands and dishes named after people or places outside `named_things.txt`, `Kobo
/// Clara`, `Stella Lamp`; see docs/pii-evaluation-history.md). Most decoys touched: the goal, 5 % (today 1.4 %).
const MAX_HARMLESS_ALTERED: f64 = 0.051;
const MAX_DECOYS_TOUCHED: f64 = 0.05;

const CORPUS: &str = include_str!("heldout_d/corpus.jsonl");

#[test]
fn held_out_corpus_d_through_the_binary_meets_the_thresholds() {
    let report = score_corpus(CORPUS, "heldout_d/corpus.jsonl", THRESHOLDS);
    report.print("corpus D");
    let failures = report.failures(THRESHOLDS, MAX_HARMLESS_ALTERED, MAX_DECOYS_TOUCHED);
    assert!(failures.is_empty(), "{failures:#?}");
}
