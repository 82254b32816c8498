//! Criterion benchmarks of the PII engine: a 2 KB chat prompt, 1 MB of mixed text with
//! sparse PII, a tokenize + restore round trip of the 2 KB prompt, and the worst case of
//! issue 10: 10 MiB of distinct e-mail addresses in one text, scanned and redacted
//! with the shipped default policy's tokenize action (cap lifted so all are applied);
//! 1 MB of PII-dense lines and 1 MB without personal data, both in six languages;
//! and 1 MB of distinct PII-dense texts (the held-out corpora's) scanned once by a new
//! engine: the first pass over text never seen, as a batch job or fresh traffic meets it,
//! where the repeated inputs above find every automaton state already built.
//! `cargo bench --bench pii -- --warm-up-time 1 --measurement-time 2`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ledgergate::pii::{Action, Engine, PiiRules, Redactor};

#[path = "support/pii_inputs.rs"]
mod pii_inputs;
use pii_inputs::{
    distinct_emails, heldout_dense_1mb, mixed_1mb, prompt_2kb, repeat_to, CLEAN_LINES, DENSE_LINES,
};

fn benches(c: &mut Criterion) {
    let engine = Engine::builtin();
    let tokenizing = Engine::new(&PiiRules {
        default_action: Action::Tokenize,
        ..PiiRules::default()
    })
    .unwrap();
    let prompt = prompt_2kb();
    let big = mixed_1mb();

    let mut g = c.benchmark_group("scan");
    g.throughput(Throughput::Bytes(prompt.len() as u64));
    g.bench_with_input(BenchmarkId::new("prompt", "2KB"), &prompt, |b, t| {
        b.iter(|| engine.scan(t))
    });
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_with_input(BenchmarkId::new("mixed", "1MB"), &big, |b, t| {
        b.iter(|| engine.scan(t))
    });
    let dense = repeat_to(DENSE_LINES, 1 << 20);
    g.throughput(Throughput::Bytes(dense.len() as u64));
    g.bench_with_input(
        BenchmarkId::new("dense_multilingual", "1MB"),
        &dense,
        |b, t| b.iter(|| engine.scan(t)),
    );
    let clean = repeat_to(CLEAN_LINES, 1 << 20);
    g.throughput(Throughput::Bytes(clean.len() as u64));
    g.bench_with_input(
        BenchmarkId::new("no_pii_multilingual", "1MB"),
        &clean,
        |b, t| b.iter(|| engine.scan(t)),
    );
    g.finish();

    // Each sample a new engine: its automata start empty. The engine is built in the
    // setup, outside the measured time.
    let varied = heldout_dense_1mb();
    let mut g = c.benchmark_group("first_pass");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(varied.len() as u64));
    g.bench_with_input(
        BenchmarkId::new("distinct_dense_texts", "1MB"),
        &varied,
        |b, t| {
            b.iter_batched(
                Engine::builtin,
                |e| e.scan(t).len(),
                criterion::BatchSize::PerIteration,
            )
        },
    );
    g.finish();

    let mut g = c.benchmark_group("round_trip");
    g.throughput(Throughput::Bytes(prompt.len() as u64));
    g.bench_with_input(
        BenchmarkId::new("tokenize_restore", "2KB"),
        &prompt,
        |b, t| {
            b.iter(|| {
                let mut r = Redactor::new(&tokenizing, b"bench-key");
                let redacted = r.redact(t).unwrap();
                r.restorer().restore(&redacted)
            })
        },
    );
    g.finish();

    let worst = distinct_emails(10 << 20);
    let uncapped = Engine::new(&PiiRules {
        default_action: Action::Tokenize,
        max_findings: usize::MAX,
        ..PiiRules::default()
    })
    .unwrap();
    let mut g = c.benchmark_group("worst_case");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(worst.len() as u64));
    g.bench_with_input(
        BenchmarkId::new("distinct_emails_scan", "10MiB"),
        &worst,
        |b, t| b.iter(|| engine.scan(t).len()),
    );
    g.bench_with_input(
        BenchmarkId::new("distinct_emails_tokenize", "10MiB"),
        &worst,
        |b, t| {
            b.iter(|| {
                let mut r = Redactor::new(&uncapped, b"bench-key");
                r.redact(t).unwrap().len()
            })
        },
    );
    g.finish();
}

criterion_group!(pii, benches);
criterion_main!(pii);
