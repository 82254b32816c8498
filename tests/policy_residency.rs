//! The residency matrix through HTTP: tenants x detected data classes x provider regions
//! and certifications. Each case asserts which provider received the request, or the
//! 403 and that no upstream saw a byte.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;

use common::*;
use serde_json::Value;

struct World {
    gw: TestGateway,
    /// eu-a: eu-west, EU, gdpr_dpa
    eu_a: TestUpstream,
    /// eu-b: eu-central-1, EU, gdpr_dpa + zero_data_retention
    eu_b: TestUpstream,
    /// us-a: us-east, US, hipaa_baa
    us_a: TestUpstream,
    /// us-b: us-west, US, hipaa_baa + zero_data_retention
    us_b: TestUpstream,
}

const CLINIC_KEY: &str = "lgk-test-clinic-key-0123456789abcdef";
const LOOSE_KEY: &str = "lgk-test-nopolicy-key-0123456789abcd";

fn provider(
    name: &str,
    upstream: &TestUpstream,
    region: &str,
    jurisdiction: &str,
    certs: &str,
) -> String {
    format!(
        "[[providers]]\nname = \"{name}\"\nkind = \"openai\"\nbase_url = \"{}\"\nregion = \"{region}\"\njurisdiction = \"{jurisdiction}\"\ncertifications = [{certs}]\nmodels = [\"gpt-4o-mini\"]\n",
        upstream.base_url()
    )
}

async fn world() -> World {
    let (eu_a, eu_b, us_a, us_b) = (
        TestUpstream::openai().await,
        TestUpstream::openai().await,
        TestUpstream::openai().await,
        TestUpstream::openai().await,
    );
    let config = format!(
        r#"
[server]
listen = "127.0.0.1:0"
[policy]
dir = "{policies}"
{}{}{}{}
[[tenants]]
id = "acme"
policy = "gdpr-eu"
[[tenants.keys]]
id = "acme-app"
secret_env = "TEST_CLIENT_KEY"

[[tenants]]
id = "clinic"
policy = "hipaa"
[[tenants.keys]]
id = "clinic-app"
secret_env = "CLINIC_KEY"

[[tenants]]
id = "loose"
[[tenants.keys]]
id = "loose-app"
secret_env = "LOOSE_KEY"
"#,
        provider("eu-a", &eu_a, "eu-west", "EU", "\"gdpr_dpa\""),
        provider(
            "eu-b",
            &eu_b,
            "eu-central-1",
            "EU",
            "\"gdpr_dpa\", \"zero_data_retention\""
        ),
        provider("us-a", &us_a, "us-east", "US", "\"hipaa_baa\""),
        provider(
            "us-b",
            &us_b,
            "us-west",
            "US",
            "\"hipaa_baa\", \"zero_data_retention\""
        ),
        policies = shipped_policies(),
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledgergate.toml");
    std::fs::write(&path, config).unwrap();
    let data = dir.path().join("data");
    let gw = TestGateway::spawn(
        &[
            "serve",
            "--config",
            path.to_str().unwrap(),
            "--data-dir",
            data.to_str().unwrap(),
        ],
        dir,
        &[("CLINIC_KEY", CLINIC_KEY), ("LOOSE_KEY", LOOSE_KEY)],
    );
    World {
        gw,
        eu_a,
        eu_b,
        us_a,
        us_b,
    }
}

impl World {
    fn counts(&self) -> [usize; 4] {
        [
            self.eu_a.requests(),
            self.eu_b.requests(),
            self.us_a.requests(),
            self.us_b.requests(),
        ]
    }

    async fn send(&self, key: &str, text: &str, residency: Option<&str>) -> (u16, Value) {
        let body = serde_json::json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": text}]});
        let mut request = http()
            .post(format!("{}/v1/chat/completions", self.gw.url))
            .bearer_auth(key)
            .json(&body);
        if let Some(r) = residency {
            request = request.header("x-ledgergate-residency", r);
        }
        let response = request.send().await.unwrap();
        (response.status().as_u16(), response.json().await.unwrap())
    }
}

#[tokio::test]
async fn the_residency_matrix_holds() {
    let w = world().await;
    // (tenant key, text, narrowing header, expected: Ok(index of upstream) or Err(code))
    type Case<'a> = (&'a str, &'a str, Option<&'a str>, Result<usize, &'a str>);
    let cases: Vec<Case> = vec![
        // gdpr-eu: EU + gdpr_dpa; us-* excluded by region, eu-a first.
        (CLIENT_KEY, "Summarise the meeting notes", None, Ok(0)),
        (CLIENT_KEY, "Write to jane.doe@example.com", None, Ok(0)),
        // health data under gdpr-eu also needs zero_data_retention: only eu-b.
        (
            CLIENT_KEY,
            "Patient MRN: 48291047 was admitted",
            None,
            Ok(1),
        ),
        // the client narrows to eu-central: eu-b.
        (
            CLIENT_KEY,
            "Summarise the meeting notes",
            Some("eu-central"),
            Ok(1),
        ),
        // the client cannot widen: asking for the US leaves nothing.
        (
            CLIENT_KEY,
            "Summarise the meeting notes",
            Some("us"),
            Err("residency_denied"),
        ),
        // hipaa: US + hipaa_baa; us-a first.
        (CLINIC_KEY, "Summarise the discharge letter", None, Ok(2)),
        // a medical record number needs zero_data_retention too: us-b.
        (
            CLINIC_KEY,
            "Patient MRN: 48291047 was admitted",
            None,
            Ok(3),
        ),
        // hipaa narrowed to EU: nothing left.
        (
            CLINIC_KEY,
            "Summarise the discharge letter",
            Some("EU"),
            Err("residency_denied"),
        ),
        // no policy: deny by default.
        (LOOSE_KEY, "hello", None, Err("no_policy")),
    ];
    for (key, text, narrowing, expected) in cases {
        let before = w.counts();
        let (status, body) = w.send(key, text, narrowing).await;
        let after = w.counts();
        let moved: Vec<usize> = (0..4).filter(|i| after[*i] != before[*i]).collect();
        match expected {
            Ok(index) => {
                assert_eq!(status, 200, "{text:?} {narrowing:?}: {body}");
                assert_eq!(
                    moved,
                    vec![index],
                    "{text:?} {narrowing:?} went to the wrong provider"
                );
            }
            Err(code) => {
                assert_eq!(status, 403, "{text:?} {narrowing:?}: {body}");
                assert_eq!(body["error"]["code"], code, "{body}");
                assert!(
                    moved.is_empty(),
                    "a denied request reached an upstream: {text:?}"
                );
            }
        }
    }
}

#[tokio::test]
async fn a_residency_denial_says_why_for_each_provider() {
    let w = world().await;
    let (status, body) = w.send(CLIENT_KEY, "Summarise the notes", Some("us")).await;
    assert_eq!(status, 403);
    let message = body["error"]["message"].as_str().unwrap();
    for expected in [
        "policy \"gdpr-eu\"",
        "us-a: region us-east is outside the policy's regions (eu)",
        "eu-a: region eu-west (EU) is outside the residency the client asked for (us)",
    ] {
        assert!(
            message.contains(expected),
            "missing {expected:?} in {message}"
        );
    }
    let (status, body) = w.send(CLIENT_KEY, "x", Some("")).await;
    assert_eq!(
        (status, body["error"]["type"].as_str()),
        (400, Some("invalid_request_error"))
    );
}
