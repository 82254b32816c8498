//! `serve --demo` as a newcomer meets it: the printed curl lines and the printed Python
//! `openai` snippet work exactly as printed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::*;

fn start_demo(env: &[(&str, &str)]) -> (TestGateway, String) {
    let dir = tempfile::tempdir().unwrap();
    let gw = TestGateway::spawn(&["serve", "--demo", "--listen", "127.0.0.1:0"], dir, env);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !gw.output().contains("\"stream\": true") {
        assert!(
            Instant::now() < deadline,
            "no demo banner:\n{}",
            gw.output()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(50));
    let output = gw.output();
    (gw, output)
}

/// The first command (a line starting with curl or python3) after `heading`.
fn printed_command(banner: &str, heading: &str) -> String {
    banner
        .lines()
        .skip_while(|l| !l.contains(heading))
        .map(str::trim)
        .find(|l| l.starts_with("curl ") || l.starts_with("python3 "))
        .expect("a command under the heading")
        .to_owned()
}

fn run_shell(command: &str) -> String {
    let out = Command::new("sh")
        .args(["-c", command])
        .current_dir(common::scratch::scratch_dir())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{command} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_printed_curl_lines_work_as_printed() {
    let (gw, banner) = start_demo(&[]);
    assert!(banner.contains("DEMO MODE"), "{banner}");
    assert!(
        gw.path().join("ledgergate-data").is_dir(),
        "demo data lives under ./ledgergate-data"
    );

    let command = printed_command(&banner, "Try it with curl");
    let reply: serde_json::Value = serde_json::from_str(&run_shell(&command)).unwrap();
    let content = reply["choices"][0]["message"]["content"].as_str().unwrap();
    // The IBAN was masked before it left; the email was tokenized and restored.
    assert_eq!(
        content,
        "Echo from the demo provider. This is what reached me: I am Jane Doe. Refund IBAN <IBAN_CODE>, then write to jane.doe@example.com"
    );

    let stream = run_shell(&printed_command(&banner, "Streaming:"));
    assert!(stream.contains("\"content\":\"Stream \""), "{stream}");
    assert!(stream.ends_with("data: [DONE]\n\n"), "{stream}");
}

#[test]
fn the_printed_python_openai_snippet_works_as_printed() {
    let key = "lg-demo-fixed-key-for-this-test-0001";
    let (_gw, banner) = start_demo(&[("LEDGERGATE_DEMO_KEY", key)]);
    assert!(
        banner.contains(&format!("Demo virtual key: {key}")),
        "LEDGERGATE_DEMO_KEY is used:\n{banner}"
    );
    let snippet = printed_command(&banner, "official Python SDK");
    let out = run_shell(&snippet);
    assert_eq!(
        out.trim(),
        "Echo from the demo provider. This is what reached me: Hello from Python"
    );
}

#[test]
fn the_printed_anthropic_snippet_works_as_printed() {
    let (_gw, banner) = start_demo(&[]);
    let snippet = printed_command(&banner, "Anthropic SDK");
    assert!(snippet.contains("anthropic.Anthropic("), "{snippet}");
    let out = run_shell(&snippet);
    assert_eq!(
        out.trim(),
        "Echo from the demo provider. This is what reached me: Hello from Anthropic"
    );
}

#[test]
fn the_official_python_sdk_chats_streams_embeds_and_lists_models() {
    let key = "lg-demo-fixed-key-for-python-sdk-0002";
    let (gw, _) = start_demo(&[("LEDGERGATE_DEMO_KEY", key)]);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python/demo_client.py");
    let out = run_shell(&format!("python3 {script} {} {key} gpt-4o-mini", gw.v1()));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "chat: Echo from the demo provider. This is what reached me: plain call"
    );
    assert_eq!(
        lines[1],
        "stream: 12 chunks: Echo from the demo provider. This is what reached me: streamed call"
    );
    assert_eq!(lines[2], "embeddings: 2 8");
    assert_eq!(lines[3], "models: echo-1,gpt-4o,gpt-4o-mini");
    assert_eq!(lines[4], "error: 401 invalid_api_key");
}

/// The line after the first line containing `heading`.
fn line_after(banner: &str, heading: &str) -> String {
    banner
        .lines()
        .skip_while(|l| !l.contains(heading))
        .nth(1)
        .expect("a command under the heading")
        .trim()
        .to_owned()
}

#[test]
fn the_printed_audit_commands_show_the_trail_while_the_demo_runs() {
    let (gw, banner) = start_demo(&[]);
    run_shell(&printed_command(&banner, "Try it with curl"));

    let tail = line_after(&banner, "Show the audit trail while the demo runs");
    assert!(tail.contains(" audit tail "), "{tail}");
    let out = run_shell(&tail);
    let records: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    // Decrypted through the demo's admin API: the request's content is there, with the
    // IBAN as the provider received it (masked), never the original.
    assert!(
        records
            .iter()
            .any(|r| r.to_string().contains("Refund IBAN <IBAN_CODE>")),
        "no decrypted request record in:\n{out}"
    );
    assert!(!out.contains("DE89370400440532013000"), "{out}");
    assert!(gw.path().join("ledgergate-data/demo.toml").is_file());

    let verify = run_shell(&line_after(&banner, "Verify the whole chain"));
    assert!(verify.contains("OK"), "{verify}");
}
