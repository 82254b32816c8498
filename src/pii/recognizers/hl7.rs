//! HL7 version 2 patient identification segments (`PID|1||…`, pasted from a message or
//! a log): the segment places the patient's record number (PID-3), name (PID-5,
//! `family^given^…`), date of birth (PID-7, `YYYYMMDD`) and address (PID-11,
//! `street^other^city^state^postcode`) by field position, with no word saying what they
//! are. Fields are split on `|` and components on `^`, the delimiters the standard's
//! `MSH` segment declares by default. Looks only where `PID|` opens a line: costs one
//! vectorised search in a text without one.

use crate::pii::entity::Entity;
use crate::pii::scanner::Finding;

/// Appends the record number, name parts, date of birth and address parts of every PID
/// segment of `text` to `out`.
pub fn add_pid_fields(text: &str, out: &mut Vec<Finding>) {
    for p in memchr::memmem::find_iter(text.as_bytes(), b"PID|") {
        if p > 0 && !matches!(text.as_bytes()[p - 1], b'\n' | b'\r') {
            continue;
        }
        let line_end = text[p..].find(['\n', '\r']).map_or(text.len(), |e| p + e);
        let mut at = p;
        for (n, field) in text[p..line_end].split('|').enumerate() {
            let wanted: &[(usize, Entity)] = match n {
                3 => &[(0, Entity::MedicalRecordNumber)],
                5 => &[(0, Entity::Person), (1, Entity::Person)],
                7 => &[(0, Entity::DateOfBirth)],
                11 => &[
                    (0, Entity::Location),
                    (2, Entity::Location),
                    (4, Entity::Location),
                ],
                _ => &[],
            };
            let mut c_at = at;
            for (k, component) in field.split('^').enumerate() {
                let value = component.trim();
                let shaped = |e: &Entity| match e {
                    Entity::MedicalRecordNumber => value.bytes().any(|b| b.is_ascii_digit()),
                    Entity::Person => value.starts_with(char::is_alphabetic),
                    Entity::DateOfBirth => {
                        value.len() >= 8 && value.bytes().take(8).all(|b| b.is_ascii_digit())
                    }
                    _ => !value.is_empty(),
                };
                if let Some((_, entity)) = wanted.iter().find(|(i, e)| *i == k && shaped(e)) {
                    let start = c_at + (component.len() - component.trim_start().len());
                    let end = if *entity == Entity::DateOfBirth {
                        start + 8
                    } else {
                        start + value.len()
                    };
                    out.push(Finding::new(entity.clone(), start, end, 0.9, "hl7_pid"));
                }
                c_at += component.len() + 1;
            }
            at += field.len() + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pid_segment_places_its_values_by_field() {
        let text = "Parse this:\nPID|1||K6018687^^^WARD||MacSween^Eachann||19721211|F|||87 Burnside^^Whittlesey^^PE34 3SS||01354 600000";
        let mut out = Vec::new();
        add_pid_fields(text, &mut out);
        let got: Vec<(&str, &str)> = out
            .iter()
            .map(|f| (f.entity.name(), &text[f.start..f.end]))
            .collect();
        assert_eq!(
            got,
            [
                ("MEDICAL_RECORD_NUMBER", "K6018687"),
                ("PERSON", "MacSween"),
                ("PERSON", "Eachann"),
                ("DATE_OF_BIRTH", "19721211"),
                ("LOCATION", "87 Burnside"),
                ("LOCATION", "Whittlesey"),
                ("LOCATION", "PE34 3SS"),
            ]
        );
        // Not at a line's start: some other text that holds the letters.
        let mut out = Vec::new();
        add_pid_fields("see the RAPID|1||123 field", &mut out);
        assert!(out.is_empty());
    }
}
