//! DATE_TIME and DATE_OF_BIRTH: calendar dates written for people (ISO, D.M.Y, M/D/Y,
//! month names), range-checked. A date next to "born", "DOB" or "date of birth" is a
//! DATE_OF_BIRTH. Machine timestamps (ISO 8601 with a time part) and bare years are
//! hard negatives and stay untouched. DATE_TIME is reported at the lowest confidence a
//! default policy keeps (0.5), so any other recognizer wins an overlap, and its action
//! is `allow` unless a policy names it (see `Engine::action_for`).

use super::{whole, Pattern};
use crate::pii::entity::Entity;

macro_rules! months {
    () => {
        r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
    };
}

/// `14 March 1985`, `14th of March, 1985`, `March 14, 1985`, `the eighth of October 1964`
/// (the day an ordinal in words, as wedding notices and applications write it).
const NAMED: &str = concat!(
    r"\b(?:(?:(?i:the)[ ]+)?(?i:(?:twenty|thirty)[- ]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)[ ]+(?i:of)[ ]+",
    months!(),
    r",?[ ]+(?:19|20)\d{2}|",
    r"\d{1,2}(?:st|nd|rd|th)?[ ]+(?:of[ ]+)?",
    months!(),
    r"\.?,?[ ]+(?:19|20)\d{2}|",
    months!(),
    r"\.?[ ]+\d{1,2}(?:st|nd|rd|th)?,?[ ]+(?:19|20)\d{2})\b"
);

/// Low on purpose: an ordinary date is rarely personal on its own.
const DATE_CONFIDENCE: f32 = 0.5;

/// Month names of DE, FR, ES, IT and NL (English ones are in `months!`), any case, and
/// their usual abbreviations (`Dez.`, `févr.`, `ene.`, `giu`, `mrt.`; a dot may follow).
const MONTHS_EU: &str = r"(?i:januar|jänner|jaenner|februar|märz|maerz|mai|juni|juli|oktober|dezember|janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|januari|februari|maart|mei|augustus|april|august|september|november|december|jan|feb|mär|apr|jun|jul|aug|sept?|okt|nov|dez|janv|févr|fév|avr|juil|oct|déc|ene|mar|abr|may|ago|set|dic|gen|mag|giu|lug|ott|mrt|dec)";

/// `14. März 1985`, `3 février 1990`, `14 de marzo de 1985`, `1° maggio 1980`, `5 mei 1979`;
/// the day an ordinal in words (`premier mai 1964`, `primo maggio`, `primero de mayo`,
/// `dritten März 1964`, `eerste mei`).
fn named_eu() -> String {
    format!(
        r"\b(?:\d{{1,2}}(?:\.|er|º|°)?|{ORDINALS_EU})[ ]+(?:de[ ]+)?{MONTHS_EU}\.?,?[ ]+(?:de[ ]+|del[ ]+)?(?:19|20)\d{{2}}\b"
    )
}

/// Days written as ordinal words: French, Italian and Spanish say only the first so
/// (`premier`, `primo`, `primero`); German dative ordinals (`am dritten März`); Dutch.
const ORDINALS_EU: &str = r"(?i:premier|primo|primero|(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und(?:zwanzig|dreißig)sten|ersten|zweiten|dritten|vierten|fünften|sechsten|siebten|siebenten|achten|neunten|zehnten|elften|zwölften|dreizehnten|vierzehnten|fünfzehnten|sechzehnten|siebzehnten|achtzehnten|neunzehnten|zwanzigsten|dreißigsten|eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|elfde|twaalfde)";

/// Labels that make a date a DATE_OF_BIRTH, per language (matched at a word start,
/// ASCII case ignored).
const DOB: &[&str] = &[
    "born",
    "dob",
    "d.o.b",
    "date of birth",
    "birth date",
    "birthdate",
    "birthday",
    "geboren",
    "geb.",
    "geb ",
    "geburtsdatum",
    "geburtstag",
    // The noun alone: an XML element or a form's field (`<geburt>`, `Geburt:`), and a
    // label an OCR split (`Geburts datum :`); Dutch likewise (`Geboorte datum :`).
    "geburt",
    "né le",
    "née le",
    "né ",
    "née ",
    "date de naissance",
    "naissance",
    "nacido",
    "nacida",
    "fecha de nacimiento",
    "f. nac",
    "nacimiento",
    "nació",
    "nací",
    "naci el",
    "nacida el",
    // With its space: `Atlético Nacional 2-1` is no birth.
    "nacio ",
    "nato il",
    "nata il",
    "nato a",
    "nata a",
    "nato nel",
    "data di nascita",
    "nascita",
    "geboortedatum",
    "geboorte",
    "geboren op",
    "geb. datum",
    "geb.-datum",
    "né(e)",
    "nato/a",
    "nata/o",
    "fecha nac",
    "fecha de nac",
    // JSON and CSV keys: `"date_of_birth": "6 February 1965"`.
    "date_of_birth",
    "birth_date",
    "dateofbirth",
    "fecha_nacimiento",
    "data_nascita",
    "date_naissance",
    "geboorte_datum",
    // Abbreviations on French and Italian forms: `DDN 16/10/1949`, `DN 11 settembre 1965`.
    "ddn",
    "dn ",
    // German `(*12.05.1978)`, `, *12.05.1978` (born): the asterisk glued to the day.
    "(*",
    ", *",
    // Family trees and registers abbreviate the birth before its date: English `(b. 12
    // Mar 1931`, Spanish and Italian `(n. 5-VII-1955`, Spanish `nac. 12/03/1961`.
    "(b. ",
    "(n. ",
    "nac. ",
];

/// Labels of a birth year alone, per language (`born 1954`, `geboortejaar 1938`, `nacido
/// en 1946`, `né en 1962`, `nato nel 1950`, `Jg. 1952`); not `Jahrgang` or `classe`,
/// which also date wines and trains.
const BIRTH_YEAR: &[&str] = &[
    "born",
    "year of birth",
    "geburtsjahr",
    "jg.",
    "année de naissance",
    "né en",
    "née en",
    "nacido en",
    "nacida en",
    "año de nacimiento",
    "nato nel",
    "nata nel",
    "anno di nascita",
    "geboortejaar",
    "geboren in",
];

/// Words right before a date that make it the date of a next appointment or of a death,
/// not a birth, even under a birth label's reach (`DOB: 18 August 1950\nNext check-up:
/// August 4, 2026`, `geboren 25-09-1973, overleden 13 augustus 2026`): such a date is
/// no one's birth and, being no birth, is left alone.
const NOT_BIRTH: &[&str] = &[
    "check-up",
    "checkup",
    "kontrolle",
    "contrôle",
    "controle",
    "controllo",
    "revisión",
    "overleden",
    "falleció",
    "fallecido",
    "décédé",
    "décédée",
    "gestorben",
    "verstorben",
    "died",
    "deceased",
    "deceduto",
    "deceduta",
    // Family trees abbreviate the death (`gest. 4. Mai 2001`, `overl. 8 nov. 1971`),
    // matched as whole words without the dot; not English `d.`, Spanish `f.` or Italian
    // `m.`, which are also initials (`D. Whitfield, DOB …`) or open `F. nac.`.
    "gest",
    "overl",
];

/// Phrases right before a date that make it one end of a span (`off sick since 16 April
/// 2026`, `seit dem 24.09.2026`, `depuis le 3 mars`, `desde el 2 de mayo`, `dall'8
/// marzo`, `sinds 1 juni`, `until 30 June`, `bis zum 5. Mai`): an HR note's or a
/// contract's date, never a birth, however near the birth label before it. Only right
/// before the date: `licence holder since 2009, born 21/06/1982` keeps its date of birth.
const SPAN_ENDS: &[&str] = &[
    "since",
    "since the",
    "from",
    "from the",
    "until",
    "till",
    "seit",
    "seit dem",
    "seit den",
    "ab",
    "ab dem",
    "bis",
    "bis zum",
    "depuis",
    "depuis le",
    "à partir du",
    "jusqu'au",
    "jusqu’au",
    "desde",
    "desde el",
    "a partir del",
    "hasta",
    "hasta el",
    "dal",
    "dall'",
    "dall’",
    "a partire dal",
    "fino al",
    "sinds",
    "vanaf",
    "tot",
    "tot en met",
];

pub fn patterns() -> Vec<Pattern> {
    vec![
        // A birth year alone after its label; a year glued to a date or a number is part
        // of that (`numeric`), and without the label a year is no one's.
        Pattern::new("dob_year", Entity::DateOfBirth, r"\b(?:19|20)\d{2}\b", birth_year)
            .context(BIRTH_YEAR)
            .not_after(SPAN_ENDS)
            .numeric()
            .cluster(4)
            .alone(0.2),
        // `10-Oct-1990`: day, English month abbreviation and year joined by hyphens.
        Pattern::new(
            "date_abbrev",
            Entity::DateTime,
            r"\b\d{1,2}-(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)-(?:19|20)\d{2}\b",
            named_date,
        )
        .upgrade(Entity::DateOfBirth, DOB)
        .veto_before(NOT_BIRTH).not_after(SPAN_ENDS),
        Pattern::new(
            "date_iso",
            Entity::DateTime,
            r"\b(?:19|20)\d{2}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b",
            iso,
        )
        .upgrade(Entity::DateOfBirth, DOB).veto_before(NOT_BIRTH).not_after(SPAN_ENDS).cluster(8),
        Pattern::new("date_numeric", Entity::DateTime, r"\b\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d{2}\b", numeric)
            .upgrade(Entity::DateOfBirth, DOB).veto_before(NOT_BIRTH).not_after(SPAN_ENDS).cluster(6),
        // `geb. 15.04.91`, Dutch `geb. 18-9-'66`: a two-digit year, a date of birth only
        // next to its label.
        Pattern::new("dob_short_year", Entity::DateOfBirth, r"\b\d{1,2}[./-]\d{1,2}[./-]'?\d{2}\b", short_year)
            .context(DOB).veto_before(NOT_BIRTH).not_after(SPAN_ENDS).numeric().cluster(4).alone(0.3),
        // `5-VII-1955`, `19.I.1935`: the month in Roman numerals, as Spanish, Italian and
        // Polish forms write it.
        Pattern::new("date_roman", Entity::DateTime, r"\b\d{1,2}[./-](?:I{1,3}|IV|VI{0,3}|IX|XI{0,2})[./-](?:19|20)\d{2}\b", roman)
            .upgrade(Entity::DateOfBirth, DOB)
            .veto_before(NOT_BIRTH).not_after(SPAN_ENDS),
        // A German register card or CV: the birth asterisk opens the line (`*12.05.1978 in
        // Lienz`); the finding keeps the asterisk.
        Pattern::new("dob_asterisk", Entity::DateOfBirth, ASTERISK, asterisk_dob),
        Pattern::new("date_named", Entity::DateTime, NAMED, named_date)
            .upgrade(Entity::DateOfBirth, DOB)
            .veto_before(NOT_BIRTH).not_after(SPAN_ENDS),
        Pattern::new("date_named_eu", Entity::DateTime, leak(named_eu()), named_date)
            .upgrade(Entity::DateOfBirth, DOB)
            .veto_before(NOT_BIRTH).not_after(SPAN_ENDS),
    ]
}

/// The recognizer table holds `&'static str`; this one pattern is built at start-up.
fn leak(s: String) -> &'static str {
    static NAMED_EU: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NAMED_EU.get_or_init(|| s).as_str()
}

fn iso(s: &str) -> Option<(usize, f32)> {
    if s.len() > 10 {
        // A time part: a log or API timestamp, not a person's date.
        return None;
    }
    let month: u32 = s.get(5..7)?.parse().ok()?;
    let day: u32 = s.get(8..10)?.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((s.len(), DATE_CONFIDENCE))
}

fn numeric(s: &str) -> Option<(usize, f32)> {
    let parts: Vec<&str> = s.split(['.', '/', '-']).collect();
    let seps: Vec<char> = s.chars().filter(|c| matches!(c, '.' | '/' | '-')).collect();
    if parts.len() != 3 || seps[0] != seps[1] {
        return None;
    }
    let a: u32 = parts[0].parse().ok()?;
    let b: u32 = parts[1].parse().ok()?;
    let dmy = (1..=31).contains(&a) && (1..=12).contains(&b);
    // Dots are the European day-first notation; `3.14.1985` reads as a version.
    let mdy = seps[0] != '.' && (1..=12).contains(&a) && (1..=31).contains(&b);
    (dmy || mdy).then_some((s.len(), DATE_CONFIDENCE))
}

/// Day and month in range, the same separator twice: confidence 0.3, raised by a label.
fn short_year(s: &str) -> Option<(usize, f32)> {
    numeric(&s.replace('\'', "")).map(|_| (s.len(), 0.3))
}

/// A day in range and the same separator around the Roman month.
fn roman(s: &str) -> Option<(usize, f32)> {
    let seps: Vec<char> = s.chars().filter(|c| matches!(c, '.' | '/' | '-')).collect();
    let day: u32 = s.split(['.', '/', '-']).next()?.parse().ok()?;
    (seps.len() == 2 && seps[0] == seps[1] && (1..=31).contains(&day))
        .then_some((s.len(), DATE_CONFIDENCE))
}

/// The German birth asterisk glued to a date, after a space, bracket, comma or line
/// start (`*12.05.1978`, `, *5. März 1947`, `*1987-08-21`), not after a word.
const ASTERISK: &str = r"\B\*[ ]?(?:\d{1,2}\.\d{1,2}\.(?:19|20)?\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}|\d{1,2}\.?[ ](?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)[ ](?:19|20)\d{2})\b";

/// A date in range after the asterisk (`*12.05.1978`, `*1987-08-21`, `*5. März 1947`).
fn asterisk_dob(s: &str) -> Option<(usize, f32)> {
    let date = s.strip_prefix('*')?.trim_start_matches(' ');
    let valid = if date.contains(' ') {
        true
    } else if date.contains('-') {
        iso(date).is_some()
    } else {
        numeric(date).is_some()
    };
    valid.then_some((s.len(), 0.75))
}

/// A year from 1900 to 2029: confidence 0.2, raised by a birth-year label.
fn birth_year(s: &str) -> Option<(usize, f32)> {
    whole(s, 0.2)
}

fn named_date(s: &str) -> Option<(usize, f32)> {
    whole(s, DATE_CONFIDENCE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(iso("1985-03-14").is_some());
        assert!(iso("1985-13-14").is_none());
        assert!(
            iso("2024-01-15T10:30:00Z").is_none(),
            "timestamps are hard negatives"
        );
        assert!(numeric("14.03.1985").is_some());
        assert!(numeric("03/14/1985").is_some());
        assert!(numeric("14.03/1985").is_none());
        assert!(numeric("33.13.1985").is_none());
        assert!(asterisk_dob("*12.05.1978").is_some());
        assert!(asterisk_dob("* 12.05.78").is_some());
        assert!(asterisk_dob("*33.05.1978").is_none());
        assert!(asterisk_dob("*1987-08-21").is_some());
        assert!(asterisk_dob("*1987-13-21").is_none());
        assert!(roman("5-VII-1955").is_some());
        assert!(roman("19.I.1935").is_some());
        assert!(roman("5-VII/1955").is_none());
        assert!(roman("45.II.1955").is_none());
        assert!(short_year("18-9-'66").is_some());
    }
}
