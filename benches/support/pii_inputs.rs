//! The inputs of the PII benchmark (`benches/pii.rs`), shared with the findings dump
//! (`examples/pii_findings.rs`) so that the differential check scans exactly what the
//! benchmark measures: a 2 KB chat prompt, 1 MB of mixed text with sparse PII, 1 MB of
//! PII-dense lines and 1 MB without personal data (six languages), distinct e-mails.

#![allow(dead_code)] // each user takes a part

pub const PROSE: &str =
    "We are migrating the billing service from the old monolith to a set of smaller \
services on Kubernetes. The main concerns are latency during the cut-over, the order of the \
database migrations and how to keep the audit trail intact while both systems run in parallel. \
Please list the risks, propose a rollout plan in three phases and estimate the effort in weeks. \
Version 2.4.1 of the client library added retries with jitter; the S3 bucket and the EKS cluster \
stay in eu-west-1 and the H100 nodes are only used for the batch jobs.\n";

pub const PII_LINES: &[&str] = &[
    "Customer Jane Roe (jane.roe@example.com, +44 20 7946 0958) asked about invoice 2024-118.\n",
    "Refund to IBAN DE89 3704 0044 0532 0130 00, card 4111 1111 1111 1111 was charged twice.\n",
    "Patient John Smith, born 14.03.1985, NHS number 943 476 5919, lives in Manchester.\n",
];

pub fn prompt_2kb() -> String {
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
pub fn mixed_1mb() -> String {
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
pub const DENSE_LINES: &[&str] = &[
    "Customer Jane Roe (jane.roe@example.com, +44 20 7946 0958) lives at 221B Baker Street, London.\n",
    "Bitte überweisen Sie an DE89 3704 0044 0532 0130 00, Herr Jannik Brötzmann, Lindenstraße 5, 10115 Berlin.\n",
    "La patiente Maëlle Duchêne, née le 3 février 1990, joignable au 01 45 67 89 12.\n",
    "El cliente Iñaki Etxeberria pagó con la tarjeta 4111 1111 1111 1111, historia clínica 4821937.\n",
    "Il signor Ottavio Castellucci, nato il 5 maggio 1979, abita in Via dei Mille 12, 00185 Roma.\n",
    "Stuur de factuur naar femke.terpstra@example.nl, Prinsengracht 83, 1015 DM Amsterdam, tel. 020-5291087.\n",
];

/// Text without personal data in six languages: prose, code talk, numbers that are not PII.
pub const CLEAN_LINES: &[&str] = &[
    "We are migrating the billing service to Kubernetes; list the risks and a rollout plan in three phases.\n",
    "Bitte fasse die Besprechung zusammen und nenne die offenen Punkte für die nächste Woche.\n",
    "Peux-tu reformuler ce paragraphe de manière plus concise et plus claire pour le rapport annuel ?\n",
    "¿Puedes explicar la diferencia entre un índice agrupado y uno no agrupado en una base de datos?\n",
    "Puoi spiegarmi come funziona la cache del processore e perché la località dei dati è importante?\n",
    "Kun je deze tekst korter maken en de belangrijkste conclusies in drie punten samenvatten?\n",
    "Set max_tokens to 4096, temperature 0.7, retry 3 times with 250ms backoff and log the latency.\n",
];

pub fn repeat_to(lines: &[&str], bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 256);
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(lines[i % lines.len()]);
        i += 1;
    }
    s
}

/// About 1 MB of distinct texts carrying PII: every text with a labelled span of the
/// held-out corpora (`tests/heldout*/corpus.jsonl`), one per line, in corpus order.
pub fn heldout_dense_1mb() -> String {
    heldout_dense(0, 1 << 20)
}

/// The texts with PII of every held-out corpus after the first `skip` bytes of them,
/// `bytes` long: `heldout_dense(1 << 20, 1 << 20)` is a second megabyte that shares no
/// text with the first, to measure a scan of text never seen by an engine already warm.
pub fn heldout_dense(skip: usize, bytes: usize) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests");
    let mut dirs: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("corpus.jsonl").is_file())
        .collect();
    dirs.sort();
    let mut s = String::with_capacity(bytes + 4096);
    let mut skipped = 0;
    for dir in dirs {
        let corpus = std::fs::read_to_string(dir.join("corpus.jsonl")).unwrap();
        for line in corpus.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            if v["spans"].as_array().is_some_and(|a| !a.is_empty()) {
                let text = v["text"].as_str().unwrap();
                if skipped < skip {
                    skipped += text.len() + 1;
                    continue;
                }
                s.push_str(text);
                s.push('\n');
                if s.len() >= bytes {
                    return s;
                }
            }
        }
    }
    s
}

/// Distinct addresses separated by spaces, `bytes` long.
pub fn distinct_emails(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 64);
    let mut i = 0u64;
    while s.len() < bytes {
        use std::fmt::Write;
        let _ = write!(s, "u{i}.x{}@host{}.example.com ", i % 977, i % 89);
        i += 1;
    }
    s
}
