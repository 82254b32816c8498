//! iCalendar (RFC 5545) `LOCATION` properties pasted from an invite: `LOCATION:Kloosterstraat
//! 11-2\, Denekamp`. The standard escapes a comma inside a text value as `\,`, which the
//! address grammar does not read as a separator, so the town after it stood alone with no
//! place cue. Each part of a value with an escaped comma is a place (a venue, a street
//! and number, a town). Looks only where `LOCATION` opens a line: costs one vectorised
//! search in a text without one. Values without an escaped comma are left to the
//! address grammar, which reads them as written.

use crate::pii::entity::Entity;
use crate::pii::scanner::Finding;

/// Appends every part of every escaped `LOCATION` value of `text` to `out`.
pub fn add_location_parts(text: &str, out: &mut Vec<Finding>) {
    for p in memchr::memmem::find_iter(text.as_bytes(), b"LOCATION") {
        if p > 0 && !matches!(text.as_bytes()[p - 1], b'\n' | b'\r') {
            continue;
        }
        let line_end = text[p..].find(['\n', '\r']).map_or(text.len(), |e| p + e);
        let line = &text[p..line_end];
        // `LOCATION:` or `LOCATION;LANGUAGE=de:` (parameters before the value's colon).
        let rest = &line["LOCATION".len()..];
        if !rest.starts_with([':', ';']) {
            continue;
        }
        let Some(colon) = rest.find(':') else {
            continue;
        };
        let value_start = p + "LOCATION".len() + colon + 1;
        let value = &text[value_start..line_end];
        if !value.contains("\\,") {
            continue;
        }
        let mut at = value_start;
        for part in value.split("\\,") {
            let trimmed = part.trim();
            if trimmed.starts_with(char::is_alphanumeric) {
                let start = at + (part.len() - part.trim_start().len());
                out.push(Finding::new(
                    Entity::Location,
                    start,
                    start + trimmed.len(),
                    0.9,
                    "ical_location",
                ));
            }
            at += part.len() + 2;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        add_location_parts(text, &mut out);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn each_part_of_an_escaped_location_value_is_a_place() {
        let invite = "BEGIN:VEVENT\nSUMMARY:Keukenplan\nLOCATION:Kloosterstraat 11-2\\, Denekamp\nDTSTART:20270601T090000\nEND:VEVENT";
        assert_eq!(parts(invite), ["Kloosterstraat 11-2", "Denekamp"]);
        let with_params = "LOCATION;LANGUAGE=de:Café Linde\\, Steigstraße 12/1\\, Ehingen";
        assert_eq!(
            parts(with_params),
            ["Café Linde", "Steigstraße 12/1", "Ehingen"]
        );
        // Unescaped values are the address grammar's; a word that only holds the letters
        // is no property.
        assert!(parts("LOCATION:Dijkweg 63, 6888 PN Bronkhorst").is_empty());
        assert!(parts("see ALLOCATION:12\\, 14").is_empty());
        assert!(parts("LOCATIONS are 1\\, 2").is_empty());
    }
}
