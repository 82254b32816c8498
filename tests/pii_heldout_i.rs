//! Held-out corpus I (`tests/heldout_i/`, issue 12 point 5): an honest estimate of BOTH
//! recall and precision, written before any rule was changed for it. 648 labelled PII texts
//! in six languages in registers A-H lack (lettings e-mails, nursery notes, courier chat,
//! job applications and CVs, wedding and funeral notices, club membership lists, veterinary
//! records, travel bookings, app JSON and log lines, moving quotes, dental and physio
//! recalls, car-club sign-ups), with names of the six countries and of Turkish, Moroccan,
//! Polish, Surinamese, Vietnamese, Nigerian and Indian families, particles and
//! double-barrelled surnames, small towns, flats, floors and rural addresses, national phone
//! formats, dates of birth in words and numbers; 930 harmless texts, most of them naming
//! towns, regions, streets and roads as no one's whereabouts (weather, traffic, timetables,
//! openings, property markets, fixtures, history, travel guides, election results, waste
//! rounds, river levels); 324 decoys of 20 shapes A-H lack. Scored like corpus H
//! (`pii_support::bulk`): the built binary, `redact --format jsonl` with the shipped default
//! policy. `--nocapture` prints the table, the misses and the false alarms.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod pii_support;

use pii_support::bulk::score_corpus;
use pii_support::score::Threshold;

/// (entity, min hidden, min precision, min recall): the first run's figures less 0.02,
/// rounded down (README, "Held-out corpus I"). Raise them as the engine improves.
const THRESHOLDS: &[Threshold] = &[
    ("PERSON", 0.80, 0.90, 0.82),
    ("LOCATION", 0.75, 0.97, 0.76),
    ("PHONE_NUMBER", 0.92, 0.98, 0.92),
    ("DATE_OF_BIRTH", 0.95, 0.83, 0.95),
    ("EMAIL_ADDRESS", 0.98, 0.98, 0.98),
    ("IBAN_CODE", 0.96, 0.98, 0.96),
    ("MEDICAL_RECORD_NUMBER", 0.89, 0.98, 0.89),
    ("CREDIT_CARD", 0.98, 0.95, 0.98),
];
/// Most harmless texts altered: a regression bar at the first run's 50.5 % plus 0.02, NOT
/// issue 12's goal of 1 %. Most decoys touched: the first run's 5.6 % plus 0.02 (the goal
/// is 5 %).
const MAX_HARMLESS_ALTERED: f64 = 0.525;
const MAX_DECOYS_TOUCHED: f64 = 0.076;

const CORPUS: &str = include_str!("heldout_i/corpus.jsonl");

#[test]
fn held_out_corpus_i_through_the_binary_meets_the_thresholds() {
    let report = score_corpus(CORPUS, "heldout_i/corpus.jsonl", THRESHOLDS);
    report.print("corpus I");
    let failures = report.failures(THRESHOLDS, MAX_HARMLESS_ALTERED, MAX_DECOYS_TOUCHED);
    assert!(failures.is_empty(), "{failures:#?}");
}
