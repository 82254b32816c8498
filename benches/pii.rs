//! Criterion benchmarks of the PII engine: a 2 KB chat prompt, 1 MB of mixed text with
//! sparse PII, a tokenize + restore round trip of the 2 KB prompt, and the worst case of
//! issue 10: 10 MiB of distinct e-mail addresses in one text, scanned and redacted
//! with the shipped default policy's tokenize action (cap lifted so all are applied);
//! 1 MB of PII-dense lines and 1 MB without personal data, both in six languages.
//! `cargo bench --bench pii -- --warm-up-time 1 --measurement-time 2`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ledgergate::pii::{Action, Engine, PiiRules, Redactor};

const PROSE: &str =
    "We are migrating the billing service from the old monolith to a set of smaller \
services on Kubernetes. The main concerns are latency during the cut-over, the order of the \
database migrations and how to keep the audit trail intact while both systems run in parallel. \
Please list the risks, propose a rollout plan in three phases and estimate the effort in weeks. \
Version 2.4.1 of the client library added retries with jitter; the S3 bucket and the EKS cluster \
stay in eu-west-1 and the H100 nodes are only used for the batch jobs.\n";

const PII_LINES: &[&str] = &[
    "Customer Jane Roe (jane.roe@example.com, +44 20 7946 0958) asked about invoice 2024-118.\n",
    "Refund to IBAN DE89 3704 0044 0532 0130 00, card 4111 1111 1111 1111 was charged twice.\n",
    "Patient John Smith, born 14.03.1985, NHS number 943 476 5919, lives in Manchester.\n",
];

fn prompt_2kb() -> String {
    let mut s = String::new();
    // Prose, then each PII line once: every recognizer family is exercised.
    s.push_str(PROSE);
    for line in PII_LINES {
        s.push_str(line);
    }
    while s.len() < 2048 {
        s.push_str(PROSE);
    }
    s
}

/// About one PII line per 4 KB of prose.
fn mixed_1mb() -> String {
    let mut s = String::with_capacity(1 << 20);
    let mut i = 0;
    while s.len() < (1 << 20) {
        if i % 8 == 7 {
            s.push_str(PII_LINES[i % PII_LINES.len()]);
        } else {
            s.push_str(PROSE);
        }
        i += 1;
    }
    s
}

/// PII-dense prompts in six languages: every line carries two to four values.
const DENSE_LINES: &[&str] = &[
    "Customer Jane Roe (jane.roe@example.com, +44 20 7946 0958) lives at 221B Baker Street, London.\n",
    "Bitte überweisen Sie an DE89 3704 0044 0532 0130 00, Herr Jannik Brötzmann, Lindenstraße 5, 10115 Berlin.\n",
    "La patiente Maëlle Duchêne, née le 3 février 1990, joignable au 01 45 67 89 12.\n",
    "El cliente Iñaki Etxeberria pagó con la tarjeta 4111 1111 1111 1111, historia clínica 4821937.\n",
    "Il signor Ottavio Castellucci, nato il 5 maggio 1979, abita in Via dei Mille 12, 00185 Roma.\n",
    "Stuur de factuur naar femke.terpstra@example.nl, Prinsengracht 83, 1015 DM Amsterdam, tel. 020-5291087.\n",
];

/// Text without personal data in six languages: prose, code talk, numbers that are not PII.
const CLEAN_LINES: &[&str] = &[
    "We are migrating the billing service to Kubernetes; list the risks and a rollout plan in three phases.\n",
    "Bitte fasse die Besprechung zusammen und nenne die offenen Punkte für die nächste Woche.\n",
    "Peux-tu reformuler ce paragraphe de manière plus concise et plus claire pour le rapport annuel ?\n",
    "¿Puedes explicar la diferencia entre un índice agrupado y uno no agrupado en una base de datos?\n",
    "Puoi spiegarmi come funziona la cache del processore e perché la località dei dati è importante?\n",
    "Kun je deze tekst korter maken en de belangrijkste conclusies in drie punten samenvatten?\n",
    "Set max_tokens to 4096, temperature 0.7, retry 3 times with 250ms backoff and log the latency.\n",
];

fn repeat_to(lines: &[&str], bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 256);
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(lines[i % lines.len()]);
        i += 1;
    }
    s
}

/// Distinct addresses separated by spaces, `bytes` long.
fn distinct_emails(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 64);
    let mut i = 0u64;
    while s.len() < bytes {
        use std::fmt::Write;
        let _ = write!(s, "u{i}.x{}@host{}.example.com ", i % 977, i % 89);
        i += 1;
    }
    s
}

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
