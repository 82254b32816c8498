//! The stream restorer never panics, never holds back more than its bound, and gives
//! the same output as whole-text restore for the chunk split the fuzzer chooses.
#![no_main]

use std::sync::LazyLock;

use ledgergate::pii::{Action, Engine, PiiRules, Redactor};
use libfuzzer_sys::fuzz_target;

static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::new(&PiiRules { default_action: Action::Tokenize, ..PiiRules::default() }).unwrap());

fuzz_target!(|data: &[u8]| {
    // First byte: chunk size; the rest: the response text.
    let Some((&size, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let mut redactor = Redactor::new(&ENGINE, b"fuzz");
    redactor.redact("jane.roe@example.com, +44 20 7946 0958, Dr. Jane Roe").unwrap();
    let restorer = redactor.restorer();
    let whole = restorer.restore(text);
    let size = usize::from(size % 16) + 1;
    let mut stream = restorer.stream();
    let mut out = String::new();
    let mut i = 0;
    while i < text.len() {
        let mut j = (i + size).min(text.len());
        while !text.is_char_boundary(j) {
            j += 1;
        }
        out.push_str(&stream.push(&text[i..j]));
        assert!(stream.held() <= restorer.max_hold_back());
        i = j;
    }
    out.push_str(&stream.finish());
    assert_eq!(out, whole);
});
