//! The console in a real browser (headless Chromium through chromedriver): an auditor
//! signs in, filters by entity, opens a record, sees the chain verified, proves a
//! record, draws the summaries and exports a bundle that the CLI verifies; a tampered
//! bundle under `audit view` shows "not verified" at the seq `verify-bundle` names; a
//! missing or wrong token gets the login view and never data.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;
mod console_support;
mod vault_support;

use console_support::browser::Browser;
use console_support::*;
use serde_json::Value;

fn console_url(gw: &common::TestGateway) -> String {
    format!("{}/console", vault_support::admin_url(gw))
}

/// A console gateway after `traffic(with_email, without)`, and a browser on its login view.
async fn login_view(
    with_email: usize,
    without: usize,
) -> (common::TestUpstream, common::TestGateway, Browser) {
    let (upstream, gw) = start_console().await;
    traffic(&gw, with_email, without).await;
    let browser = Browser::start().await;
    browser.goto(&console_url(&gw)).await;
    browser.wait_for(&shown("login"), "the login view").await;
    (upstream, gw, browser)
}

/// `audit view BUNDLE` on a loopback port of its own.
fn audit_view(bundle: &std::path::Path) -> common::TestGateway {
    let args = [
        "audit",
        "view",
        bundle.to_str().unwrap(),
        "--listen",
        "127.0.0.1:0",
    ];
    common::TestGateway::spawn(&args, tempfile::tempdir().unwrap(), &[])
}

/// Waits until the chain status says verified (or not, when `verified` is false).
async fn wait_chain(browser: &Browser, verified: bool, what: &str) {
    let expr = format!("document.getElementById('chain-status').dataset.verified === '{verified}'");
    browser.wait_for(&expr, what).await;
}

/// Is the element `id` shown (not hidden by its own or an ancestor's `hidden`)?
fn shown(id: &str) -> String {
    format!("(() => {{ const e = document.getElementById('{id}'); return !!e && e.offsetParent !== null; }})()")
}

#[tokio::test]
async fn a_missing_or_wrong_token_gets_the_login_view_and_never_data() {
    let (_upstream, _gw, browser) = login_view(2, 0).await;
    assert_eq!(browser.eval(&shown("app")).await, Value::Bool(false));
    assert_eq!(
        browser.text("#login-error").await,
        "",
        "a first visit is no error"
    );
    browser
        .type_into("#token", "not-the-auditor-token-000000000000000")
        .await;
    browser.click("#login-btn").await;
    browser
        .wait_for(
            "document.getElementById('login-error').textContent.includes('not accepted')",
            "the refusal",
        )
        .await;
    assert_eq!(browser.eval(&shown("app")).await, Value::Bool(false));
    assert_eq!(
        browser
            .eval("document.querySelectorAll('#rows tr').length")
            .await,
        0
    );
    let text = browser.eval("document.body.innerText").await.to_string();
    assert!(
        !text.contains("EMAIL_ADDRESS") && !text.contains("acme"),
        "{text}"
    );
    assert_eq!(browser.eval("sessionStorage.length").await, 0);
    browser.close().await;
}

#[tokio::test]
async fn an_auditor_filters_by_entity_opens_a_record_sees_verified_and_exports_a_bundle() {
    let (_upstream, gw, browser) = login_view(3, 2).await;
    browser.screenshot("console-login.png").await;
    browser.type_into("#token", AUDITOR_TOKEN).await;
    browser.click("#login-btn").await;
    browser
        .wait_for(&shown("app"), "the console after sign-in")
        .await;
    wait_chain(&browser, true, "the chain verified").await;
    let status = browser.text("#chain-status").await;
    assert!(status.contains("Chain verified"), "{status}");
    // The token is kept in this tab's sessionStorage only: not in the URL, no cookie.
    let url = browser.client.current_url().await.unwrap().to_string();
    assert!(!url.contains(AUDITOR_TOKEN), "{url}");
    assert_eq!(
        browser.eval("document.cookie").await,
        Value::String(String::new())
    );
    assert_eq!(browser.eval("localStorage.length").await, 0);
    assert!(browser.text("#viewer").await.contains(AUDITOR_ID));

    browser
        .type_into("#filters input[name=entity]", "EMAIL_ADDRESS")
        .await;
    browser
        .choose("#filters select[name=kind]", "request")
        .await;
    browser.click("#apply").await;
    browser
        .wait_for(
            "document.getElementById('total').textContent === '3'",
            "three requests with an email address",
        )
        .await;
    let rows = browser
        .eval("[...document.querySelectorAll('#rows tr')].map(r => [r.dataset.seq, r.innerText])")
        .await;
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(
        rows.iter()
            .all(|r| r[1].as_str().unwrap().contains("EMAIL_ADDRESS")),
        "{rows:?}"
    );
    let seq = rows[0][0].as_str().unwrap().to_owned();
    assert!(
        rows[0][1].as_str().unwrap().starts_with(&seq),
        "each row carries its seq: {rows:?}"
    );

    browser.click("#rows tr").await;
    browser
        .wait_for(&shown("detail"), "the record's detail")
        .await;
    assert_eq!(browser.text("#detail-seq").await, seq);
    let detail = browser.text("#detail-body").await;
    for part in [
        "Detections and actions",
        "EMAIL_ADDRESS",
        "Policy id",
        "Version hash",
        "Residency",
    ] {
        assert!(
            detail.contains(part),
            "{part} missing from the detail:\n{detail}"
        );
    }
    assert!(!detail.contains("jane.doe"), "{detail}");
    browser.screenshot("console-timeline.png").await;

    browser.click("button[data-tab=export]").await;
    let (from, to) = whole_range();
    browser.type_into("#export-from", &from).await;
    browser.type_into("#export-to", &to).await;
    browser.click("#export-btn").await;
    let out = browser
        .wait_for(
            "document.getElementById('export-result').dataset.out",
            "the exported bundle's path",
        )
        .await;
    let out = out.as_str().unwrap().to_owned();
    let (code, stdout, stderr) =
        vault_support::ledgergate(&["audit", "verify-bundle", &out], &[], "");
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("OK: bundle"), "{stdout}");

    browser.click("button[data-tab=chain]").await;
    browser.type_into("#proof-seq", &seq).await;
    browser.click("#proof-btn").await;
    browser
        .wait_for(
            "document.getElementById('proof-result').textContent.includes('proof checked')",
            "the inclusion proof",
        )
        .await;
    browser.screenshot("console-chain.png").await;

    browser.click("button[data-tab=summary]").await;
    browser
        .wait_for("document.querySelectorAll('#chart-entities rect').length > 0 && document.querySelectorAll('#chart-time rect').length > 0", "the charts")
        .await;
    let entities = browser
        .eval("[...document.querySelectorAll('#chart-entities text')].map(t => t.textContent)")
        .await;
    assert!(entities.to_string().contains("EMAIL_ADDRESS"), "{entities}");
    browser.screenshot("console-summary.png").await;
    browser.close().await;

    let accesses = auditor_accesses(&gw);
    for what in ["session", "record", "proof", "export"] {
        assert!(
            accesses.contains(&(AUDITOR_ID.into(), what.into())),
            "{what}: {accesses:?}"
        );
    }
}

#[tokio::test]
async fn a_tampered_bundle_under_audit_view_shows_not_verified_at_the_first_bad_seq() {
    let (_upstream, gw) = start_console().await;
    traffic(&gw, 2, 1).await;
    let work = tempfile::tempdir().unwrap();
    let bundle = work.path().join("bundle");
    let (from, to) = whole_range();
    let (code, _, err) = vault_support::through_admin(
        &gw,
        &[
            "audit",
            "export",
            "--from",
            &from,
            "--to",
            &to,
            "--out",
            bundle.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");

    // The intact bundle first: verified.
    let view = audit_view(&bundle);
    let browser = Browser::start().await;
    browser.goto(&format!("{}/console", view.url)).await;
    wait_chain(&browser, true, "the intact bundle verified").await;
    assert_eq!(browser.eval(&shown("login")).await, Value::Bool(false));
    assert!(browser.text("#banner").await.contains("Read-only"));
    drop(view);

    // A copy with one byte flipped in one record's line.
    let tampered = work.path().join("tampered");
    common::copy_dir(&bundle, &tampered);
    let jsonl = std::fs::read_to_string(tampered.join("records.jsonl")).unwrap();
    let (line_no, line) = jsonl
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("\"kind\":\"request\"") && l.contains("gpt-4o-mini"))
        .expect("a request record in the bundle");
    let tampered_seq = serde_json::from_str::<Value>(line).unwrap()["seq"]
        .as_u64()
        .unwrap();
    let flipped: Vec<String> = jsonl
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == line_no {
                l.replacen("gpt-4o-mini", "gpt-4o-mxni", 1)
            } else {
                l.to_owned()
            }
        })
        .collect();
    std::fs::write(tampered.join("records.jsonl"), flipped.join("\n") + "\n").unwrap();
    let (code, stdout, _) = vault_support::ledgergate(
        &[
            "audit",
            "verify-bundle",
            tampered.to_str().unwrap(),
            "--json",
        ],
        &[],
        "",
    );
    assert_eq!(code, 1, "{stdout}");
    let cli: Value = serde_json::from_str(stdout.trim()).unwrap();
    let first_bad = cli["first_failure"]["seq"].as_u64().unwrap();

    let view = audit_view(&tampered);
    let out = view.output_with("NOT VERIFIED", std::time::Duration::from_secs(10));
    assert!(out.contains("NOT VERIFIED"), "{out}");
    browser.goto(&format!("{}/console", view.url)).await;
    wait_chain(&browser, false, "the tampered bundle not verified").await;
    let status = browser.text("#chain-status").await;
    assert!(status.contains("NOT VERIFIED"), "{status}");
    assert_eq!(
        browser
            .eval("document.getElementById('chain-status').dataset.firstBadSeq")
            .await,
        Value::String(first_bad.to_string()),
        "{status}"
    );
    assert!(status.contains(&format!("seq {first_bad}")), "{status}");
    browser.click("button[data-tab=chain]").await;
    let listed = browser
        .eval("[...document.querySelectorAll('#chain-failures li')].map(l => l.dataset.seq)")
        .await;
    assert!(
        listed
            .as_array()
            .unwrap()
            .contains(&Value::String(tampered_seq.to_string())),
        "the flipped record {tampered_seq} is among the problems: {listed}"
    );
    browser.screenshot("console-tampered.png").await;
    browser.close().await;
}
