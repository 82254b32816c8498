//! The held-out corpora through the built binary as a user runs it: every text of a
//! corpus in one `ledgergate redact --format jsonl --policy DIR --policy-id default` run
//! with the shipped default policy, each answer checked for consistency (spans on char
//! boundaries, output changed iff a finding alters it) and scored by `score`.

use std::io::Write;
use std::process::{Command, Stdio};

use serde::Deserialize;

use super::score::{rows, Hit, Report, Threshold};

const DEFAULT_POLICY: &str = include_str!("../../policies/default.toml");

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
    let mut child = Command::new(env!("CARGO_BIN_EXE_ledgergate"))
        .current_dir(dir.path())
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

/// Scores corpus `corpus` (named `name` in errors) through the binary.
pub fn score_corpus(corpus: &str, name: &str, thresholds: &[Threshold]) -> Report {
    let rows = rows(corpus, name);
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
    Report::score(&rows, &scored, thresholds)
}
