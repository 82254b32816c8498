//! Held-out corpus B (`tests/heldout_b/`, issue 12 point 5): 3,000 prompts in six
//! languages whose values come from Faker and whose templates were written blind to
//! the recognizers, plus 500 harmless texts and 500 look-alike decoys. Every text goes
//! through the built binary as a user runs it, `ledgergate redact --format jsonl` with
//! the shipped default policy, and the findings it prints are scored per entity:
//! "hidden" (every byte of the value inside a finding whose action alters the text),
//! precision and recall (a finding of the same entity overlapping the value); and the
//! share of harmless texts altered and of decoys touched. Fails below the thresholds,
//! which are today's figures less 0.02 (a regression bar). `--nocapture` prints the
//! README table, recall per language and the first misses.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

#[path = "common/scratch.rs"]
mod scratch;

use std::collections::BTreeMap;
use std::io::Write;
use std::process::Stdio;

use serde::Deserialize;

/// (entity, min hidden, min precision, min recall): measured on branch pii after the
/// issue 12 recall work, less 0.02, rounded down. Raise them as the engine improves.
const THRESHOLDS: &[(&str, f64, f64, f64)] = &[
    ("PERSON", 0.76, 0.93, 0.82),
    ("LOCATION", 0.74, 0.96, 0.76),
    ("PHONE_NUMBER", 0.83, 0.94, 0.82),
    ("CREDIT_CARD", 0.94, 0.98, 0.90),
    ("DATE_OF_BIRTH", 0.98, 0.97, 0.98),
    ("MEDICAL_RECORD_NUMBER", 0.73, 0.87, 0.67),
    ("EMAIL_ADDRESS", 0.98, 0.98, 0.98),
    ("IBAN_CODE", 0.98, 0.98, 0.98),
    ("US_SSN", 0.98, 0.98, 0.98),
    ("IP_ADDRESS", 0.98, 0.98, 0.98),
    ("URL", 0.98, 0.98, 0.98),
];
/// Most harmless texts altered, most decoys touched: today's share plus 0.02, rounded up
/// (issue 12's goals are 1 % and 5 %).
const MAX_HARMLESS_ALTERED: f64 = 0.13;
const MAX_DECOYS_TOUCHED: f64 = 0.05;

const CORPUS: &str = include_str!("heldout_b/corpus.jsonl");
const DEFAULT_POLICY: &str = include_str!("../policies/default.toml");

#[derive(Deserialize)]
struct Row {
    lang: String,
    kind: String,
    text: String,
    spans: Vec<(String, usize, usize)>,
}

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

#[derive(Default)]
struct Score {
    values: usize,
    hidden: usize,
    tp: usize,
    fp: usize,
}

impl Score {
    fn hidden(&self) -> f64 {
        ratio(self.hidden, self.values)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.values)
    }
    /// Values found / (values found + findings of the entity on no value of it); 1.0
    /// when the entity was never reported (nothing wrong was said).
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            ratio(self.tp, self.tp + self.fp)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
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
    let rows: Vec<Row> = CORPUS
        .lines()
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("heldout_b/corpus.jsonl line {}: {e}", i + 1))
        })
        .collect();
    let texts: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
    let answers = redact_all(&texts);

    let mut scores: BTreeMap<&str, Score> = BTreeMap::new();
    let mut per_lang: BTreeMap<(&str, &str), Score> = BTreeMap::new();
    let (mut harmless, mut harmless_altered, mut decoys, mut decoys_touched) = (0, 0, 0, 0);
    let mut stray_other = 0usize;
    let mut misses: Vec<String> = Vec::new();
    let mut false_alarms: Vec<String> = Vec::new();
    for (row, answer) in rows.iter().zip(&answers) {
        let text = row.text.as_str();
        let whole = answer.blocked.is_some();
        // Findings that change what leaves: `allow` (DATE_TIME by default) keeps the text.
        let altering: Vec<&Finding> = answer
            .findings
            .iter()
            .filter(|f| f.action != "allow")
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
        match row.kind.as_str() {
            "harmless" | "decoy" => {
                let touched = whole || !altering.is_empty();
                if row.kind == "harmless" {
                    harmless += 1;
                    harmless_altered += usize::from(touched);
                } else {
                    decoys += 1;
                    decoys_touched += usize::from(touched);
                }
                if touched {
                    let found: Vec<String> = altering
                        .iter()
                        .map(|f| format!("{} {:?}", f.entity, &text[f.start..f.end]))
                        .collect();
                    false_alarms.push(format!("{} {text:?}: {found:?}", row.kind));
                }
                continue;
            }
            kind => assert_eq!(kind, "pii", "unknown kind"),
        }
        for (entity, start, end) in &row.spans {
            let (start, end) = (*start, *end);
            let hidden =
                whole || (start..end).all(|b| altering.iter().any(|f| f.start <= b && b < f.end));
            let found = altering
                .iter()
                .any(|f| &f.entity == entity && f.start < end && start < f.end);
            for s in [
                scores.entry(entity.as_str()).or_default(),
                per_lang
                    .entry((entity.as_str(), row.lang.as_str()))
                    .or_default(),
            ] {
                s.values += 1;
                s.hidden += usize::from(hidden);
                s.tp += usize::from(found);
            }
            if !hidden {
                misses.push(format!("{entity} {:?} in {text:?}", &text[start..end]));
            }
        }
        for f in &altering {
            let on_a_value_of_its_kind = row
                .spans
                .iter()
                .any(|(e, s, t)| e == &f.entity && f.start < *t && *s < f.end);
            if on_a_value_of_its_kind {
                continue;
            }
            let on_any_value = row.spans.iter().any(|(_, s, t)| f.start < *t && *s < f.end);
            match THRESHOLDS.iter().find(|(e, ..)| *e == f.entity) {
                // A finding of an evaluated entity where no value of that entity is.
                Some((e, ..)) => scores.entry(e).or_default().fp += 1,
                // Another entity on a value still hides it; elsewhere it alters the text.
                None if on_any_value => continue,
                None => stray_other += 1,
            }
            false_alarms.push(format!(
                "{} {:?} in {text:?}",
                f.entity,
                &text[f.start..f.end]
            ));
        }
    }

    let harmless_rate = ratio(harmless_altered, harmless);
    let decoy_rate = ratio(decoys_touched, decoys);
    println!("| entity (corpus B) | values | hidden | precision | recall |");
    println!("|---|---:|---:|---:|---:|");
    for (e, s) in &scores {
        println!(
            "| {e} | {} | {:.3} | {:.3} | {:.3} |",
            s.values,
            s.hidden(),
            s.precision(),
            s.recall()
        );
    }
    println!(
        "| harmless texts altered | {:.1} % ({harmless_altered} of {harmless}) |",
        100.0 * harmless_rate
    );
    println!(
        "| decoys touched | {:.1} % ({decoys_touched} of {decoys}) |",
        100.0 * decoy_rate
    );
    println!("findings of other entities outside any value in PII prompts: {stray_other}");
    for (e, s) in &scores {
        println!(
            "{e}: {} values, {} hidden, {} found, {} findings elsewhere",
            s.values, s.hidden, s.tp, s.fp
        );
    }
    for ((e, l), s) in &per_lang {
        println!(
            "{e} {l}: hidden {:.3}, recall {:.3} ({} values)",
            s.hidden(),
            s.recall(),
            s.values
        );
    }
    for m in misses.iter().take(60) {
        println!("MISS {m}");
    }
    for f in false_alarms.iter().take(60) {
        println!("FALSE {f}");
    }

    let mut failures = Vec::new();
    for &(entity, h, p, r) in THRESHOLDS {
        let s = scores
            .get(entity)
            .unwrap_or_else(|| panic!("corpus B has no {entity} value"));
        if s.hidden() < h || s.precision() < p || s.recall() < r {
            failures.push(format!(
                "{entity}: hidden {:.3} (min {h}), precision {:.3} (min {p}), recall {:.3} (min {r})",
                s.hidden(),
                s.precision(),
                s.recall()
            ));
        }
    }
    if harmless_rate > MAX_HARMLESS_ALTERED {
        failures.push(format!(
            "harmless texts altered {harmless_rate:.3} (max {MAX_HARMLESS_ALTERED})"
        ));
    }
    if decoy_rate > MAX_DECOYS_TOUCHED {
        failures.push(format!(
            "decoys touched {decoy_rate:.3} (max {MAX_DECOYS_TOUCHED})"
        ));
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
