//! GEDCOM family-tree records (`0 @I1@ INDI`, exported by genealogy programs): each line is
//! `level TAG value`, and the tags place a person's name (`1 NAME Given /Surname/`, or
//! `2 GIVN` and `2 SURN`), the date of their birth (`2 DATE` under `1 BIRT`) and their
//! residence (`2 ADDR`, `ADR1`, `CITY`, `STAE`, `POST`, `PLAC` under `1 RESI` or `1 ADDR`)
//! with no word of prose. Only individual records are read: a source's or a family's
//! tags name no one's data. Looks only where `INDI` occurs: one vectorised search in a text
//! without one.

use crate::pii::entity::Entity;
use crate::pii::scanner::Finding;

/// Tags of a residence's parts (level 2 under `RESI` or `ADDR`, or the `ADDR` line itself).
const ADDRESS_TAGS: &[&str] = &["ADDR", "ADR1", "ADR2", "CITY", "STAE", "POST", "PLAC"];

/// Appends the name parts, birth date and residence parts of every individual record of
/// `text` to `out`.
pub fn add_fields(text: &str, out: &mut Vec<Finding>) {
    for p in memchr::memmem::find_iter(text.as_bytes(), b" INDI") {
        let line_start = super::line_start(text, p);
        let head = &text[line_start..p];
        // `0 @I12@ INDI`: a level-0 record with a cross-reference id.
        if !(head.starts_with("0 @") && head.ends_with('@')) {
            continue;
        }
        let mut at = text[p..].find('\n').map_or(text.len(), |e| p + e + 1);
        let mut event = "";
        while at < text.len() {
            let end = text[at..].find('\n').map_or(text.len(), |e| at + e);
            let line = text[at..end].trim_end_matches('\r');
            let mut parts = line.splitn(3, ' ');
            let (Some(level), Some(tag)) = (parts.next(), parts.next()) else {
                break;
            };
            if level == "0" || !level.bytes().all(|b| b.is_ascii_digit()) {
                break;
            }
            let value = parts.next().unwrap_or("");
            let value_at = at + level.len() + tag.len() + 2;
            if level == "1" {
                event = tag;
            }
            match (level, tag) {
                ("1", "NAME") => push_name(value, value_at, out),
                ("2", "GIVN" | "SURN") if event == "NAME" => {
                    push(value, value_at, Entity::Person, out);
                }
                ("2", "DATE") if event == "BIRT" => push(value, value_at, Entity::DateOfBirth, out),
                ("1", "ADDR") => push(value, value_at, Entity::Location, out),
                ("2", t) if matches!(event, "RESI" | "ADDR") && ADDRESS_TAGS.contains(&t) => {
                    push(value, value_at, Entity::Location, out);
                }
                _ => {}
            }
            at = end + 1;
        }
    }
}

/// `Given /Surname/ suffix`: the given names and the surname between slashes, each a
/// finding.
fn push_name(value: &str, at: usize, out: &mut Vec<Finding>) {
    let Some((given, rest)) = value.split_once('/') else {
        push(value, at, Entity::Person, out);
        return;
    };
    push(given, at, Entity::Person, out);
    let surname = rest.split('/').next().unwrap_or("");
    push(surname, at + given.len() + 1, Entity::Person, out);
}

/// A finding of `entity` over `value` (at `at`), trimmed, when it holds anything.
fn push(value: &str, at: usize, entity: Entity, out: &mut Vec<Finding>) {
    let trimmed = value.trim();
    if trimmed.starts_with(char::is_alphanumeric) {
        let s = at + (value.len() - value.trim_start().len());
        out.push(Finding::new(entity, s, s + trimmed.len(), 0.9, "gedcom"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<String> {
        super::super::found(text, add_fields)
    }

    #[test]
    fn an_individual_record_places_name_birth_and_residence() {
        let record = "0 HEAD\n0 @I7@ INDI\n1 NAME Mary Ellen /Okafor/\n1 SEX F\n1 BIRT\n2 DATE 14 FEB 1878\n2 PLAC Leith\n1 RESI\n2 ADDR 14 Elm Row\n2 CITY Leith\n2 POST EH6 5AB\n1 DEAT\n2 DATE 1 MAR 1950\n0 @F1@ FAM\n1 NOTE Okafor family";
        assert_eq!(
            fields(record),
            [
                "PERSON Mary Ellen",
                "PERSON Okafor",
                "DATE_OF_BIRTH 14 FEB 1878",
                "LOCATION 14 Elm Row",
                "LOCATION Leith",
                "LOCATION EH6 5AB",
            ]
        );
        // A source record is no person's; `INDI` inside prose opens nothing.
        assert!(fields("0 @S1@ SOUR\n1 TITL Parish register\n1 NAME Leith /Kirk/").is_empty());
        assert!(fields("the INDI tag\n1 NAME Ola /Brandt/").is_empty());
    }
}
