//! Held-out corpus N (`tests/heldout_n/`, issue 12 point 5): an honest estimate of BOTH
//! recall and precision, written before any rule was changed for it, back in the class
//! issue 12's hidden evaluation describes: 648 ordinary LLM prompts in six languages
//! (replies to pasted e-mails with signature blocks, referral letters, support tickets, CV
//! paragraphs, tenancy letters, school notes, insurance claims, discharge summaries, tax
//! questions, e-mail threads, references, messages to neighbours) with names in running
//! prose and no labels (subject, object, after a preposition, possessive, greeting and
//! sign-off, titles and degrees around them), Cornish, Yoruba, Gaelic, Bangladeshi,
//! Jamaican, Polish, Sorbian, Turkish, Swiss, Vietnamese, Ghanaian, Westphalian, Breton,
//! Corsican, Malagasy, Kabyle, Senegalese, Basque, Galician, Andalusian, Mexican,
//! Ecuadorian, Filipino, Sardinian, Friulian, Sicilian, Albanian, Romanian, Trentino,
//! Frisian, Limburg, Surinamese, Moroccan, Antillean and Zeelandic names and small towns
//! none of A-M holds, addresses in each country's format, dates of birth in words; 648
//! harmless prompts of the same kind full of capitalised things (software, medicines, cars
//! named after places, books and films named after characters or places, laws and
//! treaties, eponymous diseases, institutions known by their street or town, dishes,
//! football results, fashion houses and products named after people); 360 decoys of 20
//! numeric shapes A-M lack (IMEIs, GS1 barcodes, NDC codes, ski-pass numbers, ...). Scored
//! like corpus M (`pii_support::bulk`): the built binary, `redact --format jsonl` with the
//! shipped default policy. `--nocapture` prints the table, the misses and the false alarms.
//!
//! First run, before any change (at `058e9fc`), hidden / precision / recall: PERSON 0.745 /
//! 0.978 / 0.750, LOCATION 0.834 / 0.958 / 0.866, PHONE_NUMBER 0.996 / 0.928 / 0.996,
//! DATE_OF_BIRTH 0.937 / 1.000 / 0.996, MEDICAL_RECORD_NUMBER 0.926 / 1.000 / 0.806,
//! IBAN_CODE 0.907 / 1.000 / 0.907, EMAIL_ADDRESS and CREDIT_CARD 1.000; harmless texts
//! altered 13.7 % (89 of 648), decoys touched 0.3 % (1 of 360).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod pii_support;

use pii_support::bulk::score_corpus;
use pii_support::score::Threshold;

/// (entity, min hidden, min precision, min recall): the first run less 0.02, rounded down
/// (regression bars, not issue 12's goals); PERSON's and PHONE_NUMBER's precision,
/// IBAN_CODE and MEDICAL_RECORD_NUMBER raised to session 18's figures less 0.02, PERSON's
/// hidden and recall to session 22's (0.824 / 0.830) less 0.02. Raise them as the engine
/// improves.
const THRESHOLDS: &[Threshold] = &[
    ("PERSON", 0.80, 0.97, 0.81),
    ("LOCATION", 0.81, 0.93, 0.84),
    ("PHONE_NUMBER", 0.97, 0.98, 0.97),
    ("DATE_OF_BIRTH", 0.91, 0.98, 0.97),
    ("EMAIL_ADDRESS", 0.98, 0.98, 0.98),
    ("IBAN_CODE", 0.98, 0.98, 0.98),
    ("MEDICAL_RECORD_NUMBER", 0.98, 0.98, 0.98),
    ("CREDIT_CARD", 0.98, 0.98, 0.98),
];
/// Most harmless texts altered: session 18's 9.3 % plus 0.02 (first run 13.7 %), NOT
/// issue 12's goal of 1 %. Most decoys touched: the first run's 0.3 % plus 0.02.
const MAX_HARMLESS_ALTERED: f64 = 0.113;
const MAX_DECOYS_TOUCHED: f64 = 0.023;

const CORPUS: &str = include_str!("heldout_n/corpus.jsonl");

#[test]
fn held_out_corpus_n_through_the_binary_meets_the_thresholds() {
    let report = score_corpus(CORPUS, "heldout_n/corpus.jsonl", THRESHOLDS);
    report.print("corpus N");
    let failures = report.failures(THRESHOLDS, MAX_HARMLESS_ALTERED, MAX_DECOYS_TOUCHED);
    assert!(failures.is_empty(), "{failures:#?}");
}
