//! Held-out corpus F (`tests/heldout_f/`, issue 12 point 5): 2,040 prompts in six
//! languages whose values are typed in the shape of registers none of A-E covers (Welsh and
//! Canadian English, Québec and Swiss French, Alsatian, Flemish, South Tyrol German and
//! Italian, German-speaking Belgium, Latin-American Spanish written in Spain, and Turkish,
//! Moroccan, Polish, Portuguese, Vietnamese and Albanian families in EU registers), names in
//! lower case, in capitals, surname first, in JSON values, URLs and e-mail local parts;
//! streets named after people, towns that are also surnames or ordinary words; phone
//! numbers as bare digit runs, in tables, with extensions and `(0)`; in text types none of
//! A-E has (e-mail headers with display names, boarding passes, court notices, courier
//! notes in capitals, chat exports, ward notes, listings, quoted CSV, death notices,
//! SQL inserts, direct-debit forms), plus 600 harmless texts full of things named after
//! people or places (prizes, foundations, brands, vehicles, buildings, lines, ships,
//! stadiums, software, dishes, clubs and scores) and 420 decoys of new shapes. Scored like
//! corpora B-E (`pii_support::bulk`): the built binary, `redact --format jsonl` with the
//! shipped default policy. Fails below the thresholds; `--nocapture` prints the table,
//! recall per language and the misses.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod pii_support;

use pii_support::bulk::score_corpus;
use pii_support::score::Threshold;

/// (entity, min hidden, min precision, min recall): the figures after the issue 12
/// quality work on branch pii-quality (first run -> after in docs/pii-evaluation-history.md, "Held-out corpus
/// F"), less 0.02, rounded down; PERSON, LOCATION, PHONE_NUMBER and MEDICAL_RECORD_NUMBER
/// raised after the corpus G work, LOCATION again after the second round (lower-case
/// Canadian address lines). Raise them as the engine improves.
const THRESHOLDS: &[Threshold] = &[
    ("PERSON", 0.87, 0.96, 0.90),
    ("LOCATION", 0.78, 0.97, 0.80),
    ("PHONE_NUMBER", 0.93, 0.98, 0.93),
    ("CREDIT_CARD", 0.98, 0.98, 0.98),
    ("DATE_OF_BIRTH", 0.89, 0.97, 0.89),
    ("MEDICAL_RECORD_NUMBER", 0.84, 0.98, 0.83),
    ("EMAIL_ADDRESS", 0.98, 0.98, 0.98),
    ("IBAN_CODE", 0.98, 0.98, 0.98),
    ("IP_ADDRESS", 0.98, 0.98, 0.98),
    ("URL", 0.98, 0.98, 0.98),
];
/// Most harmless texts altered: a regression bar at today's 3.8 % plus 0.02 (4.0 % before the corpus L work, 7.5 % before
/// the corpus I work, 12.5 % before the second round, 17.0 % before the corpus H work), NOT issue 12's goal of 1 % (brands,
/// software and dishes named after people or places outside `named_things.txt`, `Alfa Romeo
/// Giulia`, `Grafana Loki`, `Bordeaux`; see docs/pii-evaluation-history.md). Most decoys touched: the goal, 5 %
/// (today 1.0 %).
const MAX_HARMLESS_ALTERED: f64 = 0.058;
const MAX_DECOYS_TOUCHED: f64 = 0.05;

const CORPUS: &str = include_str!("heldout_f/corpus.jsonl");

#[test]
fn held_out_corpus_f_through_the_binary_meets_the_thresholds() {
    let report = score_corpus(CORPUS, "heldout_f/corpus.jsonl", THRESHOLDS);
    report.print("corpus F");
    let failures = report.failures(THRESHOLDS, MAX_HARMLESS_ALTERED, MAX_DECOYS_TOUCHED);
    assert!(failures.is_empty(), "{failures:#?}");
}
