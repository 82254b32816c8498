//! Puts original values back where the model repeats a token: in plain text, in JSON
//! string values, and in streams where a token may be split across chunks. Tolerates
//! what models do to tokens: any letter case, a missing `<` or `>`.
//!
//! A token is a whole word of `[A-Za-z0-9_]`; a word is replaced only when the entire
//! word (lower-cased) is a known token. The stream restorer holds back only the tail
//! that can still become a token (a `<` and a word that is a prefix of a known token),
//! at most the longest token plus one byte; everything else flows at once. Its output
//! is the same for every split of the stream into chunks.

use std::collections::BTreeMap;
use std::ops::Bound;
use std::sync::Arc;

use zeroize::Zeroizing;

type Map = Arc<BTreeMap<String, Zeroizing<String>>>;

/// Token -> original map of one request. Cheap to clone.
#[derive(Clone)]
pub struct Restorer {
    map: Map,
    max_word: usize,
}

impl std::fmt::Debug for Restorer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Restorer({} tokens)", self.map.len())
    }
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl Restorer {
    pub(crate) fn new(map: Map) -> Restorer {
        let max_word = map.keys().map(String::len).max().unwrap_or(0);
        Restorer { map, max_word }
    }

    /// Whether any token exists (nothing to restore otherwise).
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Most bytes a stream restorer ever holds back.
    pub fn max_hold_back(&self) -> usize {
        if self.map.is_empty() {
            0
        } else {
            self.max_word + 1
        }
    }

    pub fn restore(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        self.restore_into(text, false, &mut out);
        out
    }

    /// Restores every string value of a JSON document (keys are left alone).
    pub fn restore_json(&self, value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(s) if !self.map.is_empty() => *s = self.restore(s),
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| self.restore_json(v)),
            serde_json::Value::Object(map) => map.values_mut().for_each(|v| self.restore_json(v)),
            _ => {}
        }
    }

    /// The same tokens, each original escaped for the inside of a JSON string literal:
    /// for JSON text such as tool-call arguments, where a raw `"` in a restored value
    /// would end the string and let the value add keys of its own.
    pub fn for_json_text(&self) -> Restorer {
        let map = self
            .map
            .iter()
            .map(|(token, original)| {
                // Serializing a string cannot fail; the quotes around it are dropped.
                let quoted =
                    Zeroizing::new(serde_json::to_string(original.as_str()).unwrap_or_default());
                let inner = quoted.get(1..quoted.len().saturating_sub(1)).unwrap_or("");
                (token.clone(), Zeroizing::new(inner.to_owned()))
            })
            .collect();
        Restorer::new(Arc::new(map))
    }

    pub fn stream(&self) -> StreamRestorer {
        StreamRestorer {
            restorer: self.clone(),
            pending: String::new(),
            continues_word: false,
        }
    }

    /// `continues_word`: the byte before `text` was a word byte, so the first word of
    /// `text` is the tail of a longer word and never a token.
    fn restore_into(&self, text: &str, continues_word: bool, out: &mut String) {
        if self.map.is_empty() {
            out.push_str(text);
            return;
        }
        let b = text.as_bytes();
        let mut copied = 0;
        let mut resume = 0;
        let mut lower = String::new();
        // Every token contains an underscore: jump from one to the next and look only at
        // the word around it.
        for u in memchr::memchr_iter(b'_', b) {
            if u < resume {
                continue;
            }
            let mut start = u;
            while start > 0 && is_word(b[start - 1]) {
                start -= 1;
            }
            let mut end = u + 1;
            while end < b.len() && is_word(b[end]) {
                end += 1;
            }
            resume = end;
            if (start == 0 && continues_word) || end - start > self.max_word {
                continue;
            }
            lower.clear();
            lower.extend(
                text[start..end]
                    .bytes()
                    .map(|c| char::from(c.to_ascii_lowercase())),
            );
            if let Some(original) = self.map.get(&lower) {
                let from = if start > copied && b[start - 1] == b'<' {
                    start - 1
                } else {
                    start
                };
                let to = if end < b.len() && b[end] == b'>' {
                    end + 1
                } else {
                    end
                };
                out.push_str(&text[copied..from]);
                out.push_str(original);
                copied = to;
                resume = to;
            }
        }
        out.push_str(&text[copied..]);
    }

    fn is_token_prefix(&self, word: &str) -> bool {
        let lower = word.to_ascii_lowercase();
        self.map
            .range::<str, _>((Bound::Included(lower.as_str()), Bound::Unbounded))
            .next()
            .is_some_and(|(k, _)| k.starts_with(&lower))
    }
}

/// Restores a stream chunk by chunk with a bounded hold-back.
pub struct StreamRestorer {
    restorer: Restorer,
    pending: String,
    continues_word: bool,
}

impl StreamRestorer {
    /// Returns everything that can no longer be part of a token, restored.
    pub fn push(&mut self, chunk: &str) -> String {
        self.pending.push_str(chunk);
        let cut = self.hold_point();
        let mut out = String::with_capacity(cut);
        self.restorer
            .restore_into(&self.pending[..cut], self.continues_word, &mut out);
        if cut > 0 {
            self.continues_word = is_word(self.pending.as_bytes()[cut - 1]);
        }
        self.pending.drain(..cut);
        out
    }

    /// Flushes the held-back tail at the end of the stream.
    pub fn finish(&mut self) -> String {
        let mut out = String::new();
        self.restorer
            .restore_into(&self.pending, self.continues_word, &mut out);
        self.pending.clear();
        self.continues_word = false;
        out
    }

    /// Bytes currently held back.
    pub fn held(&self) -> usize {
        self.pending.len()
    }

    fn hold_point(&self) -> usize {
        let b = self.pending.as_bytes();
        let n = b.len();
        if n == 0 || self.restorer.map.is_empty() {
            return n;
        }
        if b[n - 1] == b'<' {
            return n - 1;
        }
        if !is_word(b[n - 1]) {
            return n;
        }
        let mut start = n - 1;
        while start > 0 && is_word(b[start - 1]) {
            start -= 1;
        }
        if start == 0 && self.continues_word {
            return n;
        }
        let word = &self.pending[start..];
        if word.len() > self.restorer.max_word || !self.restorer.is_token_prefix(word) {
            return n;
        }
        if start > 0 && b[start - 1] == b'<' {
            start - 1
        } else {
            start
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn restorer() -> Restorer {
        let mut m = BTreeMap::new();
        m.insert(
            "email_address_1".to_string(),
            Zeroizing::new("jane@example.com".to_string()),
        );
        m.insert(
            "person_1".to_string(),
            Zeroizing::new("Jane Roe".to_string()),
        );
        Restorer::new(Arc::new(m))
    }

    #[test]
    fn tolerates_case_and_missing_brackets() {
        let r = restorer();
        assert_eq!(r.restore("<EMAIL_ADDRESS_1>"), "jane@example.com");
        assert_eq!(r.restore("to Email_Address_1."), "to jane@example.com.");
        assert_eq!(r.restore("<person_1, PERSON_1>"), "Jane Roe, Jane Roe");
        assert_eq!(
            r.restore("PERSON_12 PERSON_1x xPERSON_1"),
            "PERSON_12 PERSON_1x xPERSON_1"
        );
    }

    #[test]
    fn stream_holds_back_only_possible_tokens() {
        let r = restorer();
        let mut s = r.stream();
        assert_eq!(s.push("Dear <PER"), "Dear ");
        assert_eq!(s.held(), 4);
        assert_eq!(s.push("SON_1> hello wor"), "Jane Roe hello wor");
        assert_eq!(s.push("ld"), "ld");
        assert_eq!(s.push(" PERSON_1"), " ");
        assert_eq!(s.finish(), "Jane Roe");
    }

    #[test]
    fn restores_json_strings() {
        let r = restorer();
        let mut v = serde_json::json!({"a": ["hi <PERSON_1>"], "PERSON_1": 3});
        r.restore_json(&mut v);
        assert_eq!(v, serde_json::json!({"a": ["hi Jane Roe"], "PERSON_1": 3}));
    }
}
