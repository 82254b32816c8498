//! Secure defaults, through the binary and HTTP: what the gateway refuses to start with
//! (a client listener beyond loopback without TLS, plain `http://` to a provider beyond
//! loopback, a short admin token, a reserved tenant id), what never reaches a client
//! (a provider's 401/403 body, which may quote the gateway's own key; the audit log's
//! global sequence number), and vault records edited in a stopped gateway's store,
//! which no longer grant anything. The hot-reload case of a plaintext provider lives
//! with the other reload tests in `config_reload.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;
mod vault_support;

use std::path::Path;
use std::time::{Duration, Instant};

use common::native::Script;
use common::{anthropic, azure, config_for, gemini, Behaviour, TestGateway, TestUpstream};
use serde_json::{json, Value};

/// Runs `ledgergate serve` on `config` in a fresh directory and expects it to refuse:
/// returns (exit code, stdout + stderr, the directory). Fails the test if the gateway
/// starts instead.
fn refused_serve(
    config: &str,
    env: &[(&str, &str)],
    extra: &[&str],
) -> (i32, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ledgergate.toml");
    std::fs::write(&file, config).unwrap();
    let data = dir.path().join("data");
    let args = [
        &[
            "serve",
            "--config",
            file.to_str().unwrap(),
            "--data-dir",
            data.to_str().unwrap(),
        ],
        extra,
    ]
    .concat();
    let mut child = common::gateway_command(&args, dir.path(), env)
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the gateway started instead of refusing: {config}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text, dir)
}

/// 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

fn nothing_created(dir: &Path) {
    assert!(
        !dir.join("data").exists(),
        "a refused start creates nothing"
    );
}

#[test]
fn a_client_listener_beyond_loopback_without_tls_is_refused_at_start() {
    let base = config_for("http://127.0.0.1:9/v1", "");
    for (config, extra) in [
        (
            base.replace("listen = \"127.0.0.1:0\"", "listen = \"0.0.0.0:0\""),
            vec![],
        ),
        (
            base.replace("listen = \"127.0.0.1:0\"", "listen = \"[::]:0\""),
            vec![],
        ),
        // --listen overrides a loopback config: checked after the override.
        (base.clone(), vec!["--listen", "0.0.0.0:0"]),
    ] {
        let (code, out, dir) = refused_serve(&config, &[], &extra);
        assert_eq!(code, 2, "{out}");
        assert!(
            out.contains("is not a loopback address and no TLS is configured"),
            "{out}"
        );
        assert!(out.contains("server.allow_plaintext = true"), "{out}");
        assert!(!out.contains("listening on"), "{out}");
        assert_eq!(out.trim().lines().count(), 1, "one clear sentence: {out}");
        nothing_created(dir.path());
    }
}

#[tokio::test]
async fn plain_http_to_a_provider_beyond_loopback_is_refused_unless_the_provider_allows_it() {
    let url = "http://10.255.255.1:8000/v1";
    let config = config_for(url, "");
    let (code, out, dir) = refused_serve(&config, &[], &[]);
    assert_eq!(code, 2, "{out}");
    let line = line_of(&config, "base_url");
    assert!(
        out.contains(&format!(
            "ledgergate.toml:{line}:12: base_url \"{url}\" of provider \"test-openai\" is plain http:// to a host beyond loopback"
        )),
        "{out}"
    );
    assert!(out.contains("allow_plaintext = true"), "{out}");
    nothing_created(dir.path());

    // The provider's own opt-in (a model server on a trusted network) is honoured.
    let allowed = config.replace(
        &format!("base_url = \"{url}\"\n"),
        &format!("base_url = \"{url}\"\nallow_plaintext = true\n"),
    );
    let gw = TestGateway::start(&allowed);
    let health = common::http()
        .get(format!("{}/healthz", gw.url))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    // ...and said out loud at start.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !gw
        .output()
        .contains("provider reached over plain HTTP beyond loopback")
    {
        assert!(Instant::now() < deadline, "no warning: {}", gw.output());
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn an_admin_token_shorter_than_32_characters_is_refused_naming_the_variable_never_the_value() {
    let config = config_for("http://127.0.0.1:9/v1", vault_support::ADMIN_SECTION);
    let short = "Sh0rt-admin-secret-31-characters";
    let short = &short[..31];
    let (code, out, dir) = refused_serve(&config, &[("TEST_ADMIN_TOKEN", short)], &[]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("environment variable TEST_ADMIN_TOKEN"),
        "{out}"
    );
    assert!(out.contains("is shorter than 32 characters"), "{out}");
    assert!(!out.contains(short) && !out.contains(&short[..12]), "{out}");
    nothing_created(dir.path());
}

#[tokio::test]
async fn an_admin_token_of_32_characters_turns_the_admin_api_on() {
    assert_eq!(vault_support::ADMIN_TOKEN.chars().count(), 32);
    let upstream = TestUpstream::openai().await;
    let gw = vault_support::start(&vault_support::admin_config(&upstream.base_url()), &[]);
    let (status, _) =
        vault_support::admin(&gw, reqwest::Method::GET, "/admin/v1/virtual-keys", None).await;
    assert_eq!(status, 200);
}

#[test]
fn reserved_tenant_ids_are_refused_at_load() {
    for id in ["system", "SYSTEM"] {
        let config = config_for("http://127.0.0.1:9/v1", "")
            .replace("id = \"acme\"", &format!("id = \"{id}\""));
        let (code, out, dir) = refused_serve(&config, &[], &[]);
        assert_eq!(code, 2, "{out}");
        let line = line_of(&config, &format!("id = \"{id}\""));
        assert!(
            out.contains(&format!(
                "ledgergate.toml:{line}:6: tenant id \"{id}\" is reserved for the gateway's own records"
            )),
            "{out}"
        );
        nothing_created(dir.path());
    }
}

// ---- upstream 401/403 bodies ----

/// OpenAI's real 401 body quotes the start and end of the key it was sent.
const OPENAI_401: &str = "Incorrect API key provided: sk-test-***************************4242. You can find your API key at https://platform.openai.com/account/api-keys.";

/// What must never reach a client, a log line or an audit record.
const LEAKS: &[&str] = &[
    "Incorrect API key",
    "sk-test-*",
    "sk-ant-api03",
    "AIzaSy",
    "invalid subscription key",
    "API key not valid",
];

fn assert_no_leak(what: &str, text: &str) {
    for leak in LEAKS {
        assert!(!text.contains(leak), "{what} holds {leak:?}: {text}");
    }
}

/// Sends a chat request (`stream` or not) and returns (status, body text).
async fn ask(gw: &TestGateway, model: &str, stream: bool) -> (u16, String) {
    let response = common::post_json(
        gw,
        "/v1/chat/completions",
        &json!({"model": model, "stream": stream, "messages": [{"role": "user", "content": "hello"}]}).to_string(),
    )
    .await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// "hello" through the Anthropic-shaped ingress, as Anthropic's SDKs send it.
async fn anthropic_hello(gw: &TestGateway) -> reqwest::Response {
    let body = json!({"model": "gpt-4o-mini", "max_tokens": 16,
                      "messages": [{"role": "user", "content": "hello"}]});
    common::http()
        .post(format!("{}/v1/messages", gw.url))
        .header("x-api-key", common::CLIENT_KEY)
        .header("anthropic-version", "2023-06-01")
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// The gateway's own 502 in OpenAI's shape, naming the provider, quoting nothing of it.
fn assert_rejected(provider: &str, status: u16, body: &str) {
    assert_eq!(status, 502, "{body}");
    let error: Value = serde_json::from_str(body).unwrap();
    assert_eq!(
        error["error"]["code"], "upstream_credentials_rejected",
        "{body}"
    );
    assert_eq!(error["error"]["type"], "upstream_error", "{body}");
    let message = error["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with(&format!(
            "Provider \"{provider}\" rejected the gateway's credentials"
        )),
        "{message}"
    );
    assert_no_leak("the client's answer", body);
}

/// Stops the gateway and checks its output and every audit record for the body.
fn assert_nothing_kept(mut gw: TestGateway) {
    gw.sigterm();
    assert_eq!(gw.wait_exit(Duration::from_secs(20)), Some(0));
    std::thread::sleep(Duration::from_millis(100));
    assert_no_leak("the gateway's log", &gw.output());
    let (code, out, err) = common::cli(&[
        "audit",
        "tail",
        "-n",
        "100000",
        "--data-dir",
        gw.data_dir().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("\"status\":502"),
        "the failure is audited: {out}"
    );
    assert_no_leak("the audit log", &out);
}

#[tokio::test]
async fn an_openai_401_body_never_reaches_the_client_json_stream_or_messages() {
    let upstream = TestUpstream::with(Behaviour::Fail(401, OPENAI_401)).await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    for stream in [false, true] {
        let (status, body) = ask(&gw, "gpt-4o-mini", stream).await;
        assert_rejected("test-openai", status, &body);
    }
    // The Anthropic-shaped ingress answers in its own shape, quoting nothing either.
    let response = anthropic_hello(&gw).await;
    assert_eq!(response.status(), 502);
    let body = response.text().await.unwrap();
    assert!(
        body.contains("rejected the gateway's credentials"),
        "{body}"
    );
    assert_no_leak("the /v1/messages answer", &body);
    assert_eq!(upstream.requests(), 3, "each request reached the provider");
    assert_nothing_kept(gw);
}

#[tokio::test]
async fn native_adapters_replace_401_and_403_bodies_too() {
    let cases: Vec<(&str, &str, u16, Value)> = vec![
        (
            "anthropic",
            anthropic::MODEL,
            401,
            json!({"type": "error", "error": {"type": "authentication_error", "message": "invalid x-api-key sk-ant-api03-...abcd"}}),
        ),
        (
            "azure",
            azure::MODEL,
            401,
            json!({"error": {"code": "401", "message": "Access denied due to invalid subscription key or wrong API endpoint."}}),
        ),
        (
            "gemini",
            gemini::MODEL,
            403,
            json!({"error": {"code": 403, "message": "Permission denied: API key AIzaSy...abcd has no access", "status": "PERMISSION_DENIED"}}),
        ),
        // Google answers a bad key with 400, not 401.
        (
            "gemini",
            gemini::MODEL,
            400,
            json!({"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.", "status": "INVALID_ARGUMENT",
                             "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID", "domain": "googleapis.com"}]}}),
        ),
    ];
    for (kind, model, status, body) in cases {
        let script = Script::Json(status, body);
        let (upstream, toml) = match kind {
            "anthropic" => {
                let u = anthropic::start(script).await;
                let t = anthropic::provider_toml(&u);
                (u, t)
            }
            "azure" => {
                let u = azure::start(script).await;
                let t = azure::provider_toml(&u);
                (u, t)
            }
            _ => {
                let u = gemini::start(script).await;
                let t = gemini::provider_toml(&u);
                (u, t)
            }
        };
        // The placeholder OpenAI provider serves nothing the native one does, so the
        // router has nowhere to fail over to.
        let config = config_for("http://127.0.0.1:9/v1", &toml)
            .replace(
                "models = [\"gpt-4o-mini\", \"text-embedding-3-small\"]",
                "models = [\"text-embedding-3-small\"]",
            )
            .replace(
                "fast = \"gpt-4o-mini\"",
                "fast = \"text-embedding-3-small\"",
            );
        let gw = TestGateway::start(&config);
        for stream in [false, true] {
            let (got, text) = ask(&gw, model, stream).await;
            assert_rejected(&format!("test-{kind}"), got, &text);
        }
        assert_eq!(
            upstream.state.received.lock().unwrap().len(),
            2,
            "{kind}: both requests reached the provider"
        );
        assert_nothing_kept(gw);
    }
}

#[tokio::test]
async fn a_provider_that_rejects_the_gateways_key_is_failed_over() {
    let rejecting = TestUpstream::with(Behaviour::Fail(401, OPENAI_401)).await;
    let backup = TestUpstream::openai().await;
    let second = format!(
        "\n[[providers]]\nname = \"backup\"\nkind = \"openai\"\nbase_url = \"{}\"\napi_key_env = \"TEST_PROVIDER_KEY\"\nmodels = [\"gpt-4o-mini\"]\n",
        backup.base_url()
    );
    let gw = TestGateway::start(&config_for(&rejecting.base_url(), &second));
    let (status, body) = ask(&gw, "gpt-4o-mini", false).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("reply to: hello"), "{body}");
    assert_eq!((rejecting.requests(), backup.requests()), (1, 1));
    assert_no_leak("the gateway's log", &gw.output());
}

// ---- no global counters in client headers ----

fn ledgergate_headers(headers: &reqwest::header::HeaderMap) -> Vec<String> {
    let mut names: Vec<String> = headers
        .keys()
        .map(|k| k.as_str().to_owned())
        .filter(|k| k.starts_with("x-ledgergate-"))
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn answers_carry_the_request_id_and_no_global_sequence_number() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let bodies = [
        json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hello"}]}),
        json!({"model": "gpt-4o-mini", "stream": true, "messages": [{"role": "user", "content": "hello"}]}),
        // Refused by policy (a secret), audited.
        json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "key AKIAIOSFODNN7EXAMPLE"}]}),
        json!({"model": "no-such-model", "messages": [{"role": "user", "content": "hello"}]}),
    ];
    let mut statuses = Vec::new();
    for body in bodies {
        let response = common::post_json(&gw, "/v1/chat/completions", &body.to_string()).await;
        statuses.push(response.status().as_u16());
        assert_eq!(
            ledgergate_headers(response.headers()),
            ["x-ledgergate-request-id"],
            "{body}"
        );
        response.text().await.unwrap();
    }
    assert_eq!(statuses, [200, 200, 403, 404]);

    // The other routes a client uses, Anthropic's ingress included.
    let embeddings = common::post_json(
        &gw,
        "/v1/embeddings",
        r#"{"model":"text-embedding-3-small","input":"hello"}"#,
    )
    .await;
    let messages = anthropic_hello(&gw).await;
    let models = common::http()
        .get(format!("{}/v1/models", gw.url))
        .bearer_auth(common::CLIENT_KEY)
        .send()
        .await
        .unwrap();
    for response in [embeddings, messages, models] {
        assert_eq!(response.status(), 200, "{}", response.url());
        assert_eq!(
            ledgergate_headers(response.headers()),
            ["x-ledgergate-request-id"],
            "{}",
            response.url()
        );
    }
}

// ---- vault records ----

/// Rewrites one sled record of a stopped gateway's vault with `edit`.
fn edit_record(data: &Path, tree: &str, id: &str, edit: impl Fn(&[u8]) -> Vec<u8>) {
    let db = sled::open(data.join("vault")).unwrap();
    let tree = db.open_tree(tree).unwrap();
    let stored = tree
        .get(id)
        .unwrap()
        .unwrap_or_else(|| panic!("no record {id}"));
    tree.insert(id, edit(&stored)).unwrap();
    db.flush().unwrap();
}

/// Replaces `from` by `to` (same length or not) anywhere in the bytes.
fn replace_bytes(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    let at = bytes
        .windows(from.len())
        .position(|w| w == from.as_bytes())
        .unwrap_or_else(|| panic!("{from} not in the record"));
    [&bytes[..at], to.as_bytes(), &bytes[at + from.len()..]].concat()
}

#[tokio::test]
async fn a_virtual_key_record_edited_in_a_stopped_gateway_no_longer_works() {
    let upstream = TestUpstream::openai().await;
    let config = vault_support::admin_config(&upstream.base_url());
    let config = config.replace(
        "[[tenants]]\nid = \"acme\"",
        "[[tenants]]\nid = \"zeta\"\npolicy = \"default\"\n\n[[tenants]]\nid = \"acme\"",
    );
    let gw = vault_support::start(&config, &[]);
    let scoped = json!({"id": "scoped", "tenant": "acme", "models": ["text-embedding-3-small"], "rate_limit_rpm": 1});
    let scoped_key = vault_support::create_key(&gw, scoped).await;
    let moved_key = vault_support::create_key(&gw, json!({"id": "moved", "tenant": "acme"})).await;
    let plain_key = vault_support::create_key(&gw, json!({"id": "plain", "tenant": "acme"})).await;
    let control = vault_support::create_key(&gw, json!({"id": "control", "tenant": "acme"})).await;
    assert_eq!(
        vault_support::chat(&gw, &moved_key, "gpt-4o-mini").await.0,
        200
    );
    assert_eq!(
        vault_support::chat(&gw, &scoped_key, "gpt-4o-mini").await.0,
        403
    );
    let dir = vault_support::stop(gw).await;

    let data = dir.path().join("data");
    // Widened scope and lifted limit, kept tag.
    edit_record(&data, "virtual_keys", "scoped", |r| {
        let r = replace_bytes(r, "[\"text-embedding-3-small\"]", "[]");
        replace_bytes(&r, "\"rate_limit_rpm\":1", "\"rate_limit_rpm\":null")
    });
    // Moved to another tenant, kept tag.
    edit_record(&data, "virtual_keys", "moved", |r| {
        replace_bytes(r, "\"acme\"", "\"zeta\"")
    });
    // The tag stripped: plain JSON, as the previous version wrote it.
    edit_record(&data, "virtual_keys", "plain", |r| {
        let at = r.iter().position(|b| *b == b'{').unwrap();
        r[at..].to_vec()
    });

    let gw = vault_support::start_in(dir, &[]);
    for (key, id) in [
        (&scoped_key, "scoped"),
        (&moved_key, "moved"),
        (&plain_key, "plain"),
    ] {
        let (status, body) = vault_support::chat(&gw, key, "gpt-4o-mini").await;
        assert_eq!(status, 401, "{id}: {body}");
        assert_eq!(body["error"]["code"], "invalid_api_key", "{body}");
    }
    assert_eq!(
        vault_support::chat(&gw, &control, "gpt-4o-mini").await.0,
        200
    );
    let output = gw.output();
    for id in ["scoped", "moved", "plain"] {
        assert!(
            output
                .lines()
                .any(|l| l.contains("failed authentication") && l.contains(id)),
            "the refusal of {id} is logged: {output}"
        );
    }
    for secret in [&scoped_key, &moved_key, &plain_key, &control] {
        assert!(!output.contains(secret.as_str()), "a key secret in the log");
    }
    // The edited records can still be revoked, and then the list is whole again.
    for id in ["scoped", "moved", "plain"] {
        let (status, body) = vault_support::admin(
            &gw,
            reqwest::Method::DELETE,
            &format!("/admin/v1/virtual-keys/{id}"),
            None,
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, list) =
        vault_support::admin(&gw, reqwest::Method::GET, "/admin/v1/virtual-keys", None).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["data"].as_array().unwrap().len(), 1, "{list}");
}

#[tokio::test]
async fn a_provider_key_record_edited_in_a_stopped_gateway_is_not_used() {
    let upstream = TestUpstream::openai().await;
    let gw = vault_support::start(&vault_support::admin_config(&upstream.base_url()), &[]);
    let vaulted = "sk-vaulted-provider-key-7d1c";
    let (status, body) = vault_support::admin(
        &gw,
        reqwest::Method::PUT,
        "/admin/v1/provider-keys/test-openai",
        Some(json!({"key": vaulted})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        vault_support::chat(&gw, common::CLIENT_KEY, "gpt-4o-mini")
            .await
            .0,
        200
    );
    let dir = vault_support::stop(gw).await;
    edit_record(
        &dir.path().join("data"),
        "provider_keys",
        "test-openai",
        |r| replace_bytes(r, "\"version\":1", "\"version\":9"),
    );
    let gw = vault_support::start_in(dir, &[]);
    let (status, body) = vault_support::chat(&gw, common::CLIENT_KEY, "gpt-4o-mini").await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(
        upstream.requests(),
        1,
        "nothing was sent with an unauthenticated key"
    );
    // The warning is written to stderr, read on a thread of its own: it may land after
    // the answer reached this test.
    let output = gw.output_with("failed authentication", std::time::Duration::from_secs(10));
    assert!(output.contains("failed authentication"), "{output}");
    assert!(!output.contains(vaulted), "{output}");
}
