//! `ledgergate redact` through the real binary: the three formats, policies, bad input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod pii_support;

use pii_support::redact;

fn policies() -> String {
    format!("{}/policies", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn text_format_masks_every_builtin_without_a_policy() {
    let out = redact(
        &[],
        b"Mail jane.roe@example.com, card 4111 1111 1111 1111, on EKS and S3.",
    );
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Mail <EMAIL_ADDRESS>, card <CREDIT_CARD>, on EKS and S3."
    );
}

#[test]
fn json_format_reports_byte_offsets_into_the_input() {
    let input = "Grüße, call +44 20 7946 0958.";
    let out = redact(&["--format", "json"], input.as_bytes());
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["redacted"], "Grüße, call <PHONE_NUMBER>.");
    let f = &v["findings"][0];
    assert_eq!(f["entity"], "PHONE_NUMBER");
    assert_eq!(f["action"], "mask");
    let (s, e) = (
        f["start"].as_u64().unwrap() as usize,
        f["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&input[s..e], "+44 20 7946 0958");
}

#[test]
fn jsonl_format_answers_one_object_per_line_with_the_policy() {
    let input = b"{\"text\": \"mail bob@example.com twice: bob@example.com\"}\n{\"text\": \"nothing here\"}\n";
    let out = redact(&["--format", "jsonl", "--policy", &policies()], input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0]["redacted"],
        "mail <EMAIL_ADDRESS_1> twice: <EMAIL_ADDRESS_1>"
    );
    assert_eq!(lines[0]["findings"][0]["action"], "tokenize");
    assert_eq!(lines[1]["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn policy_id_selects_the_file_and_blocked_secrets_exit_1() {
    let out = redact(
        &["--policy", &policies(), "--policy-id", "default"],
        b"key AKIAIOSFODNN7EXAMPLE",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("blocks SECRET") && !err.contains("AKIA"),
        "{err}"
    );
    let out = redact(&["--policy", &policies(), "--policy-id", "nope"], b"x");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_json_line_names_the_line_and_exits_2() {
    let out = redact(&["--format", "jsonl"], b"{\"text\": \"ok\"}\nnot json\n");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("line 2"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// JSON lines of `n` rows, each naming its row and carrying a name, an e-mail address
/// and a phone number; several of the parallel reader's batches long.
fn numbered_rows(n: usize) -> String {
    (1..=n)
        .map(|i| {
            format!(
                "{{\"text\": \"row {i}: call Jane Roe at +44 20 7946 {:04} or jane{i}@example.com\"}}\n",
                i % 10_000
            )
        })
        .collect()
}

#[test]
fn jsonl_on_several_workers_writes_what_one_writes_in_input_order() {
    let input = numbered_rows(3000);
    let one = redact(&["--format", "jsonl", "--jobs", "1"], input.as_bytes());
    let four = redact(&["--format", "jsonl", "--jobs", "4"], input.as_bytes());
    let default = redact(&["--format", "jsonl"], input.as_bytes());
    for out in [&one, &four, &default] {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(one.stdout, four.stdout);
    assert_eq!(one.stdout, default.stdout);
    let text = String::from_utf8(four.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3000);
    for (i, line) in lines.iter().enumerate() {
        let redacted = line["redacted"].as_str().unwrap();
        assert!(
            redacted.starts_with(&format!("row {}: ", i + 1)),
            "{redacted}"
        );
        assert!(
            !redacted.contains("@example.com") && !redacted.contains("7946"),
            "{redacted}"
        );
    }
}

#[test]
fn jsonl_bad_line_after_many_batches_writes_the_lines_before_it_and_names_it() {
    let mut input = numbered_rows(2500);
    input.push_str("{\"text\": 17}\n");
    input.push_str(&numbered_rows(500));
    let out = redact(&["--format", "jsonl", "--jobs", "3"], input.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("line 2501"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 2500);
    assert!(text.lines().last().unwrap().contains("row 2500: "));
}

#[test]
fn jsonl_blocked_line_among_many_is_answered_in_place_and_exits_1() {
    let mut input = numbered_rows(1500);
    input.push_str("{\"text\": \"key AKIAIOSFODNN7EXAMPLE\"}\n");
    input.push_str(&numbered_rows(1500));
    let out = redact(
        &["--format", "jsonl", "--jobs", "2", "--policy", &policies()],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3001);
    assert!(
        lines[1500].contains("\"blocked\":\"SECRET\"") && !text.contains("AKIA"),
        "{}",
        lines[1500]
    );
    assert!(lines[3000].contains("row 1500: "));
}

#[test]
fn jobs_outside_1_to_64_is_a_usage_error() {
    for jobs in ["0", "65", "60000"] {
        let out = redact(
            &["--format", "jsonl", "--jobs", jobs],
            b"{\"text\":\"x\"}\n",
        );
        assert_eq!(out.status.code(), Some(2), "--jobs {jobs}");
        assert!(out.stdout.is_empty(), "--jobs {jobs}: nothing redacted");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("--jobs") && err.contains("1..=64"), "{err}");
    }
    let out = redact(
        &["--format", "jsonl", "--jobs", "64"],
        b"{\"text\":\"x\"}\n",
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn invalid_utf8_names_the_line_and_exits_2() {
    let out = redact(&[], b"fine\nalso fine\nbad \xff byte\n");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("line 3") && err.contains("UTF-8"), "{err}");
}

#[test]
fn broken_policy_is_reported_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("default.toml"),
        "id = \"x\"\n[pii.actions]\nUS_SNN = \"block\"\n",
    )
    .unwrap();
    let out = redact(&["--policy", dir.path().to_str().unwrap()], b"x");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("default.toml:3:1: unknown entity \"US_SNN\" (did you mean US_SSN?)"),
        "{err}"
    );
}

#[test]
fn labels_broken_by_ocr_spaces_count_and_stay_as_written() {
    // A scanned form read by OCR: stray spaces inside the labels. The date is a date of
    // birth because its label says so; the output keeps the labels as they were written.
    let input = "Scanned form:\nN ame: Morag MacLeod   Date of bi rth :22/05/1981\nNo me: Ibrahima Diouf   Data di nasc ita :22 maggio 1981\n";
    let out = redact(&["--format", "json"], input.as_bytes());
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["redacted"],
        "Scanned form:\nN ame: <PERSON>   Date of bi rth :<DATE_OF_BIRTH>\nNo me: <PERSON>   Data di nasc ita :<DATE_OF_BIRTH>\n"
    );
    let dob = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["entity"] == "DATE_OF_BIRTH")
        .unwrap();
    let (s, e) = (
        dob["start"].as_u64().unwrap() as usize,
        dob["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&input[s..e], "22/05/1981");
}

#[test]
fn a_long_text_is_read_in_chunks_and_every_finding_lands_at_its_own_offsets() {
    // 2,000 form lines (about 130 KB, read in chunks of whole lines) and a line of 20 KB
    // (cut into chunks of its own): the names the word scan reads, in every chunk, are
    // reported at the input's offsets, and the redacted text is the input with each
    // value replaced.
    let mut input = String::new();
    for i in 0..2000 {
        input.push_str(&format!(
            "Ticket {i}: Name: Morag MacLeod, mail morag{i}@example.org\n"
        ));
    }
    input.push_str(&"Today we saw Morag MacLeod again. ".repeat(600));
    input.push('\n');
    let out = redact(&["--format", "json"], input.as_bytes());
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    let mut people = 0;
    for f in findings {
        let (s, e) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        match f["entity"].as_str().unwrap() {
            "PERSON" => {
                assert_eq!(&input[s..e], "Morag MacLeod");
                people += 1;
            }
            "EMAIL_ADDRESS" => assert!(input[s..e].ends_with("@example.org")),
            other => panic!("unexpected {other} at {s}..{e}: {:?}", &input[s..e]),
        }
    }
    assert_eq!(people, 2600, "every name, in every chunk");
    let mut expected = String::new();
    for _ in 0..2000 {
        expected.push_str("Ticket ?: Name: <PERSON>, mail <EMAIL_ADDRESS>\n");
    }
    expected.push_str(&"Today we saw <PERSON> again. ".repeat(600));
    expected.push('\n');
    let redacted = v["redacted"].as_str().unwrap();
    let numbers_masked: String = redacted
        .split('\n')
        .map(|line| match line.strip_prefix("Ticket ") {
            Some(rest) => format!("Ticket ?{}", &rest[rest.find(':').unwrap()..]),
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(numbers_masked, expected);
}
