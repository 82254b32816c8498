//! Whether a lone place is someone's whereabouts. A town or city that stands alone (read
//! from the place lists or after a place preposition, not part of a street address, a
//! postcode line or a labelled field) is LOCATION only with positive evidence that the
//! text speaks of a person: another finding that belongs to a person (a name, contact
//! data, a date of birth, an account, an address), or, in the place's own sentence, a
//! pronoun of the writer or of one person (`I`, `wir`, `je`, `mi`, `hij`) or a verb of
//! dwelling, birth or moving (`lives`, `wohnt`, `habite`, `vive`, `abita`, `woont`,
//! `born`, `geboren`, `moved`). Without it the place is a forecast area, a road section,
//! a station, a fixture, a constituency or a sight, and stays (issue 12: weather and
//! traffic reports, timetables, openings, market reports, results, travel guides).

use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use crate::pii::entity::Entity;
use crate::pii::scanner::Finding;
use crate::pii::wordset::WordHasher;

/// Pronouns of the writer, of the writer's group and of one other person; verbs of
/// dwelling, birth, moving and working and the writer's own verb forms (`abbiamo`,
/// `pasamos`, `suis`: Spanish and Italian drop the pronoun); gatherings of people
/// (`congress`, `Tagung`, `convegno`: where people will be), relatives (`die schwester in
/// rhenen`) and deliveries (`parcel`,
/// `colis`, `zending`: where someone receives them); in the six languages, lower case. Left out on purpose:
/// words that are also common function words or nouns in another of the languages (Dutch
/// `er` "there", `zijn` "are", French `il` of the weather, `son`/`sa` of a town's
/// surroundings, Italian `i` "the", German `sie`, `sein`, `wohnen` and `leben`, which
/// are also nouns; German `am` "on the", French `ai` and Italian `ai` "to the", Italian
/// `sono` "they are", Dutch `ben` and Italian `ben` "well"), and the second person,
/// which travel guides address.
const EVIDENCE: &str = "\
    me my mine myself we us our ours he she him her his hers \
    live lives living lived moved relocated born staying stays reside resides residing \
    resident grew \
    ich mich mir mein meine meinen meinem meiner meines wir uns unser unsere unserem \
    unseren unserer ihm ihn seine seinen seinem seiner \
    wohne wohnt wohnte wohnten wohnhaft lebe lebt lebte geboren umgezogen aufgewachsen \
    je moi mon ma mes nous notre nos elle lui \
    habite habites habitons habitent habité vis vit vivons vivent vécu né née nés nées \
    déménagé déménage installé installée grandi domicilié domiciliée demeurant \
    yo mi mis nosotros nosotras nuestro nuestra nuestros nuestras él ella conmigo \
    vivo vive vivimos viven vivía viví nací nació nacido nacida mudé mudamos mudado \
    mudada mudó resido reside residente empadronado empadronada crecí domiciliado \
    io mio mia miei mie noi nostro nostra nostri nostre lui lei \
    abito abita abitiamo abitano viviamo nato nata nati trasferito trasferita \
    trasferiti risiedo risiede cresciuto cresciuta \
    ik mij mijn wij ons onze hij haar \
    woon woont wonen woonde woonden woonachtig verhuisd verhuis verhuist opgegroeid \
    bin habe suis avons sommes allons estoy estuve fui hemos estamos estuvimos \
    fuimos vamos pasamos quedamos dije ho abbiamo siamo heb \
    werkt arbeitet trabaja travaille lavora mudaron mudan \
    conference congress seminar workshop meeting tagung konferenz kongress treffen \
    congrès séminaire réunion colloque congreso seminario reunión jornadas convegno \
    riunione incontro congres seminarie vergadering bijeenkomst symposium \
    sister brother mother father daughter son wife husband grandmother grandfather family \
    schwester bruder mutter vater tochter sohn oma opa familie sœur frère mère père fille \
    fils mari hermana hermano madre padre hija hijo abuela abuelo familia sorella fratello \
    figlia figlio nonna nonno famiglia zus broer moeder vader dochter zoon \
    delivery parcel shipment package lieferung paket sendung zustellung livraison colis \
    envío entrega paquete spedizione consegna pacco zending pakket levering bezorging";

static EVIDENCE_SET: LazyLock<HashSet<&'static str, BuildHasherDefault<WordHasher>>> =
    LazyLock::new(|| EVIDENCE.split_whitespace().collect());

/// Loads the word set now rather than on the first request.
pub fn warm_up() {
    LazyLock::force(&EVIDENCE_SET);
}

/// What ends the town after a name: the clause's or the line's end.
const TOWN_END: &[char] = &['\n', '\r', ',', ';', ':', '.', '(', ')', '!', '?', '|'];

/// Appends the listed town that follows a person's name and a comma and closes the clause
/// (`1. Régis Didierjean, Lisieux`, `Signed: Ana Ruiz, Haro.`): written after the name,
/// it is where the person lives or comes from. The word scan reads a listed town only
/// after a place cue, and a name's comma is none.
pub fn add_towns_after_names(text: &str, out: &mut Vec<Finding>, from: usize) {
    let mut towns = Vec::new();
    for f in &out[from..] {
        if f.entity != Entity::Person || f.confidence < 0.5 {
            continue;
        }
        let Some(rest) = text[f.end..].strip_prefix(", ") else {
            continue;
        };
        let town = rest[..rest.find(TOWN_END).unwrap_or(rest.len())].trim_end();
        if town.starts_with(char::is_uppercase) && super::person_location::is_place(town) {
            let start = f.end + 2;
            towns.push(Finding::new(
                Entity::Location,
                start,
                start + town.len(),
                0.85,
                "place_after_name",
            ));
        }
    }
    out.extend(towns);
}

/// Whether `f` is a lone place of the word scan (its recognizer names are the caller's:
/// `lone` says which ones read a place alone).
fn lone_place(f: &Finding, lone: &[&str]) -> bool {
    f.entity == Entity::Location && lone.contains(&f.recognizer)
}

/// A finding that belongs to a person: anything reported but a lone place, a date, a
/// machine's address or a secret.
fn personal(f: &Finding, lone: &[&str]) -> bool {
    f.confidence >= 0.5
        && !lone_place(f, lone)
        && !matches!(
            f.entity,
            Entity::DateTime | Entity::Url | Entity::IpAddress | Entity::Crypto | Entity::Secret
        )
}

/// Words after `works` that make it a verb of a person's workplace (`works from Truro`;
/// `engineering works between` is a noun).
const AFTER_WORKS: &[&str] = &["from", "in", "at", "for"];

/// French verbs after `on` ("we" in speech: `on a passé une semaine à Gordes`); English
/// `on` is a preposition before anything else.
const AFTER_ON: &[&str] = &[
    "a",
    "est",
    "va",
    "habite",
    "vit",
    "reste",
    "part",
    "sera",
    "était",
    "avait",
    "ira",
    "passe",
    "arrive",
    "déménage",
    "s",
];

/// English verbs after `I` that say the writer is somewhere (`I was in`, `I spent`): a
/// capital `I` before anything else may open an Italian sentence (`I prezzi`, "the
/// prices").
const AFTER_I: &[&str] = &[
    "am",
    "was",
    "have",
    "had",
    "will",
    "would",
    "spent",
    "work",
    "worked",
    "went",
    "came",
    "stay",
    "stayed",
    "visited",
    "just",
    "also",
    "now",
    "still",
    "currently",
    "recently",
    "need",
    "want",
    "can",
    "could",
    "got",
    "get",
    "go",
    "think",
    "know",
    "love",
    "moved",
    "grew",
    "live",
    "lived",
    "used",
    "should",
    "must",
    "arrived",
    "left",
    "flew",
    "drove",
];

/// Whether the word `w`, which starts at `at` in `text`, is evidence: a word of
/// `EVIDENCE` in lower case or capitalised, `I` before an apostrophe or a verb of
/// `AFTER_I`, `works` before a word of `AFTER_WORKS`, `on` before a verb of `AFTER_ON`.
fn evidence_word(text: &str, at: usize, w: &str, lowered: &mut String) -> bool {
    if w == "I" {
        let rest = &text[at + 1..];
        if rest.starts_with(['\'', '’']) {
            return true;
        }
        let next = rest.trim_start_matches(' ');
        let next = &next[..next
            .find(|c: char| !c.is_ascii_lowercase())
            .unwrap_or(next.len())];
        return rest.starts_with(' ') && AFTER_I.contains(&next);
    }
    if matches!(w, "works" | "on" | "On") {
        let rest = &text[at + w.len()..];
        let next = rest.trim_start_matches(' ');
        let next = &next[..next.find(|c: char| !c.is_lowercase()).unwrap_or(next.len())];
        return rest.starts_with(' ')
            && if w == "works" {
                AFTER_WORKS.contains(&next)
            } else {
                AFTER_ON.contains(&next)
            };
    }
    let mut chars = w.chars();
    let first = chars.next().unwrap_or(' ');
    if chars.any(char::is_uppercase) {
        return false;
    }
    if first.is_lowercase() {
        return EVIDENCE_SET.contains(w);
    }
    lowered.clear();
    lowered.extend(first.to_lowercase());
    lowered.push_str(&w[first.len_utf8()..]);
    EVIDENCE_SET.contains(lowered.as_str())
}

/// A pronoun or a verb of `EVIDENCE` in the sentence around `start..end` (at most 160
/// bytes before and 100 after, cut at sentence ends and line breaks).
fn evidence_near(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let stop = |c: &u8| matches!(c, b'.' | b'!' | b'?' | b'\n' | b';');
    let mut lo = start.saturating_sub(160);
    if let Some(p) = b[lo..start].iter().rposition(stop) {
        lo += p + 1;
    }
    let mut hi = (end + 100).min(b.len());
    if let Some(p) = b[end..hi].iter().position(stop) {
        hi = end + p;
    }
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let mut lowered = String::new();
    let mut at = lo;
    for w in text[lo..hi].split(|c: char| !c.is_alphabetic()) {
        if !w.is_empty() && w.len() <= 14 && evidence_word(text, at, w, &mut lowered) {
            return true;
        }
        at += w.len()
            + text[at + w.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
    }
    false
}

/// Drops the lone places among `out[from..]` (recognizers named in `lone`) that have no
/// evidence of a person: no personal finding anywhere in `out` and no pronoun or verb of
/// dwelling in their sentence. Costs nothing in a text without a lone place.
pub fn keep_whereabouts(text: &str, out: &mut Vec<Finding>, from: usize, lone: &[&str]) {
    if !out[from..].iter().any(|f| lone_place(f, lone)) || out.iter().any(|f| personal(f, lone)) {
        return;
    }
    let mut k = 0;
    out.retain(|f| {
        k += 1;
        k <= from || !lone_place(f, lone) || evidence_near(text, f.start, f.end)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(text: &str, value: &str) -> Finding {
        let start = text.find(value).unwrap();
        Finding::new(
            Entity::Location,
            start,
            start + value.len(),
            0.9,
            "place_list",
        )
    }

    fn kept(text: &str, value: &str, others: Vec<Finding>) -> bool {
        let mut out = others;
        let from = out.len();
        out.push(place(text, value));
        keep_whereabouts(text, &mut out, from, &["place_list"]);
        out.len() > from
    }

    #[test]
    fn a_lone_place_needs_a_person() {
        for (text, town) in [
            ("Showers over the Fens, 11 °C in Carlisle.", "Carlisle"),
            ("Stau auf der A7 zwischen Celle und Uelzen.", "Celle"),
            ("Résultats à Albi : participation 61 %.", "Albi"),
            ("I prezzi delle case a Cuneo sono saliti.", "Cuneo"),
            (
                "De stoptrein van Emmen naar Assen rijdt niet; er is storing.",
                "Assen",
            ),
            (
                "Engineering works between Carlisle and Penrith.",
                "Carlisle",
            ),
        ] {
            assert!(!kept(text, town, vec![]), "{text}");
        }
        for (text, town) in [
            ("We spent the weekend in Little Snoring.", "Little Snoring"),
            ("I grew up near Carlisle.", "Carlisle"),
            ("I'm in Carlisle till Friday.", "Carlisle"),
            ("I was in Carlisle, it rained.", "Carlisle"),
            ("Sie wohnt seit Jahren in Celle.", "Celle"),
            ("J'habite à Albi depuis mai.", "Albi"),
            ("Vivo a Cuneo con mia sorella.", "Cuneo"),
            ("Mijn moeder woont in Assen.", "Assen"),
            ("Nació en Soria en 1950.", "Soria"),
            ("Il convegno si terrà a Cuneo.", "Cuneo"),
            ("Pasamos el fin de semana en Soria.", "Soria"),
            ("Rachid now works from Carlisle.", "Carlisle"),
            ("On a passé une semaine à Albi.", "Albi"),
            ("Le colis n'a jamais quitté l'entrepôt d'Albi.", "Albi"),
        ] {
            assert!(kept(text, town, vec![]), "{text}");
        }
        // A person elsewhere in the text: the town stays.
        let text = "Funeral at Carlisle. Enquiries: Ann Roe.";
        let start = text.find("Ann Roe").unwrap();
        let person = Finding::new(Entity::Person, start, start + 7, 0.9, "person_names");
        assert!(kept(text, "Carlisle", vec![person]));
        // A date is no person.
        let date = Finding::new(Entity::DateTime, 0, 7, 0.9, "date");
        assert!(!kept(text, "Carlisle", vec![date]));
    }

    #[test]
    fn a_listed_town_after_a_name_and_a_comma_is_theirs() {
        let towns = |text: &str, name: &str| {
            super::super::added_after_name(text, name, 0.85, add_towns_after_names)
        };
        assert_eq!(towns("1. Ana Ruiz, Lisieux\n2. …", "Ana Ruiz"), ["Lisieux"]);
        assert_eq!(
            towns("Signed: Ana Ruiz, Harderwijk.", "Ana Ruiz"),
            ["Harderwijk"]
        );
        // Not a town, or more than the town before the clause ends.
        assert!(towns("Dear Ana Ruiz, Thanks for the call.", "Ana Ruiz").is_empty());
        assert!(towns("Ana Ruiz, Lisieux and Toul are on the list.", "Ana Ruiz").is_empty());
    }
}
