//! MECARD contact strings, the payload of contact QR codes (`MECARD:N:Surname,Given;TEL:…;
//! ADR:,,street,town,region,postcode,country;BDAY:19610325;;`): the format places the name,
//! the postal address and the birthday by field, with no word a reader of prose would
//! take as a label. Fields end at an unescaped `;`, the parts of `N` and `ADR` at an
//! unescaped `,` (a backslash escapes both). Phones and e-mail addresses are left to their
//! own recognizers. Looks only where `MECARD:` occurs: one vectorised search in a text
//! without one.

use crate::pii::entity::Entity;
use crate::pii::scanner::Finding;

/// The parts of `ADR` that are someone's address: street, town, region and postcode (not
/// the post-office box, the extended address or the country).
const ADDRESS_PARTS: [usize; 4] = [2, 3, 4, 5];

/// Appends the name parts, address parts and birthday of every MECARD of `text` to `out`.
pub fn add_fields(text: &str, out: &mut Vec<Finding>) {
    let mut cards = memchr::memmem::find_iter(text.as_bytes(), b"MECARD:").peekable();
    while let Some(p) = cards.next() {
        let start = p + "MECARD:".len();
        // The card ends at `;;` or, written without it, at the line's end; cards never
        // nest, so at the latest where the next one opens (each card is read once, in a
        // line of thousands too).
        let rest = &text[start..cards.peek().copied().unwrap_or(text.len())];
        let line_end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
        let end = start + rest[..line_end].find(";;").unwrap_or(line_end);
        for (at, field) in split_unescaped(&text[start..end], ';', start) {
            let Some((key, value)) = field.split_once(':') else {
                continue;
            };
            let value_at = at + key.len() + 1;
            match key {
                "N" => push_parts(value, value_at, &[0, 1], Entity::Person, out),
                "ADR" => push_parts(value, value_at, &ADDRESS_PARTS, Entity::Location, out),
                "BDAY" if value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit()) => {
                    out.push(Finding::new(
                        Entity::DateOfBirth,
                        value_at,
                        value_at + 8,
                        0.9,
                        "mecard",
                    ));
                }
                _ => {}
            }
        }
    }
}

/// A finding of `entity` over each wanted, non-empty `,`-part of `value` (at `at`).
fn push_parts(value: &str, at: usize, wanted: &[usize], entity: Entity, out: &mut Vec<Finding>) {
    for (k, (part_at, part)) in split_unescaped(value, ',', at).enumerate() {
        let trimmed = part.trim();
        if wanted.contains(&k) && trimmed.starts_with(char::is_alphanumeric) {
            let s = part_at + (part.len() - part.trim_start().len());
            out.push(Finding::new(
                entity.clone(),
                s,
                s + trimmed.len(),
                0.9,
                "mecard",
            ));
        }
    }
}

/// The pieces of `s` between unescaped `sep`s, each with its offset (`at` + position).
fn split_unescaped(s: &str, sep: char, at: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut from = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut escaped = false;
        for (i, c) in s[from..].char_indices() {
            if c == sep && !escaped {
                let piece = (at + from, &s[from..from + i]);
                from += i + 1;
                return Some(piece);
            }
            escaped = c == '\\' && !escaped;
        }
        done = true;
        Some((at + from, &s[from..]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<String> {
        super::super::found(text, add_fields)
    }

    #[test]
    fn a_mecard_places_name_address_and_birthday_by_field() {
        let qr = "Scan: MECARD:N:Okafor,Chidi;TEL:+44 20 7946 0000;EMAIL:c@example.org;ADR:,,14 Elm Row,Leith,,EH6 5AB,UK;BDAY:19780214;;";
        assert_eq!(
            fields(qr),
            [
                "PERSON Okafor",
                "PERSON Chidi",
                "LOCATION 14 Elm Row",
                "LOCATION Leith",
                "LOCATION EH6 5AB",
                "DATE_OF_BIRTH 19780214",
            ]
        );
        // An escaped comma stays inside its part; a note is no field of these.
        assert_eq!(
            fields("MECARD:N:Brandt\\, Jr.,Ola;NOTE:Kirk Wynd,Leith;;"),
            ["PERSON Brandt\\, Jr.", "PERSON Ola"]
        );
        assert!(fields("no card: N:Okafor,Chidi;;").is_empty());
    }

    #[test]
    fn cards_without_their_end_each_end_where_the_next_opens() {
        // Written without `;;` on one line: each card is read once, up to the next.
        assert_eq!(
            fields("MECARD:N:Okafor,Chidi;TEL:1 MECARD:N:Brandt,Ola;BDAY:19780214"),
            [
                "PERSON Okafor",
                "PERSON Chidi",
                "PERSON Brandt",
                "PERSON Ola",
                "DATE_OF_BIRTH 19780214",
            ]
        );
    }
}
