//! One pass over the text. The text is cut into segments at line ends (a line is never
//! cut below 8 KiB). Cheap gates decide which recognizers may run in a segment, each a
//! necessary condition of a match or of passing the minimum confidence: the digits the
//! segment holds (a recognizer whose every match holds `n` digits skips a segment with
//! fewer, a fact read from the regex's syntax tree), the bytes it holds (every match
//! holds one of the recognizer's needed bytes, also read from the syntax tree: no `@`,
//! no e-mail), its longest digit cluster (a card needs twelve digits joined by short
//! separators), and context words (a recognizer that cannot pass the policy's minimum
//! confidence without its context word runs only near one). The segment's bytes,
//! digits and digit clusters come from one lexer pass (`lexer`); a number's pattern
//! then runs anchored at the starts near a cluster of its digit count only, the others
//! are searched over the segment, each with its own regex. (There is no `RegexSet` pass
//! to tell which of many survivors match at all: with the numbers anchored, such sets'
//! lazy DFAs spent more building states on unseen text than they saved. Without them a
//! first MB of distinct texts costs 11 % fewer instructions, a second 4 % fewer;
//! repeated text, whose set states were all built, 1-2 % more.) Every cue word of every recognizer (context,
//! upgrade, veto, negative words) is found by one automaton pass over the whole text;
//! gates and candidates read those hits. Validators then decide.
//! Multi-line recognizers (key blocks) and the word-level PERSON/LOCATION scanner run
//! once over the whole text. Overlaps are resolved so that the more certain, then the
//! longer, finding wins. Never allocates per byte; never fails. Linear in the text
//! except the overlap resolution, O(n log n) in findings.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexBuilder};
use regex_automata::dfa::{dense, Automaton, StartKind};
use regex_automata::nfa::thompson;
use regex_automata::{meta, Anchored, Input};

use super::chunks;
use super::cues::{Cue, CueTrie};
use super::entity::Entity;
use super::labels::LabelRepair;
use super::lexer::{is_word, ByteSet, Kind, Lexed, Pairs, StartKinds, Starts};
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

/// Segments scanned between two looks at the clock (`Scanner::scan_until`): 16 segments
/// are about 4 KiB, a fraction of a millisecond of scanning.
const DEADLINE_EVERY: usize = 16;
/// Segment length after which the scanner looks for a line end to cut at. Short
/// segments keep the recognizers that the gates let through working on little text.
const SEGMENT: usize = 256;
/// Most bytes of lazy-DFA states each compiled pattern keeps per thread. A full cache
/// is cleared and its states built again: at the regex crate's 2 MiB, patterns cleared
/// theirs on unseen text, and 2 MB of distinct texts took 9 % more instructions. Only
/// the states a text reaches are allocated (53 MB peak for the whole `pii_findings`
/// run over those 2 MB, as before).
const DFA_CACHE: usize = 16 << 20;
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
    // A pull request (`PR 4521`, `PR #4521`), not every word starting `pr` (`prélèvement`).
    "pr ",
    "pr#",
    "pr-",
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
    // The same in the other five languages: tickets, parts, parcels, receipts, bookings,
    // serial numbers and baggage tags (`Billet électronique 074-6814507028`, `40 pezzi
    // di 843-3620-53`, `Onderdeel 835-3752-33`, `Beleg INV-0659-6330`).
    "inv-",
    "billet",
    "billete",
    "biglietto",
    "ersatzteil",
    "teilenummer",
    "artikel",
    "article",
    "artículo",
    "articolo",
    "pièce",
    "pieza",
    "piezas",
    "pezzo",
    "pezzi",
    "onderdeel",
    "paket",
    "colis",
    "paquete",
    "pacco",
    "pakket",
    "beleg",
    "quittung",
    "reçu",
    "recibo",
    "ricevuta",
    "buchung",
    "réservation",
    "prenotazione",
    "boeking",
    "sendungsnummer",
    "seriennummer",
    "baggage",
    "bagage",
    "gepäck",
    "filter",
    "filtre",
    "filtro",
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
    /// A searched pattern whose matches hold a digit and never a line end
    /// (`digit_line_bound`): searched over the lines holding a digit only.
    digit_lines: bool,
    /// Bytes of which every match holds at least one (from the syntax tree).
    needs: ByteSet,
    /// `Pattern::cluster`: fewest digits in the cluster a match sits on.
    cluster: Option<usize>,
    /// `Pattern::alone`: confidence is clamped to it before a context word raises it.
    alone: f32,
    /// Index into the context gate when the pattern needs a word nearby to pass the
    /// policy's minimum (`alone < min_confidence`).
    gate: Option<usize>,
    entity: Entity,
    regex: Regex,
    /// Built-in patterns run anchored at the positions where a match can start (read
    /// from the syntax tree), never over a whole segment; custom ones are searched.
    anchored: Option<Anchor>,
    check: Check,
    context: Words,
    numeric: bool,
    upgrade: Option<(Entity, Words)>,
    veto: Words,
    veto_before: Words,
    not_after: &'static [&'static str],
}

/// A number's pattern compiled for anchored searches, and where its matches can start:
/// each match holds a digit of a cluster of `need` digits (`Pattern::cluster`), and its
/// last digit ends at most `reach` bytes after its start (`digit_reach`), so it starts
/// less than `reach` bytes before such a cluster.
struct Anchor {
    regex: meta::Regex,
    /// The same pattern as a full DFA for anchored searches, when it fits in `FULL_DFA`:
    /// a search is a walk of its table, with none of the meta regex's per-call set-up
    /// (its cache pool, strategy and lazy states).
    full: Option<dense::DFA<Vec<u32>>>,
    starts: Starts,
    /// The bit of `starts` in the scanner's `StartKinds`, if it has one.
    kind: Option<Kind>,
    pairs: Option<Pairs>,
    need: usize,
    reach: usize,
}

/// One recognizer's cue words, as ids into the scanner's vocabulary: every cue word of
/// every recognizer is found by one walk of the text (`CueTrie`, from each word start),
/// and "does one of them start a word in this window" is then a look-up among the hits
/// in reach, not a search per candidate.
struct Words {
    /// Sorted vocabulary ids.
    ids: Vec<u32>,
    /// The word must also end a word.
    whole: bool,
}

/// Builds the vocabulary: distinct cue words, ASCII case folded (the trie ignores ASCII
/// case, so folding changes nothing it finds).
#[derive(Default)]
struct Vocabulary {
    words: Vec<String>,
    index: HashMap<String, u32>,
}

impl Vocabulary {
    fn id(&mut self, word: &str) -> u32 {
        let w = word.to_ascii_lowercase();
        if let Some(&id) = self.index.get(&w) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(w.clone());
        self.index.insert(w, id);
        id
    }

    fn words<S: AsRef<str>>(&mut self, words: &[S]) -> Words {
        self.build(words, false)
    }

    /// Like `words`, but a word must also end a word: `v` vetoes `v 4.7.26.105`, not
    /// `von 10.227.127.70`.
    fn whole<S: AsRef<str>>(&mut self, words: &[S]) -> Words {
        self.build(words, true)
    }

    fn build<S: AsRef<str>>(&mut self, words: &[S], whole: bool) -> Words {
        let mut ids: Vec<u32> = words
            .iter()
            .map(AsRef::as_ref)
            .filter(|w| !w.is_empty())
            .map(|w| self.id(w))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        Words { ids, whole }
    }
}

impl Words {
    fn none() -> Words {
        Words {
            ids: Vec::new(),
            whole: false,
        }
    }

    /// Whether one of the words starts a word within `before` bytes before `start` or
    /// `after` bytes after `end` (ASCII case ignored). A word counts only when it lies
    /// wholly inside one of the two windows, and a window's edge counts as a word edge:
    /// the same answer as searching each window on its own.
    fn near(
        &self,
        cues: &[Cue],
        text: &str,
        start: usize,
        end: usize,
        before: usize,
        after: usize,
    ) -> bool {
        if self.ids.is_empty() {
            return false;
        }
        let lo = floor_boundary(text, start.saturating_sub(before));
        let hi = ceil_boundary(text, end.saturating_add(after).min(text.len()));
        let b = text.as_bytes();
        let first = cues.partition_point(|c| c.start < lo);
        cues[first..]
            .iter()
            .take_while(|c| c.start < hi)
            .filter(|c| self.ids.binary_search(&c.id).is_ok())
            .any(|c| {
                [(lo, start), (end, hi)].into_iter().any(|(from, to)| {
                    c.start >= from
                        && c.end <= to
                        && (c.start == from || !b[c.start - 1].is_ascii_alphanumeric())
                        && (!self.whole || c.end == to || !b[c.end].is_ascii_alphanumeric())
                })
            })
    }
}

/// Compiled recognizers: built once, shared read-only (Send + Sync).
pub struct Scanner {
    segmented: Vec<Compiled>,
    /// Every cue word of every recognizer (context, upgrade, veto, negative words): one
    /// pass over the text finds them all. `gate_of[word]` lists the gates that word opens.
    cues: CueTrie,
    /// Labels broken by OCR spaces are read as the cue and label words they spell.
    labels: LabelRepair,
    gate_of: Vec<Vec<usize>>,
    gates: usize,
    multiline: Vec<Compiled>,
    deny: Option<(AhoCorasick, Vec<Entity>)>,
    min_confidence: f32,
    /// NEGATIVE_WORDS, compiled.
    negative: Words,
    start_kinds: StartKinds,
}

/// `\b` and `\B` become ASCII word boundaries and `\d` ASCII digits: the lazy DFA cannot
/// run Unicode word boundaries on non-ASCII text, and falls back to the PikeVM on every
/// segment holding an accent (text without PII in six languages scanned 45 times
/// slower when one such pattern sat in a set of recognizers).
fn asciify(pattern: &str) -> String {
    pattern
        .replace(r"\b", r"(?-u:\b)")
        .replace(r"\B", r"(?-u:\B)")
        .replace(r"\d", "[0-9]")
}

/// The same pattern as `compile`, for anchored searches near the digit clusters of at
/// least `need` digits, and where its matches can start (`None`: a match may be empty,
/// or its last digit lie any distance from its start; search it instead).
fn compile_anchored(
    name: &str,
    pattern: &str,
    need: usize,
    kinds: &mut StartKinds,
) -> Result<Option<Anchor>, PiiError> {
    let source = asciify(pattern);
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(&source)
        .map_err(|e| PiiError::BadRegex {
            name: name.to_string(),
            message: one_line(&e.to_string()),
        })?;
    let Some(starts) = Starts::of(&hir) else {
        return Ok(None);
    };
    let Some(reach) = digit_reach(&hir) else {
        return Ok(None);
    };
    let regex = meta::Regex::builder()
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(32 << 20))
                .onepass_size_limit(Some(32 << 20))
                .hybrid_cache_capacity(DFA_CACHE),
        )
        .build_from_hir(&hir)
        .map_err(|e| PiiError::BadRegex {
            name: name.to_string(),
            message: one_line(&e.to_string()),
        })?;
    Ok(Some(Anchor {
        regex,
        full: full_dfa(&hir),
        starts,
        kind: kinds.kind(starts),
        pairs: Pairs::of(&hir),
        need,
        reach,
    }))
}

/// Most bytes a number pattern's full DFA may take (and its determinization): above it
/// the pattern keeps its lazy DFA.
const FULL_DFA: usize = 1 << 20;

/// `hir` as a full DFA that only runs anchored searches, or `None` when it is larger than
/// `FULL_DFA`.
fn full_dfa(hir: &regex_syntax::hir::Hir) -> Option<dense::DFA<Vec<u32>>> {
    let nfa = thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .utf8(false)
                .which_captures(thompson::WhichCaptures::None),
        )
        .build_from_hir(hir)
        .ok()?;
    dense::Builder::new()
        .configure(
            dense::Config::new()
                .start_kind(StartKind::Anchored)
                .dfa_size_limit(Some(FULL_DFA))
                .determinize_size_limit(Some(FULL_DFA)),
        )
        .build_from_nfa(&nfa)
        .ok()
}

fn compile(name: &str, pattern: &str) -> Result<Regex, PiiError> {
    RegexBuilder::new(&asciify(pattern))
        .size_limit(32 << 20)
        .dfa_size_limit(DFA_CACHE)
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

/// The farthest a match's last ASCII digit can end from the match's start, read from
/// the syntax tree: `Some(0)` when no match holds a digit, `None` when unbounded. A
/// pattern bounded in length reaches at most its longest match; an address line
/// (`4712 Leoben`, a town of any length after the code) reaches five bytes.
fn digit_reach(hir: &regex_syntax::hir::Hir) -> Option<usize> {
    use regex_syntax::hir::{Class, HirKind};
    let digit = |lo: u32, hi: u32| lo <= u32::from(b'9') && hi >= u32::from(b'0');
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(0),
        HirKind::Literal(l) => Some(
            l.0.iter()
                .rposition(u8::is_ascii_digit)
                .map_or(0, |i| i + 1),
        ),
        HirKind::Class(Class::Unicode(c)) => Some(usize::from(
            c.ranges()
                .iter()
                .any(|r| digit(u32::from(r.start()), u32::from(r.end()))),
        )),
        HirKind::Class(Class::Bytes(c)) => Some(usize::from(
            c.ranges()
                .iter()
                .any(|r| digit(u32::from(r.start()), u32::from(r.end()))),
        )),
        HirKind::Capture(c) => digit_reach(&c.sub),
        HirKind::Repetition(r) => match digit_reach(&r.sub)? {
            0 => Some(0),
            last => {
                let more = (r.max?.checked_sub(1)? as usize)
                    .checked_mul(r.sub.properties().maximum_len()?)?;
                more.checked_add(last)
            }
        },
        HirKind::Concat(v) => {
            // The farthest digit of any part, after the longest run of the parts before it.
            let mut before = Some(0usize);
            let mut farthest = 0;
            for part in v {
                let last = digit_reach(part)?;
                if last > 0 {
                    farthest = farthest.max(before?.checked_add(last)?);
                }
                before = before.and_then(|b| b.checked_add(part.properties().maximum_len()?));
            }
            Some(farthest)
        }
        HirKind::Alternation(v) => v
            .iter()
            .try_fold(0, |far, alt| Some(far.max(digit_reach(alt)?))),
    }
}

/// How often a text holds one of these bytes, roughly: the better requirement is the
/// one a segment of prose fails most often.
fn commonness(set: &ByteSet) -> u32 {
    (0..=255u8)
        .filter(|&b| set.contains(b))
        .map(|b| match b {
            b'a'..=b'z' | b' ' => 10,
            b'.' | b',' | b'\n' => 5,
            b'A'..=b'Z' => 4,
            b'0'..=b'9' | 0x80..=0xff => 3,
            b'-' | b'(' | b')' | b'\'' | b'"' => 2,
            _ => 1,
        })
        .sum()
}

/// Whether every match of `pattern` holds an ASCII digit and no line end, and no
/// assertion in it reads the end of the haystack (`\z`, `$` without `m`): then a
/// match lies inside one line that holds a digit, and a search of the segment up to
/// that line's end (the `\n` left outside) finds what a search of the whole segment
/// finds there. Read from the syntax tree; `false` when it cannot be analysed, which
/// only costs speed.
fn digit_line_bound(pattern: &str) -> bool {
    use regex_syntax::hir::{Class, Hir, HirKind, Look};
    fn line_free(h: &Hir) -> bool {
        match h.kind() {
            HirKind::Empty => true,
            HirKind::Look(l) => !matches!(l, Look::End),
            HirKind::Literal(l) => !l.0.contains(&b'\n'),
            HirKind::Class(Class::Unicode(c)) => c
                .ranges()
                .iter()
                .all(|r| !(r.start()..=r.end()).contains(&'\n')),
            HirKind::Class(Class::Bytes(c)) => c
                .ranges()
                .iter()
                .all(|r| !(r.start()..=r.end()).contains(&b'\n')),
            HirKind::Repetition(r) => line_free(&r.sub),
            HirKind::Capture(c) => line_free(&c.sub),
            HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().all(line_free),
        }
    }
    min_digits(pattern) > 0
        && regex_syntax::ParserBuilder::new()
            .build()
            .parse(&asciify(pattern))
            .is_ok_and(|h| line_free(&h))
}

/// The lines of `segment` that hold a digit (from `lexed`'s clusters), as ranges that
/// end before their line end, adjacent lines merged into one range.
fn digit_lines(segment: &[u8], lexed: &Lexed, out: &mut Vec<(usize, usize)>) {
    out.clear();
    for c in &lexed.clusters {
        let (first, last) = (c.start as usize, c.end as usize);
        if out.last().is_some_and(|&(_, end)| last <= end) {
            continue;
        }
        let start = match out.last() {
            Some(&(_, end)) if first <= end => end,
            _ => memchr::memrchr(b'\n', &segment[..first]).map_or(0, |p| p + 1),
        };
        let end = memchr::memchr(b'\n', &segment[last..]).map_or(segment.len(), |p| last + p);
        match out.last_mut() {
            // The previous range ends at the line end just before this line.
            Some((_, prev)) if *prev + 1 >= start => *prev = end,
            _ => out.push((start, end)),
        }
    }
}

/// The matches of `regex` (`digit_line_bound`) in `segment`'s digit lines (`lines`, from
/// `digit_lines`): each range searched up to its end, looking behind its start. Matches
/// are never empty (each holds a digit), so each next search starts where the last
/// match ended, as `find_iter`'s does.
fn line_matches(
    regex: &Regex,
    segment: &str,
    lines: &[(usize, usize)],
    mut found: impl FnMut(usize, usize),
) {
    for &(from, to) in lines {
        let mut at = from;
        while let Some(m) = regex.find_at(&segment[..to], at) {
            found(m.start(), m.end());
            at = m.end();
        }
    }
}

/// Bytes of which every match of `pattern` holds at least one, read from the syntax
/// tree: a literal needs its rarest byte, a class its bytes (a non-ASCII character its
/// UTF-8 lead byte), a sequence its rarest requirement, alternatives the union of
/// theirs. `ALL` when nothing is required (or the pattern cannot be analysed), which
/// only costs speed: a segment without any of the bytes cannot hold a match.
fn needed_bytes(pattern: &str) -> ByteSet {
    use regex_syntax::hir::{Class, Hir, HirKind};
    fn walk(h: &Hir) -> Option<ByteSet> {
        match h.kind() {
            HirKind::Empty | HirKind::Look(_) => None,
            HirKind::Literal(l) => {
                l.0.iter()
                    .map(|&b| {
                        let mut s = ByteSet::EMPTY;
                        s.insert(b);
                        s
                    })
                    .min_by_key(commonness)
            }
            HirKind::Class(Class::Unicode(c)) => Some(ByteSet::first_bytes(c)),
            HirKind::Class(Class::Bytes(c)) => {
                let mut s = ByteSet::EMPTY;
                for r in c.ranges() {
                    s.insert_range(r.start(), r.end());
                }
                Some(s)
            }
            HirKind::Repetition(r) if r.min > 0 => walk(&r.sub),
            HirKind::Repetition(_) => None,
            HirKind::Capture(c) => walk(&c.sub),
            HirKind::Concat(v) => v.iter().filter_map(walk).min_by_key(commonness),
            HirKind::Alternation(v) => v
                .iter()
                .map(walk)
                .try_fold(ByteSet::EMPTY, |acc, s| s.map(|s| acc.union(s))),
        }
    }
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(&asciify(pattern))
        .ok()
        .and_then(|h| walk(&h))
        .unwrap_or(ByteSet::ALL)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Scanner {
    pub fn new(rules: &PiiRules) -> Result<Scanner, PiiError> {
        let mut gate_lists: Vec<Vec<String>> = Vec::new();
        let mut vocabulary = Vocabulary::default();
        let mut segmented = Vec::new();
        let mut multiline = Vec::new();
        let mut start_kinds = StartKinds::default();
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
                not_after,
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
                digit_lines: digit_line_bound(regex),
                needs: needed_bytes(regex),
                cluster,
                alone,
                gate,
                entity,
                regex: compile(name, regex)?,
                // The numbers: a pattern whose matches sit on a digit cluster and are
                // bounded in length runs at the starts near such clusters only.
                anchored: match cluster {
                    Some(need) => compile_anchored(name, regex, need, &mut start_kinds)?,
                    None => None,
                },
                check: Check::Builtin(validate),
                context: vocabulary.words(context),
                numeric,
                upgrade: upgrade.map(|(entity, words)| (entity, vocabulary.words(words))),
                veto: vocabulary.words(veto),
                veto_before: vocabulary.whole(veto_before),
                not_after,
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
                digit_lines: digit_line_bound(&custom.regex),
                needs: needed_bytes(&custom.regex),
                cluster: None,
                alone: custom.confidence,
                gate,
                entity: custom.entity.clone(),
                regex: compile(&custom.name, &custom.regex)?,
                anchored: None,
                check: Check::Custom {
                    validator: custom.validator,
                    confidence: custom.confidence,
                },
                context: vocabulary.words(&custom.context),
                numeric: false,
                upgrade: None,
                veto: Words::none(),
                veto_before: Words::none(),
                not_after: &[],
            });
        }
        let gates = gate_lists.len();
        let negative = vocabulary.words(NEGATIVE_WORDS);
        for list in &gate_lists {
            for w in list {
                vocabulary.id(w);
            }
        }
        let mut gate_of: Vec<Vec<usize>> = vec![Vec::new(); vocabulary.words.len()];
        for (g, list) in gate_lists.iter().enumerate() {
            for w in list {
                let opens = &mut gate_of[vocabulary.id(w) as usize];
                if !opens.contains(&g) {
                    opens.push(g);
                }
            }
        }
        let cues = CueTrie::new(&vocabulary.words);
        let labels = LabelRepair::new(
            vocabulary
                .words
                .iter()
                .map(String::as_str)
                .chain(person_location::labels().iter().copied()),
            person_location::ordinary_word,
        );
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
        // libphonenumber loads its metadata (hundreds of regexes) on first use: a
        // tenth of a second that would otherwise fall on the first request holding a
        // phone-shaped number.
        let _ = phonenumber::parse(None, "+44 20 7946 0958");
        Ok(Scanner {
            segmented,
            cues,
            labels,
            gate_of,
            gates,
            multiline,
            deny,
            min_confidence: rules.min_confidence,
            negative,
            start_kinds,
        })
    }

    /// All findings at or above the minimum confidence, sorted by start, non-overlapping.
    ///
    /// `allow` holds values never reported (lower case): a policy's `[pii] allow`. It is
    /// the caller's, so that policies differing only in it share one scanner.
    pub fn scan(&self, text: &str, allow: &HashSet<String>) -> Vec<Finding> {
        // Without a deadline the scan always completes.
        self.scan_until(text, allow, None).unwrap_or_default()
    }

    /// As [`Scanner::scan`], giving up (`None`) once `deadline` has passed: checked every
    /// `DEADLINE_EVERY` segments and between the word scan's chunks, so a scan stops
    /// within a few milliseconds of it whatever the text.
    pub fn scan_until(
        &self,
        text: &str,
        allow: &HashSet<String>,
        deadline: Option<Instant>,
    ) -> Option<Vec<Finding>> {
        let passed = || deadline.is_some_and(|d| Instant::now() > d);
        // The recognizers read the text with its broken labels repaired; the copy has
        // the original's length and offsets, so findings apply to the original.
        let original = text;
        let repaired = self.labels.repair(text);
        let text = repaired.as_deref().unwrap_or(text);
        let mut candidates = Vec::new();
        // Every cue word in the text, sorted by start: the gates and each candidate's
        // context, veto and upgrade words are read from here.
        let mut hits = Vec::new();
        self.cues.find(text, &mut hits);
        let mut open = vec![false; self.gates];
        let mut runs: Vec<usize> = Vec::with_capacity(self.segmented.len());
        let mut lexed = Lexed::default();
        let mut marks = Vec::new();
        let mut lines = Vec::new();
        let mut first_hit = 0;
        let mut start = 0;
        let mut segments = 0usize;
        while start < text.len() {
            segments += 1;
            if segments % DEADLINE_EVERY == 0 && passed() {
                return None;
            }
            let end = segment_end(text, start);
            let segment = &text[start..end];
            lexed.read(segment.as_bytes(), CLUSTER_GAP);
            // Gates opened by a word within reach of this segment's matches.
            open.iter_mut().for_each(|o| *o = false);
            let lo = start.saturating_sub(CONTEXT_BEFORE);
            while first_hit < hits.len() && hits[first_hit].start < lo {
                first_hit += 1;
            }
            for hit in &hits[first_hit..] {
                if hit.start >= end + CONTEXT_AFTER {
                    break;
                }
                for &g in &self.gate_of[hit.id as usize] {
                    open[g] = true;
                }
            }
            // The gates first: each is a necessary condition of a match (or of passing
            // the minimum confidence), so a recognizer they stop could not report here.
            runs.clear();
            runs.extend(self.segmented.iter().enumerate().filter_map(|(idx, c)| {
                (lexed.digits >= c.min_digits
                    && c.needs.meets(&lexed.present)
                    && c.cluster.is_none_or(|need| lexed.longest >= need)
                    && c.gate.is_none_or(|g| open[g]))
                .then_some(idx)
            }));
            // Where each kind of anchored pattern may start: read once the segment is
            // known to run one.
            marks.clear();
            let mut lines_read = false;
            for &idx in &runs {
                let c = &self.segmented[idx];
                let mut found = |s: usize, e: usize| {
                    self.evaluate(c, text, &hits, start + s, start + e, &mut candidates)
                };
                match &c.anchored {
                    Some(anchor) => {
                        if marks.is_empty() {
                            self.start_kinds.mark(segment.as_bytes(), &mut marks);
                        }
                        anchored_matches(anchor, segment, &lexed, &marks, found)
                    }
                    None if c.digit_lines => {
                        if !lines_read {
                            digit_lines(segment.as_bytes(), &lexed, &mut lines);
                            lines_read = true;
                        }
                        line_matches(&c.regex, segment, &lines, found);
                    }
                    None => c
                        .regex
                        .find_iter(segment)
                        .for_each(|m| found(m.start(), m.end())),
                }
            }
            start = end;
        }
        for c in &self.multiline {
            for m in c.regex.find_iter(text) {
                self.evaluate(c, text, &hits, m.start(), m.end(), &mut candidates);
            }
        }
        // The word scan reads a long text in chunks: its rules look along lines.
        if !chunks::scan_by_chunk(text, &mut candidates, person_location::scan, passed) {
            return None;
        }
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
        drop_pieces_of_dates(&mut candidates);
        candidates.retain(|f| {
            f.confidence >= self.min_confidence
                && (allow.is_empty() || !allow.contains(&original[f.start..f.end].to_lowercase()))
        });
        Some(resolve_overlaps(candidates, text.len()))
    }

    fn evaluate(
        &self,
        c: &Compiled,
        text: &str,
        cues: &[Cue],
        start: usize,
        end: usize,
        out: &mut Vec<Finding>,
    ) {
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
        if c.veto
            .near(cues, text, start, end, CONTEXT_BEFORE, CONTEXT_AFTER)
            || c.veto_before
                .near(cues, text, start, start, NEGATIVE_BEFORE, 0)
        {
            return;
        }
        // A number glued to more digits (`983-8950689-5296863`, `2023-05-05 23:01`) is
        // one piece of a longer identifier or a timestamp, never a whole value.
        if c.numeric && in_digit_chain(text, start, end) {
            return;
        }
        // `Vorne: 6 4 4 3 6 4 6 4 6 = 43`, `12 + 7 + 30 = 49`: numbers summed to a total
        // (a scorecard, a bill's arithmetic), never a number to dial.
        if (c.numeric || c.entity == Entity::PhoneNumber) && sum_follows(text, end) {
            return;
        }
        let context_hit = c
            .context
            .near(cues, text, start, end, CONTEXT_BEFORE, CONTEXT_AFTER);
        if context_hit {
            confidence = (confidence + CONTEXT_BOOST).min(0.99);
        } else if c.numeric
            // `+44(0)141 ...`: a number dialled with its country code is never an order
            // or invoice number, whatever word is near (`Jane Price, +44(0)141 ...`).
            && !text[start..end].starts_with('+')
            && self
                .negative
                .near(cues, text, start, start, NEGATIVE_BEFORE, 0)
        {
            return;
        }
        let starts_a_span = ends_with_phrase(&text[..start], c.not_after);
        if starts_a_span && c.upgrade.is_none() {
            return;
        }
        let mut entity = c.entity.clone();
        if let Some((upgraded, words)) = c.upgrade.as_ref().filter(|_| !starts_a_span) {
            // "wurde am 5. März 1948 geboren": German puts the label after the date.
            if words.near(cues, text, start, end, CONTEXT_BEFORE, CONTEXT_AFTER) {
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

/// The matches of a built-in pattern in `segment`, as `find_iter` would give them:
/// anchored searches at the positions where a match can start, in order, each from the
/// end of the last match. Leftmost-first: the first position that matches is the
/// leftmost match, and an anchored search there ends where the unanchored one would.
fn anchored_matches(
    anchor: &Anchor,
    segment: &str,
    lexed: &Lexed,
    marks: &[u8],
    mut found: impl FnMut(usize, usize),
) {
    let Anchor {
        regex: re,
        full,
        starts,
        kind,
        pairs,
        need,
        reach,
    } = anchor;
    let b = segment.as_bytes();
    // Next position to try: after the last one tried and the last match.
    let mut next = 0;
    let mut try_at = |p: usize, next: &mut usize| {
        if p < *next || pairs.as_ref().is_some_and(|pairs| !pairs.may_start(b, p)) {
            return;
        }
        *next = p + 1;
        let input = Input::new(segment).range(p..).anchored(Anchored::Yes);
        // An anchored match starts at `p`; the full DFA, when there is one, finds its end
        // (a search it gives up on goes to the meta regex).
        let end = match full.as_ref().map(|dfa| dfa.try_search_fwd(&input)) {
            Some(Ok(half)) => half.map(|h| h.offset()),
            _ => re.search(&input).map(|m| m.end()),
        };
        if let Some(end) = end {
            found(p, end);
            *next = end;
        }
    };
    let mut range = |lo: usize, hi: usize, next: &mut usize| {
        let mut p = lo.max(*next);
        match *kind {
            // Eight marks at a time: most bytes near a cluster start no match.
            Some(Kind { plane, bit }) => {
                let marks = &marks[plane * (b.len() + 8)..][..b.len() + 8];
                let splat = u64::from(bit) * 0x0101_0101_0101_0101;
                while p < hi {
                    let eight = marks[p..p + 8]
                        .try_into()
                        .map_or(u64::MAX, u64::from_le_bytes);
                    if eight & splat == 0 {
                        p += 8;
                        continue;
                    }
                    if marks[p] & bit != 0 {
                        try_at(p, next);
                    }
                    p += 1;
                }
            }
            None => {
                while p < hi {
                    if starts.first.contains(b[p])
                        && (!starts.word_start || p == 0 || !is_word(b[p - 1]))
                    {
                        try_at(p, next);
                    }
                    p += 1;
                }
            }
        }
        *next = (*next).max(hi);
    };
    // A match holds a digit of such a cluster, so it starts before the cluster's end
    // and less than `reach` bytes before its first digit.
    for c in lexed.clusters.iter().filter(|c| c.digits as usize >= *need) {
        let lo = (c.start as usize + 1).saturating_sub(*reach).max(next);
        range(lo, c.end as usize, &mut next);
    }
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

/// `= 43` (spaces allowed around the sign) right after `end`: the match is the left side
/// of a sum.
fn sum_follows(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches([' ', '\t']);
    rest.strip_prefix('=')
        .map(|r| r.trim_start_matches([' ', '\t']))
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
}

/// `before` ends with one of `phrases` (ASCII case ignored), spaces and tabs after it
/// allowed, and the phrase starts a word: `Seit dem ` ends with `seit dem`, `Gleichheit `
/// does not end with `seit`.
fn ends_with_phrase(before: &str, phrases: &[&str]) -> bool {
    let b = before.trim_end_matches([' ', '\t']).as_bytes();
    phrases.iter().any(|p| {
        let p = p.as_bytes();
        b.len() >= p.len()
            && b[b.len() - p.len()..].eq_ignore_ascii_case(p)
            && (b.len() == p.len() || !b[b.len() - p.len() - 1].is_ascii_alphanumeric())
    })
}

/// Drops each DATE_OF_BIRTH candidate inside a longer DATE_TIME one: the year of `since
/// 16 April 2026`, which stays a DATE_TIME, is a piece of that date, and a birth label
/// nearby would otherwise lift it (`dob_year`) above the whole date's confidence.
fn drop_pieces_of_dates(candidates: &mut Vec<Finding>) {
    let dates: Vec<(usize, usize)> = candidates
        .iter()
        .filter(|f| f.entity == Entity::DateTime)
        .map(|f| (f.start, f.end))
        .collect();
    if dates.is_empty() {
        return;
    }
    candidates.retain(|f| {
        f.entity != Entity::DateOfBirth
            || !dates
                .iter()
                .any(|&(s, e)| s <= f.start && f.end <= e && e - s > f.end - f.start)
    });
}

fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let before = start == 0 || !b[start - 1].is_ascii_alphanumeric();
    let after = end == b.len() || !b[end].is_ascii_alphanumeric();
    before && after
}

/// Keeps the most certain finding of each overlapping group, the longer one on a tie,
/// then the earlier one, then the one found first; returns them sorted by start.
///
/// The candidates are ordered by one packed key each (16-byte keys instead of moving the
/// findings themselves), and each is kept when no byte of its span is taken yet: a bit
/// per byte of the text, so the check costs a few words per span instead of a search in
/// an ordered map. Empty spans hide nothing and are dropped.
fn resolve_overlaps(candidates: Vec<Finding>, text_len: usize) -> Vec<Finding> {
    let mut order: Vec<(u128, u32)> = candidates
        .iter()
        .enumerate()
        .filter(|(_, f)| f.end > f.start)
        .map(|(i, f)| (priority(f), i as u32))
        .collect();
    order.sort_unstable();
    let mut taken = Span::new(text_len);
    // (start, index) of each kept finding: kept spans never overlap, so starts differ.
    let mut kept: Vec<(usize, u32)> = Vec::new();
    for &(_, i) in &order {
        let f = &candidates[i as usize];
        if !taken.any(f.start, f.end) {
            taken.set(f.start, f.end);
            kept.push((f.start, i));
        }
    }
    kept.sort_unstable();
    let mut slots: Vec<Option<Finding>> = candidates.into_iter().map(Some).collect();
    kept.iter()
        .filter_map(|&(_, i)| slots[i as usize].take())
        .collect()
}

/// The order of `resolve_overlaps` as one number, smallest first: confidence descending
/// (the total order of `f32::total_cmp`), then length descending, then start ascending.
/// Lengths and starts take 48 bits each: texts are far below 256 TiB.
fn priority(f: &Finding) -> u128 {
    let bits = f.confidence.to_bits();
    // `total_cmp`'s key: flip the magnitude of negatives, then the sign for unsigned order.
    let total = (bits ^ ((((bits as i32) >> 31) as u32) >> 1)) ^ 0x8000_0000;
    const MASK: u128 = (1 << 48) - 1;
    let len = (f.end - f.start) as u128 & MASK;
    let start = f.start as u128 & MASK;
    u128::from(!total) << 96 | (MASK - len) << 48 | start
}

/// One bit per byte of the text: which bytes a kept finding covers.
struct Span(Vec<u64>);

impl Span {
    fn new(len: usize) -> Self {
        Span(vec![0; len / 64 + 1])
    }

    /// Calls `f` with each word index and the mask of the bits of `start..end` in it.
    fn words(start: usize, end: usize, mut f: impl FnMut(usize, u64) -> bool) -> bool {
        let (first, last) = (start / 64, (end - 1) / 64);
        for w in first..=last {
            let lo = if w == first { start % 64 } else { 0 };
            let hi = if w == last { (end - 1) % 64 } else { 63 };
            let mask = (u64::MAX >> (63 - hi)) & (u64::MAX << lo);
            if f(w, mask) {
                return true;
            }
        }
        false
    }

    fn any(&self, start: usize, end: usize) -> bool {
        Self::words(start, end, |w, mask| self.0[w] & mask != 0)
    }

    fn set(&mut self, start: usize, end: usize) {
        Self::words(start, end, |w, mask| {
            self.0[w] |= mask;
            false
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlaps_keep_the_more_certain_then_longer() {
        let f = |s, e, c| Finding::new(Entity::Url, s, e, c, "t");
        let kept = resolve_overlaps(
            vec![f(0, 10, 0.6), f(2, 5, 0.9), f(8, 20, 0.6), f(30, 40, 0.5)],
            64,
        );
        let spans: Vec<(usize, usize)> = kept.iter().map(|k| (k.start, k.end)).collect();
        assert_eq!(spans, vec![(2, 5), (8, 20), (30, 40)]);
    }

    /// The definition `resolve_overlaps` implements: a stable sort by confidence
    /// (descending), length (descending) and start, then each candidate kept unless a
    /// kept span overlaps it.
    fn resolve_by_definition(mut candidates: Vec<Finding>) -> Vec<Finding> {
        candidates.retain(|f| f.end > f.start);
        candidates.sort_by(|a, b| {
            b.confidence
                .total_cmp(&a.confidence)
                .then((b.end - b.start).cmp(&(a.end - a.start)))
                .then(a.start.cmp(&b.start))
        });
        let mut kept: Vec<Finding> = Vec::new();
        for f in candidates {
            if !kept.iter().any(|k| k.start < f.end && f.start < k.end) {
                kept.push(f);
            }
        }
        kept.sort_by_key(|f| f.start);
        kept
    }

    proptest::proptest! {
        #[test]
        fn overlaps_resolve_as_defined(
            spans in proptest::collection::vec((0usize..300, 0usize..80, 0u8..6, 0u8..3), 0..60)
        ) {
            let recognizers = ["a", "b", "c"];
            let candidates: Vec<Finding> = spans
                .iter()
                .map(|&(start, len, c, r)| {
                    // Few distinct confidences, one negative: ties and the sign matter.
                    let confidence = [0.9, 0.6, 0.6, 0.5, 0.0, -0.1][usize::from(c)];
                    Finding::new(Entity::Url, start, start + len, confidence, recognizers[usize::from(r)])
                })
                .collect();
            let got: Vec<_> = resolve_overlaps(candidates.clone(), 400)
                .into_iter()
                .map(|f| (f.start, f.end, f.recognizer))
                .collect();
            let want: Vec<_> = resolve_by_definition(candidates)
                .into_iter()
                .map(|f| (f.start, f.end, f.recognizer))
                .collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    fn reach_of(pattern: &str) -> Option<usize> {
        digit_reach(
            &regex_syntax::Parser::new()
                .parse(&asciify(pattern))
                .unwrap(),
        )
    }

    #[test]
    fn digit_reach_bounds_the_last_digit() {
        assert_eq!(reach_of(r"[a-z]+"), Some(0));
        assert_eq!(reach_of(r"\d{4}"), Some(4));
        assert_eq!(reach_of(r"ab1c"), Some(3));
        assert_eq!(reach_of(r"\b\d{5}[ ][A-Z][a-z]+"), Some(5));
        // `\w` holds digits: a word of any length after the code may end in one.
        assert_eq!(reach_of(r"(?:CH-)?\d{4}[ ]\w+"), None);
        assert_eq!(reach_of(r"(?:CH-)?\d{4}[ ][A-Z][a-z]+"), Some(7));
        // Digits after an unbounded part, or repeated without bound: no bound.
        assert_eq!(reach_of(r"[A-Z][a-z]+ \d{4}"), None);
        assert_eq!(reach_of(r"\d+"), None);
        assert_eq!(reach_of(r"(?:é|\d)\d{2}"), Some(4));
        // Every match's last digit ends within its pattern's reach, over the samples and
        // the corpora.
        let texts = corpora_texts();
        let mut checked = 0;
        for p in recognizers::builtin() {
            let Some(reach) = reach_of(p.regex) else {
                continue;
            };
            let re = compile(p.name, p.regex).unwrap();
            for text in &texts {
                for m in re.find_iter(text) {
                    let last = m
                        .as_str()
                        .bytes()
                        .rposition(|b| b.is_ascii_digit())
                        .map_or(0, |i| i + 1);
                    assert!(
                        last <= reach,
                        "{}: {:?} reaches {last} > {reach}",
                        p.name,
                        m.as_str()
                    );
                    checked += usize::from(last > 0);
                }
            }
        }
        assert!(
            checked > 1_000,
            "only {checked} matches with digits checked"
        );
    }

    const SAMPLES: &[&str] = &[
        "Customer Jane Roe (jane.roe@example.com, +44 20 7946 0958) lives at 221B Baker Street, London.",
        "Bitte überweisen Sie an DE89 3704 0044 0532 0130 00, Herr Jannik Brötzmann, Lindenstraße 5, 10115 Berlin.",
        "La patiente Maëlle Duchêne, née le 3 février 1990, joignable au 01 45 67 89 12.",
        "card 4111 1111 1111 1111, build 4.7.26.105, order 983-8950689-5296863, v 10.0.0.1",
        "key AKIAIOSFODNN7EXAMPLE at https://example.com/a?b=c and 2001:db8::1, ssn 078-05-1120",
        "Il signor Ottavio Castellucci, nato il 5 maggio 1979, abita in Via dei Mille 12, 00185 Roma.",
        "N° de sécurité sociale 1 85 05 78 006 084 91, en Corse 2 69 05 2A 123 456 88.",
    ];

    #[test]
    fn needed_bytes_never_rule_out_a_match() {
        for p in recognizers::builtin() {
            let re = compile(p.name, p.regex).unwrap();
            let needs = needed_bytes(p.regex);
            for text in SAMPLES {
                for m in re.find_iter(text) {
                    assert!(
                        needs.meets(&ByteSet::of(m.as_str().as_bytes())),
                        "{}: {:?}",
                        p.name,
                        m.as_str()
                    );
                }
            }
        }
        let email = needed_bytes(r"\b[a-z]+@[a-z]+\.[a-z]{2,}\b");
        assert!(email.meets(&ByteSet::of(b"@")));
        assert!(!email.meets(&ByteSet::of(b"no at sign here. at all")));
    }

    /// The samples and the texts of every held-out corpus (`tests/*/corpus.jsonl`).
    fn corpora_texts() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
        let mut texts: Vec<String> = SAMPLES.iter().map(|t| t.to_string()).collect();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let corpus = entry.unwrap().path().join("corpus.jsonl");
            let Ok(lines) = std::fs::read_to_string(&corpus) else {
                continue;
            };
            for line in lines.lines() {
                let record: serde_json::Value = serde_json::from_str(line).unwrap();
                texts.push(record["text"].as_str().unwrap().to_string());
            }
        }
        assert!(
            texts.len() > 10_000,
            "the corpora were not found in {dir:?}"
        );
        texts
    }

    /// A pattern declared `cluster(n)` runs only near digit clusters of `n` digits or
    /// more: from less than its longest match before such a cluster's first digit to the
    /// cluster's end. A match holding no digit of one would be lost silently. Every match
    /// of every such pattern in the samples and in all held-out corpora (about 7 MB of
    /// text in six languages) holds one, as the lexer reads the text's clusters (the
    /// match may be part of a longer run: `0130 00` at the end of an IBAN). Matches their
    /// validator turns down are left out: `10.0.0.1` is no phone number either way.
    #[test]
    fn every_match_of_a_cluster_pattern_holds_its_cluster() {
        let texts = corpora_texts();
        let mut lexed = Lexed::default();
        let mut checked = 0;
        for p in recognizers::builtin() {
            let Some(need) = p.cluster else {
                continue;
            };
            let re = compile(p.name, p.regex).unwrap();
            for text in texts
                .iter()
                .filter(|t| t.bytes().any(|b| b.is_ascii_digit()))
            {
                lexed.read(text.as_bytes(), CLUSTER_GAP);
                // A match its validator turns down reports nothing either way.
                for m in re
                    .find_iter(text)
                    .filter(|m| (p.validate)(m.as_str()).is_some())
                {
                    let held = lexed.clusters.iter().any(|c| {
                        c.digits as usize >= need
                            && (m.start().max(c.start as usize)..m.end().min(c.end as usize))
                                .any(|d| text.as_bytes()[d].is_ascii_digit())
                    });
                    assert!(
                        held,
                        "{}: {:?} holds no digit of a cluster of {need} digits",
                        p.name,
                        m.as_str()
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 1_000, "only {checked} matches checked");
    }

    /// Every anchored pattern compiled twice, the second copy changed by `alter`; the
    /// pairs for which `keep` holds of the first. Then both copies of each pair must find
    /// the same matches over the samples and the corpora (over 1,000 of them in all), and
    /// more than 30 pairs must be kept.
    fn same_matches_when_altered(alter: fn(&mut Anchor), keep: fn(&Anchor) -> bool) {
        let texts: Vec<String> = corpora_texts()
            .into_iter()
            .filter(|t| t.bytes().any(|b| b.is_ascii_digit()))
            .collect();
        let mut kinds = StartKinds::default();
        let anchors: Vec<(Anchor, Anchor)> = recognizers::builtin()
            .into_iter()
            .filter_map(|p| {
                let kept = compile_anchored(p.name, p.regex, p.cluster?, &mut kinds).unwrap()?;
                let mut altered =
                    compile_anchored(p.name, p.regex, p.cluster?, &mut kinds).unwrap()?;
                alter(&mut altered);
                keep(&kept).then_some((kept, altered))
            })
            .collect();
        assert!(anchors.len() > 30, "only {} patterns kept", anchors.len());
        let (mut lexed, mut marks) = (Lexed::default(), Vec::new());
        let mut compared = 0;
        for text in &texts {
            lexed.read(text.as_bytes(), CLUSTER_GAP);
            kinds.mark(text.as_bytes(), &mut marks);
            for (kept, altered) in &anchors {
                let (mut want, mut got) = (Vec::new(), Vec::new());
                anchored_matches(kept, text, &lexed, &marks, |s, e| want.push((s, e)));
                anchored_matches(altered, text, &lexed, &marks, |s, e| got.push((s, e)));
                assert_eq!(want, got, "{text:?}");
                compared += want.len();
            }
        }
        assert!(compared > 1_000, "only {compared} matches compared");
    }

    #[test]
    fn digit_line_bound_reads_digits_line_ends_and_the_text_end() {
        for (pattern, bound) in [
            (r"\b\d{4}[ ][A-Z][a-z]+\b", true),
            (r"(?m)^\d+$", true),
            (r"[0-9]+(?:[ ]?[A-Z]{2})?", true),
            (r"\d+$", false),
            (r"\d+\z", false),
            (r"\d+\s\w+", false),
            (r"\d+(?s:.)", false),
            (r"\d+[^a-z]", false),
            (r"[A-Z]{2}[ ]?\d?", false),
            (r"Postfach", false),
        ] {
            assert_eq!(digit_line_bound(pattern), bound, "{pattern}");
        }
    }

    /// A pattern searched over the lines holding a digit finds what a search of the
    /// whole text finds: for every built-in pattern `digit_line_bound` admits, over the
    /// samples, all corpora and texts whose digits sit at line starts and ends, in
    /// adjacent and separated lines, after `\r\n` and without a final line end.
    #[test]
    fn digit_lines_hold_every_match() {
        let mut texts = corpora_texts();
        texts.extend(
            [
                "12 Larkspur Close\n4 Stryd y Bont\r\n\nno digits here\n75008 Paris",
                "\n\n0171 4960123\nLindenstraße 5\n",
                "Tel 020 7946 0958\nmore text\nIBAN DE89 3704 0044 0532 0130 00",
                "5\n6\n7 March 1981\n\n",
            ]
            .map(String::from),
        );
        let patterns: Vec<(&str, Regex)> = recognizers::builtin()
            .into_iter()
            .filter(|p| digit_line_bound(p.regex))
            .map(|p| (p.name, compile(p.name, p.regex).unwrap()))
            .collect();
        assert!(patterns.len() > 40, "only {} patterns", patterns.len());
        let (mut lexed, mut lines) = (Lexed::default(), Vec::new());
        let mut compared = 0;
        for text in &texts {
            lexed.read(text.as_bytes(), CLUSTER_GAP);
            digit_lines(text.as_bytes(), &lexed, &mut lines);
            for (name, regex) in &patterns {
                let want: Vec<_> = regex
                    .find_iter(text)
                    .map(|m| (m.start(), m.end()))
                    .collect();
                let mut got = Vec::new();
                line_matches(regex, text, &lines, |s, e| got.push((s, e)));
                assert_eq!(want, got, "{name} in {text:?}");
                compared += want.len();
            }
        }
        assert!(compared > 10_000, "only {compared} matches compared");
    }

    /// The start marks (`StartKinds`) try exactly the positions the byte-by-byte test
    /// tries: for every anchored pattern with a kind, the matches are the same with its
    /// kind's marks as with the first-byte and word-start tests.
    #[test]
    fn start_marks_find_what_the_byte_tests_find() {
        same_matches_when_altered(|a| a.kind = None, |a| a.kind.is_some());
    }

    /// The full DFAs find what the meta regex finds: for every anchored pattern with a
    /// full DFA (most of them fit in `FULL_DFA`), the matches are the same without it.
    #[test]
    fn full_dfas_find_what_the_meta_regex_finds() {
        same_matches_when_altered(|a| a.full = None, |a| a.full.is_some());
    }

    /// The answer of `Words::near` is the answer of searching each window on its own
    /// for a word that starts a word there, as the scanner did before the cue words were
    /// found in one pass (a window's edge is a word's start only where the text's byte
    /// before it is no ASCII letter).
    #[test]
    fn near_reads_the_hits_as_a_search_of_each_window_would() {
        let lists: &[&[&str]] = &[
            &["card", "tel", "v", "order", "pr", "€"],
            &["né le", "nato", "geboren", "ref", "build"],
        ];
        for whole in [false, true] {
            let mut vocabulary = Vocabulary::default();
            let words: Vec<Words> = lists.iter().map(|l| vocabulary.build(l, whole)).collect();
            let trie = CueTrie::new(&vocabulary.words);
            for text in SAMPLES {
                let mut hits = Vec::new();
                trie.find(text, &mut hits);
                for (list, w) in lists.iter().zip(&words) {
                    let reference = AhoCorasickBuilder::new()
                        .ascii_case_insensitive(true)
                        .build(*list)
                        .unwrap();
                    let b = text.as_bytes();
                    for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                        for end in (start..text.len().min(start + 12))
                            .filter(|&i| text.is_char_boundary(i))
                        {
                            for (before, after) in [(64, 32), (28, 0), (5, 3)] {
                                let lo = floor_boundary(text, start.saturating_sub(before));
                                let hi =
                                    ceil_boundary(text, end.saturating_add(after).min(text.len()));
                                let expected =
                                    [(lo, start), (end, hi)].into_iter().any(|(from, to)| {
                                        let hay = &b[from..to];
                                        reference.find_overlapping_iter(hay).any(|m| {
                                            let at = from + m.start();
                                            (at == 0 || !b[at - 1].is_ascii_alphabetic())
                                                && (m.start() == 0
                                                    || !hay[m.start() - 1].is_ascii_alphanumeric())
                                                && (!whole
                                                    || m.end() == hay.len()
                                                    || !hay[m.end()].is_ascii_alphanumeric())
                                        })
                                    });
                                assert_eq!(
                                    w.near(&hits, text, start, end, before, after),
                                    expected,
                                    "{text:?} {start}..{end} {before}/{after} whole={whole}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    /// A Unicode word boundary in any recognizer makes the lazy DFA give up on text with
    /// an accent, and the regex then runs the PikeVM on every such segment.
    #[test]
    fn no_compiled_pattern_holds_a_unicode_word_boundary() {
        for p in recognizers::builtin() {
            let hir = regex_syntax::parse(&asciify(p.regex)).unwrap();
            let looks = hir.properties().look_set();
            assert!(
                !looks.contains_word_unicode(),
                "{} keeps a Unicode word boundary after asciify",
                p.name
            );
        }
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
