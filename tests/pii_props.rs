//! Property tests: tokenize then restore is the identity for any input, and the
//! stream restorer's output does not depend on how the stream is split into chunks.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

use ledgergate::pii::{Action, Engine, Entity, PiiRules, Redactor};
use proptest::prelude::*;
use std::sync::LazyLock;

static TOKENIZE_ALL: LazyLock<Engine> = LazyLock::new(|| {
    let rules = PiiRules {
        default_action: Action::Tokenize,
        ..PiiRules::default()
    };
    Engine::new(&rules).unwrap()
});

/// Text that mixes PII, token look-alikes and arbitrary characters.
fn pii_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("jane.roe@example.com".to_string()),
        Just("+44 20 7946 0958".to_string()),
        Just("4111 1111 1111 1111".to_string()),
        Just("Dr. Jane Roe".to_string()),
        Just("<EMAIL_ADDRESS_1>".to_string()),
        Just("person_1".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        Just(" ".to_string()),
        "[a-zA-Z0-9_ .,<>@:-]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ];
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn restore_inverts_tokenize(text in pii_text()) {
        let mut r = Redactor::new(&TOKENIZE_ALL, b"key");
        let redacted = r.redact(&text).unwrap();
        prop_assert_eq!(r.restorer().restore(&redacted), text);
    }

    #[test]
    fn stream_output_is_independent_of_chunking(text in pii_text(), cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..8)) {
        let mut r = Redactor::new(&TOKENIZE_ALL, b"key");
        let redacted = r.redact(&text).unwrap();
        let restorer = r.restorer();
        // The model may echo tokens in another case and without brackets.
        let echoed = format!("{redacted} {} {}", redacted.to_lowercase(), redacted.replace(['<', '>'], ""));
        let whole = restorer.restore(&echoed);
        let mut bounds: Vec<usize> = cuts.iter().map(|i| i.index(echoed.len() + 1)).filter(|&b| echoed.is_char_boundary(b)).collect();
        bounds.push(0);
        bounds.push(echoed.len());
        bounds.sort_unstable();
        let mut stream = restorer.stream();
        let mut out = String::new();
        for w in bounds.windows(2) {
            out.push_str(&stream.push(&echoed[w[0]..w[1]]));
            prop_assert!(stream.held() <= restorer.max_hold_back());
        }
        out.push_str(&stream.finish());
        prop_assert_eq!(out, whole);
    }

    #[test]
    fn scan_never_panics_and_spans_are_sorted(text in any::<String>()) {
        let findings = TOKENIZE_ALL.scan(&text);
        for w in findings.windows(2) {
            prop_assert!(w[0].end <= w[1].start);
        }
        for f in &findings {
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        }
    }
}

#[test]
fn whole_text_restore_of_tolerated_forms() {
    let mut r = Redactor::new(&TOKENIZE_ALL, b"key");
    let redacted = r.redact("Write to jane.roe@example.com").unwrap();
    assert_eq!(redacted, "Write to <EMAIL_ADDRESS_1>");
    let restorer = r.restorer();
    assert_eq!(
        restorer.restore("sent to email_address_1>"),
        "sent to jane.roe@example.com"
    );
    assert_eq!(TOKENIZE_ALL.action_for(&Entity::Person), Action::Tokenize);
}
