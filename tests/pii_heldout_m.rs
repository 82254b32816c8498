//! Held-out corpus M (`tests/heldout_m/`, issue 12 point 5): an honest estimate of BOTH
//! recall and precision, written before any rule was changed for it. 648 labelled PII texts
//! in six languages in registers A-L lack (GEDCOM family-tree records, MECARD strings from
//! QR codes, airline booking records with `SURNAME/GIVEN` and `SSR DOCS … 25MAR61`,
//! amateur-radio logbooks with the operator and QTH, doorbell panels, court lists, LaTeX
//! tables, Java and Kotlin builder code, contract parties clauses, minutes with an
//! attendance list, petition signatures, hospital wristbands with `SURNAME, Given` and a
//! `*…*` barcode number), with Manx, Nepali, Hong Kong, Zimbabwean, Tamil, Lithuanian, East
//! Frisian, Palatine, Bosnian, Iranian, Cameroonian, Kazakh-German, Norman, Lorrain,
//! Réunionese, Haitian, Tunisian, Ivorian, Mallorcan, Asturian, Murcian, Venezuelan,
//! Dominican, Paraguayan, Ligurian, Emilian, Tuscan, Abruzzese, Moldovan, Peruvian,
//! Flemish, Volendam, Indo-Dutch, Bulgarian, Brazilian and Hungarian names and small towns
//! none of A-L holds; 720 harmless texts naming things after people or places (dances,
//! knots, laboratory glassware, teas, shoes and garments, figure-skating elements, video
//! games, mountain huts, poultry breeds, cycling classics, bridge conventions, DIY tools);
//! 360 decoys of 20 numeric shapes A-L lack. Scored like corpus L (`pii_support::bulk`):
//! the built binary, `redact --format jsonl` with the shipped default policy.
//! `--nocapture` prints the table, the misses and the false alarms.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod pii_support;

use pii_support::bulk::score_corpus;
use pii_support::score::Threshold;

/// (entity, min hidden, min precision, min recall): the figures after session 17's fixes by
/// class (docs/pii-evaluation-history.md, "Held-out corpus M": first run -> after) less 0.02, rounded down. Raise
/// them as the engine improves.
const THRESHOLDS: &[Threshold] = &[
    ("PERSON", 0.80, 0.97, 0.80),
    ("LOCATION", 0.81, 0.97, 0.83),
    ("PHONE_NUMBER", 0.98, 0.98, 0.98),
    ("DATE_OF_BIRTH", 0.77, 0.98, 0.77),
    ("EMAIL_ADDRESS", 0.98, 0.98, 0.98),
    ("IBAN_CODE", 0.98, 0.98, 0.98),
    ("MEDICAL_RECORD_NUMBER", 0.86, 0.98, 0.86),
    ("CREDIT_CARD", 0.98, 0.98, 0.98),
];
/// Most harmless texts altered: a regression bar at today's 5.1 % plus 0.02 (first run
/// 6.8 %), NOT issue 12's goal of 1 %. Most decoys touched: the first run's 0.3 % plus
/// 0.02.
const MAX_HARMLESS_ALTERED: f64 = 0.071;
const MAX_DECOYS_TOUCHED: f64 = 0.023;

const CORPUS: &str = include_str!("heldout_m/corpus.jsonl");

#[test]
fn held_out_corpus_m_through_the_binary_meets_the_thresholds() {
    let report = score_corpus(CORPUS, "heldout_m/corpus.jsonl", THRESHOLDS);
    report.print("corpus M");
    let failures = report.failures(THRESHOLDS, MAX_HARMLESS_ALTERED, MAX_DECOYS_TOUCHED);
    assert!(failures.is_empty(), "{failures:#?}");
}
