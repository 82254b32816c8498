//! Held-out corpus B (`tests/heldout_b/`, issue 12 point 5): 3,000 prompts in six
//! languages whose values come from Faker and whose templates were written blind to
//! the recognizers, plus 500 harmless texts and 500 look-alike decoys. Every text goes
//! through the built binary as a user runs it, `ledgergate redact --format jsonl` with
//! the shipped default policy, and the findings it prints are scored per entity:
//! "hidden" (every byte of the value inside a finding whose action alters the text),
//! precision and recall (a finding of the same entity overlapping the value); and the
//! share of harmless texts altered and of decoys touched. Fails below the thresholds,
//! which are today's figures less 0.02 (a regression bar). `--nocapture` prints the
//! README table, recall per language and the first misses. The scorer is shared with
//! corpus A (`pii_support::score`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod pii_support;
#[path = "common/scratch.rs"]
mod scratch;

use std::io::Write;
use std::process::Stdio;

use pii_support::score::{rows, Hit, Report, Threshold};
use serde::Deserialize;

/// (entity, min hidden, min precision, min recall): measured on branch pii-recall after
/// the issue 12 precision and recall work, less 0.02, rounded down. Raise them as the
/// engine improves.
const THRESHOLDS: &[Threshold] = &[
    ("PERSON", 0.85, 0.95, 0.90),
    ("LOCATION", 0.86, 0.96, 0.86),
    ("PHONE_NUMBER", 0.91, 0.96, 0.90),
    ("CREDIT_CARD", 0.98, 0.98, 0.97),
    ("DATE_OF_BIRTH", 0.98, 0.97, 0.98),
    ("MEDICAL_RECORD_NUMBER", 0.98, 0.91, 0.95),
    ("EMAIL_ADDRESS", 0.98, 0.98, 0.98),
    ("IBAN_CODE", 0.98, 0.98, 0.98),
    ("US_SSN", 0.98, 0.98, 0.98),
    ("IP_ADDRESS", 0.98, 0.98, 0.98),
    ("URL", 0.98, 0.98, 0.98),
];
/// Most harmless texts altered, most decoys touched: issue 12's goals (today 0.8 % and
/// 2.6 %).
const MAX_HARMLESS_ALTERED: f64 = 0.01;
const MAX_DECOYS_TOUCHED: f64 = 0.05;

const CORPUS: &str = include_str!("heldout_b/corpus.jsonl");
const DEFAULT_POLICY: &str = include_str!("../policies/default.toml");

#[derive(Deserialize)]
struct Finding {
    entity: String,
    start: usize,
    end: usize,
    action: String,
}

/// One output line of `redact --format jsonl`.
#[derive(Deserialize)]
struct Answer {
    redacted: Option<String>,
    #[serde(default)]
    findings: Vec<Finding>,
    /// Set when the policy refused the whole text: nothing of it would be sent.
    blocked: Option<String>,
}

/// Runs the binary over every text at once, as a bulk evaluation would.
fn redact_all(texts: &[&str]) -> Vec<Answer> {
    let dir = tempfile::tempdir().unwrap();
    let policies = dir.path().join("policies");
    std::fs::create_dir(&policies).unwrap();
    std::fs::write(policies.join("default.toml"), DEFAULT_POLICY).unwrap();
    let mut input = String::new();
    for t in texts {
        input.push_str(&serde_json::json!({ "text": t }).to_string());
        input.push('\n');
    }
    let mut child = scratch::ledgergate_command()
        .args(["redact", "--format", "jsonl", "--policy"])
        .arg(&policies)
        .args(["--policy-id", "default"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Written from a thread: the answers fill the stdout pipe while the input still flows.
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let answers: Vec<Answer> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let blocked = answers.iter().any(|a| a.blocked.is_some());
    // Exit 1 only when the policy blocked a text; anything else is a failed run.
    assert!(
        out.status.success() || (blocked && out.status.code() == Some(1)),
        "redact failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(answers.len(), texts.len(), "one answer per input line");
    answers
}

#[test]
fn held_out_corpus_b_through_the_binary_meets_the_thresholds() {
    let rows = rows(CORPUS, "heldout_b/corpus.jsonl");
    let texts: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
    let answers = redact_all(&texts);
    let mut scored = Vec::with_capacity(answers.len());
    for (text, answer) in texts.iter().zip(answers) {
        // Findings that change what leaves: `allow` (DATE_TIME by default) keeps the text.
        let altering: Vec<Hit> = answer
            .findings
            .into_iter()
            .filter(|f| f.action != "allow")
            .map(|f| Hit {
                entity: f.entity,
                start: f.start,
                end: f.end,
            })
            .collect();
        for f in &altering {
            assert!(
                f.start < f.end
                    && f.end <= text.len()
                    && text.is_char_boundary(f.start)
                    && text.is_char_boundary(f.end),
                "finding {} {}..{} is not a span of {text:?}",
                f.entity,
                f.start,
                f.end
            );
        }
        if let Some(redacted) = &answer.redacted {
            // The offsets describe the output the user sees: text changes iff something alters it.
            assert_eq!(
                altering.is_empty(),
                redacted == text,
                "findings and output disagree for {text:?}"
            );
        }
        scored.push((answer.blocked.is_some(), altering));
    }
    let report = Report::score(&rows, &scored, THRESHOLDS);
    report.print("corpus B");
    let failures = report.failures(THRESHOLDS, MAX_HARMLESS_ALTERED, MAX_DECOYS_TOUCHED);
    assert!(failures.is_empty(), "{failures:#?}");
}
