//! Whether a number libphonenumber parsed is valid in its national plan: the verdict of
//! `phonenumber::is_valid`, decided from the same metadata by the same steps, with the
//! plan's patterns compiled once per thread.
//!
//! The crate keeps its compiled patterns in one process-wide LRU behind a mutex, held
//! while it searches, and compiles each pattern with Unicode classes and a reverse
//! automaton it never uses: on text never seen before, validation was about 40 % of a
//! scan, and workers of `redact --jobs N` queued on that lock. Here each pattern becomes
//! a forward lazy DFA over ASCII digits (the national number is digits only, so `\d`
//! means the same), searched anchored at the number's start, as the crate's
//! `find(..).start() == 0` asks; the differential test below holds the two verdicts equal.

use std::cell::RefCell;
use std::collections::HashMap;

use phonenumber::metadata::{Descriptor, Metadata, DATABASE};
use phonenumber::PhoneNumber;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input};

/// One plan pattern compiled for anchored searches, with its thread's search cache.
struct Compiled {
    dfa: DFA,
    cache: Cache,
}

thread_local! {
    /// The patterns this thread has used, by the address of their source in the
    /// crate's static database (fixed for the life of the process).
    static COMPILED: RefCell<HashMap<usize, Option<Compiled>>> = RefCell::new(HashMap::new());
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
    starts(pattern.national_number().as_str(), digits).unwrap_or_else(|| {
        pattern
            .national_number()
            .find(digits)
            .is_some_and(|m| m.start() == 0)
    })
}

/// An anchored search of `source` at the start of `digits`; `None` when the pattern does
/// not compile here or the lazy DFA gives up, and the crate's own regex decides.
fn starts(source: &str, digits: &str) -> Option<bool> {
    COMPILED.with(|compiled| {
        let mut compiled = compiled.borrow_mut();
        let entry = compiled
            .entry(source.as_ptr() as usize)
            .or_insert_with(|| compile(source));
        let Compiled { dfa, cache } = entry.as_mut()?;
        let input = Input::new(digits).anchored(Anchored::Yes).earliest(true);
        dfa.try_search_fwd(cache, &input).ok().map(|m| m.is_some())
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
            Some(pattern) => starts(pattern.as_str(), national)
                .unwrap_or_else(|| pattern.find(national).is_some_and(|m| m.start() == 0)),
            None => typed(meta, national),
        };
        fits.then_some(meta)
    })
}

/// `phonenumber::is_valid(number)`.
pub(super) fn is_valid(number: &PhoneNumber) -> bool {
    let national = number.national().to_string();
    source(number.country().code(), &national).is_some_and(|meta| typed(meta, &national))
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
}
