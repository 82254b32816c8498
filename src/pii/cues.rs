//! Finding the recognizers' cue words (context, upgrade, veto and negative words) in a
//! text: a byte trie of the words, ASCII case folded, walked from each position where a
//! word can start. A cue counts only where it starts a word, so the walk never starts
//! inside a word of letters, and from a word start it stops at the first byte no cue
//! continues with: most words cost one or two table look-ups, and the bytes inside words
//! none. (An automaton over every byte found the same words and many more inside other
//! words, to be discarded, and its table of several megabytes missed the cache on most
//! bytes.)

/// One occurrence of a cue word in the text (`start..end`, any ASCII case).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cue {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// The word's index in the list the trie was built from.
    pub(crate) id: u32,
}

/// No transition: the walk stops.
const DEAD: u32 = 0;
const NO_WORD: u32 = u32::MAX;

pub(crate) struct CueTrie {
    /// Each byte's column in `next` (ASCII letters folded to lower case); 0: no cue
    /// holds the byte.
    class: [u16; 256],
    /// Columns per state.
    width: usize,
    /// `next[state * width + class]`: the state after the byte; `DEAD` ends the walk.
    /// State 1 is the root (state 0 is the dead state).
    next: Vec<u32>,
    /// The word ending at each state, or `NO_WORD`.
    word: Vec<u32>,
}

impl CueTrie {
    /// `words` are matched ignoring ASCII case; empty words are never found.
    pub(crate) fn new<S: AsRef<str>>(words: &[S]) -> CueTrie {
        let mut class = [0u16; 256];
        let mut width = 1;
        for w in words {
            for b in w.as_ref().bytes().map(|b| b.to_ascii_lowercase()) {
                if class[usize::from(b)] == 0 {
                    class[usize::from(b)] = width as u16;
                    width += 1;
                }
            }
        }
        for b in b'A'..=b'Z' {
            class[usize::from(b)] = class[usize::from(b.to_ascii_lowercase())];
        }
        let mut trie = CueTrie {
            class,
            width,
            next: vec![DEAD; 2 * width],
            word: vec![NO_WORD; 2],
        };
        for (id, w) in words.iter().enumerate() {
            let bytes = w.as_ref().as_bytes();
            if bytes.is_empty() {
                continue;
            }
            let mut state = 1;
            for b in bytes.iter().map(u8::to_ascii_lowercase) {
                let at = state * trie.width + usize::from(trie.class[usize::from(b)]);
                if trie.next[at] == DEAD {
                    trie.next[at] = trie.word.len() as u32;
                    trie.word.push(NO_WORD);
                    trie.next.extend(std::iter::repeat_n(DEAD, trie.width));
                }
                state = trie.next[at] as usize;
            }
            if trie.word[state] == NO_WORD {
                trie.word[state] = id as u32;
            }
        }
        trie
    }

    /// Every cue word in `text` that starts where a word can: at the text's start or
    /// after a byte that is not an ASCII letter. Sorted by start, then by end.
    ///
    /// A word of letters is walked from its first byte only and then passed over; any
    /// other byte is walked from itself. The walk stops at the first byte no cue
    /// continues with, so most positions cost one table look-up.
    pub(crate) fn find(&self, text: &str, out: &mut Vec<Cue>) {
        out.clear();
        let b = text.as_bytes();
        let mut p = 0;
        while p < b.len() {
            self.walk(b, p, out);
            if b[p].is_ascii_alphabetic() {
                p += 1;
                while p < b.len() && b[p].is_ascii_alphabetic() {
                    p += 1;
                }
            } else {
                p += 1;
            }
        }
    }

    /// Every cue word starting at `p`, shortest first.
    fn walk(&self, b: &[u8], p: usize, out: &mut Vec<Cue>) {
        let mut state = 1usize;
        for (q, &c) in b[p..].iter().enumerate() {
            let column = self.class[usize::from(c)];
            if column == 0 {
                return;
            }
            state = self.next[state * self.width + usize::from(column)] as usize;
            if state == DEAD as usize {
                return;
            }
            let id = self.word[state];
            if id != NO_WORD {
                out.push(Cue {
                    start: p,
                    end: p + q + 1,
                    id,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(words: &[&str], text: &str) -> Vec<(usize, usize, u32)> {
        let mut out = Vec::new();
        CueTrie::new(words).find(text, &mut out);
        out.iter().map(|c| (c.start, c.end, c.id)).collect()
    }

    #[test]
    fn words_are_found_at_word_starts_in_any_ascii_case() {
        let words = ["tel", "telefon", "dob", "né le"];
        assert_eq!(
            found(&words, "Telefon: 030, DOB 1.2.80, Né le 3"),
            vec![(0, 3, 0), (0, 7, 1), (14, 17, 2), (26, 32, 3)]
        );
    }

    #[test]
    fn a_word_inside_another_word_is_not_found_but_one_after_a_digit_or_accent_is() {
        let words = ["tin", "kg", "e"];
        // `tin` inside `routing`; `kg` after digits; `e` after `ß` (a non-ASCII byte).
        assert_eq!(
            found(&words, "routing 5kg Straße"),
            vec![(9, 11, 1), (18, 19, 2)]
        );
    }

    #[test]
    fn agrees_with_a_search_of_every_word_at_every_word_start() {
        let words = ["order", "ord", "or", "id", "n°", "(0)", "numéro", "tel."];
        let text = "Order ID: 12, ordinal n° 5, Tel. +33 (0)1, numéro 7, ORD-9 or; door";
        let mut expected = Vec::new();
        let lower = text.to_ascii_lowercase();
        for p in 0..text.len() {
            if p > 0 && text.as_bytes()[p - 1].is_ascii_alphabetic() {
                continue;
            }
            for (id, w) in words.iter().enumerate() {
                if lower.as_bytes()[p..].starts_with(w.as_bytes()) {
                    expected.push((p, p + w.len(), id as u32));
                }
            }
        }
        expected.sort();
        let mut got = found(&words, text);
        got.sort();
        assert_eq!(got, expected);
        assert!(!got.is_empty());
    }
}
