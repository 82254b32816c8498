//! The scanner's single pass over a segment's bytes: one look-up in a 256-entry class
//! table per byte yields everything the gates and the candidate search read (which bytes
//! occur, how many digits, the longest digit cluster) and the candidate starts of the
//! recognizers (word starts; every other position is read from the same bytes). Also
//! what a recognizer's regex says about where its matches can start (`Starts`), read
//! from its syntax tree, so that a recognizer runs anchored at those positions only and
//! never searches a whole segment.

use regex_automata::hybrid::dfa::DFA;
use regex_automata::nfa::thompson;
use regex_automata::util::start;
use regex_automata::Anchored;
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// A set of byte values, one bit each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ByteSet(pub(crate) [u64; 4]);

impl ByteSet {
    pub(crate) const ALL: ByteSet = ByteSet([u64::MAX; 4]);
    pub(crate) const EMPTY: ByteSet = ByteSet([0; 4]);

    pub(crate) fn insert(&mut self, b: u8) {
        self.0[usize::from(b >> 6)] |= 1 << (b & 63);
    }

    /// The bytes a character of `class` can start with: its ASCII members, and every
    /// lead byte of a multi-byte UTF-8 sequence if it holds any non-ASCII character (a
    /// superset).
    pub(crate) fn first_bytes(class: &regex_syntax::hir::ClassUnicode) -> ByteSet {
        let mut s = ByteSet::EMPTY;
        for r in class.ranges() {
            let (lo, hi) = (u32::from(r.start()), u32::from(r.end()));
            if lo < 0x80 {
                s.insert_range(lo as u8, hi.min(0x7f) as u8);
            }
            if hi >= 0x80 {
                s.insert_range(0xc2, 0xf4);
            }
        }
        s
    }

    pub(crate) fn insert_range(&mut self, lo: u8, hi: u8) {
        for b in lo..=hi {
            self.insert(b);
        }
    }

    #[inline]
    pub(crate) fn contains(&self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }

    pub(crate) fn union(self, other: ByteSet) -> ByteSet {
        ByteSet(std::array::from_fn(|i| self.0[i] | other.0[i]))
    }

    pub(crate) fn meets(&self, other: &ByteSet) -> bool {
        self.0.iter().zip(other.0.iter()).any(|(a, b)| a & b != 0)
    }

    pub(crate) fn subset_of(&self, other: &ByteSet) -> bool {
        self.0.iter().zip(other.0.iter()).all(|(a, b)| a & !b == 0)
    }

    /// The bytes of `text`.
    #[cfg(test)]
    pub(crate) fn of(text: &[u8]) -> ByteSet {
        let mut set = ByteSet::EMPTY;
        for &b in text {
            set.insert(b);
        }
        set
    }

    /// `[0-9A-Za-z_]`: the bytes of an ASCII word (`(?-u:\b)`).
    pub(crate) fn word() -> ByteSet {
        let mut s = ByteSet::EMPTY;
        s.insert_range(b'0', b'9');
        s.insert_range(b'A', b'Z');
        s.insert_range(b'a', b'z');
        s.insert(b'_');
        s
    }
}

/// Byte classes of the table.
const WORD: u8 = 1;
const DIGIT: u8 = 2;
/// ASCII, neither letter, digit nor line end: joins the digits of a cluster.
const SEPARATOR: u8 = 4;

const fn class_table() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let mut k = 0;
        if c.is_ascii_alphanumeric() || c == b'_' {
            k |= WORD;
        }
        if c.is_ascii_digit() {
            k |= DIGIT;
        }
        if c.is_ascii() && !c.is_ascii_alphanumeric() && c != b'\n' {
            k |= SEPARATOR;
        }
        t[b] = k;
        b += 1;
    }
    t
}

static CLASS: [u8; 256] = class_table();

/// `[0-9A-Za-z_]`.
#[inline]
pub(crate) fn is_word(b: u8) -> bool {
    CLASS[usize::from(b)] & WORD != 0
}

/// What one pass over a segment found.
#[derive(Default)]
pub(crate) struct Lexed {
    /// The bytes present.
    pub(crate) present: ByteSet,
    /// ASCII digits.
    pub(crate) digits: usize,
    /// Digits in the longest cluster: a run of digits joined by at most `gap` separator
    /// bytes, as in `4111 1111 1111 1111` or `+44 (0)20 7946 0958`.
    pub(crate) longest: usize,
    /// The digit clusters, in order: offsets of the first digit and after the last.
    pub(crate) clusters: Vec<Cluster>,
}

/// A run of digits joined by short separators (`+44 (0)20 7946 0958` from `4` on).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cluster {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) digits: u32,
}

impl Default for ByteSet {
    fn default() -> ByteSet {
        ByteSet::EMPTY
    }
}

impl Lexed {
    /// Reads `segment` once. `gap`: most separator bytes between two digits of one
    /// cluster. Reuses the buffers of `self`.
    pub(crate) fn read(&mut self, segment: &[u8], gap: usize) {
        let mut present = [0u64; 4];
        let mut digits = 0usize;
        for &b in segment {
            present[usize::from(b >> 6)] |= 1 << (b & 63);
            digits += usize::from(CLASS[usize::from(b)] & DIGIT != 0);
        }
        self.present = ByteSet(present);
        self.digits = digits;
        self.longest = 0;
        self.clusters.clear();
        if digits == 0 {
            return;
        }
        // Digits of the cluster being read, and separators since its last digit
        // (`usize::MAX`: no cluster open).
        let mut since = usize::MAX;
        for (i, &b) in segment.iter().enumerate() {
            let k = CLASS[usize::from(b)];
            if k & DIGIT != 0 {
                if since > gap {
                    self.clusters.push(Cluster {
                        start: i as u32,
                        end: i as u32,
                        digits: 0,
                    });
                }
                since = 0;
                if let Some(c) = self.clusters.last_mut() {
                    c.end = i as u32 + 1;
                    c.digits += 1;
                    self.longest = self.longest.max(c.digits as usize);
                }
            } else if since != usize::MAX {
                since = if k & SEPARATOR != 0 {
                    since + 1
                } else {
                    usize::MAX
                };
            }
        }
    }
}

/// Where the matches of a pattern can start, read from its syntax tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Starts {
    /// The bytes a match can start with (a non-ASCII character: every UTF-8 lead byte).
    pub(crate) first: ByteSet,
    /// Every match opens with an ASCII word boundary before a word byte: it starts at
    /// a word byte after a non-word byte (or the segment's start).
    pub(crate) word_start: bool,
}

impl Starts {
    /// `None` when a match may be empty: such a pattern is searched, not anchored.
    pub(crate) fn of(hir: &Hir) -> Option<Starts> {
        let (first, nullable) = first(hir);
        if nullable {
            return None;
        }
        Some(Starts {
            first,
            word_start: boundary_first(hir) && first.subset_of(&ByteSet::word()),
        })
    }
}

/// The distinct `Starts` of the anchored patterns, at most sixteen, each a bit of one
/// of two planes of eight: one pass over a segment marks at each byte the kinds a match
/// may start at, so that a pattern tries only the bytes of its bit near a cluster
/// instead of testing every byte there (42 number patterns of 17 kinds tried each byte
/// within their longest match before each cluster).
pub(crate) struct StartKinds {
    kinds: Vec<Starts>,
    /// Bit `k` of `first[b]`: kind `k`'s matches can start with byte `b`.
    first: [u16; 256],
    /// Kinds whose matches start only after a non-word byte.
    word_start: u16,
}

/// A kind's bit: its plane (kinds 0-7, 8-15) and the bit in that plane's bytes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Kind {
    pub(crate) plane: usize,
    pub(crate) bit: u8,
}

impl Default for StartKinds {
    fn default() -> StartKinds {
        StartKinds {
            kinds: Vec::new(),
            first: [0; 256],
            word_start: 0,
        }
    }
}

impl StartKinds {
    /// The bit of `starts`' kind, `None` once sixteen kinds are taken (the pattern then
    /// tests each byte itself).
    pub(crate) fn kind(&mut self, starts: Starts) -> Option<Kind> {
        let k = match self.kinds.iter().position(|&s| s == starts) {
            Some(k) => k,
            None if self.kinds.len() < 16 => {
                let k = self.kinds.len();
                self.kinds.push(starts);
                for b in 0..=255u8 {
                    if starts.first.contains(b) {
                        self.first[usize::from(b)] |= 1 << k;
                    }
                }
                if starts.word_start {
                    self.word_start |= 1 << k;
                }
                k
            }
            None => return None,
        };
        Some(Kind {
            plane: k / 8,
            bit: 1 << (k % 8),
        })
    }

    /// Two planes of `segment.len() + 8` bytes: byte `p` of plane `k / 8` has bit
    /// `k % 8` when kind `k`'s match may start at `segment[p]`. Eight zeros end each
    /// plane, so that a reader may look at eight bytes at a time.
    pub(crate) fn mark(&self, segment: &[u8], marks: &mut Vec<u8>) {
        let len = segment.len() + 8;
        marks.clear();
        marks.resize(2 * len, 0);
        let (low, high) = marks.split_at_mut(len);
        // After a word byte, the kinds that need a word start are masked out.
        let mut mask = u16::MAX;
        for ((l, h), &b) in low.iter_mut().zip(high.iter_mut()).zip(segment) {
            let [lo, hi] = (self.first[usize::from(b)] & mask).to_le_bytes();
            (*l, *h) = (lo, hi);
            mask = if is_word(b) {
                !self.word_start
            } else {
                u16::MAX
            };
        }
    }
}

/// The first two bytes a match can open with, after a word byte and after anything
/// else (a text's start, a space, a line end): one bit per pair, read from the
/// pattern's automaton, so that a candidate start is tested with one bit before any
/// search. A superset: a pair it holds may still fail, one it lacks cannot match.
pub(crate) struct Pairs {
    /// `[after a non-word byte, after a word byte][first << 8 | second]`.
    bits: Box<[[u64; 1024]; 2]>,
}

impl Pairs {
    /// `None` when the automaton cannot be read (the caller then tries every start).
    pub(crate) fn of(hir: &Hir) -> Option<Pairs> {
        let nfa = thompson::Compiler::new().build_from_hir(hir).ok()?;
        let dfa = DFA::builder().build_from_nfa(nfa).ok()?;
        let mut cache = dfa.create_cache();
        let mut bits = Box::new([[0u64; 1024]; 2]);
        let contexts: [(usize, &[Option<u8>]); 2] = [
            (0, &[None, Some(b' '), Some(b'\n'), Some(b'\r'), Some(0x80)]),
            (1, &[Some(b'a')]),
        ];
        for (ctx, behind) in contexts {
            for &lb in behind {
                let config = start::Config::new().anchored(Anchored::Yes).look_behind(lb);
                let s0 = dfa.start_state(&mut cache, &config).ok()?;
                if s0.is_dead() {
                    continue;
                }
                if s0.is_quit() || s0.is_match() {
                    return None;
                }
                for b0 in 0..=255u8 {
                    let s1 = dfa.next_state(&mut cache, s0, b0).ok()?;
                    if s1.is_dead() {
                        continue;
                    }
                    for b1 in 0..=255u8 {
                        let s2 = dfa.next_state(&mut cache, s1, b1).ok()?;
                        if !s2.is_dead() {
                            let i = usize::from(b0) << 8 | usize::from(b1);
                            bits[ctx][i >> 6] |= 1 << (i & 63);
                        }
                    }
                }
            }
        }
        Some(Pairs { bits })
    }

    /// Whether a match can start at `p` of `b` (a start one byte before the end: yes).
    #[inline]
    pub(crate) fn may_start(&self, b: &[u8], p: usize) -> bool {
        let Some(&second) = b.get(p + 1) else {
            return true;
        };
        let ctx = usize::from(p > 0 && is_word(b[p - 1]));
        let i = usize::from(b[p]) << 8 | usize::from(second);
        self.bits[ctx][i >> 6] & (1 << (i & 63)) != 0
    }
}

/// The bytes a match of `h` can start with, and whether `h` can match the empty string.
fn first(h: &Hir) -> (ByteSet, bool) {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => (ByteSet::EMPTY, true),
        HirKind::Literal(l) => match l.0.first() {
            Some(&b) => {
                let mut s = ByteSet::EMPTY;
                s.insert(b);
                (s, false)
            }
            None => (ByteSet::EMPTY, true),
        },
        HirKind::Class(Class::Unicode(c)) => (ByteSet::first_bytes(c), false),
        HirKind::Class(Class::Bytes(c)) => {
            let mut s = ByteSet::EMPTY;
            for r in c.ranges() {
                s.insert_range(r.start(), r.end());
            }
            (s, false)
        }
        HirKind::Repetition(r) => {
            let (s, nullable) = first(&r.sub);
            (s, nullable || r.min == 0)
        }
        HirKind::Capture(c) => first(&c.sub),
        HirKind::Concat(v) => {
            let mut set = ByteSet::EMPTY;
            for h in v {
                let (s, nullable) = first(h);
                set = set.union(s);
                if !nullable {
                    return (set, false);
                }
            }
            (set, true)
        }
        HirKind::Alternation(v) => v.iter().map(first).fold(
            (ByteSet::EMPTY, false),
            |(acc, any_nullable), (s, nullable)| (acc.union(s), any_nullable || nullable),
        ),
    }
}

/// Whether every match of `h` opens with an ASCII word boundary assertion.
fn boundary_first(h: &Hir) -> bool {
    match h.kind() {
        HirKind::Look(Look::WordAscii) => true,
        HirKind::Capture(c) => boundary_first(&c.sub),
        HirKind::Concat(v) => v.first().is_some_and(boundary_first),
        HirKind::Alternation(v) => v.iter().all(boundary_first),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn longest_reference(segment: &str, gap: usize) -> usize {
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
                while k < b.len() && k - j < gap && separator(b[k]) {
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

    #[test]
    fn one_pass_reads_what_the_separate_passes_read() {
        let samples = [
            "card 4111 1111 1111 1111, tel +44 (0)20 7946 0958",
            "12     34 5-6\n7 8",
            "a1b2c3 99-----88 77----66",
            "Maëlle né le 3.2.1990 _x9 ",
            "",
        ];
        for s in samples {
            let mut l = Lexed::default();
            l.read(s.as_bytes(), 4);
            assert_eq!(l.present, ByteSet::of(s.as_bytes()), "{s:?}");
            assert_eq!(l.digits, s.bytes().filter(u8::is_ascii_digit).count());
            assert_eq!(l.longest, longest_reference(s, 4), "{s:?}");
            let b = s.as_bytes();
            let most = l.clusters.iter().map(|c| c.digits as usize).max();
            assert_eq!(most.unwrap_or(0), l.longest, "{s:?}");
            for c in &l.clusters {
                let inner = &b[c.start as usize..c.end as usize];
                assert_eq!(
                    inner.iter().filter(|b| b.is_ascii_digit()).count(),
                    c.digits as usize
                );
                assert!(inner[0].is_ascii_digit() && inner[inner.len() - 1].is_ascii_digit());
            }
        }
    }

    #[test]
    fn starts_of_patterns() {
        let parse = |p: &str| regex_syntax::ParserBuilder::new().build().parse(p).unwrap();
        let s = Starts::of(&parse(r"(?-u:\b)[0-9]{3}-[0-9]{2}")).unwrap();
        assert!(s.word_start && s.first.contains(b'5') && !s.first.contains(b'a'));
        let s = Starts::of(&parse(r"\(\+?[0-9]{9}\)|(?:\+|(?-u:\b)00)[1-9]")).unwrap();
        assert!(!s.word_start && s.first.contains(b'(') && s.first.contains(b'+'));
        assert!(s.first.contains(b'0') && !s.first.contains(b'1'));
        let s = Starts::of(&parse(r"(?-u:\b)[A-Z]?[0-9]{8}")).unwrap();
        assert!(s.word_start && s.first.contains(b'Q') && s.first.contains(b'7'));
        assert!(Starts::of(&parse(r"a*")).is_none());
        let s = Starts::of(&parse(r"(?i:é)x")).unwrap();
        assert!(s.first.contains(0xc3) && !s.word_start);
    }
}
