//! Names that a text's layout places where no word right before them says so: the second
//! value of a form field whose label pairs two fields with a slash (`Vorname/Nachname:
//! Derya / Öztürk-Lange`, `Nome/Cognome: Cosimo / Recchia`: the word scan reads the first
//! after the label, the second follows the value's own slash), and the line after an
//! e-mail signature's separator (`-- ` alone on a line, RFC 3676 section 4.3), which is
//! the sender's name, and the speaker of a chat transcript's line after its timestamp
//! (`[14:02] Morag: …`, `[12/03/24, 14:02] Tarek Haddad: …`, as chat apps export them).
//! Looks only after a PERSON finding, at a separator line or at a `] ` that closes a
//! timestamp opening a line: costs nothing in a text without any.

use crate::pii::entity::Entity;
use crate::pii::scanner::Finding;

use super::person_location::{is_first, is_last, ordinary_word};

/// Appends, after `out[from..]`'s PERSON findings and signature separators, the names the
/// layout places there.
pub fn add_layout_names(text: &str, out: &mut Vec<Finding>, from: usize) {
    let mut found = Vec::new();
    for f in &out[from..] {
        if f.entity == Entity::Person {
            if let Some((start, end)) = second_of_slash_pair(text, f.start, f.end) {
                found.push((start, end, 0.8));
            }
        }
    }
    if let Some((start, end)) = signature_name(text) {
        found.push((start, end, 0.7));
    }
    found.extend(chat_speakers(text).map(|(start, end)| (start, end, 0.7)));
    found.extend(panel_surnames(text).map(|(start, end)| (start, end, 0.7)));
    for (surname, given) in surname_first_in_capitals(text) {
        found.push((surname.0, surname.1, 0.8));
        found.push((given.0, given.1, 0.8));
    }
    for (start, end, confidence) in found {
        let mut known = false;
        for f in &mut out[from..] {
            if f.start < end && start < f.end && f.entity == Entity::Person {
                // The word scan's own reading of a lone given name may be too unsure to
                // report (`Gradus`): where the layout places it is the evidence it lacks.
                f.confidence = f.confidence.max(confidence);
                known = true;
            }
        }
        if !known {
            out.push(Finding::new(
                Entity::Person,
                start,
                end,
                confidence,
                "person_layout",
            ));
        }
    }
}

/// The value after ` / ` that follows a name at `start..end`, when the line's label (the
/// text before its colon) pairs two fields with a slash: the rest of the line, if it is
/// shaped like a name.
fn second_of_slash_pair(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let line_start = super::line_start(text, start);
    let (label, _) = text[line_start..start].split_once(':')?;
    if !label.contains('/') {
        return None;
    }
    let after = &text[end..];
    let gap = after.len() - after.trim_start_matches([' ', '/']).len();
    if !after[..gap].contains('/') {
        return None;
    }
    let value_start = end + gap;
    let line_end = text[value_start..]
        .find('\n')
        .map_or(text.len(), |p| value_start + p);
    let value = text[value_start..line_end].trim_end();
    name_shaped(value).then_some((value_start, value_start + value.len()))
}

/// The line after the first signature separator (`-- ` or `--` alone on a line), if it is
/// shaped like a name.
fn signature_name(text: &str) -> Option<(usize, usize)> {
    // One vectorised search for the separator's start (`str::find` twice cost 5
    // instructions a byte); the line's end is checked where it is found.
    let sep = memchr::memmem::find_iter(text.as_bytes(), b"\n--").find_map(|p| {
        let rest = &text[p + 3..];
        ["\n", " \n"]
            .iter()
            .find(|end| rest.starts_with(**end))
            .map(|end| p + 3 + end.len())
    })?;
    let line_end = text[sep..].find('\n').map_or(text.len(), |p| sep + p);
    let line = text[sep..line_end].trim_end();
    name_shaped(line).then_some((sep, sep + line.len()))
}

/// The speakers of a chat transcript's lines: a line that opens with a timestamp in
/// square brackets (holding a time, `14:02`), a space, a name-shaped speaker and a colon.
/// A speaker that is one ordinary word and no listed first name (`Shop`, `Support`) is a
/// business's account, not a person.
fn chat_speakers(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    memchr::memmem::find_iter(text.as_bytes(), b"] ").filter_map(move |p| {
        let line_start = text[..p].rfind('\n').map_or(0, |l| l + 1);
        let stamp = text[line_start..p].strip_prefix('[')?;
        let time = stamp.contains(':')
            && stamp
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ':' | '/' | '.' | '-' | ',' | ' '));
        if !time {
            return None;
        }
        let start = p + 2;
        let line_end = text[start..].find('\n').map_or(text.len(), |e| start + e);
        let speaker = &text[start..line_end].split_once(':')?.0.trim_end();
        let business = !speaker.contains(' ') && ordinary_word(speaker) && !is_first(speaker);
        (name_shaped(speaker) && !business).then_some((start, start + speaker.len()))
    })
}

/// The names of a panel of lines `label – Surname` (a doorbell or letterbox panel, a
/// seating or locker list: `Flat 2 – Okafor`, `3 – Berg / Lund`), when two lines or more
/// of the text are so shaped and each value is shaped like a surname (or two joined by
/// ` / `) whose words are listed surnames or no ordinary words (`Laundry`, `Kitchen`).
/// Looks only at ` – ` (an en dash between spaces).
fn panel_surnames(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let names: Vec<(usize, usize)> = memchr::memmem::find_iter(text.as_bytes(), " – ".as_bytes())
        .filter_map(|p| {
            let start = p + " – ".len();
            let line_end = text[start..].find('\n').map_or(text.len(), |e| start + e);
            let value = text[start..line_end].trim_end();
            let listed = value.split(" / ").all(|part| {
                name_shaped(part)
                    && part
                        .split(' ')
                        .all(|w| w.len() <= 3 || is_last(w) || !ordinary_word(w))
            });
            (!value.is_empty() && listed).then_some((start, start + value.len()))
        })
        .collect();
    let panel = names.len() >= 2;
    names
        .into_iter()
        .filter(move |_| panel)
        .flat_map(move |(start, end)| {
            let mut at = start;
            text[start..end].split(" / ").map(move |part| {
                let span = (at, at + part.len());
                at += part.len() + " / ".len();
                span
            })
        })
}

/// A surname in capitals that opens a line or a sentence, a comma and a listed given name
/// (`TÉCHER, Ti-Jean`, `Saal 2. WIENS, Lilia, geb. …`): registers, court lists and
/// wristbands write the surname first, in capitals, so that it stands out. Looks only at a
/// `, ` after a capital letter.
fn surname_first_in_capitals(
    text: &str,
) -> impl Iterator<Item = ((usize, usize), (usize, usize))> + '_ {
    memchr::memmem::find_iter(text.as_bytes(), b", ").filter_map(move |comma| {
        let before = &text[..comma];
        if !before.ends_with(char::is_uppercase) {
            return None;
        }
        let run =
            before.trim_end_matches(|c: char| c.is_uppercase() || matches!(c, '-' | '\'' | ' '));
        let s_start =
            run.len() + (before[run.len()..].len() - before[run.len()..].trim_start().len());
        let surname = &text[s_start..comma];
        let opens = run.is_empty() || run.ends_with(['\n', '.', ':']);
        if !opens || surname.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            return None;
        }
        let g_start = comma + 2;
        let rest = &text[g_start..];
        let given = &rest[..rest
            .find(|c: char| !(c.is_alphabetic() || c == '-'))
            .unwrap_or(rest.len())];
        let listed = is_first(given) || given.split('-').any(is_first);
        (given.starts_with(char::is_uppercase) && given.chars().any(char::is_lowercase) && listed)
            .then_some(((s_start, comma), (g_start, g_start + given.len())))
    })
}

/// One to four words of letters, hyphens and apostrophes, the first capitalised and the
/// others capitalised or lower-case particles (`Öztürk-Lange`, `Ad van Kempen`, `Oriol
/// Bosch i Soler`).
fn name_shaped(value: &str) -> bool {
    // Five pieces at most: a fifth means more than four words, and the rest of a long
    // line is never read.
    let words: Vec<&str> = value.splitn(5, ' ').collect();
    let word_ok = |w: &str| {
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
    };
    (1..=4).contains(&words.len())
        && words.iter().all(|w| word_ok(w))
        && words[0].starts_with(char::is_uppercase)
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) || w.len() <= 3)
        && words
            .last()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, first: &str) -> Vec<String> {
        super::super::added_after_name(text, first, 0.8, add_layout_names)
    }

    #[test]
    fn the_second_value_of_a_slash_pair_and_a_signature_line_are_names() {
        assert_eq!(
            names(
                "Aufnahmeantrag\nVorname/Nachname: Derya / Öztürk-Lange\nAlter: 21",
                "Derya"
            ),
            ["Öztürk-Lange"]
        );
        assert_eq!(
            names("Thanks!\n\n-- \nAd van Kempen\nBookkeeper", "Thanks"),
            ["Ad van Kempen"]
        );
        // No slash in the label: two people, or a name and a thing, are not paired.
        assert!(names("Contact: Derya / Reception desk", "Derya").is_empty());
        assert_eq!(
            names(
                "Summarise:\n[12:04] Tarek: hi\n[12:05] Shop: noted\n[12/03/24, 12:06] Morag MacSween: ok",
                "Summarise"
            ),
            ["Tarek", "Morag MacSween"]
        );
        // Not shaped like a name.
        assert!(names("Vorname/Nachname: Derya / 21 Jahre alt", "Derya").is_empty());
        assert!(names("Thanks!\n--\nsent from my phone", "Thanks").is_empty());
    }

    #[test]
    fn a_surname_in_capitals_before_a_listed_given_name_is_a_name() {
        let text = "Wristband:\nOKAFOR, Anna\n14/02/1978\nCourt 2. VAN DER BERG, Peter, of Leith.";
        assert_eq!(
            names(text, "Wristband"),
            ["OKAFOR", "Anna", "VAN DER BERG", "Peter"]
        );
        // Not after a lower-case word, not before a word that is no given name.
        assert!(names("Call NASA, Anna said.\nNOTE, Please reply.", "Call").is_empty());
    }

    #[test]
    fn a_panel_of_lines_ending_in_surnames_names_people() {
        assert_eq!(
            names(
                "Letterboxes:\nFlat 1 – Okafor\nFlat 2 – Berg / Lund\n",
                "Letterboxes"
            ),
            ["Okafor", "Berg", "Lund"]
        );
        // One line is no panel; ordinary words are no names.
        assert!(names("Letterboxes:\nFlat 1 – Okafor\n", "Letterboxes").is_empty());
        assert!(names("Rota:\nMon – Laundry\nTue – Kitchen", "Rota").is_empty());
    }
}
