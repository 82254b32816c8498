//! Whether a phone number is valid in its national plan: the verdict of
//! `phonenumber::parse(region, input)` followed by `phonenumber::is_valid`, decided from
//! the same metadata by the same steps, with the plan's patterns compiled once per
//! thread.
//!
//! The crate keeps its compiled patterns in one process-wide LRU behind a mutex, held
//! while it searches, and compiles each pattern with Unicode classes and a reverse
//! automaton it never uses: on text never seen before, parsing and validation were
//! about 40 % of a scan, and workers of `redact --jobs N` queued on that lock. Here each
//! pattern becomes a forward lazy DFA over ASCII digits (the national number is digits
//! only, so `\d` means the same), searched anchored at the number's start, as the
//! crate's `find(..).start() == 0` asks. Parsing follows the crate's parser for input
//! written with ASCII digits, spaces and `+()./-` (what the phone recognizer hands
//! over); other input goes to the crate. The differential tests below hold the verdicts
//! equal.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use phonenumber::country::Id;
use phonenumber::metadata::{Descriptor, Metadata, DATABASE};
use phonenumber::PhoneNumber;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input};

use crate::pii::wordset::WordHasher;

/// Per-thread tables keyed by a pattern's address: a multiply-rotate hash, as the word
/// lists use (SipHash was 1 % of a scan of unseen text here).
type ByAddress<T> = RefCell<HashMap<usize, Option<T>, BuildHasherDefault<WordHasher>>>;

/// One plan pattern compiled for anchored searches, with its thread's search cache.
struct Compiled {
    dfa: DFA,
    cache: Cache,
}

thread_local! {
    /// The patterns this thread has used, by the address of their source in the
    /// crate's static database (fixed for the life of the process).
    static COMPILED: ByAddress<Compiled> = RefCell::default();
    /// National-prefix rules with a transform, compiled as the crate compiles them, for
    /// their capture groups; keyed as `COMPILED`.
    static REWRITES: ByAddress<regex::Regex> = RefCell::default();
}

fn compile(source: &str) -> Option<Compiled> {
    let dfa = DFA::builder()
        .syntax(
            syntax::Config::new()
                .unicode(false)
                .utf8(false)
                .ignore_whitespace(true),
        )
        .thompson(
            thompson::Config::new()
                .utf8(false)
                .which_captures(thompson::WhichCaptures::None),
        )
        .build(source)
        .ok()?;
    let cache = dfa.create_cache();
    Some(Compiled { dfa, cache })
}

/// Whether `pattern` (one of the metadata's, matched as the crate matches it) matches a
/// prefix of `digits`.
fn matches_at_start(pattern: &Descriptor, digits: &str) -> bool {
    let pattern = pattern.national_number();
    anchored(pattern.as_str(), digits, true)
        .unwrap_or_else(|| {
            pattern
                .find(digits)
                .filter(|m| m.start() == 0)
                .map(|m| m.end())
        })
        .is_some()
}

/// Where the crate's `pattern.find(digits)` ends when it starts at 0: the leftmost-first
/// match, so an anchored search ends where the unanchored one does.
fn prefix_end(
    source: &str,
    find: impl FnOnce() -> Option<(usize, usize)>,
    digits: &str,
) -> Option<usize> {
    anchored(source, digits, false)
        .unwrap_or_else(|| find().filter(|&(start, _)| start == 0).map(|(_, end)| end))
}

/// An anchored search of `source` at the start of `digits`: the end of the match (with
/// `earliest`, of the shortest); `None` when the pattern does not compile here or the
/// lazy DFA gives up, and the crate's own regex decides.
fn anchored(source: &str, digits: &str, earliest: bool) -> Option<Option<usize>> {
    COMPILED.with(|compiled| {
        let mut compiled = compiled.borrow_mut();
        let entry = compiled
            .entry(source.as_ptr() as usize)
            .or_insert_with(|| compile(source));
        let Compiled { dfa, cache } = entry.as_mut()?;
        let input = Input::new(digits)
            .anchored(Anchored::Yes)
            .earliest(earliest);
        dfa.try_search_fwd(cache, &input)
            .ok()
            .map(|m| m.map(|m| m.offset()))
    })
}

/// `Descriptor::is_match`: a possible length, then the pattern at the start.
fn described(descriptor: Option<&Descriptor>, national: &str) -> bool {
    descriptor.is_some_and(|d| {
        let lengths = d.possible_length();
        (lengths.is_empty() || lengths.contains(&(national.len() as u16)))
            && matches_at_start(d, national)
    })
}

/// `validator::number_type(..) != Type::Unknown`: the general description, then any of
/// the types.
fn typed(meta: &Metadata, national: &str) -> bool {
    let d = meta.descriptors();
    described(Some(d.general()), national)
        && [
            d.premium_rate(),
            d.toll_free(),
            d.shared_cost(),
            d.voip(),
            d.personal_number(),
            d.pager(),
            d.uan(),
            d.voicemail(),
            d.fixed_line(),
            d.mobile(),
        ]
        .into_iter()
        .any(|t| described(t, national))
}

/// `validator::source_for`: the region a country code's number belongs to: the only one,
/// or the first whose leading digits (or else whose types) fit the number.
fn source(code: u16, national: &str) -> Option<&'static Metadata> {
    let regions = DATABASE.region(&code)?;
    if let [region] = regions.as_slice() {
        return if *region == "001" {
            DATABASE.by_code(&code)?.into_iter().next()
        } else {
            region
                .parse::<phonenumber::country::Id>()
                .ok()
                .and_then(|_| DATABASE.by_id(*region))
        };
    }
    regions.into_iter().find_map(|region| {
        let meta = DATABASE.by_id(region)?;
        let fits = match meta.leading_digits() {
            Some(pattern) => prefix_end(
                pattern.as_str(),
                || pattern.find(national).map(|m| (m.start(), m.end())),
                national,
            )
            .is_some(),
            None => typed(meta, national),
        };
        fits.then_some(meta)
    })
}

/// `phonenumber::is_valid(number)`.
pub(super) fn is_valid(number: &PhoneNumber) -> bool {
    let national = number.national().to_string();
    valid_in_plan(number.country().code(), &national)
}

fn valid_in_plan(code: u16, national: &str) -> bool {
    source(code, national).is_some_and(|meta| typed(meta, national))
}

/// `phonenumber::parse(region, input).is_ok_and(|n| phonenumber::is_valid(&n))`.
pub(super) fn parses_valid(region: Option<Id>, input: &str) -> bool {
    if written_as_we_parse(input) {
        parsed(region, input).is_some_and(|(code, national)| valid_in_plan(code, &national))
    } else {
        phonenumber::parse(region, input).is_ok_and(|n| is_valid(&n))
    }
}

/// ASCII digits, spaces and `+()./-` only: what `parsed` follows the crate for.
fn written_as_we_parse(input: &str) -> bool {
    input
        .bytes()
        .all(|b| b.is_ascii_digit() || b" +()./-".contains(&b))
}

/// Where a number's country code came from (`phonenumber::country::Source`).
#[derive(Clone, Copy, PartialEq)]
enum Source {
    Plus,
    Idd,
    Default,
}

/// The crate's `parse(region, input)` for input of ASCII digits, spaces and `+()./-`:
/// the country code and the national significant number, or `None` where the crate
/// returns an error.
fn parsed(region: Option<Id>, input: &str) -> Option<(u16, String)> {
    let home = match region {
        Some(id) => Some(DATABASE.by_id(id.as_ref())?),
        None => None,
    };
    // RFC 3966 first (no spaces; an optional `+code` up to a separator, then digits and
    // `-.()` to the end), else the natural form: from the first `+` or digit, without
    // the trailing non-digits.
    let (written, written_code) = rfc3966(input).or_else(|| natural(input))?;
    if !viable(written) {
        return None;
    }
    let digits = |s: &str| {
        s.bytes()
            .filter(u8::is_ascii_digit)
            .map(char::from)
            .collect::<String>()
    };
    let idd = home.and_then(Metadata::international_prefix);
    let idd_end = |national: &str| {
        idd.and_then(|re| {
            prefix_end(
                re.as_str(),
                || re.find(national).map(|m| (m.start(), m.end())),
                national,
            )
        })
    };
    let mut source;
    let mut national;
    let mut code: Option<String> = None;
    if let Some(written_code) = written_code {
        source = Source::Plus;
        national = digits(written);
        code = Some(digits(written_code));
    } else {
        let pluses = written.bytes().take_while(|&b| b == b'+').count();
        national = digits(&written[pluses..]);
        source = if pluses > 0 {
            Source::Plus
        } else {
            Source::Default
        };
        // After a `+`, the home region's international prefix is stripped only when the
        // digits start with it (`+0049 ...` from Germany).
        if let Some(end) = idd_end(&national) {
            if !national[end..].starts_with('0') {
                if source != Source::Plus {
                    source = Source::Idd;
                }
                national.drain(..end);
            }
        }
    }
    match source {
        Source::Plus | Source::Idd => {
            if national.len() <= 2 {
                return None;
            }
            match &code {
                Some(written) => {
                    if !is_country_code(written.parse().ok()?) {
                        return None;
                    }
                }
                None => {
                    if national.starts_with('0') {
                        return None;
                    }
                    let len =
                        (1..=3).find(|&len| national[..len].parse().is_ok_and(is_country_code))?;
                    code = Some(national[..len].to_string());
                    national.drain(..len);
                }
            }
        }
        Source::Default => {
            let meta = home?;
            let own = meta.country_code().to_string();
            if national.starts_with(&own)
                && (!described(Some(meta.descriptors().general()), &national)
                    || length(meta, national.len()) != Length::Possible)
            {
                national.drain(..own.len());
            }
            code = Some(own);
        }
    }
    let code: u16 = code?.parse().ok()?;
    let meta = match home {
        Some(meta) => Some(meta),
        None => self::source(code, national.trim_start_matches('0')),
    };
    if let Some(meta) = meta {
        let mut potential = without_national_prefix(meta, &national);
        if let Some(prefix) = meta.national_prefix() {
            if potential.starts_with(prefix) {
                potential.drain(..prefix.len());
            }
        }
        if length(meta, potential.len()) != Length::TooShort {
            national = potential;
        }
    }
    if !(2..=17).contains(&national.len()) {
        return None;
    }
    // `NationalNumber::from_str`: leading zeros counted apart, the rest below 2^56.
    let significant = national.trim_start_matches('0');
    if significant.parse::<u64>().ok()? >= 1 << 56 {
        return None;
    }
    Some((code, national))
}

/// `rfc3966::phone_number` on our alphabet: the written national part and the code
/// written after a `+`.
fn rfc3966(input: &str) -> Option<(&str, Option<&str>)> {
    if input.contains(' ') {
        return None;
    }
    let separator = |c: char| matches!(c, '-' | '.' | '(' | ')');
    let (code, rest) = match input.strip_prefix('+') {
        Some(after) => match after.find(separator).unwrap_or(after.len()) {
            0 => (None, input),
            cut => (Some(&after[..cut]), &after[cut..]),
        },
        None => (None, input),
    };
    let number = |b: u8| b.is_ascii_digit() || separator(char::from(b));
    (!rest.is_empty() && rest.bytes().all(number)).then_some((rest, code))
}

/// `natural::phone_number` on our alphabet (no letters, so no extension).
fn natural(input: &str) -> Option<(&str, Option<&str>)> {
    let start = input.find(|c: char| c == '+' || c.is_ascii_digit())?;
    let number = input[start..].trim_end_matches(|c: char| !c.is_ascii_digit());
    (!number.is_empty()).then_some((number, None))
}

/// `validator::is_viable`: two digits, or pluses and then three or more digits among
/// punctuation.
fn viable(written: &str) -> bool {
    let b = written.as_bytes();
    if b.len() == 2 && b.iter().all(u8::is_ascii_digit) {
        return true;
    }
    let rest = written.trim_start_matches('+');
    rest.bytes()
        .all(|b| b.is_ascii_digit() || b" ()./-".contains(&b))
        && rest.bytes().filter(u8::is_ascii_digit).count() >= 3
}

fn is_country_code(code: u16) -> bool {
    DATABASE.region(&code).is_some()
}

/// `validator::length(meta, number, Type::Unknown)` for a national number of `len`
/// digits, step by step as the crate decides it.
#[derive(PartialEq)]
enum Length {
    Possible,
    TooShort,
    Impossible,
}

fn length(meta: &Metadata, len: usize) -> Length {
    let general = meta.descriptors().general();
    let len = len as u16;
    let possible = general.possible_length();
    let (Some(&minimum), Some(&maximum)) = (possible.first(), possible.last()) else {
        return Length::Impossible;
    };
    if general.possible_local_length().contains(&len) || len == minimum {
        Length::Possible
    } else if len < minimum {
        Length::TooShort
    } else if len > maximum || !possible.contains(&len) {
        Length::Impossible
    } else {
        Length::Possible
    }
}

/// `helper::national_number`: the national prefix (and carrier code) stripped by the
/// region's rule for parsing, or rewritten by its transform rule.
fn without_national_prefix(meta: &Metadata, national: &str) -> String {
    let Some(parsing) = meta.national_prefix_for_parsing() else {
        return match meta.national_prefix() {
            Some(prefix) if national.starts_with(prefix) => national[prefix.len()..].to_string(),
            _ => national.to_string(),
        };
    };
    let Some(end) = prefix_end(
        parsing.as_str(),
        || parsing.find(national).map(|m| (m.start(), m.end())),
        national,
    ) else {
        return national.to_string();
    };
    // The crate's check that stripping leaves a number of the plan reads the whole
    // number again (`national[start..]` with `start == 0`), so it never refuses.
    let Some(transform) = meta.national_prefix_transform_rule() else {
        return national[end..].to_string();
    };
    let source = parsing.as_str();
    REWRITES.with(|rewrites| {
        let mut rewrites = rewrites.borrow_mut();
        let entry = rewrites.entry(source.as_ptr() as usize).or_insert_with(|| {
            regex::RegexBuilder::new(source)
                .ignore_whitespace(true)
                .build()
                .ok()
        });
        // Whether the last capture group took part, and the rule applied: from this
        // thread's regex, or the crate's where ours did not compile.
        let (last, transformed) = match entry {
            Some(re) => (
                re.captures(national)
                    .is_some_and(|c| c.get(c.len() - 1).is_some()),
                re.replace(national, transform).into_owned(),
            ),
            None => (
                parsing
                    .captures(national)
                    .is_some_and(|c| c.get(c.len() - 1).is_some()),
                parsing.replace(national, transform).into_owned(),
            ),
        };
        if !last {
            return national[end..].to_string();
        }
        let general = Some(meta.descriptors().general());
        if described(general, national) && !described(general, &transformed) {
            national.to_string()
        } else {
            transformed
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numbers of every plan: each region's example numbers, each with a digit changed,
    /// cut or added, as national and international input, and runs of digits after
    /// every country code. The verdicts must be the crate's.
    #[test]
    fn verdicts_are_the_crates() {
        let mut inputs: Vec<(Option<phonenumber::country::Id>, String)> = Vec::new();
        for meta in DATABASE.iter() {
            let code = meta.country_code();
            let id = meta.id().parse::<phonenumber::country::Id>().ok();
            let d = meta.descriptors();
            let examples = [
                Some(d.general()),
                d.fixed_line(),
                d.mobile(),
                d.toll_free(),
                d.premium_rate(),
                d.voip(),
                d.uan(),
            ]
            .into_iter()
            .flatten()
            .filter_map(Descriptor::example);
            for example in examples {
                let mut variants = vec![example.to_string()];
                variants.push(format!("{example}7"));
                variants.push(example[..example.len() - 1].to_string());
                let mut flipped = example.as_bytes().to_vec();
                let last = flipped.len() - 1;
                flipped[last] = b'0' + (flipped[last] - b'0' + 5) % 10;
                flipped[0] = b'0' + (flipped[0] - b'0' + 3) % 10;
                variants.push(String::from_utf8(flipped).unwrap());
                for v in variants {
                    inputs.push((None, format!("+{code} {v}")));
                    inputs.push((id, format!("0{v}")));
                    inputs.push((id, v));
                }
            }
            for len in 6..=12 {
                let digits: String = (0..len)
                    .map(|i| char::from(b'0' + ((i * 7 + code as usize) % 10) as u8))
                    .collect();
                inputs.push((None, format!("+{code}{digits}")));
            }
        }
        let mut checked = 0;
        let mut valid = 0;
        for (region, input) in &inputs {
            let Ok(number) = phonenumber::parse(*region, input) else {
                continue;
            };
            let theirs = phonenumber::is_valid(&number);
            assert_eq!(is_valid(&number), theirs, "{input} ({region:?})");
            checked += 1;
            valid += usize::from(theirs);
        }
        assert!(
            checked > 5_000 && valid > 1_000 && checked - valid > 1_000,
            "{checked} checked, {valid} valid"
        );
    }

    /// The crate's `parse` and ours, on one input: the same error or the same country
    /// code and national number, and then the same verdict.
    fn same_as_the_crates(region: Option<Id>, input: &str) -> Option<bool> {
        // The crate's LRU of 100 patterns would compile most of them again on every
        // number of another plan.
        DATABASE.cache().lock().unwrap().set_capacity(8192);
        let theirs = std::panic::catch_unwind(|| {
            phonenumber::parse(region, input).ok().map(|n| {
                (
                    n.code().value(),
                    n.national().to_string(),
                    phonenumber::is_valid(&n),
                )
            })
        })
        .ok()?;
        if written_as_we_parse(input) {
            assert_eq!(
                parsed(region, input),
                theirs
                    .as_ref()
                    .map(|(code, national, _)| (*code, national.clone())),
                "{input:?} ({region:?})"
            );
        }
        assert_eq!(
            parses_valid(region, input),
            theirs.as_ref().is_some_and(|t| t.2),
            "{input:?} ({region:?})"
        );
        Some(theirs.is_some_and(|t| t.2))
    }

    const HOMES: [Option<Id>; 15] = [
        None,
        Some(Id::US),
        Some(Id::GB),
        Some(Id::DE),
        Some(Id::FR),
        Some(Id::NL),
        Some(Id::ES),
        Some(Id::IT),
        Some(Id::IE),
        Some(Id::AT),
        Some(Id::CH),
        Some(Id::BE),
        Some(Id::LU),
        Some(Id::MX),
        Some(Id::AR),
    ];

    /// Every region's example numbers written as people write them (groups, separators,
    /// trunk prefixes, `+`, `00`, `(0)`, brackets, trailing punctuation), parsed from
    /// the phone recognizer's regions and without one.
    #[test]
    fn written_numbers_parse_as_the_crates() {
        let mut valid = 0;
        let mut checked = 0;
        for meta in DATABASE.iter() {
            let code = meta.country_code();
            let trunk = meta.national_prefix().unwrap_or("");
            let idd = meta.preferred_international_prefix().unwrap_or("00");
            let d = meta.descriptors();
            for example in [d.fixed_line(), d.mobile(), d.toll_free()]
                .into_iter()
                .flatten()
                .filter_map(Descriptor::example)
            {
                let n = example;
                let cut = |at: &[usize], sep: &str| {
                    let mut out = String::new();
                    for (i, c) in n.chars().enumerate() {
                        if at.contains(&i) {
                            out.push_str(sep);
                        }
                        out.push(c);
                    }
                    out
                };
                let mut forms = vec![n.to_string()];
                for sep in [" ", "-", ".", "/"] {
                    forms.push(cut(&[3, 6], sep));
                    forms.push(cut(&[2, 4, 6, 8], sep));
                }
                forms.push(format!(
                    "({}) {}",
                    &n[..3.min(n.len())],
                    &n[3.min(n.len())..]
                ));
                let mut inputs = Vec::new();
                for f in &forms {
                    inputs.push(f.clone());
                    inputs.push(format!("{trunk}{f}"));
                    inputs.push(format!("({trunk}{f}"));
                    inputs.push(format!("+{code} {f}"));
                    inputs.push(format!("+{code}-{f}"));
                    inputs.push(format!("+{code}{f}"));
                    inputs.push(format!("+{code} (0){f}"));
                    inputs.push(format!("+{code}({trunk}){f}"));
                    inputs.push(format!("00{code} {f}"));
                    inputs.push(format!("{idd} {code} {f}"));
                    inputs.push(format!("{code} {f}"));
                    inputs.push(format!("{code}{trunk}{f}"));
                    inputs.push(format!("+ {code} {f}."));
                    inputs.push(format!("++{code}.{f} -"));
                    inputs.push(format!("+0{code}-{f}"));
                    inputs.push(format!("-{f})"));
                }
                for (i, input) in inputs.iter().enumerate() {
                    let region = HOMES[(i + code as usize) % HOMES.len()];
                    if let Some(v) = same_as_the_crates(region, input) {
                        checked += 1;
                        valid += usize::from(v);
                    }
                }
            }
        }
        assert!(
            checked > 50_000 && valid > 20_000 && checked - valid > 20_000,
            "{checked} checked, {valid} valid"
        );
    }

    /// Strings of digits and `+()./-` and spaces, drawn at random (seeded), mostly
    /// digits: the parser's corners, where the forms above do not reach.
    #[test]
    fn random_strings_parse_as_the_crates() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet = b"0123456789012345678901234567890123456789 +()./-";
        let mut valid = 0;
        for _ in 0..20_000 {
            let len = 1 + (next() % 22) as usize;
            let input: String = (0..len)
                .map(|_| char::from(alphabet[(next() % alphabet.len() as u64) as usize]))
                .collect();
            let region = HOMES[(next() % HOMES.len() as u64) as usize];
            valid += usize::from(same_as_the_crates(region, &input).unwrap_or(false));
        }
        assert!(valid > 200, "{valid} valid");
    }
}
