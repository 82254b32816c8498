//! Airline booking records (PNRs) as reservation systems display them: name elements
//! `1.1SURNAME/GIVEN MRS` (several on a line) and the passenger's travel document,
//! `SSR DOCS YY HK1/P/GBR/…/GBR/25MAR61/F/12JUN30/SURNAME/GIVEN`, whose slash-separated
//! fields place the date of birth and the name. Names are in capitals and the date of
//! birth in IATA's `DDMMMYY`, shapes prose never gives a person. Looks only where a name
//! element's `1.1` or `SSR DOCS` occurs.

use crate::pii::entity::Entity;
use crate::pii::scanner::Finding;

/// Titles that close a name element's given names.
const TITLES: &[&str] = &["MR", "MRS", "MS", "MISS", "MSTR", "DR", "CHD", "INF"];

/// Months as IATA writes them in `DDMMMYY`.
const MONTHS: &[&str] = &[
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

/// Appends the names of every name element and the date of birth and name of every
/// `SSR DOCS` element of `text` to `out`.
pub fn add_fields(text: &str, out: &mut Vec<Finding>) {
    for p in memchr::memmem::find_iter(text.as_bytes(), b"SSR DOCS ") {
        let end = text[p..].find('\n').map_or(text.len(), |e| p + e);
        let Some(slash) = text[p..end].find('/') else {
            continue;
        };
        let mut at = p + slash + 1;
        // After the status: type, issuer, number, nationality, birth, sex, expiry,
        // surname, given names.
        for (k, field) in text[at..end].split('/').enumerate() {
            let value = field.trim();
            match k {
                4 if iata_date(value) => push(at, value, Entity::DateOfBirth, out),
                7 | 8 if capitals(value) => push(at, value, Entity::Person, out),
                _ => {}
            }
            at += field.len() + 1;
        }
    }
    for p in memchr::memchr_iter(b'.', text.as_bytes()) {
        if let Some((surname, given)) = name_element(text, p) {
            out.push(Finding::new(
                Entity::Person,
                surname.0,
                surname.1,
                0.9,
                "pnr",
            ));
            out.push(Finding::new(Entity::Person, given.0, given.1, 0.9, "pnr"));
        }
    }
}

/// The surname's and the given names' spans of a name element whose `n.m` has its dot at
/// `dot`: `1.1SURNAME/GIVEN NAMES MRS`, opening a line or after spaces.
fn name_element(text: &str, dot: usize) -> Option<((usize, usize), (usize, usize))> {
    let b = text.as_bytes();
    let n_start = text[..dot]
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .len();
    if !(1..=2).contains(&(dot - n_start))
        || !(n_start == 0 || matches!(b[n_start - 1], b' ' | b'\n'))
    {
        return None;
    }
    let digits = text[dot + 1..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let s_start = dot + 1 + digits;
    let slash = s_start + text[s_start..].find(['/', '\n'])?;
    let surname = &text[s_start..slash];
    if b.get(slash) != Some(&b'/') || !capitals(surname) {
        return None;
    }
    // The given names run to two spaces, a title or the line's end.
    let g_start = slash + 1;
    let rest = &text[g_start..];
    let mut g_end = g_start;
    let mut at = g_start;
    for word in rest.split(' ') {
        let w = word.split('\n').next().unwrap_or("");
        if w.is_empty() || TITLES.contains(&w) || !capitals(w) {
            break;
        }
        g_end = at + w.len();
        if w.len() != word.len() {
            break;
        }
        at += word.len() + 1;
    }
    (g_end > g_start).then_some(((s_start, slash), (g_start, g_end)))
}

/// Capital letters, with spaces, hyphens and apostrophes between them (`FERRER BESTARD`,
/// `KISS-TÓTH`, `N'DIAYE`).
fn capitals(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
        && s.chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '-' | '\''))
}

/// `25MAR61`.
fn iata_date(s: &str) -> bool {
    s.len() == 7
        && s.is_char_boundary(2)
        && s[..2].bytes().all(|b| b.is_ascii_digit())
        && s.get(2..5).is_some_and(|m| MONTHS.contains(&m))
        && s[5..].bytes().all(|b| b.is_ascii_digit())
}

/// A finding of `entity` over `value`, the trimmed content of the field at `at`.
fn push(at: usize, value: &str, entity: Entity, out: &mut Vec<Finding>) {
    out.push(Finding::new(entity, at, at + value.len(), 0.9, "pnr"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<String> {
        super::super::found(text, add_fields)
    }

    #[test]
    fn name_elements_and_the_travel_document_place_names_and_birth() {
        let pnr = "RLOC ABC123\n 1.1OKAFOR/CHIDI MR  2.1VAN DER BERG/ANNA MARIA MRS\n 1 BA 1347 Y 14JUN LHRDUB HK2 0705 0820\n SSR DOCS BA HK1/P/GBR/123456789/GBR/14FEB78/M/12JUN30/OKAFOR/CHIDI";
        assert_eq!(
            fields(pnr),
            [
                "DATE_OF_BIRTH 14FEB78",
                "PERSON OKAFOR",
                "PERSON CHIDI",
                "PERSON OKAFOR",
                "PERSON CHIDI",
                "PERSON VAN DER BERG",
                "PERSON ANNA MARIA",
            ]
        );
        // Version numbers, prices and prose are no name elements.
        assert!(fields("Update to 1.1 now/later, costs 2.50/month. See v1.2Beta/x").is_empty());
    }
}
