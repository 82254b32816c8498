//! Field labels broken by stray spaces, as OCR leaves them on scanned forms (`Geburts
//! datum :`, `Tele fono:`, `No me:`), are put back together before the recognizers read
//! the text, so that a label counts as the context word or label it is.
//!
//! A label is repaired in place, in a copy of the same length: its letters keep their
//! bytes and case, and only its spaces move (`Geburts datum :` becomes `Geburtsdatum  :`).
//! Every offset into the copy is an offset into the original, so findings apply to the
//! text the caller holds.
//!
//! What counts as a broken label is narrow, so that prose is never rewritten into a
//! label it does not hold: words of letters joined by single spaces that end right
//! before a colon (one space may stand before it), at the start of a line or field (the
//! text's start, a line end, a tab, a `|` or a second space before them, perhaps with a
//! space between), whose letters
//! without the spaces spell a known label or cue word of four letters or more, and
//! whose spaces are not already those of that word. The label may be the last words of
//! such a run (`Patient N ame:`), up to `MAX_PIECES` pieces of it.

use std::collections::HashMap;

/// Longest run of words before a colon read as a possible label, in bytes: a field
/// label is short, a sentence ending in a colon is not.
const MAX_RUN: usize = 48;
/// Most pieces (words and fragments) a repaired label is made of.
const MAX_PIECES: usize = 5;
/// Fewest letters of a repaired label: shorter words spell too many fragments.
const MIN_LETTERS: usize = 4;

pub(crate) struct LabelRepair {
    /// A label's letters, lower-cased, without its spaces -> the label as written
    /// (lower case, its own spaces), each way it is written (`birthdate`, `birth date`).
    forms: HashMap<String, Vec<String>>,
    /// Whether a word (any case) is an ordinary word of one of the languages.
    ordinary: fn(&str) -> bool,
}

impl LabelRepair {
    /// `words`: the labels and cue words to repair to, any case. Words holding anything
    /// but letters and single spaces are left out. `ordinary` tells an ordinary word:
    /// ordinary words of three letters or more each are written apart on purpose
    /// (`Full name:` is no broken `fullname`).
    pub(crate) fn new<'a>(
        words: impl IntoIterator<Item = &'a str>,
        ordinary: fn(&str) -> bool,
    ) -> LabelRepair {
        let mut forms: HashMap<String, Vec<String>> = HashMap::new();
        for word in words {
            let form = word.trim().to_lowercase();
            if form.contains("  ") || !form.chars().all(|c| c.is_alphabetic() || c == ' ') {
                continue;
            }
            let letters: String = form.chars().filter(|&c| c != ' ').collect();
            if letters.chars().count() < MIN_LETTERS {
                continue;
            }
            let known = forms.entry(letters).or_default();
            if !known.contains(&form) {
                known.push(form);
            }
        }
        // Fewest spaces first: every broken spelling of the others has room for it.
        for known in forms.values_mut() {
            known.sort_by_key(|f| f.bytes().filter(|&b| b == b' ').count());
        }
        LabelRepair { forms, ordinary }
    }

    /// `text` with its broken labels repaired, or `None` when it holds none (the common
    /// case, which allocates nothing).
    pub(crate) fn repair(&self, text: &str) -> Option<String> {
        let b = text.as_bytes();
        let mut out: Option<Vec<u8>> = None;
        for colon in memchr::memchr_iter(b':', b) {
            let Some((start, end)) = run_before(b, colon) else {
                continue;
            };
            if let Some((from, fixed)) = self.label_in(&text[start..end]) {
                let buf = out.get_or_insert_with(|| b.to_vec());
                buf[start + from..end].copy_from_slice(fixed.as_bytes());
            }
        }
        // Only spaces moved between whole characters: still UTF-8.
        out.map(|buf| String::from_utf8(buf).unwrap_or_else(|_| text.to_string()))
    }

    /// In `run` (pieces joined by single spaces), the longest suffix of two or more
    /// pieces that spells a label with other spaces: its offset in `run` and its
    /// repaired spelling (same length).
    fn label_in(&self, run: &str) -> Option<(usize, String)> {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(run.match_indices(' ').map(|(i, _)| i + 1))
            .collect();
        let first = starts.len().saturating_sub(MAX_PIECES);
        for &from in &starts[first..starts.len().saturating_sub(1)] {
            let part = &run[from..];
            let letters: String = part
                .chars()
                .filter(|&c| c != ' ')
                .flat_map(char::to_lowercase)
                .collect();
            let Some(known) = self.forms.get(&letters) else {
                continue;
            };
            let lower = part.to_lowercase();
            if known.contains(&lower)
                || part
                    .split(' ')
                    .all(|w| w.chars().count() >= 3 && (self.ordinary)(w))
            {
                return None; // written as the label is, or as words apart
            }
            return respell(part, &known[0]).map(|fixed| (from, fixed));
        }
        None
    }
}

/// `part`'s letters (case kept) laid out with `form`'s spaces, the spaces left over at
/// the end; `None` when `part` has fewer spaces than `form` or its letters do not fold
/// one to one onto `form`'s.
fn respell(part: &str, form: &str) -> Option<String> {
    let mut letters = part.chars().filter(|&c| c != ' ');
    let mut fixed = String::with_capacity(part.len());
    for f in form.chars() {
        if f == ' ' {
            fixed.push(' ');
            continue;
        }
        let c = letters.next()?;
        if !c.to_lowercase().eq(std::iter::once(f)) {
            return None;
        }
        fixed.push(c);
    }
    if letters.next().is_some() || fixed.len() > part.len() {
        return None;
    }
    fixed.extend(std::iter::repeat_n(' ', part.len() - fixed.len()));
    Some(fixed)
}

/// A byte of a letter: ASCII letters and every byte of a non-ASCII character.
fn letter(c: u8) -> bool {
    c.is_ascii_alphabetic() || c >= 0x80
}

/// The run of pieces (letters, single spaces between them) that ends before the colon
/// at `colon` (one space may stand between) and starts a line or a field; `None` when
/// there is none, it is longer than `MAX_RUN`, or it holds no space.
fn run_before(b: &[u8], colon: usize) -> Option<(usize, usize)> {
    let mut end = colon;
    if end > 0 && b[end - 1] == b' ' {
        end -= 1;
    }
    if end == 0 || !letter(b[end - 1]) {
        return None;
    }
    let mut start = end;
    let mut spaced = false;
    while start > 0 && end - start <= MAX_RUN {
        let c = b[start - 1];
        if letter(c) {
            start -= 1;
        } else if c == b' ' && start >= 2 && letter(b[start - 2]) {
            spaced = true;
            start -= 1;
        } else {
            break;
        }
    }
    let opens_field = start == 0
        || matches!(b[start - 1], b'\n' | b'\r' | b'\t' | b'|')
        || (b[start - 1] == b' '
            && start >= 2
            && matches!(b[start - 2], b' ' | b'\n' | b'\t' | b'|'));
    (spaced && opens_field && end - start <= MAX_RUN).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ordinary(w: &str) -> bool {
        ["full", "name", "data", "datum", "birth", "date"].contains(&w.to_lowercase().as_str())
    }

    fn repair() -> LabelRepair {
        LabelRepair::new(
            [
                "geburtsdatum",
                "data di nascita",
                "telefono",
                "name",
                "fecha de nacimiento",
                "date of birth",
                "nome",
                "née",
                "fullname",
                "birthdate",
                "birth date",
            ],
            ordinary,
        )
    }

    fn fixed(text: &str) -> String {
        repair().repair(text).unwrap_or_else(|| text.to_string())
    }

    #[test]
    fn broken_labels_are_put_back_together_in_place() {
        for (broken, want) in [
            ("Geburts datum :3.4.1981", "Geburtsdatum  :3.4.1981"),
            ("x\nTele fono:  331-8045704", "x\nTelefono :  331-8045704"),
            (
                "No me: Ibrahima Diouf   Data di nasc ita :22 maggio 1981",
                "Nome : Ibrahima Diouf   Data di nascita  :22 maggio 1981",
            ),
            ("Patient\tN ame: Jo", "Patient\tName : Jo"),
            ("Patient N ame: Jo", "Patient Name : Jo"),
            ("| Fecha de naci miento: 1", "| Fecha de nacimiento : 1"),
            ("DATE OF BI RTH: 1", "DATE OF BIRTH : 1"),
            ("Bir th date: 1", "Birthdate  : 1"),
        ] {
            let got = fixed(broken);
            assert_eq!(got, want, "{broken:?}");
            assert_eq!(got.len(), broken.len());
        }
    }

    #[test]
    fn text_that_is_not_a_broken_label_is_left_alone() {
        for text in [
            "Geburtsdatum: 3.4.1981",                                  // whole already
            "Date of birth: 1",                                        // its own spaces
            "the note said, tele fono: 1", // not at a line or field start
            "We then asked all of them about the data di nasc ita: 1", // longer than a label run
            "Tele-fono: 1",                // a hyphen is no stray space
            "Tel efo no 12: 1",            // a digit breaks the run
            "Na me",                       // no colon
            "Anna Maria: hello",           // spells no label
            "N ée: 1",                     // fewer than four letters
        ] {
            assert_eq!(repair().repair(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_label_written_with_fewer_spaces_than_its_form_is_left_alone() {
        // `fechade nacimiento` has one space where the form has two: no room to lay the
        // form's spaces out in place.
        assert_eq!(repair().repair("Fechade nacimiento: 1"), None);
    }

    #[test]
    fn non_ascii_letters_keep_their_bytes() {
        let r = LabelRepair::new(["dirección", "téléphone"], |_| false);
        assert_eq!(
            r.repair("Direc ción: Callejón 3").as_deref(),
            Some("Dirección : Callejón 3")
        );
        assert_eq!(r.repair("TÉLÉ PHONE: 1").as_deref(), Some("TÉLÉPHONE : 1"));
    }
}
