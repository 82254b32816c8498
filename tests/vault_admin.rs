//! Virtual keys through the admin API: created once with their secret, listed without
//! it, revoked with effect on the next request; expiry, allowed models, restarts, and
//! the admin token.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;
mod vault_support;

use reqwest::Method;
use serde_json::json;

use common::TestUpstream;
use vault_support::*;

#[tokio::test]
async fn the_admin_api_needs_its_own_token() {
    let upstream = TestUpstream::openai().await;
    let gw = start(&admin_config(&upstream.base_url()), &[]);
    let path = "/admin/v1/virtual-keys";
    let (status, body) = admin_with(&gw, None, Method::GET, path, None).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["error"]["code"], "invalid_api_key");
    let (status, _) = admin_with(&gw, Some("wrong-token"), Method::GET, path, None).await;
    assert_eq!(status, 401);
    // A client's virtual key is not an admin token.
    let (status, _) = admin_with(&gw, Some(common::CLIENT_KEY), Method::GET, path, None).await;
    assert_eq!(status, 401);
    let (status, body) = admin(&gw, Method::GET, path, None).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"], json!([]));
    // The admin routes are not on the client listener.
    let on_client = common::http()
        .get(format!("{}{path}", gw.url))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(on_client.status(), 404);
}

#[tokio::test]
async fn without_a_token_variable_the_admin_api_is_off() {
    let upstream = TestUpstream::openai().await;
    let gw = start(
        &admin_config(&upstream.base_url()),
        &[("TEST_ADMIN_TOKEN", "")],
    );
    assert!(
        !gw.output().contains("admin API listening"),
        "{}",
        gw.output()
    );
}

#[tokio::test]
async fn a_created_key_works_until_revoked_then_gets_401_on_the_next_request() {
    let upstream = TestUpstream::openai().await;
    let gw = start(&admin_config(&upstream.base_url()), &[]);
    let (status, created) = admin(
        &gw,
        Method::POST,
        "/admin/v1/virtual-keys",
        Some(json!({"tenant": "acme", "id": "app2", "rate_limit_rpm": 60, "budget_usd": 12.5})),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let key = created["key"].as_str().unwrap().to_owned();
    assert!(key.starts_with("lgk_") && key.len() == 4 + 43, "{key}");
    assert_eq!(created["id"], "app2");
    assert_eq!(created["rate_limit_rpm"], 60);

    let (status, body) = chat(&gw, &key, "gpt-4o-mini").await;
    assert_eq!(status, 200, "{body}");
    // Bootstrap keys from the config keep working beside vaulted ones.
    assert_eq!(chat(&gw, common::CLIENT_KEY, "gpt-4o-mini").await.0, 200);

    let (status, listed) = admin(&gw, Method::GET, "/admin/v1/virtual-keys", None).await;
    assert_eq!(status, 200);
    assert_eq!(listed["data"][0]["id"], "app2");
    assert_eq!(listed["data"][0]["tenant"], "acme");
    assert!(
        !listed.to_string().contains(&key),
        "the secret is shown only once"
    );
    assert!(listed["data"][0].get("key").is_none());

    let (status, dup) = admin(
        &gw,
        Method::POST,
        "/admin/v1/virtual-keys",
        Some(json!({"tenant": "acme", "id": "app2"})),
    )
    .await;
    assert_eq!(
        (status, dup["error"]["code"].as_str()),
        (409, Some("virtual_key_exists"))
    );
    let (status, unknown) = admin(
        &gw,
        Method::POST,
        "/admin/v1/virtual-keys",
        Some(json!({"tenant": "nobody"})),
    )
    .await;
    assert_eq!(
        (status, unknown["error"]["code"].as_str()),
        (400, Some("unknown_tenant"))
    );
    let (status, bad) = admin(
        &gw,
        Method::POST,
        "/admin/v1/virtual-keys",
        Some(json!({"tenant": "acme", "colour": "red"})),
    )
    .await;
    assert_eq!(status, 400, "{bad}");

    let (status, _) = admin(&gw, Method::DELETE, "/admin/v1/virtual-keys/app2", None).await;
    assert_eq!(status, 200);
    let (status, body) = chat(&gw, &key, "gpt-4o-mini").await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["error"]["code"], "invalid_api_key");
    let (status, body) = admin(&gw, Method::DELETE, "/admin/v1/virtual-keys/app2", None).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("virtual_key_not_found"))
    );
}

#[tokio::test]
async fn an_expired_key_gets_401() {
    let upstream = TestUpstream::openai().await;
    let gw = start(&admin_config(&upstream.base_url()), &[]);
    let expired = create_key(
        &gw,
        json!({"tenant": "acme", "id": "old", "expires_at": "2020-01-01T00:00:00Z"}),
    )
    .await;
    let (status, body) = chat(&gw, &expired, "gpt-4o-mini").await;
    assert_eq!(status, 401, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("expired"),
        "{body}"
    );
    let future = create_key(
        &gw,
        json!({"tenant": "acme", "id": "new", "expires_at": "2999-01-01T00:00:00Z"}),
    )
    .await;
    assert_eq!(chat(&gw, &future, "gpt-4o-mini").await.0, 200);
    assert_eq!(
        upstream.requests(),
        1,
        "the expired key reached no upstream"
    );
}

#[tokio::test]
async fn a_model_outside_the_allowed_list_is_refused() {
    let upstream = TestUpstream::openai().await;
    let gw = start(&admin_config(&upstream.base_url()), &[]);
    let embeddings_only = create_key(
        &gw,
        json!({"tenant": "acme", "models": ["text-embedding-3-small"]}),
    )
    .await;
    let (status, body) = chat(&gw, &embeddings_only, "gpt-4o-mini").await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["error"]["code"], "model_not_allowed");
    assert_eq!(
        upstream.requests(),
        0,
        "a refused request reaches no upstream"
    );
    // An allowed list may name an alias.
    let via_alias = create_key(&gw, json!({"tenant": "acme", "models": ["fast"]})).await;
    assert_eq!(chat(&gw, &via_alias, "gpt-4o-mini").await.0, 200);
    assert_eq!(chat(&gw, &via_alias, "fast").await.0, 200);
}

#[tokio::test]
async fn a_restart_keeps_the_vaulted_keys() {
    let upstream = TestUpstream::openai().await;
    let gw = start(&admin_config(&upstream.base_url()), &[]);
    let key = create_key(&gw, json!({"tenant": "acme", "id": "durable"})).await;
    let dir = stop(gw).await;
    let gw = start_in(dir, &[]);
    let (status, body) = chat(&gw, &key, "gpt-4o-mini").await;
    assert_eq!(status, 200, "{body}");
    let (_, listed) = admin(&gw, Method::GET, "/admin/v1/virtual-keys", None).await;
    assert_eq!(listed["data"][0]["id"], "durable");
}

#[tokio::test]
async fn a_key_over_its_rate_limit_gets_429() {
    let upstream = TestUpstream::openai().await;
    let gw = start(&admin_config(&upstream.base_url()), &[]);
    let limited = create_key(&gw, json!({"tenant": "acme", "rate_limit_rpm": 2})).await;
    assert_eq!(chat(&gw, &limited, "gpt-4o-mini").await.0, 200);
    assert_eq!(chat(&gw, &limited, "gpt-4o-mini").await.0, 200);
    let (status, body) = chat(&gw, &limited, "gpt-4o-mini").await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(body["error"]["code"], "rate_limit_exceeded");
    assert_eq!(
        upstream.requests(),
        2,
        "the refused request reached no upstream"
    );
    // Other keys are not affected.
    assert_eq!(chat(&gw, common::CLIENT_KEY, "gpt-4o-mini").await.0, 200);
    let (status, _) = admin(
        &gw,
        Method::POST,
        "/admin/v1/virtual-keys",
        Some(json!({"tenant": "acme", "rate_limit_rpm": 0})),
    )
    .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn the_admin_api_speaks_tls_and_the_cli_trusts_the_configured_certificate() {
    let upstream = TestUpstream::openai().await;
    let cert = rcgen::generate_simple_self_signed(vec!["127.0.0.1".into()]).unwrap();
    let certs = tempfile::tempdir().unwrap();
    let (cert_path, key_path) = (
        certs.path().join("admin.pem"),
        certs.path().join("admin.key"),
    );
    std::fs::write(&cert_path, cert.cert.pem()).unwrap();
    std::fs::write(&key_path, cert.signing_key.serialize_pem()).unwrap();
    let section = ADMIN_SECTION.replace(
        "[admin]\n",
        &format!(
            "[admin]\ntls_cert = \"{}\"\ntls_key = \"{}\"\n",
            cert_path.display(),
            key_path.display()
        ),
    );
    let gw = start(&common::config_for(&upstream.base_url(), &section), &[]);
    let url = admin_url(&gw);
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");

    // A client that does not trust the certificate is refused at the handshake.
    let refused = common::http()
        .get(format!("{url}/admin/v1/virtual-keys"))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await;
    assert!(refused.is_err());
    // Plain HTTP on the TLS port gets no answer from the admin API.
    let plain = common::http()
        .get(format!(
            "{}/admin/v1/virtual-keys",
            url.replace("https://", "http://")
        ))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await;
    assert!(plain.map_or(true, |r| r.status() != 200));

    // The CLI trusts the certificate the config names.
    let config = gw.path().join("ledgergate.toml");
    let (code, out, err) = keys(
        &[
            "--config",
            config.to_str().unwrap(),
            "--admin-url",
            &url,
            "add",
            "--tenant",
            "acme",
            "--id",
            "over-tls",
        ],
        &[],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let secret = out.lines().last().unwrap().trim().to_owned();
    assert_eq!(chat(&gw, &secret, "gpt-4o-mini").await.0, 200);
    assert!(!err.contains(ADMIN_TOKEN) && !out.contains(ADMIN_TOKEN));
}
