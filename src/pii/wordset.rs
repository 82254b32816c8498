//! Storage of the large word lists the PII engine reads (first names, surnames, places,
//! towns, ordinary words: about 170,000 words): a set over text compiled into the binary
//! that keeps 4 bytes a word instead of a `HashSet<&str>`'s 17 (a 16-byte `&str` and a
//! control byte), at the same lookup cost. Owns membership only: which list a word is
//! looked up in, and why, is the recognizers' business.
//!
//! The table is open addressing with linear probing over `u32` slots, each packing the
//! word's offset into the list's text, its length and a few bits of its hash (so that a
//! probe compares text only when length and hash bits agree). Load stays under 2/3. A
//! word the packing cannot hold (longer than [`MAX_LEN`] bytes, or beyond the first
//! [`MAX_OFFSET`] bytes of its text) goes to a small overflow set, so no word of a list
//! is ever dropped, whatever the data files hold.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// A small set of words (a few dozen to a few thousand, lists written in the recognizers'
/// source), hashed with [`WordHasher`].
pub(crate) type WordSet = HashSet<&'static str, BuildHasherDefault<WordHasher>>;

/// A multiply-rotate hash over eight bytes at a time (FxHash's scheme): the lists are
/// fixed public data, so hash flooding is not a concern, and the word scan hashes a
/// few capitalised words per sentence, where SipHash's or a byte-at-a-time hash's cost
/// would dominate.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

const SEED: u64 = 0xf135_7aea_2e62_a9c5;

impl WordHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0 ^ word).wrapping_mul(SEED).rotate_left(26);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }
    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }
}

/// Bits of a slot: offset into the text, then length, then hash bits.
const OFFSET_BITS: u32 = 21;
const LEN_BITS: u32 = 7;
const TAG_BITS: u32 = 32 - OFFSET_BITS - LEN_BITS;
/// Longest word a slot holds, in bytes.
pub(crate) const MAX_LEN: usize = (1 << LEN_BITS) - 1;
/// Text offsets a slot holds: the first 2 MiB of a list.
pub(crate) const MAX_OFFSET: usize = (1 << OFFSET_BITS) - 1;

/// The hash of a word: the same bytes always give the same value.
#[inline]
fn hash(word: &str) -> u64 {
    let mut h = WordHasher::default();
    h.write(word.as_bytes());
    h.finish()
}

/// The low bits of a slot for a word of `len` bytes and hash `h` (length above the hash
/// bits); never zero for a word of at least one byte, so zero marks an empty slot.
#[inline]
fn key(len: usize, h: u64) -> u32 {
    ((len as u32) << TAG_BITS) | (h >> (64 - TAG_BITS)) as u32
}

/// A set of the non-empty, trimmed lines of a text compiled into the binary.
pub(crate) struct WordList {
    text: &'static str,
    /// Open-addressed slots: `offset << 11 | len << 4 | tag`; 0 is empty.
    slots: Box<[u32]>,
    /// Words the slots cannot hold (see the module header); empty with today's data.
    overflow: HashSet<&'static str, BuildHasherDefault<WordHasher>>,
}

impl WordList {
    /// The set of `text`'s lines, each trimmed, empty ones left out.
    pub(crate) fn from_lines(text: &'static str) -> WordList {
        let words = || text.lines().map(str::trim).filter(|l| !l.is_empty());
        let count = words().count();
        // Power of two at least 1.5 times the words: load at most 2/3.
        let capacity = (count + count / 2 + 1).next_power_of_two();
        let mut list = WordList {
            text,
            slots: vec![0u32; capacity].into_boxed_slice(),
            overflow: HashSet::default(),
        };
        for word in words() {
            if list.contains(word) {
                continue; // listed twice
            }
            let offset = word.as_ptr() as usize - text.as_ptr() as usize;
            if word.len() > MAX_LEN || offset > MAX_OFFSET {
                list.overflow.insert(word);
                continue;
            }
            let h = hash(word);
            let mask = list.slots.len() - 1;
            let mut i = h as usize & mask;
            loop {
                let slot = list.slots[i];
                if slot == 0 {
                    list.slots[i] = ((offset as u32) << (32 - OFFSET_BITS)) | key(word.len(), h);
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        list
    }

    /// Whether slot `slot` holds `word`, whose key is `key`.
    #[inline]
    fn holds(&self, slot: u32, word: &str, key: u32) -> bool {
        const KEY_MASK: u32 = (1 << (32 - OFFSET_BITS)) - 1;
        if slot & KEY_MASK != key {
            return false;
        }
        let start = (slot >> (32 - OFFSET_BITS)) as usize;
        self.text.as_bytes().get(start..start + word.len()) == Some(word.as_bytes())
    }

    /// Whether `word` is one of the lines.
    #[inline]
    pub(crate) fn contains(&self, word: &str) -> bool {
        if word.is_empty() {
            return false;
        }
        if word.len() > MAX_LEN {
            return !self.overflow.is_empty() && self.overflow.contains(word);
        }
        let h = hash(word);
        let key = key(word.len(), h);
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                return !self.overflow.is_empty() && self.overflow.contains(word);
            }
            if self.holds(slot, word, key) {
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    /// Heap bytes the set keeps.
    #[cfg(test)]
    fn heap_bytes(&self) -> usize {
        self.slots.len() * 4 + self.overflow.capacity() * 17
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_every_line_and_nothing_else() {
        let text = "Anna\n  Berlin \n\nSão Paulo\nAnna\nx\n";
        let list = WordList::from_lines(text);
        for w in ["Anna", "Berlin", "São Paulo", "x"] {
            assert!(list.contains(w), "{w}");
        }
        for w in [
            "", "Ann", "Annab", "anna", "Berlin ", " Berlin", "São", "y", "Paulo",
        ] {
            assert!(!list.contains(w), "{w:?}");
        }
    }

    #[test]
    fn words_the_slots_cannot_hold_are_kept_aside() {
        let long = "L".repeat(MAX_LEN + 1);
        let far = format!("{}\nFar\n", "a\n".repeat(MAX_OFFSET / 2 + 1));
        let text: &'static str = Box::leak(format!("{long}\nNear\n{far}").into_boxed_str());
        let list = WordList::from_lines(text);
        assert!(list.contains(&long));
        assert!(list.contains("Near"));
        assert!(list.contains("Far"));
        assert!(list.contains("a"));
        assert!(!list.contains(&long[1..]));
        assert!(!list.contains("Farther"));
        assert_eq!(list.overflow.len(), 2);
    }

    #[test]
    fn agrees_with_a_hash_set_on_the_shipped_lists() {
        let text = include_str!("data/common_words.txt");
        let list = WordList::from_lines(text);
        let set: HashSet<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        for w in &set {
            assert!(list.contains(w), "{w}");
        }
        // Near misses: each word with its last byte dropped or a letter added.
        for w in set.iter().take(20_000) {
            let last = w.char_indices().last().map_or(0, |(i, _)| i);
            for probe in [&w[..last], &format!("{w}q")] {
                assert_eq!(list.contains(probe), set.contains(probe), "{probe}");
            }
        }
        assert!(list.heap_bytes() * 3 < set.capacity() * 17);
    }
}
