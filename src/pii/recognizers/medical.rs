//! Health identifiers: MEDICAL_RECORD_NUMBER (context only: no standard format exists),
//! MEDICAL_LICENSE (DEA registration number with its check digit), US_NPI (Luhn with
//! the 80840 prefix).

use super::{whole, Pattern};
use crate::pii::checksum;
use crate::pii::entity::Entity;
use crate::pii::scanner::Finding;

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
            // A check digit after a hyphen closes others (`6301200-8`): with six digits
            // or more before it, so that a dialling code's `04971-9` stays a phone's.
            // Groups of four digits with spaces, as printed on labels (`2084 0653`); after
            // a shorter group they are a phone number's (`02 1234 5678`), matched here
            // only so that `mrn` can refuse them whole.
            r"\b(?:[A-Z]{1,4}[-/]?)?(?:\d{1,3}(?:\.\d{3}){2,3}|\d{2}\.\d{4}\.\d{3}|\d{3}(?:[ ]\d{3}){2,3}|(?:\d{1,3}[ ])?\d{4}(?:[ ]\d{4}){1,2}\b|\d{3}[ ]\d{3}[ ]\d{4}|\d{6,10}-\d\b|\d{2,10}(?:[-/]\d{2,8}){0,2}[A-Z]?)\b",
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
            // The labels written as one identifier, a builder's method or a named
            // argument (`.hospitalNumber("…")`, `patient_id = …`).
            "hospitalnumber",
            "hospital_number",
            "patientid",
            "patient_id",
            "patientnumber",
            "patient_number",
            "recordnumber",
            "record_number",
            "medicalrecord",
            "medical_record",
            "casenumber",
            "case_number",
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
    // `02 1234 5678`: a dialling code before groups of four.
    let group = |at: usize| b.iter().skip(at).take_while(|c| c.is_ascii_digit()).count();
    let lead = group(0);
    if (1..=3).contains(&lead) && b.get(lead) == Some(&b' ') && group(lead + 1) == 4 {
        return None;
    }
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

/// Appends the record number a wristband or a sample label prints as a Code 39 barcode's
/// text: between its start and stop asterisks on a line of its own (`*4416023-5*`), under
/// the patient's name and date of birth. No label names it, so the two lines above must
/// hold a person the word scan found (in `out[from..]`) and a year. Looks only where a
/// line opens with `*`: one vectorised search in a text without one.
pub fn add_wristband_numbers(text: &str, out: &mut Vec<Finding>, from: usize) {
    let b = text.as_bytes();
    for p in memchr::memchr_iter(b'*', b) {
        let indent = b[..p]
            .iter()
            .rev()
            .take_while(|c| matches!(c, b' ' | b'\t'))
            .count();
        let line = p - indent;
        if line > 0 && b[line - 1] != b'\n' {
            continue;
        }
        let rest = &text[p + 1..];
        let line_end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
        let Some(close) = memchr::memchr(b'*', &rest.as_bytes()[..line_end]) else {
            continue;
        };
        let value = &rest[..close];
        if !rest[close + 1..line_end].trim().is_empty()
            || !value
                .bytes()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'-')
            || mrn(value).is_none()
        {
            continue;
        }
        let above = lines_above(text, line, 2);
        let person = out[from..]
            .iter()
            .any(|f| f.entity == Entity::Person && f.start >= above && f.end <= line);
        if person && holds_year(&b[above..line]) {
            out.push(Finding::new(
                Entity::MedicalRecordNumber,
                p + 1,
                p + 1 + close,
                0.65,
                "wristband",
            ));
        }
    }
}

/// Where the `n` lines before the line starting at `line` start.
fn lines_above(text: &str, line: usize, n: usize) -> usize {
    (0..n).fold(line, |at, _| {
        if at == 0 {
            0
        } else {
            super::line_start(text, at - 1)
        }
    })
}

/// Whether `b` holds a year of the last two centuries as a number of its own (`1959`,
/// `07/08/1984`), as a date of birth has.
fn holds_year(b: &[u8]) -> bool {
    b.windows(6).any(|w| {
        !w[0].is_ascii_digit()
            && matches!(&w[1..3], b"19" | b"20")
            && w[3].is_ascii_digit()
            && w[4].is_ascii_digit()
            && !w[5].is_ascii_digit()
    })
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
        assert!(mrn("6301200-8").is_some());
    }

    fn wristband(text: &str, person: &str) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(at) = text.find(person) {
            let end = at + person.len();
            out.push(Finding::new(Entity::Person, at, end, 0.8, "t"));
        }
        let people = out.len();
        add_wristband_numbers(text, &mut out, 0);
        out[people..]
            .iter()
            .map(|f| text[f.start..f.end].to_string())
            .collect()
    }

    #[test]
    fn wristband_numbers() {
        let band = "DUARTE, Inês\n21.3.1977   F\n  *7730218-4*\n";
        assert_eq!(wristband(band, "DUARTE, Inês"), ["7730218-4"]);
        // No person above, no year above, words after the stop asterisk, a word inside.
        assert!(wristband(band, "Nobody").is_empty());
        assert!(wristband("DUARTE, Inês\nStation 4\n*7730218-4*", "DUARTE, Inês").is_empty());
        assert!(wristband("DUARTE, Inês 1977\n*7730218-4* ok", "DUARTE, Inês").is_empty());
        assert!(wristband("DUARTE, Inês 1977\n*bold 7730218*", "DUARTE, Inês").is_empty());
    }
}
