//! Names that a text's layout places where no word right before them says so: the second
//! value of a form field whose label pairs two fields with a slash (`Vorname/Nachname:
//! Derya / Öztürk-Lange`, `Nome/Cognome: Cosimo / Recchia`: the word scan reads the first
//! after the label, the second follows the value's own slash), and the line after an
//! e-mail signature's separator (`-- ` alone on a line, RFC 3676 section 4.3), which is
//! the sender's name, and the speaker of a chat transcript's line after its timestamp
//! (`[14:02] Morag: …`, `[12/03/24, 14:02] Tarek Haddad: …`, as chat apps export them).
//! Looks only after a PERSON finding, at a separator line or at a `] ` that closes a
//! timestamp opening a line: costs nothing in a text without any.

use std::collections::HashMap;

use crate::pii::entity::Entity;
use crate::pii::scanner::Finding;

use super::person_location::{is_determiner, is_first, is_last, ordinary_word};

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
    let people: Vec<(usize, usize)> = out[from..]
        .iter()
        .filter(|f| f.entity == Entity::Person && f.confidence >= 0.5)
        .map(|f| (f.start, f.end))
        .collect();
    found.extend(
        rota_names(text, &people)
            .into_iter()
            .map(|(start, end)| (start, end, 0.7)),
    );
    found.extend(
        super::name_context::kin_names(text)
            .into_iter()
            .map(|(start, end)| (start, end, 0.7)),
    );
    for (surname, given) in surname_first_in_capitals(text) {
        found.push((surname.0, surname.1, 0.8));
        found.push((given.0, given.1, 0.8));
    }
    let echoes = given_name_echoes(text, &out[from..], &found);
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
    for (start, end, confidence) in echoes {
        // An echo raises nothing: a longer, unsure reading around it (`Laut Rudy Blau`
        // beside `Rudy Blau`) must not win over the one the text was found with.
        let known = out[from..].iter().any(|f| {
            f.start < end && start < f.end && f.entity == Entity::Person && f.confidence >= 0.5
        });
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

/// The lone given name of someone the text has already named: `Present: Hodan
/// Farah-Hassan (chair)` and later `– Hodan to write to the council`, `laut Inken`, `bei
/// Momme abgeben`, `Nachtdienst: Vroni`, a chat's speaker `Ubah` and `no worries, Ubah has
/// the keys`. Minutes, chats, rotas and notes name people in full (or by the layout) once
/// and by the given name after that; the word scan reads the bare word without the
/// evidence it had the first time.
///
/// Safe because it only repeats what was found: the first word of a PERSON finding (of
/// the word scan at the policy's default minimum, 0.5, or placed by the layout) that is
/// capitalised, three letters or more and no ordinary word (`Will`, `Rose`, `Mark` stay
/// unrepeated), found again as a whole word (not inside `Hodan-Straße`), with the
/// confidence of the finding it repeats, at most 0.7. A text without a person gains
/// nothing. One pass over the text's words, each looked up in the few names found.
fn given_name_echoes(
    text: &str,
    out: &[Finding],
    found: &[(usize, usize, f32)],
) -> Vec<(usize, usize, f32)> {
    let mut given: HashMap<&str, f32> = HashMap::new();
    // A one-word reading of the word scan is repeated only if it is a listed first name
    // (`Versie` read alone from a version line is not); the layout's are all repeated.
    let sources = out
        .iter()
        .filter(|f| {
            f.entity == Entity::Person
                && f.confidence >= 0.5
                && text
                    .get(f.start..f.end)
                    .is_some_and(|n| n.contains(' ') || is_first(n))
        })
        .map(|f| (f.start, f.end, f.confidence))
        .chain(found.iter().copied());
    for (start, end, confidence) in sources {
        let Some(name) = text.get(start..end) else {
            continue;
        };
        let first = name.split(' ').next().unwrap_or(name);
        let letters = first.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 3
            || !first.starts_with(char::is_uppercase)
            || !first.chars().all(|c| c.is_alphabetic() || c == '-')
            || first.chars().skip(1).all(char::is_uppercase)
            || ordinary_word(first)
            || is_determiner(&first.to_lowercase())
        {
            continue;
        }
        let confidence = confidence.min(0.7);
        let known = given.entry(first).or_insert(confidence);
        *known = known.max(confidence);
    }
    if given.is_empty() {
        return Vec::new();
    }
    let inside = |c: char| c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
    let mut echoes = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    // From capital to capital: only a word opening with an ASCII capital or a non-ASCII
    // letter can be a name, so the bytes of lower-case words cost one test each.
    while i < b.len() {
        let c = b[i];
        if !(c.is_ascii_uppercase() || c >= 0xC0)
            || text[..i].chars().next_back().is_some_and(inside)
        {
            i += 1;
            continue;
        }
        let end = text[i..]
            .char_indices()
            .find(|&(_, c)| !inside(c))
            .map_or(text.len(), |(k, _)| i + k);
        let word = &text[i..end];
        if word.starts_with(char::is_uppercase) && !opens_a_run(&text[end..]) {
            if let Some(confidence) = given.get(word) {
                echoes.push((i, end, *confidence));
            }
        }
        i = end.max(i + 1);
    }
    echoes
}

/// Whether `rest`, what follows a word, continues it into a longer capitalised run
/// (`Brie de Meaux`, `Hodan Street`, `Nils Holgersson`): the word scan read that run and
/// decided what it is, so an echo of a given name inside it would overrule it.
fn opens_a_run(rest: &str) -> bool {
    let Some(next) = rest.strip_prefix(' ') else {
        return false;
    };
    let next = match next.split_once(' ') {
        Some((w, after)) if w.len() <= 3 && w.chars().all(char::is_lowercase) => after,
        _ => next,
    };
    next.starts_with(char::is_uppercase)
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

/// Weekdays as rotas, timetables and planners write them at a line's start, full or
/// abbreviated, in the six languages (compared lower-cased, a trailing full stop
/// removed). `do`, `so`, `ma`, `mar` and `mi` are also words (`Do you`, `Ma che`, `Mi
/// paquete`): a rota line needs a separator and name cells after them, and a rota two such
/// lines, which a sentence opening with them never has.
const WEEKDAYS: &[&str] = &[
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mo",
    "di",
    "mi",
    "do",
    "fr",
    "sa",
    "so",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lun",
    "mar",
    "mer",
    "jeu",
    "ven",
    "sam",
    "dim",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "mié",
    "mie",
    "jue",
    "vie",
    "sáb",
    "sab",
    "dom",
    "lunes",
    "martes",
    "miércoles",
    "miercoles",
    "jueves",
    "viernes",
    "sábado",
    "sabado",
    "domingo",
    "gio",
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
    "domenica",
    "ma",
    "wo",
    "vr",
    "za",
    "zo",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];

/// Words that put the person a shift was swapped with, or covered for, in a rota cell's
/// parenthesis (`Rhys (swapped with Aled)`, `(getauscht mit Jonas)`, `(échangé avec
/// Lou)`, `(cambiado con Iker)`, `(scambiato con Ugo)`, `(geruild met Sem)`).
const ROTA_WITH: &[&str] = &[
    "with", "for", "mit", "für", "avec", "pour", "con", "por", "per", "met", "voor",
];

/// The people of a shift rota: lines that open with a weekday (and maybe the shift's
/// words: `Mon early`, `Di Spät`, `Sáb 7-15`), then ` – `, ` - ` or `: `, then cells
/// joined by `, `, ` + `, ` & ` or ` / ` (`Mon early – Aled, Siobhan`, `Tue late – Aled
/// + Nia`, `Mi: Jonas, Fenna`), each a name with maybe a parenthesis after it (whose
/// last word after `with`, `mit`, `avec`... is the colleague swapped with).
///
/// Safe because the layout is read as a whole, never a line at a time: two weekday lines
/// or more, every capitalised cell of every such line shaped like a name, no cell a single ordinary
/// word that is no listed first name (`Mon – Bread, Milk`, `Tue: Review, Deploy`, `Fri –
/// Laundry`), and at least two cells, and half of them, opening with a listed first name
/// that is no ordinary word or already read as a person's name by the word scan (`Mon
/// late – Yeison Zuluaga`: the rota's other cells are its colleagues). Rooms, storms, ferries and roses named after people
/// (`Noether`, `Turing`, `Storm Kathleen`) are surnames or open with a thing's noun: a
/// planner of rooms (`Mon – Noether, Turing`) has no listed first names and is left
/// alone. Looks only at line starts and, on a line that opens with a weekday, at its
/// first separator.
fn rota_names(text: &str, people: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut names = Vec::new();
    let (mut lines, mut cells, mut listed) = (0, 0, 0);
    let starts =
        std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|p| p + 1));
    for line_start in starts {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |e| line_start + e);
        let Some(row) = rota_row(text, line_start, line_end) else {
            continue;
        };
        lines += 1;
        for (start, end) in row {
            let cell = &text[start..end];
            // An empty or lower-case cell (`off`, `frei`, `libre`, `–`) is a day without
            // anyone: neither a name nor evidence against the rota.
            if !cell.starts_with(char::is_uppercase) {
                continue;
            }
            if !name_shaped(cell) {
                return Vec::new();
            }
            let first = cell.split(' ').next().unwrap_or(cell);
            let lone_ordinary = !cell.contains(' ') && ordinary_word(cell) && !is_first(cell);
            let thing_first = cell.contains(' ') && ordinary_word(first) && !is_first(first);
            if lone_ordinary || thing_first {
                return Vec::new();
            }
            cells += 1;
            let read = people.iter().any(|&(s, e)| s < end && start < e);
            if read || (is_first(first) && !ordinary_word(first)) {
                listed += 1;
            }
            names.push((start, end));
        }
    }
    if lines >= 2 && listed >= 2 && 2 * listed >= cells {
        names
    } else {
        Vec::new()
    }
}

/// The cells of a rota line (`Mon early – Aled, Siobhan (swapped with Nia)`) as spans,
/// if the line opens with a weekday and a separator follows it within its first five
/// words; a parenthesis is read for the colleague after its `with` word and otherwise
/// dropped.
fn rota_row(text: &str, line_start: usize, line_end: usize) -> Option<Vec<(usize, usize)>> {
    let line = &text[line_start..line_end];
    let head_word = line.split([' ', ':']).next()?;
    let day = head_word.strip_suffix('.').unwrap_or(head_word);
    if day.is_empty() || day.len() > 10 || !WEEKDAYS.contains(&day.to_lowercase().as_str()) {
        return None;
    }
    let sep = [" – ", " — ", " - ", ": "]
        .iter()
        .filter_map(|s| line.find(s).map(|p| (p, s.len())))
        .min()?;
    if line[..sep.0].split(' ').count() > 5 {
        return None;
    }
    let body_start = line_start + sep.0 + sep.1;
    let mut row = Vec::new();
    let mut at = body_start;
    for piece in text[body_start..line_end].split([',', '+', '&', '/']) {
        let piece_start = at;
        at += piece.len() + 1;
        let lead = piece.len() - piece.trim_start().len();
        let mut cell = piece.trim();
        if let Some(open) = cell.find('(') {
            let inner = cell[open + 1..].trim_end().strip_suffix(')')?;
            if let Some((before, last)) = inner.trim_end().rsplit_once(' ') {
                let with = before.rsplit(' ').next().unwrap_or(before);
                if ROTA_WITH.contains(&with) && name_shaped(last) {
                    let s = piece_start + lead + open + 1 + before.len() + 1;
                    row.push((s, s + last.len()));
                }
            }
            cell = cell[..open].trim_end();
        }
        let s = piece_start + lead;
        row.push((s, s + cell.len()));
    }
    Some(row)
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

    #[test]
    fn the_cells_of_a_shift_rota_are_names() {
        let text = "Rota for March:\nMon early – Aled, Siobhan\nMon late – Ewan + Ingrid\nTue – Siobhan (swapped with Ewan)\nWed – off\n";
        assert_eq!(
            names(text, "Rota"),
            ["Aled", "Siobhan", "Ewan", "Ingrid", "Ewan", "Siobhan"]
        );
        assert_eq!(
            names("Plan:\nMi: Jonas, Fenna\nDo: Wiebke / Jonas\n", "Plan"),
            ["Jonas", "Fenna", "Wiebke", "Jonas"]
        );
    }

    #[test]
    fn rotas_of_tasks_rooms_and_goods_name_nobody() {
        // Tasks, shopping, rooms named after people, ferries: no listed first names, or
        // an ordinary word among the cells.
        for text in [
            "List:\nMon – Bread, Milk\nTue – Eggs\n",
            "Sprint:\nTue: Review, Deploy\nWed: Release\n",
            "Rooms:\nMon – Noether, Turing\nTue – Lovelace\n",
            "Ferries:\nMon – Storm Ciara, Nils\nTue – Peter\n",
            "Duties:\nMon – Laundry, Anna\nTue – Kitchen, Paul\n",
        ] {
            let head = text.split(':').next().unwrap_or(text);
            assert!(names(text, head).is_empty(), "{text}");
        }
        // One weekday line is no rota; a weekday opening a sentence is no rota line.
        assert!(names("Note:\nMon – Aled, Siobhan\n", "Note").is_empty());
        assert!(names(
            "Note:\nDo you know them?\nDo: Aled, Siobhan to sign\n",
            "Note"
        )
        .is_empty());
    }

    #[test]
    fn a_given_name_found_once_is_found_again() {
        assert_eq!(
            names(
                "Present: Hodan Farah (chair)\n1. Roof – Hodan to write. Hodan Street is shut.",
                "Hodan Farah"
            ),
            ["Hodan"]
        );
        // Determiners are not repeated, nor a word opening a longer
        // capitalised run (`Brie de Meaux`).
        assert!(names("Les Dawson, then Les écologistes.", "Les Dawson").is_empty());
        assert!(names("Brie Larson; Brie de Meaux", "Brie Larson").is_empty());
    }

    #[test]
    fn a_given_name_after_a_word_for_a_relative_is_a_name() {
        assert_eq!(
            names(
                "Guests:\n- Grandma Eirlys\n- la abuela Remedios, tarde",
                "Guests"
            ),
            ["Eirlys", "Remedios"]
        );
        // The relative's word is left out; a run or a compound is not read.
        assert!(names("Guests: Uncle Sam Brand, Tante-Emma-Laden", "Guests").is_empty());
    }

    #[test]
    fn a_rota_cell_the_word_scan_read_counts_as_a_listed_name() {
        let text = "Rota:\nMon – Yeison Zuluaga\nTue – Covadonga, Aled\n";
        assert_eq!(names(text, "Yeison Zuluaga"), ["Covadonga", "Aled"]);
    }
}
