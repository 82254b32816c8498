//! Helpers for the vault tests: a gateway with the admin API on, admin calls, chat calls.
#![allow(dead_code)]

use std::time::Duration;

use serde_json::{json, Value};

use crate::common::{self, TestGateway};

/// The admin token every vault test gateway runs with.
pub const ADMIN_TOKEN: &str = "admin-token-for-tests-0123456789";

pub const ADMIN_SECTION: &str = r#"
[admin]
listen = "127.0.0.1:0"
token_env = "TEST_ADMIN_TOKEN"
"#;

/// The test config for `upstream` with the admin API on.
pub fn admin_config(upstream: &str) -> String {
    common::config_for(upstream, ADMIN_SECTION)
}

pub fn serve_args(dir: &std::path::Path) -> Vec<String> {
    vec![
        "serve".into(),
        "--config".into(),
        dir.join("ledgergate.toml").to_str().unwrap().into(),
        "--data-dir".into(),
        dir.join("data").to_str().unwrap().into(),
    ]
}

/// Starts a gateway on `config` in a fresh directory, with the admin token set.
pub fn start(config: &str, env: &[(&str, &str)]) -> TestGateway {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ledgergate.toml"), config).unwrap();
    start_in(dir, env)
}

/// Starts a gateway in `dir` (which holds `ledgergate.toml` and maybe `data/`).
pub fn start_in(dir: tempfile::TempDir, env: &[(&str, &str)]) -> TestGateway {
    start_in_with(dir, env, &[])
}

/// As [`start_in`], with `extra` arguments after `serve`'s (e.g. `--accept-damage`).
pub fn start_in_with(dir: tempfile::TempDir, env: &[(&str, &str)], extra: &[&str]) -> TestGateway {
    let args = serve_args(dir.path());
    let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
    args.extend_from_slice(extra);
    let mut env = env.to_vec();
    if !env.iter().any(|(k, _)| *k == "TEST_ADMIN_TOKEN") {
        env.push(("TEST_ADMIN_TOKEN", ADMIN_TOKEN));
    }
    TestGateway::spawn(&args, dir, &env)
}

/// Stops the gateway cleanly (SIGTERM) and hands back its directory for a restart.
pub async fn stop(gw: TestGateway) -> tempfile::TempDir {
    stop_with_output(gw).await.0
}

/// As [`stop`], also returning everything the gateway wrote to stdout and stderr.
pub async fn stop_with_output(mut gw: TestGateway) -> (tempfile::TempDir, String) {
    // A served request proves the signal handlers are installed.
    let health = common::http()
        .get(format!("{}/healthz", gw.url))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    gw.sigterm();
    assert_eq!(gw.wait_exit(Duration::from_secs(20)), Some(0));
    // The reader threads finish once the process has exited and its pipes closed.
    std::thread::sleep(Duration::from_millis(100));
    let output = gw.output();
    (
        std::mem::replace(&mut gw.dir, tempfile::tempdir().unwrap()),
        output,
    )
}

/// The admin API's base URL, from the line the gateway printed.
pub fn admin_url(gw: &TestGateway) -> String {
    gw.output()
        .lines()
        .find_map(|l| l.strip_prefix("ledgergate admin API listening on "))
        .map(|u| u.trim().to_owned())
        .expect("the admin API is listening")
}

/// Calls the admin API with the admin token; returns (status, JSON body).
pub async fn admin(
    gw: &TestGateway,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    admin_with(gw, Some(ADMIN_TOKEN), method, path, body).await
}

pub async fn admin_with(
    gw: &TestGateway,
    token: Option<&str>,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    admin_call(gw, token, false, method, path, body).await
}

/// Calls the admin API with `token` and, when `proof`, the master-key proof the CLI
/// sends; returns (status, JSON body, or the body as a string when it is not JSON).
pub async fn admin_call(
    gw: &TestGateway,
    token: Option<&str>,
    proof: bool,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = common::http().request(method, format!("{}{path}", admin_url(gw)));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if proof {
        let master =
            ledgergate::vault::master_key::MasterKey::from_hex(common::MASTER_KEY, "test").unwrap();
        let proof = ledgergate::audit::crypto::access_proof(&master).unwrap();
        request = request.header(ledgergate::server::AUDIT_PROOF_HEADER, proof.as_str());
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// Creates a virtual key through the admin API; returns its secret.
pub async fn create_key(gw: &TestGateway, body: Value) -> String {
    let (status, created) = admin(
        gw,
        reqwest::Method::POST,
        "/admin/v1/virtual-keys",
        Some(body),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    created["key"].as_str().unwrap().to_owned()
}

/// A chat request with `key` for `model`; returns (status, JSON body).
pub async fn chat(gw: &TestGateway, key: &str, model: &str) -> (u16, Value) {
    let response = common::http()
        .post(format!("{}/v1/chat/completions", gw.url))
        .bearer_auth(key)
        .json(&json!({"model": model, "messages": [{"role": "user", "content": "hello"}]}))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// Runs `ledgergate keys ARGS` with the admin token and master key set, `env` added and
/// `stdin` piped in; returns (exit code, stdout, stderr).
pub fn keys(args: &[&str], env: &[(&str, &str)], stdin: &str) -> (i32, String, String) {
    ledgergate(&[&["keys"], args].concat(), env, stdin)
}

/// Runs `ledgergate ARGS` with the admin token and master key set, `env` added and
/// `stdin` piped in; returns (exit code, stdout, stderr).
pub fn ledgergate(args: &[&str], env: &[(&str, &str)], stdin: &str) -> (i32, String, String) {
    use std::io::Write;
    use std::process::Stdio;
    let mut command = common::ledgergate_command();
    command
        .args(args)
        .env("TEST_ADMIN_TOKEN", ADMIN_TOKEN)
        .env("LEDGERGATE_MASTER_KEY", common::MASTER_KEY)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The path of the gateway's config file.
pub fn config_path(gw: &TestGateway) -> String {
    gw.path()
        .join("ledgergate.toml")
        .to_str()
        .unwrap()
        .to_owned()
}

/// `ledgergate audit|report ARGS --config C --data-dir D --admin-url U` with the admin
/// token set.
pub fn through_admin(gw: &TestGateway, args: &[&str]) -> (i32, String, String) {
    let config = config_path(gw);
    let data = gw.data_dir().to_str().unwrap().to_owned();
    let url = admin_url(gw);
    let args = [
        args,
        &[
            "--config",
            &config,
            "--data-dir",
            &data,
            "--admin-url",
            &url,
        ],
    ]
    .concat();
    ledgergate(&args, &[], "")
}
