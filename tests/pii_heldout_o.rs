//! Held-out corpus O (`tests/heldout_o/`, issue 12 point 5): an honest estimate of both
//! recall and precision, written before any rule was changed for it, in registers corpus N
//! lacks: 432 prompts in six languages built around group-chat exports, shift rotas,
//! meeting minutes, guest lists, delivery notes, HR notes, forum posts and ward handover
//! lists (lone given names as chat senders and rota entries, full names at the head of
//! bullets, surnames in capitals), with Welsh, Irish, Punjabi, Somali, Lithuanian,
//! Shetland, North Frisian, Bavarian, Russian-German, Syrian, Croatian, Polish, Alsatian,
//! Gascon, Portuguese, Comorian, Antillean, Savoyard, Catalan, Asturian, Canarian,
//! Moroccan, Colombian, Peruvian, Ladin, Neapolitan, Venetian, Chinese, Arbëreshë,
//! Ukrainian, Groningen, Brabant, Moluccan, Turkish, Twente and Cape Verdean names and
//! small towns none of A-N holds; 432 harmless prompts of the same registers full of
//! capitalised things named after people and places (meeting rooms named after
//! scientists, storms with given names, stadiums and concert halls, rose, apple and potato
//! cultivars, grants and prizes, ferries, wines, goods); 240 decoys of ten numeric shapes
//! A-N lack (cricket bowling figures, sudoku rows, espresso recipes, ...). Scored like
//! corpus N (`pii_support::bulk`): the built binary, `redact --format jsonl` with the
//! shipped default policy. `--nocapture` prints the table, the misses and the false alarms.
//!
//! First run, before any change (at `5dbc6cd`), hidden / precision / recall: PERSON 0.666 /
//! 0.978 / 0.674, LOCATION 0.854 / 0.997 / 0.863, PHONE_NUMBER 1.000 / 0.994 / 0.994,
//! DATE_OF_BIRTH 1.000 / 0.667 / 1.000, MEDICAL_RECORD_NUMBER 0.963 / 1.000 / 0.944,
//! EMAIL_ADDRESS, IBAN_CODE and CREDIT_CARD 1.000; harmless texts altered 28.2 % (122 of
//! 432), decoys touched 0.0 % (0 of 240).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod pii_support;

use pii_support::bulk::score_corpus;
use pii_support::score::Threshold;

/// (entity, min hidden, min precision, min recall): session 22's figures (PERSON 0.822 /
/// 0.982 / 0.825, DATE_OF_BIRTH precision 1.000) less 0.02, rounded down, the others the
/// first run's less 0.02 (regression bars, not issue 12's goals). Raise them as the engine
/// improves.
const THRESHOLDS: &[Threshold] = &[
    ("PERSON", 0.80, 0.96, 0.80),
    ("LOCATION", 0.83, 0.97, 0.84),
    ("PHONE_NUMBER", 0.98, 0.97, 0.97),
    ("DATE_OF_BIRTH", 0.98, 0.98, 0.98),
    ("EMAIL_ADDRESS", 0.98, 0.98, 0.98),
    ("IBAN_CODE", 0.98, 0.98, 0.98),
    ("MEDICAL_RECORD_NUMBER", 0.94, 0.98, 0.92),
    ("CREDIT_CARD", 0.98, 0.98, 0.98),
];
/// Most harmless texts altered: session 22's 3.2 % plus 0.02 (first run 28.2 %); most
/// decoys touched: the first run's 0.0 % plus 0.02. NOT issue 12's goals of 1 % and 5 %.
const MAX_HARMLESS_ALTERED: f64 = 0.052;
const MAX_DECOYS_TOUCHED: f64 = 0.02;

const CORPUS: &str = include_str!("heldout_o/corpus.jsonl");

#[test]
fn held_out_corpus_o_through_the_binary_meets_the_thresholds() {
    let report = score_corpus(CORPUS, "heldout_o/corpus.jsonl", THRESHOLDS);
    report.print("corpus O");
    let failures = report.failures(THRESHOLDS, MAX_HARMLESS_ALTERED, MAX_DECOYS_TOUCHED);
    assert!(failures.is_empty(), "{failures:#?}");
}
