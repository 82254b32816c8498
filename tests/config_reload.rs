//! Hot reload of the config file's pricing table and tenant limits, on SIGHUP and on a
//! change to the file: a valid file takes effect (audited with its hash before the
//! first answer priced with it), a broken one keeps the old table and limits in force
//! (audited as a failure), and the gateway serves throughout.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;
mod vault_support;

use std::time::{Duration, Instant};

use common::{config_for, post_json, TestGateway, TestUpstream};
use serde_json::Value;
use vault_support::{admin_url, ledgergate, start, ADMIN_SECTION};

const ASK: &str = r#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hello"}]}"#;

fn pricing(input: f64, output: f64) -> String {
    format!("[[pricing]]\nmodel = \"gpt-4o-mini\"\ninput_per_million = {input}\noutput_per_million = {output}\ncurrency = \"EUR\"\n")
}

/// Every record of the log, decrypted through the running gateway's admin API (the
/// CLI reads its admin settings from a copy of the first config: the test breaks the
/// gateway's own file on purpose).
fn records(gw: &TestGateway) -> Vec<Value> {
    let cli_config = gw.path().join("cli.toml");
    if !cli_config.exists() {
        std::fs::copy(gw.path().join("ledgergate.toml"), &cli_config).unwrap();
    }
    let (code, out, err) = ledgergate(
        &[
            "audit",
            "tail",
            "-n",
            "100000",
            "--data-dir",
            gw.data_dir().to_str().unwrap(),
            "--config",
            cli_config.to_str().unwrap(),
            "--admin-url",
            &admin_url(gw),
        ],
        &[],
        "",
    );
    assert_eq!(code, 0, "{err}");
    out.lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["record"].clone())
        .collect()
}

fn reloads(gw: &TestGateway) -> Vec<Value> {
    records(gw)
        .into_iter()
        .filter(|r| r["event"]["action"] == "config_reloaded")
        .map(|r| r["event"]["detail"].clone())
        .collect()
}

/// Cost in micros of the answer to one request.
async fn cost_of_one_answer(gw: &TestGateway) -> Value {
    let response = post_json(gw, "/v1/chat/completions", ASK).await;
    assert_eq!(response.status(), 200);
    let lines = records(gw);
    lines
        .iter()
        .rev()
        .find(|r| r["kind"] == "response")
        .map(|r| r["cost"]["micros"].clone())
        .unwrap_or_else(|| panic!("no response record in {lines:?}"))
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !done() {
        assert!(Instant::now() < deadline, "{what} never happened");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[tokio::test]
async fn pricing_reloads_on_sighup_and_a_broken_file_keeps_the_old_table() {
    let upstream = TestUpstream::openai().await;
    let config = format!("{ADMIN_SECTION}{}", pricing(1000.0, 2000.0));
    let gw = start(&config_for(&upstream.base_url(), &config), &[]);
    let file = gw.path().join("ledgergate.toml");
    // The test upstream reports 9 prompt and 3 completion tokens.
    assert_eq!(cost_of_one_answer(&gw).await, 15000);

    let doubled = config_for(
        &upstream.base_url(),
        &format!("{ADMIN_SECTION}{}", pricing(2000.0, 4000.0)),
    );
    std::fs::write(&file, &doubled).unwrap();
    gw.sighup();
    wait_until("the reload record", || !reloads(&gw).is_empty());
    let first = reloads(&gw).remove(0);
    assert_eq!(first["result"], "ok", "{first}");
    assert_eq!(first["pricing_changed"], true);
    assert_eq!(first["limits_changed"], false);
    assert_eq!(first["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(cost_of_one_answer(&gw).await, 30000);

    // A broken file: refused whole, audited, the doubled prices stay.
    std::fs::write(
        &file,
        doubled.replace("input_per_million = 2000", "input_per_million = -1"),
    )
    .unwrap();
    gw.sighup();
    wait_until("the failed reload record", || reloads(&gw).len() == 2);
    let failed = reloads(&gw).remove(1);
    assert_eq!(failed["result"], "failed", "{failed}");
    assert!(
        failed["error"]
            .as_str()
            .unwrap()
            .contains("ledgergate.toml:"),
        "{failed}"
    );
    assert_eq!(cost_of_one_answer(&gw).await, 30000);
}

#[tokio::test]
async fn tenant_limits_reload_when_the_file_changes() {
    let upstream = TestUpstream::openai().await;
    let gw = start(&config_for(&upstream.base_url(), ADMIN_SECTION), &[]);
    let file = gw.path().join("ledgergate.toml");
    for _ in 0..3 {
        assert_eq!(
            post_json(&gw, "/v1/chat/completions", ASK).await.status(),
            200
        );
    }
    // The same config with a limit of one request a minute for the tenant; written
    // to a temporary file and renamed over the old one, as editors and config
    // management do.
    let limited = config_for(&upstream.base_url(), ADMIN_SECTION).replace(
        "policy = \"default\"\n",
        "policy = \"default\"\n\n[tenants.limits]\nrpm = 1\n",
    );
    assert!(limited.contains("[tenants.limits]"));
    let tmp = gw.path().join("ledgergate.toml.new");
    std::fs::write(&tmp, &limited).unwrap();
    std::fs::rename(&tmp, &file).unwrap();
    wait_until("the reload record", || !reloads(&gw).is_empty());
    let detail = reloads(&gw).remove(0);
    assert_eq!(detail["limits_changed"], true, "{detail}");
    assert_eq!(detail["pricing_changed"], false, "{detail}");
    let statuses = [
        post_json(&gw, "/v1/chat/completions", ASK)
            .await
            .status()
            .as_u16(),
        post_json(&gw, "/v1/chat/completions", ASK)
            .await
            .status()
            .as_u16(),
    ];
    assert_eq!(statuses, [200, 429]);
}

#[tokio::test]
async fn a_reload_that_adds_plain_http_to_a_provider_beyond_loopback_keeps_the_old_config() {
    let upstream = TestUpstream::openai().await;
    let config = format!("{ADMIN_SECTION}{}", pricing(1000.0, 2000.0));
    let gw = start(&config_for(&upstream.base_url(), &config), &[]);
    let file = gw.path().join("ledgergate.toml");
    assert_eq!(cost_of_one_answer(&gw).await, 15000);

    // New prices, and a second provider reached in clear beyond loopback.
    let plaintext = "\n[[providers]]\nname = \"lan-vllm\"\nkind = \"openai\"\nbase_url = \"http://10.255.255.1:8000/v1\"\nmodels = [\"llama\"]\n";
    let text = config_for(
        &upstream.base_url(),
        &format!("{ADMIN_SECTION}{}{plaintext}", pricing(2000.0, 4000.0)),
    );
    std::fs::write(&file, &text).unwrap();
    gw.sighup();
    wait_until("the failed reload record", || !reloads(&gw).is_empty());
    let failed = reloads(&gw).remove(0);
    assert_eq!(failed["result"], "failed", "{failed}");
    let line = text
        .lines()
        .position(|l| l.contains("10.255.255.1"))
        .unwrap()
        + 1;
    let error = failed["error"].as_str().unwrap();
    assert!(
        error.contains(&format!("ledgergate.toml:{line}:12: base_url \"http://10.255.255.1:8000/v1\" of provider \"lan-vllm\" is plain http://")),
        "{failed}"
    );
    // The old prices stay in force.
    assert_eq!(cost_of_one_answer(&gw).await, 15000);
}
