//! One pass over the text. The text is cut into segments at line ends (a line is never
//! cut below 8 KiB); a `RegexSet` tells which recognizers can match in a segment (the
//! prefilter), and three cheap gates then keep most of those from running: the digits
//! the segment holds (a recognizer whose every match holds `n` digits skips a segment
//! with fewer, a fact read from the regex's syntax tree), its longest digit cluster (a
//! card needs twelve digits joined by short separators), and context words (a
//! recognizer that cannot pass the policy's minimum confidence without its context word
//! runs only near one, found by one automaton pass over the text for all of them).
//! Validators then decide. Multi-line recognizers (key blocks) and the word-level
//! PERSON/LOCATION scanner run once over the whole text. Overlaps are resolved so that
//! the more certain, then the longer, finding wins. Never allocates per byte; never
//! fails. Linear in the text except the overlap resolution, O(n log n) in findings.

use std::collections::{BTreeMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use super::entity::Entity;
use super::recognizers::{self, person_location, Pattern, Validate, CONTEXT_BOOST};
use super::rules::{CustomValidator, PiiRules};
use super::PiiError;

/// One detected span. `start..end` are byte offsets into the scanned text.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub entity: Entity,
    pub start: usize,
    pub end: usize,
    pub confidence: f32,
    /// Which recognizer decided, e.g. `credit_card`, `person_names`, `custom`, `deny_list`.
    pub recognizer: &'static str,
}

impl Finding {
    pub fn new(
        entity: Entity,
        start: usize,
        end: usize,
        confidence: f32,
        recognizer: &'static str,
    ) -> Finding {
        Finding {
            entity,
            start,
            end,
            confidence,
            recognizer,
        }
    }
}

/// Segment length after which the scanner looks for a line end to cut at. Short
/// segments keep the recognizers that the gates let through working on little text.
const SEGMENT: usize = 256;
/// Most separator bytes between two digits of one cluster (`+44 (0)20`: two).
const CLUSTER_GAP: usize = 4;

/// Bytes before / after a match searched for context words.
const CONTEXT_BEFORE: usize = 64;
const CONTEXT_AFTER: usize = 32;
/// Bytes before a plain number searched for "order", "invoice", ...
const NEGATIVE_BEFORE: usize = 28;
const NEGATIVE_WORDS: &[&str] = &[
    "order",
    "invoice",
    "tracking",
    "ticket",
    "ref",
    "reference",
    "sku",
    "build",
    "version",
    "transaction",
    "confirmation",
    "serial",
    "part",
    "item",
    "case",
    "issue",
    "pr",
    "commit",
    "job",
    "booking",
    "shipment",
    "parcel",
    "receipt",
    "batch",
    "lot",
    "hash",
    "sha",
    "sha1",
    "sha256",
    "md5",
    "checksum",
    "digest",
    "amount",
    "total",
    "price",
    "usd",
    "eur",
    "gbp",
    "chf",
    "$",
    "€",
    "£",
    "bestellung",
    "bestellnummer",
    "rechnung",
    "commande",
    "facture",
    "pedido",
    "factura",
    "ordine",
    "fattura",
    "bestelling",
    "factuur",
];

enum Check {
    Builtin(Validate),
    Custom {
        validator: Option<CustomValidator>,
        confidence: f32,
    },
}

struct Compiled {
    name: &'static str,
    /// Fewest ASCII digits any match holds (from the syntax tree).
    min_digits: usize,
    /// `Pattern::cluster`: fewest digits in the cluster a match sits on.
    cluster: Option<usize>,
    /// `Pattern::alone`: confidence is clamped to it before a context word raises it.
    alone: f32,
    /// Index into the context gate when the pattern needs a word nearby to pass the
    /// policy's minimum (`alone < min_confidence`).
    gate: Option<usize>,
    entity: Entity,
    regex: Regex,
    check: Check,
    context: Words,
    numeric: bool,
    upgrade: Option<(Entity, Words)>,
    veto: Words,
    veto_before: Words,
}

/// Cue words compiled once into one automaton: "does one of them start a word in this
/// window" costs one pass over the window, however long the list (the lists run to
/// dozens of words in six languages, and every candidate asks).
struct Words(Option<AhoCorasick>, bool);

impl Words {
    fn new<S: AsRef<str>>(words: &[S]) -> Result<Words, PiiError> {
        Words::build(words, false)
    }

    /// Like `new`, but a word must also end a word: `v` vetoes `v 4.7.26.105`, not
    /// `von 10.227.127.70`.
    fn whole<S: AsRef<str>>(words: &[S]) -> Result<Words, PiiError> {
        Words::build(words, true)
    }

    fn build<S: AsRef<str>>(words: &[S], whole: bool) -> Result<Words, PiiError> {
        let words: Vec<&str> = words
            .iter()
            .map(AsRef::as_ref)
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            return Ok(Words(None, whole));
        }
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&words)
            .map(|ac| Words(Some(ac), whole))
            .map_err(|e| PiiError::BadRegex {
                name: "context words".into(),
                message: e.to_string(),
            })
    }

    /// Whether one of the words starts a word within `before` bytes before `start` or
    /// `after` bytes after `end` (ASCII case ignored).
    fn near(&self, text: &str, start: usize, end: usize, before: usize, after: usize) -> bool {
        let Some(ac) = &self.0 else {
            return false;
        };
        let whole = self.1;
        let lo = floor_boundary(text, start.saturating_sub(before));
        let hi = ceil_boundary(text, end.saturating_add(after).min(text.len()));
        let b = text.as_bytes();
        [&b[lo..start], &b[end..hi]].into_iter().any(|hay| {
            ac.find_overlapping_iter(hay).any(|m| {
                (m.start() == 0 || !hay[m.start() - 1].is_ascii_alphanumeric())
                    && (!whole || m.end() == hay.len() || !hay[m.end()].is_ascii_alphanumeric())
            })
        })
    }
}

/// Compiled recognizers: built once, shared read-only (Send + Sync).
pub struct Scanner {
    /// Which recognizers can match in a segment: one DFA pass, before the gates.
    set: RegexSet,
    segmented: Vec<Compiled>,
    /// Context and upgrade words of every gated recognizer; `gate_of[word]` lists the
    /// gates that word opens.
    gate_words: Option<AhoCorasick>,
    gate_of: Vec<Vec<usize>>,
    gates: usize,
    multiline: Vec<Compiled>,
    allow: HashSet<String>,
    deny: Option<(AhoCorasick, Vec<Entity>)>,
    min_confidence: f32,
    /// NEGATIVE_WORDS, compiled.
    negative: Words,
}

/// `\b` becomes an ASCII word boundary and `\d` ASCII digits: the lazy DFA cannot run
/// Unicode word boundaries on non-ASCII text and would fall back to a slow engine.
fn asciify(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)").replace(r"\d", "[0-9]")
}

fn compile(name: &str, pattern: &str) -> Result<Regex, PiiError> {
    RegexBuilder::new(&asciify(pattern))
        .size_limit(32 << 20)
        .build()
        .map_err(|e| PiiError::BadRegex {
            name: name.to_string(),
            message: one_line(&e.to_string()),
        })
}

/// Fewest ASCII digits any match of `pattern` holds: a lower bound read from the syntax
/// tree (a class counts only when it holds nothing but digits; alternatives take their
/// minimum). 0 when the pattern cannot be analysed, which only costs speed.
fn min_digits(pattern: &str) -> usize {
    use regex_syntax::hir::{Class, Hir, HirKind};
    fn walk(h: &Hir) -> usize {
        match h.kind() {
            HirKind::Empty | HirKind::Look(_) => 0,
            HirKind::Literal(l) => l.0.iter().filter(|b| b.is_ascii_digit()).count(),
            HirKind::Class(Class::Unicode(c)) => usize::from(
                c.ranges()
                    .iter()
                    .all(|r| r.start() >= '0' && r.end() <= '9'),
            ),
            HirKind::Class(Class::Bytes(c)) => usize::from(
                c.ranges()
                    .iter()
                    .all(|r| r.start() >= b'0' && r.end() <= b'9'),
            ),
            HirKind::Repetition(r) => (r.min as usize).saturating_mul(walk(&r.sub)),
            HirKind::Capture(c) => walk(&c.sub),
            HirKind::Concat(v) => v.iter().map(walk).sum(),
            HirKind::Alternation(v) => v.iter().map(walk).min().unwrap_or(0),
        }
    }
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(&asciify(pattern))
        .map(|h| walk(&h))
        .unwrap_or(0)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Scanner {
    pub fn new(rules: &PiiRules) -> Result<Scanner, PiiError> {
        let mut gate_lists: Vec<Vec<String>> = Vec::new();
        let mut segmented = Vec::new();
        let mut multiline = Vec::new();
        for p in recognizers::builtin() {
            let Pattern {
                name,
                entity,
                regex,
                validate,
                context,
                numeric,
                upgrade,
                multiline: multi,
                veto,
                veto_before,
                cluster,
                alone,
            } = p;
            let gate = gate_for(
                &mut gate_lists,
                alone,
                rules.min_confidence,
                context
                    .iter()
                    .chain(upgrade.iter().flat_map(|(_, w)| w.iter())),
            );
            let c = Compiled {
                name,
                min_digits: min_digits(regex),
                cluster,
                alone,
                gate,
                entity,
                regex: compile(name, regex)?,
                check: Check::Builtin(validate),
                context: Words::new(context)?,
                numeric,
                upgrade: match upgrade {
                    Some((entity, words)) => Some((entity, Words::new(words)?)),
                    None => None,
                },
                veto: Words::new(veto)?,
                veto_before: Words::whole(veto_before)?,
            };
            if multi {
                multiline.push(c);
            } else {
                segmented.push(c);
            }
        }
        for custom in &rules.custom {
            let gate = gate_for(
                &mut gate_lists,
                custom.confidence,
                rules.min_confidence,
                custom.context.iter(),
            );
            segmented.push(Compiled {
                name: "custom",
                min_digits: min_digits(&custom.regex),
                cluster: None,
                alone: custom.confidence,
                gate,
                entity: custom.entity.clone(),
                regex: compile(&custom.name, &custom.regex)?,
                check: Check::Custom {
                    validator: custom.validator,
                    confidence: custom.confidence,
                },
                context: Words::new(&custom.context)?,
                numeric: false,
                upgrade: None,
                veto: Words(None, false),
                veto_before: Words(None, false),
            });
        }
        let set = RegexSetBuilder::new(segmented.iter().map(|c| c.regex.as_str()))
            .size_limit(256 << 20)
            .dfa_size_limit(64 << 20)
            .build()
            .map_err(|e| PiiError::BadRegex {
                name: "prefilter set".into(),
                message: one_line(&e.to_string()),
            })?;
        let gates = gate_lists.len();
        let mut words: Vec<String> = Vec::new();
        let mut gate_of: Vec<Vec<usize>> = Vec::new();
        for (g, list) in gate_lists.iter().enumerate() {
            for w in list {
                let w = w.to_ascii_lowercase();
                match words.iter().position(|x| *x == w) {
                    Some(i) => gate_of[i].push(g),
                    None => {
                        words.push(w);
                        gate_of.push(vec![g]);
                    }
                }
            }
        }
        let gate_words = if words.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .build(&words)
                    .map_err(|e| PiiError::BadRegex {
                        name: "context gate".into(),
                        message: e.to_string(),
                    })?,
            )
        };
        let deny = if rules.deny.is_empty() {
            None
        } else {
            let mut values = Vec::new();
            let mut entities = Vec::new();
            for list in &rules.deny {
                for v in &list.values {
                    values.push(v.clone());
                    entities.push(list.entity.clone());
                }
            }
            let ac = AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&values)
                .map_err(|e| PiiError::BadRegex {
                    name: "deny list".into(),
                    message: e.to_string(),
                })?;
            Some((ac, entities))
        };
        person_location::warm_up();
        Ok(Scanner {
            set,
            segmented,
            gate_words,
            gate_of,
            gates,
            multiline,
            allow: rules.allow.iter().map(|s| s.to_lowercase()).collect(),
            deny,
            min_confidence: rules.min_confidence,
            negative: Words::new(NEGATIVE_WORDS)?,
        })
    }

    /// All findings at or above the minimum confidence, sorted by start, non-overlapping.
    pub fn scan(&self, text: &str) -> Vec<Finding> {
        let mut candidates = Vec::new();
        // Context words of the gated recognizers: (start, word), sorted by start.
        let mut hits: Vec<(usize, usize)> = match &self.gate_words {
            Some(ac) => ac
                .find_overlapping_iter(text)
                .map(|m| (m.start(), m.pattern().as_usize()))
                .collect(),
            None => Vec::new(),
        };
        hits.sort_unstable();
        let mut open = vec![false; self.gates];
        let mut first_hit = 0;
        let mut start = 0;
        while start < text.len() {
            let end = segment_end(text, start);
            let segment = &text[start..end];
            let matched = self.set.matches(segment);
            if !matched.matched_any() {
                start = end;
                continue;
            }
            let digits = segment.bytes().filter(u8::is_ascii_digit).count();
            let longest = if digits > 0 {
                longest_cluster(segment)
            } else {
                0
            };
            // Gates opened by a word within reach of this segment's matches.
            open.iter_mut().for_each(|o| *o = false);
            let lo = start.saturating_sub(CONTEXT_BEFORE);
            while first_hit < hits.len() && hits[first_hit].0 < lo {
                first_hit += 1;
            }
            for &(at, word) in &hits[first_hit..] {
                if at >= end + CONTEXT_AFTER {
                    break;
                }
                for &g in &self.gate_of[word] {
                    open[g] = true;
                }
            }
            for idx in matched.iter() {
                let c = &self.segmented[idx];
                if digits < c.min_digits
                    || c.cluster.is_some_and(|need| longest < need)
                    || c.gate.is_some_and(|g| !open[g])
                {
                    continue;
                }
                for m in c.regex.find_iter(segment) {
                    self.evaluate(c, text, start + m.start(), start + m.end(), &mut candidates);
                }
            }
            start = end;
        }
        for c in &self.multiline {
            for m in c.regex.find_iter(text) {
                self.evaluate(c, text, m.start(), m.end(), &mut candidates);
            }
        }
        person_location::scan(text, &mut candidates);
        if let Some((ac, entities)) = &self.deny {
            for m in ac.find_iter(text) {
                if word_bounded(text, m.start(), m.end()) {
                    candidates.push(Finding::new(
                        entities[m.pattern().as_usize()].clone(),
                        m.start(),
                        m.end(),
                        1.0,
                        "deny_list",
                    ));
                }
            }
        }
        candidates.retain(|f| {
            f.confidence >= self.min_confidence
                && (self.allow.is_empty()
                    || !self.allow.contains(&text[f.start..f.end].to_lowercase()))
        });
        resolve_overlaps(candidates)
    }

    fn evaluate(&self, c: &Compiled, text: &str, start: usize, end: usize, out: &mut Vec<Finding>) {
        let s = &text[start..end];
        let (len, mut confidence) = match &c.check {
            Check::Builtin(validate) => match validate(s) {
                Some((len, confidence)) => (len, confidence.min(c.alone)),
                None => return,
            },
            Check::Custom {
                validator,
                confidence,
            } => {
                if validator.is_some_and(|v| !v.check(s)) {
                    return;
                }
                (s.len(), *confidence)
            }
        };
        if len == 0 || !text.is_char_boundary(start + len) {
            return;
        }
        let end = start + len;
        if c.veto.near(text, start, end, CONTEXT_BEFORE, CONTEXT_AFTER)
            || c.veto_before.near(text, start, start, NEGATIVE_BEFORE, 0)
        {
            return;
        }
        // A number glued to more digits (`983-8950689-5296863`, `2023-05-05 23:01`) is
        // one piece of a longer identifier or a timestamp, never a whole value.
        if c.numeric && in_digit_chain(text, start, end) {
            return;
        }
        let context_hit = c
            .context
            .near(text, start, end, CONTEXT_BEFORE, CONTEXT_AFTER);
        if context_hit {
            confidence = (confidence + CONTEXT_BOOST).min(0.99);
        } else if c.numeric && self.negative.near(text, start, start, NEGATIVE_BEFORE, 0) {
            return;
        }
        let mut entity = c.entity.clone();
        if let Some((upgraded, words)) = &c.upgrade {
            // "wurde am 5. März 1948 geboren": German puts the label after the date.
            if words.near(text, start, end, CONTEXT_BEFORE, CONTEXT_AFTER) {
                entity = upgraded.clone();
                confidence = confidence.max(0.85);
            }
        }
        out.push(Finding::new(entity, start, end, confidence, c.name));
    }
}

/// The gate a recognizer waits on, if it cannot reach `min_confidence` without one of
/// `words` nearby; a new entry in `lists` holds its words. No words: it can never pass,
/// and the gate (never opened) keeps it from running at all.
fn gate_for<'a, S: AsRef<str> + 'a>(
    lists: &mut Vec<Vec<String>>,
    alone: f32,
    min_confidence: f32,
    words: impl Iterator<Item = &'a S>,
) -> Option<usize> {
    if alone >= min_confidence {
        return None;
    }
    lists.push(
        words
            .map(|w| w.as_ref().to_string())
            .filter(|w| !w.is_empty())
            .collect(),
    );
    Some(lists.len() - 1)
}

/// Digits in the longest cluster of `segment`: a run of digits joined by at most
/// `CLUSTER_GAP` separator bytes (ASCII, neither letter, digit nor line end), as in
/// `4111 1111 1111 1111` or `+44 (0)20 7946 0958`.
fn longest_cluster(segment: &str) -> usize {
    let b = segment.as_bytes();
    let separator = |c: u8| c.is_ascii() && !c.is_ascii_alphanumeric() && c != b'\n';
    let (mut i, mut longest) = (0, 0);
    while let Some(p) = b[i..].iter().position(u8::is_ascii_digit) {
        let (mut j, mut digits) = (i + p, 0);
        let end = loop {
            while j < b.len() && b[j].is_ascii_digit() {
                digits += 1;
                j += 1;
            }
            let run_end = j;
            let mut k = j;
            while k < b.len() && k - j < CLUSTER_GAP && separator(b[k]) {
                k += 1;
            }
            if k > j && k < b.len() && b[k].is_ascii_digit() {
                j = k;
            } else {
                break run_end;
            }
        };
        longest = longest.max(digits);
        i = end;
    }
    longest
}

/// Cuts after a line end once `SEGMENT` bytes are covered. A line is never cut unless it
/// is longer than 64 segments (8 KiB); then it is cut at its last space before that
/// bound, and without a space at a character boundary. Matches never span a cut except
/// multi-line patterns, which run separately.
fn segment_end(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    if b.len() - start <= SEGMENT {
        return b.len();
    }
    let from = start + SEGMENT;
    let limit = (from + 64 * SEGMENT).min(b.len());
    if let Some(p) = memchr::memchr(b'\n', &b[from..limit]) {
        return from + p + 1;
    }
    if limit == b.len() {
        return limit;
    }
    if let Some(p) = memchr::memrchr(b' ', &b[from..limit]) {
        return from + p + 1;
    }
    let mut cut = limit;
    while !text.is_char_boundary(cut) {
        cut += 1;
    }
    cut
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

/// Whether `text[start..end]` continues, through one of `-./:`, into more digits on
/// either side.
fn in_digit_chain(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let joiner = |c: u8| matches!(c, b'-' | b'.' | b'/' | b':');
    let before = start >= 2 && joiner(b[start - 1]) && b[start - 2].is_ascii_digit();
    let after = end + 1 < b.len() && joiner(b[end]) && b[end + 1].is_ascii_digit();
    before || after
}

fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let before = start == 0 || !b[start - 1].is_ascii_alphanumeric();
    let after = end == b.len() || !b[end].is_ascii_alphanumeric();
    before && after
}

/// Keeps the most certain finding of each overlapping group, the longer one on a tie.
/// O(n log n): one sort, then each candidate checks its two neighbours among the kept
/// spans in an ordered map (kept spans never overlap, so the neighbours decide).
fn resolve_overlaps(mut candidates: Vec<Finding>) -> Vec<Finding> {
    candidates.sort_by(|a, b| {
        b.confidence
            .total_cmp(&a.confidence)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: BTreeMap<usize, Finding> = BTreeMap::new();
    for f in candidates {
        let clash_left = kept
            .range(..=f.start)
            .next_back()
            .is_some_and(|(_, k)| k.end > f.start);
        let clash_right = kept.range(f.start..f.end).next().is_some();
        if !clash_left && !clash_right {
            kept.insert(f.start, f);
        }
    }
    kept.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlaps_keep_the_more_certain_then_longer() {
        let f = |s, e, c| Finding::new(Entity::Url, s, e, c, "t");
        let kept = resolve_overlaps(vec![
            f(0, 10, 0.6),
            f(2, 5, 0.9),
            f(8, 20, 0.6),
            f(30, 40, 0.5),
        ]);
        let spans: Vec<(usize, usize)> = kept.iter().map(|k| (k.start, k.end)).collect();
        assert_eq!(spans, vec![(2, 5), (8, 20), (30, 40)]);
    }

    #[test]
    fn segments_cut_at_line_ends() {
        let line = "x".repeat(100) + "\n";
        let text = line.repeat(200);
        let mut s = 0;
        while s < text.len() {
            let e = segment_end(&text, s);
            assert!(e > s);
            assert!(e == text.len() || text.as_bytes()[e - 1] == b'\n');
            s = e;
        }
    }
}
