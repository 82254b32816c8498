//! The built-in recognizers, one file per family. A recognizer is a regex that finds
//! candidates plus a validator that decides (checksum, parser, shape) and a list of
//! context words that raise confidence. PERSON and LOCATION also have a word-level
//! scanner (`person_location`) because names are not a regular language.
//! Recognizers never see each other; the scanner resolves overlaps.

pub mod contact;
pub mod crypto;
pub mod datetime;
pub mod eu;
pub mod financial;
mod gedcom;
mod hl7;
mod ical;
pub mod intl;
mod layout_names;
mod mecard;
pub mod medical;
mod name_context;
pub mod network;
pub mod person_location;
mod phone_plan;
mod pnr;
pub mod secrets;
pub mod uk;
pub mod us;
mod whereabouts;

use super::entity::Entity;

/// Decides a candidate: `Some((accepted_len, confidence))` keeps the first
/// `accepted_len` bytes of the match (a validator may trim a greedy match), `None` drops it.
pub type Validate = fn(&str) -> Option<(usize, f32)>;

/// One regex-based recognizer.
pub struct Pattern {
    /// Stable identifier reported in findings, e.g. `credit_card`.
    pub name: &'static str,
    pub entity: Entity,
    /// Regex source. `\b` is rewritten to an ASCII word boundary and `\d` to `[0-9]`
    /// at compile time so the DFA never falls back on non-ASCII text.
    pub regex: &'static str,
    pub validate: Validate,
    /// Words near the match (lowercase) that raise confidence by `CONTEXT_BOOST`.
    pub context: &'static [&'static str],
    /// Plain numbers: dropped when preceded by order/invoice/tracking words.
    pub numeric: bool,
    /// With one of these words nearby the finding becomes this other entity
    /// (a date next to "born" is a DATE_OF_BIRTH).
    pub upgrade: Option<(Entity, &'static [&'static str])>,
    /// Spans lines (private key blocks): run over the whole text, not per segment.
    pub multiline: bool,
    /// Words near the match that rule it out even with a context word: an "AWS
    /// account 123456789012" is not a bank account.
    pub veto: &'static [&'static str],
    /// Words just before the match (a few words) that rule it out whatever the
    /// context: "build 4.7.26.105" is a version, not an IP address.
    pub veto_before: &'static [&'static str],
    /// Phrases that end the text right before the match (spaces between, any ASCII
    /// case) and make it the start of a span: `since 16 April 2026`, `seit dem
    /// 24.09.2026`, `dall'8 marzo`. The match is not upgraded (the date stays a
    /// DATE_TIME), and a pattern without an upgrade drops it (`since 2009` is no birth
    /// year, whatever label is near).
    pub not_after: &'static [&'static str],
    /// `Some(n)`: every match holds a run of at least `n` digits joined only by short
    /// separators (`4111 1111`, `+44 (0)20`, no letters between): the scanner runs the
    /// regex only around such digit clusters, never over a whole line.
    pub cluster: Option<usize>,
    /// Highest confidence the validator gives without a context word (1.0: no bound).
    /// Below the policy's minimum, the pattern runs only where one of its context or
    /// upgrade words occurs; the scanner clamps to it, so the gate cannot lose a finding.
    pub alone: f32,
}

impl Pattern {
    pub(crate) fn new(
        name: &'static str,
        entity: Entity,
        regex: &'static str,
        validate: Validate,
    ) -> Pattern {
        Pattern {
            name,
            entity,
            regex,
            validate,
            context: &[],
            numeric: false,
            upgrade: None,
            multiline: false,
            veto: &[],
            veto_before: &[],
            not_after: &[],
            cluster: None,
            alone: 1.0,
        }
    }
    pub(crate) fn context(mut self, words: &'static [&'static str]) -> Pattern {
        self.context = words;
        self
    }
    pub(crate) fn numeric(mut self) -> Pattern {
        self.numeric = true;
        self
    }
    pub(crate) fn upgrade(mut self, entity: Entity, words: &'static [&'static str]) -> Pattern {
        self.upgrade = Some((entity, words));
        self
    }
    pub(crate) fn veto(mut self, words: &'static [&'static str]) -> Pattern {
        self.veto = words;
        self
    }
    pub(crate) fn veto_before(mut self, words: &'static [&'static str]) -> Pattern {
        self.veto_before = words;
        self
    }
    pub(crate) fn not_after(mut self, phrases: &'static [&'static str]) -> Pattern {
        self.not_after = phrases;
        self
    }
    pub(crate) fn cluster(mut self, digits: usize) -> Pattern {
        self.cluster = Some(digits);
        self
    }
    pub(crate) fn alone(mut self, confidence: f32) -> Pattern {
        self.alone = confidence;
        self
    }
    pub(crate) fn multiline(mut self) -> Pattern {
        self.multiline = true;
        self
    }
}

/// Confidence added when a context word is near the match.
pub const CONTEXT_BOOST: f32 = 0.35;

/// Where the line holding byte `at` of `text` starts: after the last `\n` before `at`.
pub(crate) fn line_start(text: &str, at: usize) -> usize {
    memchr::memrchr(b'\n', &text.as_bytes()[..at]).map_or(0, |p| p + 1)
}

/// `ENTITY text` for each finding `add` appends for `text`: what the unit tests of the
/// format readers (`mecard`, `gedcom`, `pnr`) compare.
#[cfg(test)]
pub(crate) fn found(
    text: &str,
    add: fn(&str, &mut Vec<crate::pii::scanner::Finding>),
) -> Vec<String> {
    let mut out = Vec::new();
    add(text, &mut out);
    out.iter()
        .map(|f| format!("{} {}", f.entity.name(), &text[f.start..f.end]))
        .collect()
}

/// The texts of what `add` appends after one PERSON finding over `name`'s first
/// occurrence in `text` (found by the word scan with `confidence`): what the unit tests
/// of the rules that read a text around its names (`layout_names`, `whereabouts`)
/// compare.
#[cfg(test)]
pub(crate) fn added_after_name(
    text: &str,
    name: &str,
    confidence: f32,
    add: fn(&str, &mut Vec<crate::pii::scanner::Finding>, usize),
) -> Vec<String> {
    // A name missing from its text fails the test's comparison, naming it.
    let Some(start) = text.find(name) else {
        return vec![format!("{name:?} is not in the text")];
    };
    let mut out = vec![crate::pii::scanner::Finding::new(
        crate::pii::entity::Entity::Person,
        start,
        start + name.len(),
        confidence,
        "person_names",
    )];
    add(text, &mut out, 0);
    out[1..]
        .iter()
        .map(|f| text[f.start..f.end].to_string())
        .collect()
}

/// Every built-in pattern recognizer.
pub fn builtin() -> Vec<Pattern> {
    let mut all = Vec::new();
    all.extend(contact::patterns());
    all.extend(financial::patterns());
    all.extend(us::patterns());
    all.extend(uk::patterns());
    all.extend(eu::patterns());
    all.extend(intl::patterns());
    all.extend(medical::patterns());
    all.extend(crypto::patterns());
    all.extend(secrets::patterns());
    all.extend(network::patterns());
    all.extend(datetime::patterns());
    all.extend(person_location::patterns());
    all
}

/// Helper for validators that accept the whole match.
#[inline]
pub(crate) fn whole(s: &str, confidence: f32) -> Option<(usize, f32)> {
    Some((s.len(), confidence))
}
