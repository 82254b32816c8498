//! The differential check of the PII engine: prints every finding (input, entity, start,
//! end, recognizer, confidence) of the built-in engine on the benchmark inputs and on
//! the given JSONL corpora (one object per line with a `"text"`), one line each, so that
//! two engine versions can be compared with `diff`. With `--repeat N` it scans the
//! benchmark inputs N times and prints nothing: a fixed workload for `valgrind
//! --tool=callgrind` or `perf stat` when comparing the cost of two versions.
//!
//! `cargo run --release --example pii_findings -- tests/heldout/corpus.jsonl > /tmp/a`
//! `cargo run --release --example pii_findings -- --repeat 20 [prompt|dense|clean|mixed]`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a dev tool: failing loudly is right

#[path = "../benches/support/pii_inputs.rs"]
mod pii_inputs;

use ledgergate::pii::Engine;
use pii_inputs::{
    distinct_emails, heldout_dense, heldout_dense_1mb, mixed_1mb, prompt_2kb, repeat_to,
    CLEAN_LINES, DENSE_LINES,
};

fn inputs() -> Vec<(&'static str, String)> {
    vec![
        ("prompt", prompt_2kb()),
        ("mixed", mixed_1mb()),
        ("dense", repeat_to(DENSE_LINES, 1 << 20)),
        ("clean", repeat_to(CLEAN_LINES, 1 << 20)),
        ("emails", distinct_emails(256 << 10)),
        ("heldout", heldout_dense_1mb()),
        ("heldout2", heldout_dense(1 << 20, 1 << 20)),
    ]
}

fn main() {
    let engine = Engine::builtin();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--repeat") {
        let n: usize = args[1].parse().expect("--repeat N");
        let only: Vec<&str> = args[2..].iter().map(String::as_str).collect();
        let mut total = 0;
        for (name, text) in inputs() {
            if only.is_empty() || only.contains(&name) {
                for _ in 0..n {
                    total += engine.scan(&text).len();
                }
            }
        }
        println!("{total} findings");
        return;
    }
    for (name, text) in inputs() {
        for f in engine.scan(&text) {
            println!(
                "{name}\t{}\t{}\t{}\t{}\t{:.3}",
                f.entity, f.start, f.end, f.recognizer, f.confidence
            );
        }
    }
    for path in &args {
        let corpus = std::fs::read_to_string(path).expect("read corpus");
        for (line, record) in corpus.lines().enumerate() {
            let v: serde_json::Value = serde_json::from_str(record).expect("JSON line");
            let text = v["text"].as_str().expect("text field");
            for f in engine.scan(text) {
                println!(
                    "{path}:{}\t{}\t{}\t{}\t{}\t{:.3}",
                    line + 1,
                    f.entity,
                    f.start,
                    f.end,
                    f.recognizer,
                    f.confidence
                );
            }
        }
    }
}
