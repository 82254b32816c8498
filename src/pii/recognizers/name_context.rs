//! Whether a run the word scan read as a person's name is a thing, by the words around
//! it. A name-shaped run (`Gordon Setter`, `Rob Roy`, `Willy Brandt`) is a thing when it
//! takes an indefinite or neuter article (`a Gordon Setter`, `ein Leonberger`, `het
//! Antoni van Leeuwenhoek`: people take none), when it is an item of a price list
//! (`Rob Roy £10, Tom Collins £9.50`), when it is where a flight, train or bus goes
//! (`flights to Willy Brandt`, `Flüge nach …`), when an institution's, a site's or a
//! room's noun opens it (`Istituto Mario Negri`), when it is joined to another run by a
//! conjunction after a single first word that is no listed first name (`Perruche y
//! Bosman`: a list, not a two-surname name). Names after a title, a label or a greeting
//! are left as they are: the writer said who they are.
//! Decides on the findings only: costs nothing in a text without a name.

use std::sync::LazyLock;

use crate::pii::entity::Entity;
use crate::pii::scanner::Finding;
use crate::pii::wordset::WordSet;

use super::person_location::{
    is_cue, is_first, is_last, ordinary_word, thing_opener, GREETING, LABEL, TITLE,
};

/// Indefinite articles and neuter definite ones of the six languages (not English `a`
/// or `an`, German `an`, Spanish and Italian `a`: prepositions before people as well;
/// see `BEFORE_ENGLISH_A`). Not the gendered definite articles, which colloquial speech puts
/// before given names (`die Anna`, `la Maria`).
const ARTICLES: &str =
    "the The un Un une Une ein Ein eine Eine einen einem einer uno Uno una Una een \
    Een het Het das Das";

/// English words after which `a` is the article (`was a`, `with a`, `to a`), not the
/// Spanish or Italian preposition (`reenvía esto a Ainhoa`).
const BEFORE_ENGLISH_A: &str =
    "was is with as like for of by to into from and or than such became bought got \
    owns own has have had";

/// Nouns of flights, trains, buses and ferries in the six languages, lower case.
const TRANSPORT: &str =
    "flight flights train trains bus buses coach coaches ferry ferries shuttle \
    shuttles flug flüge zug züge busse fähre fähren vol vols navette navettes vuelo \
    vuelos tren trenes autobús autobuses volo voli treno treni autobus traghetto \
    traghetti vlucht vluchten trein treinen bussen veerboot veerboten";

/// Prepositions of direction after a transport noun (`flights to`, `Flüge nach`, `vols
/// vers`, `vuelos a`, `voli per`, `vluchten naar`).
const TOWARDS: &str = "to for nach für vers pour a para hacia per naar voor";

/// Conjunctions that join two runs in a list (`Perruche y Bosman`, `Torrelavega y
/// Vitoria`).
const CONJUNCTIONS: &str = "y i e und et en and";

/// Endings of compound nouns that name a street, a square or a prize (`Van Goghstraat`,
/// `Constantijn Huygensprijs`, `Kleist-Preis`, `Thomas-Mann-Straße`): a run that ends in
/// one names the thing called after the person, not the person.
const THING_SUFFIXES: &[&str] = &[
    "straat", "straße", "strasse", "gasse", "allee", "plein", "prijs", "preis",
];

/// Each list above as a set, built on first use: every PERSON finding asks several.
static ARTICLE_SET: LazyLock<WordSet> = LazyLock::new(|| ARTICLES.split_whitespace().collect());
static BEFORE_ENGLISH_A_SET: LazyLock<WordSet> =
    LazyLock::new(|| BEFORE_ENGLISH_A.split_whitespace().collect());
static TRANSPORT_SET: LazyLock<WordSet> = LazyLock::new(|| TRANSPORT.split_whitespace().collect());
static TOWARDS_SET: LazyLock<WordSet> = LazyLock::new(|| TOWARDS.split_whitespace().collect());
static CONJUNCTION_SET: LazyLock<WordSet> =
    LazyLock::new(|| CONJUNCTIONS.split_whitespace().collect());

/// Drops, among `out[from..]`, the PERSON findings of the word scan whose
/// surroundings say they name a thing.
pub fn drop_things(text: &str, out: &mut Vec<Finding>, from: usize) {
    let mut k = 0;
    out.retain_mut(|f| {
        k += 1;
        if k <= from || f.entity != Entity::Person {
            return true;
        }
        // A name in lower-case writing takes no indefinite article either (`e una rosa
        // rampicante`: a rose).
        if f.recognizer == "person_lower_case" {
            return !article_before(text, f.start);
        }
        if f.recognizer != "person_names" || introduced(text, f.start) {
            return true;
        }
        if let Some(start) = after_glued_noun(text, f.start, f.end) {
            f.start += start;
            if thing_after_glued_noun(&text[f.start..f.end]) {
                return false;
            }
        }
        !(article_before(text, f.start)
            || named_after(text, f.start)
            || price_item(text, f.start, f.end)
            || destination(text, f.start)
            || listed_with_conjunction(&text[f.start..f.end])
            || ends_in_thing_compound(&text[f.start..f.end]))
    });
}

/// The words before `at`, nearest first, each with the text between it and the next
/// (`None` past a line break).
fn words_before(text: &str, at: usize) -> impl Iterator<Item = (&str, &str)> {
    let before = &text[..at];
    let mut end = before.len();
    std::iter::from_fn(move || {
        let rest = &before[..end];
        let word_end = rest.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
        let gap = &rest[word_end..];
        if word_end == 0 || gap.contains('\n') {
            return None;
        }
        let word_start = rest[..word_end]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .map_or(0, |p| {
                p + rest[p..].chars().next().map_or(1, char::len_utf8)
            });
        end = word_start;
        Some((&rest[word_start..word_end], gap))
    })
}

/// A title or a greeting right before the run, or a label and its colon (`Dr. …`,
/// `Dear …`, `Name: …`): the writer said it is a person.
fn introduced(text: &str, start: usize) -> bool {
    words_before(text, start).next().is_some_and(|(w, gap)| {
        is_cue(w, TITLE | GREETING)
            || (is_cue(w, LABEL) && matches!(gap.trim().trim_matches('"').trim(), ":" | "="))
    })
}

/// An article right before the run, one space between.
fn article_before(text: &str, start: usize) -> bool {
    let mut before = words_before(text, start);
    match before.next() {
        Some((w, " ")) if ARTICLE_SET.contains(w) => true,
        Some(("a", " ")) => {
            matches!(before.next(), Some((w, " ")) if BEFORE_ENGLISH_A_SET.contains(w))
        }
        _ => false,
    }
}

/// A noun that opens the name of an institution, a site or a room right before the run
/// (`Istituto Mario Negri`, `IES Ramiro de Maeztu`, `Aeropuerto Adolfo Suárez`, `Sala
/// Clara Campoamor`): the place is named after the person.
fn named_after(text: &str, start: usize) -> bool {
    matches!(words_before(text, start).next(), Some((w, " ")) if thing_opener(w))
}

/// The run as an item of a price list: an amount right after it (`£9.50`, `9,50 €`, `€
/// 10`, `10 EUR`) and a list's separator or a line's start before it.
fn price_item(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end_matches(' ');
    let opens_item = before.is_empty() || before.ends_with([':', ',', ';', '·', '|', '\n', '(']);
    opens_item && amount_at(text[end..].trim_start_matches(' '))
}

/// Whether `s` starts with an amount of money.
fn amount_at(s: &str) -> bool {
    let digits_from = |s: &str| {
        s.trim_start_matches(' ')
            .starts_with(|c: char| c.is_ascii_digit())
    };
    if let Some(rest) = ["£", "€", "$", "CHF", "EUR", "GBP"]
        .iter()
        .find_map(|c| s.strip_prefix(c))
    {
        return digits_from(rest);
    }
    let number = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '.');
    number.len() < s.len()
        && ["€", "EUR", "CHF", "£", "$"]
            .iter()
            .any(|c| number.trim_start_matches(' ').starts_with(c))
}

/// The run right after a transport noun and a preposition of direction (`flights to`,
/// `Flüge nach`, `los vuelos a`): where the flight goes, an airport or a town.
fn destination(text: &str, start: usize) -> bool {
    let mut before = words_before(text, start);
    let (Some((to, " ")), Some((noun, " "))) = (before.next(), before.next()) else {
        return false;
    };
    TOWARDS_SET.contains(to) && TRANSPORT_SET.contains(noun.to_lowercase().as_str())
}

/// A conjunction as the run's second word after a first word that is no listed first
/// name: a single surname never opens a two-surname name (`Rocío Valencia y Gaitán`).
fn listed_with_conjunction(run: &str) -> bool {
    let mut words = run.split(' ');
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return false;
    };
    CONJUNCTION_SET.contains(second) && !is_first(first)
}

/// Where the run goes on after a first word that German's article makes a noun
/// (`zum Nachtisch Oysters Rockefeller`, `beim Training Lola Brandt`): German puts no
/// article before a name in writing, and capitalises its nouns, so the word scan glues
/// the noun to the name after it. `None` when the run has one word, its first word is a
/// listed first name or surname, or no article's case form stands before it. (An ordinary
/// word alone is no such evidence: `Viktor`, `Dean`, `Boy` are ordinary words too.)
fn after_glued_noun(text: &str, start: usize, end: usize) -> Option<usize> {
    let (first, rest) = text[start..end].split_once(' ')?;
    let after_case_word = || matches!(words_before(text, start).next(), Some((w, " ")) if GERMAN_CASE_WORDS.contains(&w));
    let glued = rest.starts_with(char::is_uppercase)
        && !is_first(first)
        && !is_last(first)
        && after_case_word();
    glued.then_some(first.len() + 1)
}

/// German contractions and case forms of the article, after which a capitalised word is
/// a noun (`zum Nachtisch`, `beim Training`), not a name: German puts no article before a
/// name in writing.
const GERMAN_CASE_WORDS: &[&str] = &[
    "zum", "zur", "im", "am", "vom", "beim", "ins", "dem", "den", "des",
];

/// What is left once a glued noun is cut off names a thing: it opens with a thing's
/// head word (`Oysters Rockefeller`) or is one ordinary word (`Aufheiterungen`).
fn thing_after_glued_noun(rest: &str) -> bool {
    let first = rest.split(' ').next().unwrap_or(rest);
    thing_opener(first) || (!rest.contains(' ') && ordinary_word(rest) && !is_first(rest))
}

/// The run's last word is a compound ending in a street's, a square's or a prize's noun
/// (`THING_SUFFIXES`), with more before the ending than a hyphen.
fn ends_in_thing_compound(run: &str) -> bool {
    let last = run.rsplit(' ').next().unwrap_or(run).to_lowercase();
    THING_SUFFIXES.iter().any(|s| {
        last.strip_suffix(s)
            .is_some_and(|head| !head.trim_end_matches('-').is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What is left of a PERSON finding of `recognizer` over `name` in `text` (confidence
    /// 0.6) once its surroundings are read: its text, or `None` when it was dropped.
    fn left_of(text: &str, name: &str, recognizer: &'static str) -> Option<String> {
        let start = text.find(name).unwrap();
        let person = Finding::new(Entity::Person, start, start + name.len(), 0.6, recognizer);
        let mut out = vec![person];
        drop_things(text, &mut out, 0);
        out.first().map(|f| text[f.start..f.end].to_string())
    }

    /// Whether a PERSON finding of the word scan over `name` in `text` is kept.
    fn kept(text: &str, name: &str) -> bool {
        left_of(text, name, "person_names").is_some()
    }

    #[test]
    fn a_glued_noun_is_cut_off_and_a_lower_case_name_takes_no_article() {
        assert_eq!(
            left_of(
                "Nach dem Training Lola Brandt, dann Ruhe.",
                "Training Lola Brandt",
                "person_names"
            )
            .as_deref(),
            Some("Lola Brandt")
        );
        let rose = "rosa rampicante";
        let things = "ordine: due meli e una rosa rampicante per il muro";
        assert_eq!(left_of(things, rose, "person_lower_case"), None);
        let chat = "ciao sono rosa rampicante, chiamami";
        assert!(left_of(chat, rose, "person_lower_case").is_some());
    }

    #[test]
    fn things_by_their_surroundings_are_no_people() {
        for (text, name) in [
            ("Best in show went to a Gordon Setter.", "Gordon Setter"),
            (
                "Meilleur de l'exposition : un Gordon Setter.",
                "Gordon Setter",
            ),
            (
                "Open dag: het Antoni van Leeuwenhoek op zaterdag.",
                "Antoni van Leeuwenhoek",
            ),
            (
                "Cocktail list: Tom Collins £9.50, Rob Roy £10.",
                "Tom Collins",
            ),
            (
                "Cocktailkarte: Arnold Palmer 9,50 €, Rob Roy 10 €.",
                "Rob Roy",
            ),
            (
                "Los vuelos a Mario Mameli salen por la puerta B12.",
                "Mario Mameli",
            ),
            (
                "Flights to Willy Brandt leave from gate B12.",
                "Willy Brandt",
            ),
            (
                "Lecturas: Perruche y Bosman, sobre responsabilidad.",
                "Perruche y Bosman",
            ),
            (
                "Heute Abend: zum Nachtisch Oysters Rockefeller.",
                "Nachtisch Oysters Rockefeller",
            ),
            (
                "Sla links af de Vincent van Goghstraat in.",
                "Vincent van Goghstraat",
            ),
            (
                "Die Shortlist für den Joseph-Roth-Preis kam gestern.",
                "Joseph-Roth-Preis",
            ),
        ] {
            assert!(!kept(text, name), "{text}");
        }
        for (text, name) in [
            (
                "Por favor, reenvía esto a Ainhoa Uribe-Salas.",
                "Ainhoa Uribe-Salas",
            ),
            (
                "Bitte leite das an Thorben Tiedemann weiter.",
                "Thorben Tiedemann",
            ),
            ("Pay John Smith 50 € by Friday.", "John Smith"),
            ("Amaia Pascual y Calvo firmó ayer.", "Amaia Pascual y Calvo"),
            (
                "I had lunch with Benedetta Tornatore.",
                "Benedetta Tornatore",
            ),
            (
                "{\"apellidos\": \"Montero y Quintana\"}",
                "Montero y Quintana",
            ),
            ("Dr. Harvey Wallbanger: 9 €", "Harvey Wallbanger"),
            ("Dear Rob Roy, thank you.", "Rob Roy"),
        ] {
            assert!(kept(text, name), "{text}");
        }
    }
}
