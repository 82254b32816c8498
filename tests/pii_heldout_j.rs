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

/// (entity, min hidden, min precision, min recall): the figures after the first round of
/// fixes for J on branch pii-quality less 0.02, rounded down (docs/pii-evaluation-history.md, "Held-out corpus J":
/// first run -> after); PERSON after the corpus K work. Raise them as the engine improves.
const THRESHOLDS: &[Threshold] = &[
    ("PERSON", 0.82, 0.97, 0.83),
    ("LOCATION", 0.85, 0.96, 0.86),
    ("PHONE_NUMBER", 0.95, 0.92, 0.94),
    ("DATE_OF_BIRTH", 0.94, 0.90, 0.94),
    ("EMAIL_ADDRESS", 0.98, 0.98, 0.98),
    ("IBAN_CODE", 0.98, 0.98, 0.98),
    ("MEDICAL_RECORD_NUMBER", 0.92, 0.84, 0.73),
    ("CREDIT_CARD", 0.98, 0.98, 0.98),
];
/// Most harmless texts altered: a regression bar at today's 4.3 % plus 0.02 (20.0 % before session 16's
/// rules for works, rankings, second destinations and list headings; 22.1 % before the corpus L work, 23.2 % before
/// the corpus K work, first run 37.4 %), NOT issue 12's goal of 1 % (novels, films, typefaces, teams and airports named
/// like people; see docs/pii-evaluation-history.md). Most decoys touched: today's 0.0 % plus 0.02 (5.0 % before
/// numbers summed to a total stopped reading as phone numbers: golf scorecards).
const MAX_HARMLESS_ALTERED: f64 = 0.063;
const MAX_DECOYS_TOUCHED: f64 = 0.02;

const CORPUS: &str = include_str!("heldout_j/corpus.jsonl");

#[test]
fn held_out_corpus_j_through_the_binary_meets_the_thresholds() {
    let report = score_corpus(CORPUS, "heldout_j/corpus.jsonl", THRESHOLDS);
    report.print("corpus J");
    let failures = report.failures(THRESHOLDS, MAX_HARMLESS_ALTERED, MAX_DECOYS_TOUCHED);
    assert!(failures.is_empty(), "{failures:#?}");
}
