//! Provider keys in the vault: written, rotated and removed through the admin API,
//! never read back; the vaulted key is what the upstream receives (vault wins over the
//! environment), and it survives a restart.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;
mod vault_support;

use reqwest::Method;
use serde_json::json;

use common::{TestUpstream, PROVIDER_KEY};
use vault_support::*;

fn authorization(upstream: &TestUpstream) -> String {
    upstream.last_headers()["authorization"]
        .to_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_provider_key_written_through_the_admin_api_is_what_the_upstream_receives() {
    let upstream = TestUpstream::openai().await;
    let gw = start(&admin_config(&upstream.base_url()), &[]);
    assert_eq!(chat(&gw, common::CLIENT_KEY, "gpt-4o-mini").await.0, 200);
    assert_eq!(authorization(&upstream), format!("Bearer {PROVIDER_KEY}"));

    let path = "/admin/v1/provider-keys/test-openai";
    let (status, info) = admin(
        &gw,
        Method::PUT,
        path,
        Some(json!({"key": "sk-vaulted-one"})),
    )
    .await;
    assert_eq!(status, 200, "{info}");
    assert_eq!(info["version"], 1);
    assert!(!info.to_string().contains("sk-vaulted-one"));
    assert_eq!(chat(&gw, common::CLIENT_KEY, "gpt-4o-mini").await.0, 200);
    assert_eq!(
        authorization(&upstream),
        "Bearer sk-vaulted-one",
        "the vault wins over the env"
    );

    let (status, info) = admin(
        &gw,
        Method::PUT,
        path,
        Some(json!({"key": "sk-vaulted-two"})),
    )
    .await;
    assert_eq!((status, info["version"].as_u64()), (200, Some(2)));
    assert_eq!(chat(&gw, common::CLIENT_KEY, "gpt-4o-mini").await.0, 200);
    assert_eq!(authorization(&upstream), "Bearer sk-vaulted-two");

    let (status, listed) = admin(&gw, Method::GET, "/admin/v1/provider-keys", None).await;
    assert_eq!(status, 200);
    assert_eq!(listed["data"][0]["provider"], "test-openai");
    assert_eq!(listed["data"][0]["version"], 2);
    assert!(listed["data"][0]["updated_at"].is_string());
    assert!(
        !listed.to_string().contains("sk-vaulted"),
        "values are never read back"
    );

    let (status, _) = admin(&gw, Method::DELETE, path, None).await;
    assert_eq!(status, 200);
    assert_eq!(chat(&gw, common::CLIENT_KEY, "gpt-4o-mini").await.0, 200);
    assert_eq!(authorization(&upstream), format!("Bearer {PROVIDER_KEY}"));
    let (status, body) = admin(&gw, Method::DELETE, path, None).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("provider_key_not_found"))
    );

    let (status, body) = admin(
        &gw,
        Method::PUT,
        "/admin/v1/provider-keys/nowhere",
        Some(json!({"key": "sk-x"})),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("provider_not_found"))
    );
    let (status, _) = admin(&gw, Method::PUT, path, Some(json!({"value": "sk-x"}))).await;
    assert_eq!(status, 400);
    let (status, _) = admin(&gw, Method::PUT, path, Some(json!({"key": ""}))).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn a_vaulted_provider_key_survives_a_restart_and_stands_in_for_a_missing_env_var() {
    let upstream = TestUpstream::openai().await;
    let config = admin_config(&upstream.base_url());
    let without_env = config.replace("api_key_env = \"TEST_PROVIDER_KEY\"\n", "");
    assert_ne!(without_env, config);
    let gw = start(&without_env, &[]);
    let path = "/admin/v1/provider-keys/test-openai";
    let (status, _) = admin(
        &gw,
        Method::PUT,
        path,
        Some(json!({"key": "sk-from-vault"})),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(chat(&gw, common::CLIENT_KEY, "gpt-4o-mini").await.0, 200);
    assert_eq!(authorization(&upstream), "Bearer sk-from-vault");

    let dir = stop(gw).await;
    // Now the config names a variable that is not set: the vault's key stands in.
    let unset = config.replace("TEST_PROVIDER_KEY", "LEDGERGATE_TEST_UNSET_VARIABLE");
    std::fs::write(dir.path().join("ledgergate.toml"), unset).unwrap();
    let gw = start_in(dir, &[]);
    assert_eq!(chat(&gw, common::CLIENT_KEY, "gpt-4o-mini").await.0, 200);
    assert_eq!(authorization(&upstream), "Bearer sk-from-vault");
}

#[tokio::test]
async fn the_anthropic_adapter_sends_the_vaulted_key_as_x_api_key() {
    let native = common::anthropic::start(common::anthropic::json(200, "response_text.json")).await;
    let config = common::config_for(
        "http://127.0.0.1:9/v1",
        &format!(
            "{}{ADMIN_SECTION}",
            common::anthropic::provider_toml(&native)
        ),
    );
    // The environment holds a wrong key: only the vaulted one opens the test upstream.
    let gw = start(&config, &[("TEST_PROVIDER_KEY", "sk-wrong-env-key")]);
    let model = common::anthropic::MODEL;
    let (status, body) = chat(&gw, common::CLIENT_KEY, model).await;
    assert_eq!(status, 502, "the env key is refused upstream: {body}");
    assert_eq!(
        body["error"]["code"], "upstream_credentials_rejected",
        "{body}"
    );
    let (status, _) = admin(
        &gw,
        Method::PUT,
        "/admin/v1/provider-keys/test-anthropic",
        Some(json!({"key": PROVIDER_KEY})),
    )
    .await;
    assert_eq!(status, 200);
    let (status, body) = chat(&gw, common::CLIENT_KEY, model).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        common::native::header(&native.last(), "x-api-key"),
        PROVIDER_KEY
    );
}
