//! The scanner and redactor never panic on any UTF-8 input, spans are sorted, disjoint
//! and on character boundaries, and tokenize then restore gives the input back.
#![no_main]

use std::sync::LazyLock;

use ledgergate::pii::{Action, Engine, PiiRules, Redactor};
use libfuzzer_sys::fuzz_target;

static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::new(&PiiRules { default_action: Action::Tokenize, ..PiiRules::default() }).unwrap());

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let findings = ENGINE.scan(text);
    let mut last = 0;
    for f in &findings {
        assert!(f.start >= last && f.start < f.end && f.end <= text.len());
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        last = f.end;
    }
    let mut redactor = Redactor::new(&ENGINE, b"fuzz");
    let redacted = redactor.redact(text).unwrap();
    assert_eq!(redactor.restorer().restore(&redacted), text);
});
