//! Held-out corpus G (`tests/heldout_g/`, issue 12 point 5): 1,980 prompts in six
//! languages in the document kinds users send through a gateway (discharge summaries and
//! referral letters, nursing handovers, pharmacy and lab orders, insurance claims, HR and
//! payroll records, support e-mails with signatures and quoted replies, minutes, court and
//! tenancy letters, CSV/TSV exports, log lines, JSON tool-call arguments, Markdown tables)
//! with names of EU residents of many origins, addresses with PO boxes, units, c/o and rural
//! parts in twelve countries' conventions, phone numbers in every national format (bare, in
//! tables without a trunk zero, with fax and mobile labels), dates of birth in every written
//! form and record numbers of many shapes with and without labels; plus 600 harmless texts
//! full of brands, ships, clubs, wines, cheeses, dishes, software, buildings, prizes,
//! streets as landmarks and towns as products, and 420 decoys of shapes none of A-F has.
//! Scored like corpora B-F (`pii_support::bulk`): the built binary, `redact --format jsonl`
//! with the shipped default policy. Fails below the thresholds; `--nocapture` prints the
//! table, recall per language and the misses.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod pii_support;

use pii_support::bulk::score_corpus;
use pii_support::score::Threshold;

/// (entity, min hidden, min precision, min recall): the figures after the corpus G work
/// on branch pii-quality (first run -> after in docs/pii-evaluation-history.md, "Held-out corpus G"), less
/// 0.02, rounded down. Raise them as the engine improves.
const THRESHOLDS: &[Threshold] = &[
    ("PERSON", 0.83, 0.94, 0.87),
    ("LOCATION", 0.91, 0.97, 0.91),
    ("PHONE_NUMBER", 0.95, 0.96, 0.94),
    ("CREDIT_CARD", 0.98, 0.98, 0.98),
    ("DATE_OF_BIRTH", 0.96, 0.96, 0.96),
    ("MEDICAL_RECORD_NUMBER", 0.97, 0.97, 0.93),
    ("EMAIL_ADDRESS", 0.98, 0.98, 0.98),
    ("IBAN_CODE", 0.98, 0.98, 0.98),
    ("IP_ADDRESS", 0.98, 0.88, 0.98),
];
/// Most harmless texts altered: a regression bar at today's 4.2 % plus 0.02 (4.5 % before the corpus L work, 4.7 % before the corpus K work, 12.3 % before
/// the corpus I work, 23.2 % before the second round, 27.5 % before the corpus H work), NOT issue 12's goal of 1 % (brands
/// and dishes outside `named_things.txt`, `Smart ForFour`, `Soave Classico`; arbitration
/// seats that are cities, `Zürich`; see docs/pii-evaluation-history.md). Most decoys touched: the goal, 5 %
/// (today 0.5 %).
const MAX_HARMLESS_ALTERED: f64 = 0.062;
const MAX_DECOYS_TOUCHED: f64 = 0.05;

const CORPUS: &str = include_str!("heldout_g/corpus.jsonl");

#[test]
fn held_out_corpus_g_through_the_binary_meets_the_thresholds() {
    let report = score_corpus(CORPUS, "heldout_g/corpus.jsonl", THRESHOLDS);
    report.print("corpus G");
    let failures = report.failures(THRESHOLDS, MAX_HARMLESS_ALTERED, MAX_DECOYS_TOUCHED);
    assert!(failures.is_empty(), "{failures:#?}");
}
