//! `ledgergate keys`: virtual keys and provider keys through the running server's admin
//! API, provider key values from stdin only, and `rotate --master` offline.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;
mod vault_support;

use common::{TestUpstream, MASTER_KEY};
use vault_support::*;

const NEW_MASTER: &str = "4e45572d6d61737465722d6b65792d666f722d726f746174696f6e2d30313233";

fn config_path(gw: &common::TestGateway) -> String {
    gw.path()
        .join("ledgergate.toml")
        .to_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn keys_cli_adds_lists_and_revokes_virtual_keys() {
    let upstream = TestUpstream::openai().await;
    let gw = start(&admin_config(&upstream.base_url()), &[]);
    let url = admin_url(&gw);
    let config = config_path(&gw);
    let base = ["--config", config.as_str(), "--admin-url", url.as_str()];

    let args = [
        &base[..],
        &[
            "add",
            "--tenant",
            "acme",
            "--id",
            "app2",
            "--models",
            "gpt-4o-mini,fast",
        ],
    ]
    .concat();
    let (code, out, err) = keys(&args, &[], "");
    assert_eq!(code, 0, "{err}");
    let secret = out.lines().last().unwrap().trim().to_owned();
    assert!(secret.starts_with("lgk_"), "{out}");
    assert_eq!(chat(&gw, &secret, "gpt-4o-mini").await.0, 200);

    let (code, listed, err) = keys(&[&base[..], &["list"]].concat(), &[], "");
    assert_eq!(code, 0, "{err}");
    assert!(
        listed.contains("app2\tacme\tgpt-4o-mini,fast\tnever"),
        "{listed}"
    );
    assert!(!listed.contains(&secret));
    let (code, json_list, _) = keys(&[&base[..], &["list", "--json"]].concat(), &[], "");
    assert_eq!(code, 0);
    let parsed: serde_json::Value = serde_json::from_str(&json_list).unwrap();
    assert_eq!(parsed["virtual_keys"][0]["id"], "app2");

    let (code, out, err) = keys(&[&base[..], &["revoke", "--id", "app2"]].concat(), &[], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Revoked virtual key \"app2\""));
    assert_eq!(chat(&gw, &secret, "gpt-4o-mini").await.0, 401);
    let (code, _, err) = keys(&[&base[..], &["revoke", "--id", "app2"]].concat(), &[], "");
    assert_eq!(code, 2);
    assert!(err.contains("No virtual key has the id \"app2\""), "{err}");
}

#[tokio::test]
async fn keys_cli_takes_provider_keys_from_stdin_only() {
    let upstream = TestUpstream::openai().await;
    let gw = start(&admin_config(&upstream.base_url()), &[]);
    let url = admin_url(&gw);
    let base = ["--admin-url", url.as_str()];
    // Without --config the token comes from LEDGERGATE_ADMIN_TOKEN.
    let env = [("LEDGERGATE_ADMIN_TOKEN", ADMIN_TOKEN)];

    let (code, out, err) = keys(
        &[&base[..], &["add", "--provider", "test-openai"]].concat(),
        &env,
        "sk-cli-one\n",
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("version 1") && !out.contains("sk-cli-one"),
        "{out}"
    );
    assert_eq!(chat(&gw, common::CLIENT_KEY, "gpt-4o-mini").await.0, 200);
    assert_eq!(
        upstream.last_headers()["authorization"],
        "Bearer sk-cli-one"
    );

    let (code, _, err) = keys(
        &[&base[..], &["rotate", "--provider", "test-openai"]].concat(),
        &env,
        "sk-cli-two",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(chat(&gw, common::CLIENT_KEY, "gpt-4o-mini").await.0, 200);
    assert_eq!(
        upstream.last_headers()["authorization"],
        "Bearer sk-cli-two"
    );

    // A key on the command line is a usage error: it would land in ps and shell history.
    let (code, _, _) = keys(
        &[
            &base[..],
            &["add", "--provider", "test-openai", "sk-in-argv"],
        ]
        .concat(),
        &env,
        "",
    );
    assert_eq!(code, 2);
    let (code, _, err) = keys(
        &[&base[..], &["add", "--provider", "test-openai"]].concat(),
        &env,
        "",
    );
    assert_eq!(code, 2);
    assert!(err.contains("no key on standard input"), "{err}");

    let (code, _, err) = keys(
        &[&base[..], &["revoke", "--provider", "test-openai"]].concat(),
        &env,
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(chat(&gw, common::CLIENT_KEY, "gpt-4o-mini").await.0, 200);
    assert_eq!(
        upstream.last_headers()["authorization"],
        format!("Bearer {}", common::PROVIDER_KEY)
    );

    let (code, _, err) = keys(
        &[&base[..], &["list"]].concat(),
        &[("LEDGERGATE_ADMIN_TOKEN", "wrong")],
        "",
    );
    assert_eq!(code, 2);
    assert!(err.contains("Incorrect admin token"), "{err}");
    let (code, _, err) = keys(&[&base[..], &["list"]].concat(), &[], "");
    assert_eq!(code, 2);
    assert!(
        err.contains("LEDGERGATE_ADMIN_TOKEN (the admin token) is not set"),
        "{err}"
    );
}

#[tokio::test]
async fn master_rotation_is_offline_verifies_the_old_key_and_keeps_every_key_usable() {
    let upstream = TestUpstream::openai().await;
    let gw = start(&admin_config(&upstream.base_url()), &[]);
    let secret = create_key(&gw, serde_json::json!({"tenant": "acme", "id": "kept"})).await;
    let (status, _) = admin(
        &gw,
        reqwest::Method::PUT,
        "/admin/v1/provider-keys/test-openai",
        Some(serde_json::json!({"key": "sk-kept"})),
    )
    .await;
    assert_eq!(status, 200);
    let config = config_path(&gw);
    let data = gw.data_dir().to_str().unwrap().to_owned();
    let guarded = [
        "--config",
        config.as_str(),
        "--data-dir",
        data.as_str(),
        "rotate",
        "--master",
    ];
    let rotate = [&guarded[..], &["--vault-only"]].concat();

    // While the server holds the vault, the offline rotation refuses.
    let (code, _, err) = keys(&rotate, &[("LEDGERGATE_NEW_MASTER_KEY", NEW_MASTER)], "");
    assert_eq!(code, 2);
    assert!(err.contains("stop the server first"), "{err}");

    let (dir, output) = stop_with_output(gw).await;
    assert!(!output.contains(NEW_MASTER));
    let new_key = [("LEDGERGATE_NEW_MASTER_KEY", NEW_MASTER)];
    let (code, out, err) = keys(&guarded, &new_key, "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("of the audit log"), "{out}");
    assert!(out.contains("1 data key(s) of the key vault"), "{out}");
    assert!(!out.contains(NEW_MASTER) && !err.contains(NEW_MASTER));
    // Run again, it finds nothing left to do: an interrupted rotation is finished by
    // running the same command again.
    let (code, out, err) = keys(&guarded, &new_key, "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Nothing to re-wrap"), "{out}");
    // A key that opens neither store is refused before anything changes.
    let other = "11".repeat(32);
    let (code, _, err) = keys(
        &guarded,
        &[
            ("LEDGERGATE_MASTER_KEY", other.as_str()),
            ("LEDGERGATE_NEW_MASTER_KEY", MASTER_KEY),
        ],
        "",
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("the master key does not open the key vault"),
        "{err}"
    );

    // The audit log verifies and decrypts under the new key only; the re-wraps of
    // both stores are in it.
    let new_cli = |args: &[&str]| ledgergate(args, &[("LEDGERGATE_MASTER_KEY", NEW_MASTER)], "");
    let (code, tail, err) = new_cli(&["audit", "tail", "--data-dir", data.as_str(), "-n", "50"]);
    assert_eq!(code, 0, "{err}");
    assert!(!tail.contains("\"error\""), "every record decrypts: {tail}");
    assert_eq!(tail.matches("audit_master_rewrap").count(), 1, "{tail}");
    assert_eq!(tail.matches("key_vault_master_rewrap").count(), 1, "{tail}");
    let (code, _, err) = new_cli(&["audit", "verify", "--decrypt", "--data-dir", data.as_str()]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = common::cli(&["audit", "show", "--seq", "0", "--data-dir", data.as_str()]);
    assert_eq!(code, 2, "the old master key no longer opens the audit keys");
    assert!(err.contains("does not match"), "{err}");

    // --vault-only re-wraps the vault alone (here: back to the original key).
    let (code, out, err) = keys(
        &rotate,
        &[
            ("LEDGERGATE_MASTER_KEY", NEW_MASTER),
            ("LEDGERGATE_NEW_MASTER_KEY", MASTER_KEY),
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Re-wrapped 1 data key(s) of the key vault"),
        "{out}"
    );
    assert!(!out.contains("audit log"), "{out}");
    // And the audit log follows with a second run without --vault-only.
    let (code, out, err) = keys(
        &guarded,
        &[
            ("LEDGERGATE_MASTER_KEY", NEW_MASTER),
            ("LEDGERGATE_NEW_MASTER_KEY", MASTER_KEY),
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("of the audit log"), "{out}");
    assert!(
        !out.contains("key vault"),
        "the vault was already done: {out}"
    );

    let gw = start_in(dir, &[]);
    assert_eq!(chat(&gw, &secret, "gpt-4o-mini").await.0, 200);
    assert_eq!(upstream.last_headers()["authorization"], "Bearer sk-kept");
}

#[tokio::test]
async fn without_a_running_server_keys_opens_the_vault_directly_and_audits() {
    let upstream = TestUpstream::openai().await;
    let gw = start(&admin_config(&upstream.base_url()), &[]);
    let config = config_path(&gw);
    let data = gw.data_dir().to_str().unwrap().to_owned();
    let base = ["--config", config.as_str(), "--data-dir", data.as_str()];
    // While the server runs, the config's admin address is unknown (port 0) and the
    // vault is locked: the error says how to go through the admin API instead.
    let (code, _, err) = keys(
        &[&base[..], &["list"]].concat(),
        &[("TEST_ADMIN_TOKEN", "")],
        "",
    );
    assert_eq!(code, 2);
    assert!(err.contains("stop the server first"), "{err}");
    let dir = stop(gw).await;

    let (code, out, err) = keys(
        &[
            &base[..],
            &["add", "--tenant", "acme", "--id", "offline-key"],
        ]
        .concat(),
        &[],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let secret = out.lines().last().unwrap().trim().to_owned();
    assert!(secret.starts_with("lgk_"), "{out}");
    let (code, _, err) = keys(
        &[&base[..], &["add", "--provider", "test-openai"]].concat(),
        &[],
        "sk-offline",
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = keys(
        &[&base[..], &["add", "--tenant", "nobody"]].concat(),
        &[],
        "",
    );
    assert_eq!(code, 2);
    assert!(err.contains("Tenant \"nobody\" is not configured"), "{err}");
    let (code, listed, err) = keys(&[&base[..], &["list"]].concat(), &[], "");
    assert_eq!(code, 0, "{err}");
    assert!(
        listed.contains("offline-key\tacme") && listed.contains("test-openai\t1"),
        "{listed}"
    );
    // An admin URL nobody listens on falls back to the vault too.
    let (code, _, err) = keys(
        &[&base[..], &["--admin-url", "http://127.0.0.1:9", "list"]].concat(),
        &[],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("no server answers"), "{err}");

    let (code, tail, err) =
        common::cli(&["audit", "tail", "--data-dir", data.as_str(), "-n", "50"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        tail.contains("offline-key") && tail.contains("key_created"),
        "{tail}"
    );
    assert!(!tail.contains(&secret) && !tail.contains("sk-offline"));
    let (code, _, err) = common::cli(&["audit", "verify", "--data-dir", data.as_str()]);
    assert_eq!(code, 0, "{err}");

    let gw = start_in(dir, &[]);
    assert_eq!(chat(&gw, &secret, "gpt-4o-mini").await.0, 200);
    assert_eq!(
        upstream.last_headers()["authorization"],
        "Bearer sk-offline"
    );
}
