//! Hot reload: a changed policy file takes effect without a restart, a broken one is
//! refused whole (the old policy keeps serving, the failure is logged and audited), and
//! a request never sees a mix of two versions.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;

use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

fn policy(email: &str, phone: &str) -> String {
    format!("id = \"default\"\n[pii.actions]\nEMAIL_ADDRESS = \"{email}\"\nPHONE_NUMBER = \"{phone}\"\n")
}

const ASK: &str = r#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"mail jane.doe@example.com or call +44 20 7946 0958"}]}"#;

async fn sent_text(gw: &TestGateway, upstream: &TestUpstream) -> String {
    assert_eq!(
        post_json(gw, "/v1/chat/completions", ASK).await.status(),
        200
    );
    upstream.last_body()["messages"][0]["content"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn wait_for(gw: &TestGateway, upstream: &TestUpstream, expected: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let sent = sent_text(gw, upstream).await;
        if sent == expected {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the new policy never took effect; still sending {sent:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_changed_file_takes_effect_and_a_broken_one_keeps_the_old_policy() {
    let upstream = TestUpstream::openai().await;
    let mut gw = TestGateway::start_with_policies(
        &config_for(&upstream.base_url(), ""),
        &[("default.toml", &policy("tokenize", "tokenize"))],
    );
    let file = gw.policy_dir().join("default.toml");
    assert_eq!(
        sent_text(&gw, &upstream).await,
        "mail <EMAIL_ADDRESS_1> or call <PHONE_NUMBER_1>"
    );

    std::fs::write(&file, policy("mask", "mask")).unwrap();
    wait_for(
        &gw,
        &upstream,
        "mail <EMAIL_ADDRESS> or call <PHONE_NUMBER>",
    )
    .await;

    // A broken file: refused whole, the previous version keeps serving.
    std::fs::write(
        &file,
        "id = \"default\"\n[pii.actions]\nEMAIL_ADRESS = \"allow\"\n",
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    while !gw.output().contains("policy reload failed") {
        assert!(
            Instant::now() < deadline,
            "the failed reload was not logged:\n{}",
            gw.output()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        gw.output().contains("EMAIL_ADRESS"),
        "the log names the bad entity"
    );

    assert_eq!(
        sent_text(&gw, &upstream).await,
        "mail <EMAIL_ADDRESS> or call <PHONE_NUMBER>"
    );

    // SIGHUP reloads (and does not stop the gateway).
    std::fs::write(&file, policy("tokenize", "mask")).unwrap();
    gw.sighup();
    wait_for(
        &gw,
        &upstream,
        "mail <EMAIL_ADDRESS_1> or call <PHONE_NUMBER>",
    )
    .await;

    gw.sigterm();
    gw.wait_exit(Duration::from_secs(10));
    let (code, out, err) = cli(&[
        "audit",
        "tail",
        "-n",
        "1000",
        "--data-dir",
        gw.data_dir().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let reloads: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|l| l["record"]["event"]["action"] == "policy_reloaded")
        .map(|l| l["record"]["event"]["detail"].clone())
        .collect();
    let results: Vec<&str> = reloads
        .iter()
        .filter_map(|d| d["result"].as_str())
        .collect();
    assert!(
        results.contains(&"ok") && results.contains(&"failed"),
        "{reloads:?}"
    );
    let failed = reloads.iter().find(|d| d["result"] == "failed").unwrap();
    assert!(
        failed["error"].as_str().unwrap().contains("EMAIL_ADRESS"),
        "{failed}"
    );
}

#[tokio::test]
async fn a_request_never_sees_two_policy_versions() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start_with_policies(
        &config_for(&upstream.base_url(), ""),
        &[("default.toml", &policy("tokenize", "tokenize"))],
    );
    let file = gw.policy_dir().join("default.toml");
    let url = gw.url.clone();
    let clients: Vec<_> = (0..4)
        .map(|_| {
            let url = url.clone();
            tokio::spawn(async move {
                for _ in 0..60 {
                    let response = http()
                        .post(format!("{url}/v1/chat/completions"))
                        .bearer_auth(CLIENT_KEY)
                        .header("content-type", "application/json")
                        .body(ASK)
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(response.status(), 200);
                    response.bytes().await.unwrap();
                }
            })
        })
        .collect();
    for i in 0..30 {
        let (email, phone) = if i % 2 == 0 {
            ("mask", "mask")
        } else {
            ("tokenize", "tokenize")
        };
        std::fs::write(&file, policy(email, phone)).unwrap();
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
    for c in clients {
        c.await.unwrap();
    }
    let received = upstream.state.received.lock().unwrap();
    assert!(received.len() >= 240);
    for r in received.iter() {
        let text = r.body["messages"][0]["content"].as_str().unwrap();
        assert!(
            text == "mail <EMAIL_ADDRESS_1> or call <PHONE_NUMBER_1>"
                || text == "mail <EMAIL_ADDRESS> or call <PHONE_NUMBER>",
            "a request mixed two policy versions: {text}"
        );
    }
}
