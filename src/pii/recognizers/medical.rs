//! Health identifiers: MEDICAL_RECORD_NUMBER (context only: no standard format exists),
//! MEDICAL_LICENSE (DEA registration number with its check digit), US_NPI (Luhn with
//! the 80840 prefix).

use super::{whole, Pattern};
use crate::pii::checksum;
use crate::pii::entity::Entity;

pub fn patterns() -> Vec<Pattern> {
    vec![
        Pattern::new(
            "medical_record_number",
            Entity::MedicalRecordNumber,
            // `0414892`, `G9976541`, `DM-940172`, `465585/17`, `47-103-032`.
            // Dotted thousands as clinics print them: `86.853.698`; three-digit groups
            // with spaces: `454 918 785`.
            // A letter after the digits closes some hospitals' numbers (`PAT857371X`);
            // two, four and three digits in dotted groups (`E61.8093.954`); three, three
            // and four digits, a phone number's shape (`312 369 8904`), weaker (`mrn`).
            r"\b(?:[A-Z]{1,4}[-/]?)?(?:\d{1,3}(?:\.\d{3}){2,3}|\d{2}\.\d{4}\.\d{3}|\d{3}(?:[ ]\d{3}){2,3}|\d{3}[ ]\d{3}[ ]\d{4}|\d{2,10}(?:[-/]\d{2,8}){0,2}[A-Z]?)\b",
            mrn,
        )
        .context(&[
            "mrn",
            "medical record",
            "record number",
            "patient record",
            "record no",
            "chart",
            "patient id",
            "patient no",
            "patient number",
            "hospital number",
            "case number",
            "hospital no",
            "record no.",
            // A reference the hospital gave: `hospital ref`, `patient reference`.
            "hospital ref",
            "patient ref",
            "clinic ref",
            // DE
            "patientennummer",
            "patienten-id",
            "patientenakte",
            "krankenakte",
            "fallnummer",
            "fall-nr",
            "fallnr",
            "aufnahmenummer",
            "aktenzeichen",
            "pat.-nr",
            "pat-nr",
            "pat. nr",
            "patienten-nr",
            "kis-nr",
            "akte",
            // FR
            "dossier médical",
            "dossier medical",
            "numéro de dossier",
            "numero de dossier",
            "n° de dossier",
            "numéro patient",
            "numéro de patient",
            "ipp",
            "dossier",
            "dossier patient",
            "n° patient",
            "no patient",
            "n° de patient",
            // ES
            "historia clínica",
            "historia clinica",
            "número de historia",
            "numero de historia",
            "nhc",
            "hc ",
            "n.º historia",
            "n.º de historia",
            "nº de historia",
            "n.° de historia",
            "historia",
            "expediente",
            "número de paciente",
            // IT
            "cartella clinica",
            "cartella",
            "numero di cartella",
            "numero cartella",
            "codice paziente",
            "id paziente",
            "numero paziente",
            "nosologico",
            "numero nosologico",
            // NL
            "patiëntnummer",
            "patientnummer",
            "patiëntnr",
            "dossiernummer",
            "medisch dossier",
            "ziekenhuisnummer",
            "patiënt-id",
            "patient-id",
            "epd-nummer",
            "epd nummer",
            "patiëntnr",
            "epd-nr",
            "dossiernr",
            // Short labels of patient identifiers in the six countries' systems: `PID`
            // (Germany, Austria, Switzerland), `NIP` (Belgium, Luxembourg), `N.º de paciente`;
            // with the space or colon after them, so that `Pide que le llamen` is none.
            "pid ",
            "pid:",
            "nip ",
            "nip:",
            "de paciente",
            "n.º de paciente",
            "nº de paciente",
            "hospital no",
            // Labels of admission and unit numbers in the six languages.
            "hosp. no",
            "hosp no",
            "unit number",
            "unit no",
            "case no",
            "rn:",
            "aufnahme-nr",
            "aufnahmenr",
            "fall-id",
            "nda ",
            "cip ",
            "ricovero",
            "cod. paziente",
            "codice paziente",
            "zis-nr",
            "zis nr",
            "pat.nr",
            "patnr",
            "opnamenummer",
            "n.º paciente",
            "nº paciente",
            "n° paciente",
            // A nursing handover's line: the patient's number before the post-operative
            // day (`Bed 1: Jakub Kučera (70), KH-253450, post-op day 2`, `2. postop. Tag`,
            // `dag 2 postoperatief`, `2.º día postoperatorio`).
            "post-op",
            "postop",
        ])
        .numeric()
        // A row id opening an SQL tuple (`INSERT INTO patients (id, …, mrn) VALUES
        // (31980, …`) is the table's key, not the record number of its `mrn` column.
        .veto_before(&["values"])
        .cluster(5)
        .alone(0.3),
        Pattern::new(
            "medical_license",
            Entity::MedicalLicense,
            r"\b[A-Za-z]{2}\d{7}\b",
            dea,
        )
        .context(&["dea", "license", "licence", "prescriber", "registration"])
        .cluster(7),
        Pattern::new("us_npi", Entity::UsNpi, r"\b[12]\d{9}\b", npi)
            .context(&["npi", "provider", "prescriber"])
            .numeric()
            .cluster(10)
            .alone(0.3),
    ]
}

fn mrn(s: &str) -> Option<(usize, f32)> {
    let digits = || s.bytes().filter(u8::is_ascii_digit);
    let first = digits().next();
    // `26-08-1990`: a date (of birth, next to the record's label), not the record.
    if digits().count() < 5
        || digits().all(|x| Some(x) == first)
        || super::contact::is_date_like(s)
        || invoice_number(s)
    {
        return None;
    }
    // Three, three and four digits are a phone number's shape too (`312 369 8904`): a
    // record number only with its label, and below a phone number's confidence, so
    // that a number after `Recapito` near a record's label stays a phone number.
    let b = s.as_bytes();
    if b.len() == 12 && b[3] == b' ' && b[7] == b' ' {
        return whole(s, 0.2);
    }
    whole(s, 0.3)
}

/// An invoice's or an order's number: an invoice prefix (`F`, `FAC`, `FV`, `INV`, `RE`,
/// `RG`, `FA`, `FT`, `PO`, `ORD`) and the year it was issued (`F-2026-0193`,
/// `FAC/2026/3321`, `INV-2026-004812`, `RE-26-11873`).
fn invoice_number(s: &str) -> bool {
    let letters = s.bytes().take_while(u8::is_ascii_uppercase).count();
    if !matches!(
        &s[..letters],
        "F" | "FAC" | "FV" | "INV" | "RE" | "RG" | "FA" | "FT" | "PO" | "ORD"
    ) {
        return false;
    }
    let rest = s[letters..].trim_start_matches(['-', '/']);
    let year: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let sep = rest[year.len()..].starts_with(['-', '/']);
    sep && match year.len() {
        4 => year.starts_with("19") || year.starts_with("20"),
        2 => true,
        _ => false,
    }
}

fn dea(s: &str) -> Option<(usize, f32)> {
    checksum::dea(s).then_some((s.len(), 0.5))
}

fn npi(s: &str) -> Option<(usize, f32)> {
    // Luhn passes 1 in 10 ten-digit numbers: confident only with a context word.
    checksum::npi(s).then_some((s.len(), 0.3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medical_validators() {
        assert!(dea("AB1234563").is_some());
        assert!(dea("AB1234564").is_none());
        assert!(npi("1234567893").is_some());
        assert!(npi("1234567890").is_none());
        assert!(mrn("0000000").is_none());
        assert!(mrn("F-2026-0193").is_none());
        assert!(mrn("FAC/2026/3321").is_none());
        assert!(mrn("RE-26-11873").is_none());
        assert!(mrn("KH-721362").is_some());
        assert!(mrn("2021/123456").is_some());
    }
}
