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

/// (entity, min hidden, min precision, min recall): the figures after the corpus I work
/// on branch pii-quality less 0.02, rounded down (docs/pii-evaluation-history.md, "Held-out corpus I": first run
/// -> after). Raise them as the engine improves.
const THRESHOLDS: &[Threshold] = &[
    ("PERSON", 0.85, 0.90, 0.87),
    ("LOCATION", 0.87, 0.97, 0.88),
    ("PHONE_NUMBER", 0.92, 0.98, 0.92),
    ("DATE_OF_BIRTH", 0.96, 0.92, 0.96),
    ("EMAIL_ADDRESS", 0.98, 0.98, 0.98),
    ("IBAN_CODE", 0.98, 0.98, 0.98),
    ("MEDICAL_RECORD_NUMBER", 0.89, 0.98, 0.89),
    ("CREDIT_CARD", 0.98, 0.95, 0.98),
];
/// Most harmless texts altered: a regression bar at today's 4.0 % plus 0.02 (first run
/// 50.5 %), NOT issue 12's goal of 1 % (places read as people after a place preposition,
/// `Reggio Emilia`; pets' names; unlisted yarn houses; see the
/// docs/pii-evaluation-history.md). The corpus I work was done with I's false alarms in view, so I no longer
/// estimates unseen text: its first run does. Most decoys touched: the goal, 5 % (today
/// 0.0 %, first run 5.6 %).
const MAX_HARMLESS_ALTERED: f64 = 0.060;
const MAX_DECOYS_TOUCHED: f64 = 0.05;

const CORPUS: &str = include_str!("heldout_i/corpus.jsonl");

#[test]
fn held_out_corpus_i_through_the_binary_meets_the_thresholds() {
    let report = score_corpus(CORPUS, "heldout_i/corpus.jsonl", THRESHOLDS);
    report.print("corpus I");
    let failures = report.failures(THRESHOLDS, MAX_HARMLESS_ALTERED, MAX_DECOYS_TOUCHED);
    assert!(failures.is_empty(), "{failures:#?}");
}
