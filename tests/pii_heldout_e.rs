//! Held-out corpus E (`tests/heldout_e/`, issue 12 point 5): 2,040 prompts in six
//! languages whose values are typed in the shape of Irish, Scottish, Austrian, Swiss,
//! Belgian, Luxembourgish, Spanish and Italian registers (Spanish two-surname names,
//! double-barrelled and particle surnames, initials; small towns and hamlets with each
//! country's street format and postcode) and `phonenumbers`-valid numbers written in every
//! national way and read out word by word, in text types none of A-D has (e-mail threads
//! with quoted replies, discharge summaries, referral letters, CVs, contracts with party
//! blocks, forum posts, OCR text with broken lines, CSV and TSV exports, vCards, calendar
//! invites, git commits, log lines, YAML and JSON configs, voice transcripts), plus 540
//! harmless texts (dates, timestamps, order and invoice numbers, versions, amounts,
//! hashes, bare 9-digit numbers, product, team and venue names) and 420 decoys of new
//! shapes. Scored like corpora B, C and D (`pii_support::bulk`): the built binary,
//! `redact --format jsonl` with the shipped default policy. Fails below the thresholds;
//! `--nocapture` prints the table, recall per language and the misses.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod pii_support;

use pii_support::bulk::score_corpus;
use pii_support::score::Threshold;

/// (entity, min hidden, min precision, min recall): the figures after the issue 12
/// quality work on branch pii-quality (first run -> after in docs/pii-evaluation-history.md), less 0.02,
/// rounded down; PERSON, LOCATION and PHONE_NUMBER raised after the corpus G work,
/// LOCATION again after session 17 (a town after a name and a comma). Raise
/// them as the engine improves.
const THRESHOLDS: &[Threshold] = &[
    ("PERSON", 0.91, 0.97, 0.93),
    ("LOCATION", 0.91, 0.97, 0.91),
    ("PHONE_NUMBER", 0.96, 0.98, 0.95),
    ("CREDIT_CARD", 0.98, 0.98, 0.98),
    ("DATE_OF_BIRTH", 0.91, 0.98, 0.91),
    ("MEDICAL_RECORD_NUMBER", 0.98, 0.92, 0.98),
    ("EMAIL_ADDRESS", 0.98, 0.98, 0.98),
    ("IBAN_CODE", 0.98, 0.98, 0.98),
    ("IP_ADDRESS", 0.98, 0.96, 0.98),
];
/// Most harmless texts altered: a regression bar at today's 2.6 % plus 0.02 (3.0 % before
/// session 16's name rules, 3.9 % before the corpus I work), NOT issue 12's goal of 1 % (most of the 16 are products, venues and dishes named after people or
/// places, `Otto Fleet`, `Innovation Lab East`, `Cullen Skink`; see docs/pii-evaluation-history.md). Most
/// decoys touched: the goal, 5 % (today 0.0 %).
const MAX_HARMLESS_ALTERED: f64 = 0.046;
const MAX_DECOYS_TOUCHED: f64 = 0.05;

const CORPUS: &str = include_str!("heldout_e/corpus.jsonl");

#[test]
fn held_out_corpus_e_through_the_binary_meets_the_thresholds() {
    let report = score_corpus(CORPUS, "heldout_e/corpus.jsonl", THRESHOLDS);
    report.print("corpus E");
    let failures = report.failures(THRESHOLDS, MAX_HARMLESS_ALTERED, MAX_DECOYS_TOUCHED);
    assert!(failures.is_empty(), "{failures:#?}");
}
