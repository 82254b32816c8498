//! Held-out corpus J (`tests/heldout_j/`, issue 12 point 5): an honest estimate of BOTH
//! recall and precision, written before any rule was changed for it. 648 labelled PII texts
//! in six languages in registers A-I lack (race entries, family-history notes, second-hand
//! sale chats, lost-pet posts, gym cancellations, home-care rotas, translation requests,
//! school-trip consent slips, flu-jab requests, tutoring invoices, fixed-width waiting
//! lists, birthday-card prompts), with Cornish, Ghanaian, Pakistani, Somali, Sorbian,
//! Kurdish, Croatian, Vietnamese, Corsican, Basque, Senegalese, Cambodian, Galician,
//! Ukrainian, Bolivian, Sardinian, Friulian, Filipino, Sri Lankan, Frisian, Moluccan,
//! Antillean, Eritrean and Afghan names and small towns none of A-I holds; 924 harmless
//! texts full of capitalised words that are neither people nor whereabouts (novels named
//! after their heroes, cocktails, typefaces, algorithms, theorems and laws named after
//! people, dog breeds, airports, seats of government, court cases, schools, teams named
//! after towns, films, medical signs and scores, streets as the scene of history); 360
//! decoys of 20 numeric shapes A-I lack. Scored like corpus I (`pii_support::bulk`): the
//! built binary, `redact --format jsonl` with the shipped default policy. `--nocapture`
//! prints the table, the misses and the false alarms.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod pii_support;

use pii_support::bulk::score_corpus;
use pii_support::score::Threshold;

/// (entity, min hidden, min precision, min recall): the first run's figures (README,
/// "Held-out corpus J") less 0.02, rounded down: a regression bar until the fixes for J
/// are measured.
const THRESHOLDS: &[Threshold] = &[
    ("PERSON", 0.76, 0.95, 0.76),
    ("LOCATION", 0.75, 0.96, 0.76),
    ("PHONE_NUMBER", 0.95, 0.92, 0.94),
    ("DATE_OF_BIRTH", 0.62, 0.94, 0.62),
    ("EMAIL_ADDRESS", 0.98, 0.98, 0.98),
    ("IBAN_CODE", 0.98, 0.98, 0.98),
    ("MEDICAL_RECORD_NUMBER", 0.92, 0.79, 0.73),
    ("CREDIT_CARD", 0.98, 0.98, 0.98),
];
/// Most harmless texts altered and decoys touched: the first run (37.4 %, 5.0 %) plus
/// 0.02, NOT issue 12's goals (1 %, 5 %).
const MAX_HARMLESS_ALTERED: f64 = 0.394;
const MAX_DECOYS_TOUCHED: f64 = 0.07;

const CORPUS: &str = include_str!("heldout_j/corpus.jsonl");

#[test]
fn held_out_corpus_j_through_the_binary_meets_the_thresholds() {
    let report = score_corpus(CORPUS, "heldout_j/corpus.jsonl", THRESHOLDS);
    report.print("corpus J");
    let failures = report.failures(THRESHOLDS, MAX_HARMLESS_ALTERED, MAX_DECOYS_TOUCHED);
    assert!(failures.is_empty(), "{failures:#?}");
}
